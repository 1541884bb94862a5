/**
 * `npm start [-- --stack dev] [--config-file <path>] [--stage dev] [--port 3000]`: serves a stack on 127.0.0.1 with no cloud
 * account: the program runs under mocks as `npm run preview` does, and the twin serves what it captured.
 */
import { ConfigError } from "../config/parse";
import { exitAfterFlush } from "../preview/exit";
import { PortInUse } from "./server-kit";
import type { Twin } from "./twin";

export const START_USAGE = "usage: npm start -- [--stack <name>] [--config-file <path>] [--stage <stage>] [--port <port>] [--backend <host>=<local base URL>]...";

export interface StartArgs {
  readonly stack: string;
  /** A stack file in the same format to read instead of `Pulumi.<stack>.yaml` (e.g. examples/Pulumi.edge.yaml). */
  readonly configFile: string | undefined;
  readonly stage: string | undefined;
  readonly port: number;
  /** HTTP integration hosts the twin sends to local servers instead, e.g. legacy.example.com → http://127.0.0.1:4000. */
  readonly backends: Readonly<Record<string, string>>;
}

export function parseStartArgs(argv: readonly string[]): StartArgs {
  const values: Record<string, string> = {};
  const backends: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!["--stack", "--config-file", "--stage", "--port", "--backend"].includes(arg)) throw new Error(`unknown argument ${JSON.stringify(arg)}; ${START_USAGE}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a value; ${START_USAGE}`);
    if (arg === "--backend") {
      const match = /^([a-z0-9.-]+(?::\d+)?)=(https?:\/\/[^\s]+)$/.exec(value);
      if (!match) throw new Error(`--backend: ${JSON.stringify(value)} is not <host>=<http(s) base URL>, e.g. legacy.example.com=http://127.0.0.1:4000`);
      backends[match[1] as string] = match[2] as string;
    } else values[arg.slice(2)] = value;
  }
  const port = values.port === undefined ? 3000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65533) {
    throw new Error(`--port: ${JSON.stringify(values.port)} is not a port from 0 to 65533 (the WebSocket and HTTP APIs take the next two)`);
  }
  return { stack: values.stack ?? "dev", configFile: values["config-file"], stage: values.stage, port, backends };
}

/** Signals that stop the twin: Ctrl-C, a polite kill, and the terminal going away. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** How often the twin checks that the process that started it (npm, a shell) is still there. */
const PARENT_CHECK_MS = 500;

/**
 * Resolves with why the twin should stop: a stop signal, its parent going away (the twin is then
 * adopted by another process: `npm start` killed with SIGKILL or SIGHUP leaves no one to stop it), or
 * a fatal error (DynamoDB Local died).
 */
function stopReason(fatal: Promise<Error>): Promise<{ readonly code: number; readonly why: string }> {
  const parent = process.ppid;
  return new Promise((resolve) => {
    for (const signal of STOP_SIGNALS) process.once(signal, () => resolve({ code: 0, why: signal }));
    const watch = setInterval(() => {
      if (process.ppid !== parent) resolve({ code: 0, why: `its parent process ${parent} is gone` });
    }, PARENT_CHECK_MS);
    watch.unref();
    void fatal.then((error) => resolve({ code: 1, why: error.message }));
  });
}

function banner(args: StartArgs, twin: Twin, seconds: number): string {
  const lines = [
    `local twin of stack ${args.stack}, stage ${twin.stage}: ready in ${seconds.toFixed(1)} s`,
    ...(twin.restUrl ? [`  REST API       ${twin.restUrl}`] : []),
    ...(twin.websocketUrl ? [`  WebSocket API  ${twin.websocketUrl}?token=<ID token>`] : []),
    ...(twin.httpUrl ? [`  HTTP API       ${twin.httpUrl}  (no stage prefix; JWT routes: Authorization: Bearer <ID token>)`] : []),
    ...Object.entries(twin.apiKeys).map(([name, value]) => `  API key ${name}: ${value}`),
    ...(twin.restUrl ? [`  metrics        ${new URL(twin.restUrl).origin}/_twin/metrics (and on exit)`] : []),
    `  processes      twin pid ${process.pid}, DynamoDB Local pid ${twin.dynamoDbPid ?? "?"}`,
    `  ID token of local user "dev" (Authorization: Bearer ..., or ?token= on the WebSocket API):`,
    `    ${twin.tokens.idToken("dev", 12 * 3600)}`,
    ...(twin.model.unsupported.length > 0 ? ["  not served here:", ...twin.model.unsupported.map((u) => `    ${u.what}: ${u.reason}`)] : []),
    "  Ctrl-C stops it.",
  ];
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<number> {
  let args: StartArgs;
  try {
    args = parseStartArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  const started = Date.now();
  let reportFatal: (error: Error) => void = () => undefined;
  // Listening for stop signals from the start: a signal during start-up stops the twin as soon as it can.
  const stopping = stopReason(new Promise<Error>((resolve) => (reportFatal = resolve)));
  let twin: Twin;
  try {
    // Loaded only now: a bad flag is answered without loading the program and its dependencies.
    const { startTwin } = await import("./twin");
    twin = await startTwin({ stack: args.stack, ...(args.configFile ? { configFile: args.configFile } : {}), ...(args.stage ? { stage: args.stage } : {}), port: args.port, httpBackends: args.backends, onFatal: reportFatal });
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError || err instanceof PortInUse ? err.message : `could not start: ${(err as Error).message}`}\n`);
    return 1;
  }
  process.stderr.write(banner(args, twin, (Date.now() - started) / 1000));
  const stop = await stopping;
  process.stderr.write(`stopping the twin: ${stop.why}\n`);
  if (twin.metrics) process.stderr.write(`${twin.metrics.format()}\n`);
  await twin.close();
  return stop.code;
}

if (require.main === module) {
  main().then(
    (code) => exitAfterFlush(code),
    (err: unknown) => {
      process.stderr.write(`start failed: ${err instanceof Error ? err.message : String(err)}\n`);
      exitAfterFlush(1);
    },
  );
}
