/** The command line of `npm start`: parsed here, answered through the shared `parseOrExit`. */

export const START_USAGE =
  "usage: npm start -- [--stack <name>] [--config-file <path>] [--stage <stage>] [--port <port>] [--backend <host>=<local base URL>]... [--log short|json] [--watch] [--env-file <file>] [--data-dir <dir>] [--token-file <file>]";

export const START_HELP = `${START_USAGE}

Serves a stack on 127.0.0.1 with no cloud account (the local twin): the program runs under mocks as
npm run preview does, and the REST, WebSocket and HTTP APIs are served with the real handlers and
DynamoDB Local. Prints the URLs, a route table, an ID token of a local user and what it cannot serve
exactly, then one line per request. Ctrl-C stops it.

  --stack <name>            the stack: Pulumi.<name>.yaml (default dev)
  --config-file <path>      a stack file in the same format, read instead
  --stage <stage>           the stage to serve (default the stack's first)
  --port <port>             the REST API's port; the WebSocket and HTTP APIs take the next two
                            (default 3000; 0: ports the OS picks)
  --backend <host>=<url>    send an HTTP integration's host to a local server (repeatable)
  --log short|json          one short line per request (default), or the stage's JSON access-log lines
  --watch                   rebuild a function when its source under functions/ changes (new
                            requests go to new containers); recapture the stack and restart the
                            servers on the same ports when the stack file changes
  --env-file <file>         KEY=VALUE lines (dotenv style) set in every function's environment,
                            over what the stack gives it
  --data-dir <dir>          keep DynamoDB Local's data in <dir> between runs (default: in memory)
  --token-file <file>       write the local user's tokens as JSON, for scripts

Exit status: 0 stopped (Ctrl-C) or --help, 1 a failure (an invalid stack, a busy port, DynamoDB Local
died), 2 bad usage.`;

export type LogFormat = "short" | "json";

export interface StartArgs {
  readonly stack: string;
  /** A stack file in the same format to read instead of `Pulumi.<stack>.yaml` (e.g. examples/Pulumi.edge.yaml). */
  readonly configFile: string | undefined;
  readonly stage: string | undefined;
  readonly port: number;
  /** HTTP integration hosts the twin sends to local servers instead, e.g. legacy.example.com → http://127.0.0.1:4000. */
  readonly backends: Readonly<Record<string, string>>;
  /** One short line per request, or the stage's JSON access-log lines. */
  readonly log: LogFormat;
  /** Rebuild functions whose sources change; recapture the stack when its file changes. */
  readonly watch: boolean;
  /** A dotenv-style file whose variables every function gets, over its own. */
  readonly envFile: string | undefined;
  /** Where DynamoDB Local keeps its data between runs; undefined: in memory. */
  readonly dataDir: string | undefined;
  /** Where to write the local user's tokens (JSON). */
  readonly tokenFile: string | undefined;
}

const WITH_VALUE = ["--stack", "--config-file", "--stage", "--port", "--backend", "--log", "--env-file", "--data-dir", "--token-file"];

/** The arguments of `npm start`, or "help"; a usage error throws its message. */
export function parseStartArgs(argv: readonly string[]): StartArgs | "help" {
  const values: Record<string, string> = {};
  const backends: Record<string, string> = {};
  let watch = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    // `npm start` passes a `--` first: node stops reading its own options there (node reads an
    // `--env-file` anywhere before it as its own, nodejs/node#54232).
    if (arg === "--") continue;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--watch") {
      watch = true;
      continue;
    }
    if (!WITH_VALUE.includes(arg)) throw new Error(`unknown argument ${JSON.stringify(arg)}; ${START_USAGE}`);
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
  const log = values.log ?? "short";
  if (log !== "short" && log !== "json") throw new Error(`--log: ${JSON.stringify(log)} is not one of short, json`);
  return {
    stack: values.stack ?? "dev",
    configFile: values["config-file"],
    stage: values.stage,
    port,
    backends,
    log,
    watch,
    envFile: values["env-file"],
    dataDir: values["data-dir"],
    tokenFile: values["token-file"],
  };
}
