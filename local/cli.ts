/**
 * `npm start [-- --stack dev] [--config-file <path>] [--stage dev] [--port 3000] [--watch] ...`: serves a
 * stack on 127.0.0.1 with no cloud account: the program runs under mocks as `npm run preview` does,
 * and the twin serves what it captured (`npm start -- --help` lists every option).
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../config/config-error";
import { parseOrExit } from "../preview/cli-args";
import { exitAfterFlush } from "../preview/exit";
import { stackFilePath, stackFileProblem } from "../preview/stack-names";
import { readEnvFile } from "./env-file";
import { shortRequestLog, type ApiKind } from "./request-log";
import { functionPrefix, routeTables } from "./route-table";
import { PortInUse } from "./server-kit";
import { parseStartArgs, START_HELP, type StartArgs } from "./start-args";
import type { Twin } from "./twin";

export { parseStartArgs, START_HELP, START_USAGE, type StartArgs } from "./start-args";

/** Signals that stop the twin: Ctrl-C, a polite kill, and the terminal going away. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** How often the twin checks that the process that started it (npm, a shell) is still there. */
const PARENT_CHECK_MS = 500;
/** How long the ID token the twin prints (and writes to --token-file) lives. */
const TOKEN_TTL_SECONDS = 12 * 3600;
const LOCAL_USER = "dev";

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

/** Every scope a Cognito (REST) or JWT (HTTP API) route asks for: the access token in --token-file carries them all. */
function routeScopes(twin: Twin): string[] {
  const rest = twin.model.restApis.flatMap((a) => a.routes).flatMap((r) => (r.auth.kind === "cognito" ? r.auth.scopes : []));
  const http = (twin.model.httpApi?.routes ?? []).flatMap((r) => (r.authorizationType === "JWT" ? r.scopes : []));
  return [...new Set([...rest, ...http])].sort();
}

/**
 * What the twin serves but cannot check as AWS would: SigV4 (IAM) routes take any signature, and an
 * HTTP API's Lambda (CUSTOM) authorizer is not run.
 */
export function notes(twin: Twin): string[] {
  const restApi = twin.model.restApis.find((a) => a.kind === "public");
  const iamRest = (restApi?.routes ?? []).filter((r) => r.auth.kind === "iam");
  const iamHttp = (twin.model.httpApi?.routes ?? []).filter((r) => r.authorizationType === "AWS_IAM");
  const custom = (twin.model.httpApi?.routes ?? []).filter((r) => r.authorizationType === "CUSTOM");
  const lines: string[] = [];
  if (iamRest.length + iamHttp.length > 0) {
    const base = iamRest.length > 0 ? twin.restUrl : twin.httpUrl;
    lines.push(
      `  IAM (SigV4) routes (${iamRest.length + iamHttp.length}, "iam" below): the twin has no IAM; a request signed with any credentials passes, an unsigned one is refused:`,
      `    AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=${twin.model.region} npm run -s signed-request -- ${base ?? "<url>"}/<path> [METHOD] [JSON body]`,
    );
  }
  if (custom.length > 0) lines.push(`  HTTP API routes with a Lambda (CUSTOM) authorizer (${custom.length}): served without running the authorizer`);
  return lines.length > 0 ? ["  served, but not checked as AWS would:", ...lines] : [];
}

export function banner(args: Pick<StartArgs, "stack" | "tokenFile">, twin: Twin, seconds: number, idToken: string): string {
  const lines = [
    `local twin of stack ${args.stack}, stage ${twin.stage}: ready in ${seconds.toFixed(1)} s`,
    ...(twin.restUrl ? [`  REST API       ${twin.restUrl}`] : []),
    ...(twin.websocketUrl ? [`  WebSocket API  ${twin.websocketUrl}?token=<ID token>`] : []),
    ...(twin.httpUrl ? [`  HTTP API       ${twin.httpUrl}  (no stage prefix; JWT routes: Authorization: Bearer <ID token>)`] : []),
    ...Object.entries(twin.apiKeys).map(([name, value]) => `  API key ${name}: ${value}`),
    ...(twin.restUrl ? [`  metrics        ${new URL(twin.restUrl).origin}/_twin/metrics (and on exit)`] : []),
    `  processes      twin pid ${process.pid}, DynamoDB Local pid ${twin.dynamoDbPid ?? "?"}`,
    `  ID token of local user "${LOCAL_USER}" (Authorization: Bearer ..., or ?token= on the WebSocket API):`,
    `    ${idToken}`,
    ...(args.tokenFile ? [`  tokens written to ${args.tokenFile}`] : []),
    ...(twin.model.unsupported.length > 0 ? ["  not served here:", ...twin.model.unsupported.map((u) => `    ${u.what}: ${u.reason}`)] : []),
    ...notes(twin),
  ];
  return `${lines.join("\n")}\n`;
}

/** The routes of each API the twin serves, as tables. */
function routes(twin: Twin): string {
  const lines = routeTables(twin.model, twin.stage, {
    rest: twin.restUrl !== undefined,
    websocket: twin.websocketUrl !== undefined,
    http: twin.httpUrl !== undefined,
  });
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/** What --token-file holds: the local user's tokens and where to use them. */
function writeTokenFile(file: string, twin: Twin, idToken: string): void {
  const scopes = routeScopes(twin);
  const content = {
    user: LOCAL_USER,
    idToken,
    accessToken: twin.tokens.accessToken(LOCAL_USER, scopes, TOKEN_TTL_SECONDS),
    scopes,
    expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000).toISOString(),
    issuer: twin.tokens.issuer,
    clientId: twin.tokens.clientId,
    apiKeys: twin.apiKeys,
    restUrl: twin.restUrl ?? null,
    websocketUrl: twin.websocketUrl ?? null,
    httpUrl: twin.httpUrl ?? null,
  };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
}

/** The stack file a --watch follows: --config-file, else Pulumi.<stack>.yaml. */
const stackFileOf = (args: StartArgs): string => (args.configFile ? path.resolve(args.configFile) : stackFilePath(args.stack));

async function main(): Promise<number> {
  const parsed = parseOrExit(process.argv.slice(2), parseStartArgs, START_HELP);
  if ("exit" in parsed) return parsed.exit;
  const { args } = parsed;
  const missing =
    stackFileProblem(args.stack, args.configFile) ??
    (args.envFile !== undefined && !fs.existsSync(args.envFile) ? `--env-file: ${args.envFile}: no such file` : undefined);
  if (missing) {
    process.stderr.write(`${missing}\n`);
    return 2;
  }
  let environment: Record<string, string> | undefined;
  try {
    environment = args.envFile === undefined ? undefined : readEnvFile(args.envFile);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  const started = Date.now();
  let reportFatal: (error: Error) => void = () => undefined;
  // Listening for stop signals from the start: a signal during start-up stops the twin as soon as it can.
  const stopping = stopReason(new Promise<Error>((resolve) => (reportFatal = resolve)));
  // Long work (the capture, bundling, DynamoDB Local) says what it does only to a person watching.
  const progress = process.stderr.isTTY ? (line: string) => void process.stderr.write(`${line}\n`) : undefined;
  let twin: Twin;
  let format: (api: ApiKind, line: string) => string = (_api, line) => line;
  try {
    // Loaded only now: a bad flag is answered without loading the program and its dependencies.
    const { startTwin } = await import("./twin");
    twin = await startTwin({
      stack: args.stack,
      ...(args.configFile ? { configFile: args.configFile } : {}),
      ...(args.stage ? { stage: args.stage } : {}),
      port: args.port,
      httpBackends: args.backends,
      onFatal: reportFatal,
      accessLog: (api, line) => void process.stdout.write(`${format(api, line)}\n`),
      ...(environment ? { environment } : {}),
      ...(args.dataDir ? { dataDir: args.dataDir } : {}),
      ...(progress ? { progress } : {}),
    });
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError || err instanceof PortInUse ? err.message : `could not start: ${(err as Error).message}`}\n`);
    return 1;
  }
  const shortLines = () => {
    if (args.log === "short")
      format = shortRequestLog(
        twin.model,
        twin.model.restApis.find((a) => a.kind === "public")?.stages.find((s) => s.name === twin.stage),
      );
  };
  shortLines();
  const idToken = twin.tokens.idToken(LOCAL_USER, TOKEN_TTL_SECONDS);
  if (args.tokenFile) writeTokenFile(args.tokenFile, twin, idToken);
  process.stderr.write(banner(args, twin, (Date.now() - started) / 1000, idToken));
  process.stderr.write(routes(twin));
  const watcher = args.watch
    ? await watch(
        args,
        () => twin,
        (next) => ((twin = next), shortLines()),
      )
    : undefined;
  process.stderr.write(`${args.watch ? "  watching functions/ and the stack file (--watch). " : "  "}Ctrl-C stops it.\n`);
  const stop = await stopping;
  watcher?.close();
  process.stderr.write(`stopping the twin: ${stop.why}\n`);
  if (twin.metrics) process.stderr.write(`${twin.metrics.format()}\n`);
  await twin.close();
  return stop.code;
}

/**
 * --watch: a change to a function's sources rebuilds it and swaps its containers; a change to the
 * stack file recaptures the stack and serves it again on the same ports. One line per reload.
 */
async function watch(args: StartArgs, current: () => Twin, replace: (twin: Twin) => void): Promise<{ close(): void }> {
  const { reloadFunctions, sourceDirsOf, watchSources } = await import("./watch");
  const say = (line: string) => void process.stderr.write(`${line}\n`);
  const relative = (file: string) => {
    const inside = path.relative(process.cwd(), file);
    return inside === "" || inside.startsWith("..") || path.isAbsolute(inside) ? file : inside;
  };
  const stackFile = stackFileOf(args);
  // Reloads run one at a time, in the order their changes came.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>) => {
    queue = queue.then(work, work);
  };
  return watchSources({
    sourceDirs: sourceDirsOf(current().functions, Object.keys(current().model.functions)),
    stackFile,
    onSources: (files) =>
      serially(async () => {
        const twin = current();
        const result = reloadFunctions(twin.functions, twin.model.functions, files);
        const changed = result.sources.map(relative).join(", ");
        const prefix = functionPrefix(Object.keys(twin.model.functions));
        const short = (name: string) => (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name);
        if (result.reloaded.length > 0) say(`reloaded ${result.reloaded.map(short).join(", ")} (${changed} changed)`);
        for (const failure of result.failed) say(`could not rebuild ${short(failure.name)} (${changed} changed), it runs its previous code: ${failure.error}`);
      }),
    onStackFile: () =>
      serially(async () => {
        const began = Date.now();
        try {
          const next = await current().reload();
          replace(next);
          const routeCount = next.model.restApis.filter((a) => a.kind === "public").reduce((n, a) => n + a.routes.length, 0);
          say(
            `reloaded stack ${args.stack} (${relative(stackFile)} changed) in ${((Date.now() - began) / 1000).toFixed(1)} s: ${routeCount} REST routes, ${Object.keys(next.model.functions).length} functions, same ports`,
          );
        } catch (err) {
          say(`could not reload stack ${args.stack} (${relative(stackFile)} changed), still serving the previous one: ${(err as Error).message}`);
        }
      }),
  });
}

/** Runs the CLI with this process's arguments and exits with its status (local/start.cjs, or `node -r ./scripts/register-typescript.cjs local/cli.ts`). */
export function run(): void {
  main().then(
    (code) => exitAfterFlush(code),
    (err: unknown) => {
      process.stderr.write(`start failed: ${err instanceof Error ? err.message : String(err)}\n`);
      exitAfterFlush(1);
    },
  );
}

if (require.main === module) run();
