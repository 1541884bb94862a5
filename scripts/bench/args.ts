import type * as WebSocketDeps from "../../functions/websocket/deps";

/** The broadcast's default pool, read from the handler's module (with its DynamoDB client) once the arguments are good. */
function defaultBroadcastConcurrency(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../../functions/websocket/deps") as typeof WebSocketDeps).DEFAULT_BROADCAST_CONCURRENCY;
}

/** The command line of `npm run bench`: parsed here, answered through the shared `parseOrExit`. */

export const BENCH_USAGE =
  "usage: npm run bench -- [--json] [--sizes=10,100,500] [--runs=3] [--load-runs=5] [--no-websocket] [--websocket-sizes=1000,10000] [--websocket-latency=2] [--websocket-pools=N,...] [--websocket-runs=3] [--no-twin] [--twin-duration=5] [--twin-warm-up=3] [--twin-connections=50] [--no-start-up] [--start-up-runs=3] [--suite[=cold|warm]]";

export const BENCH_HELP = `${BENCH_USAGE}

Measures, against their targets: the program's evaluation under Pulumi mocks for several route
counts (and the resources it registers per route), each function bundle's size and load time, a
WebSocket broadcast to stored connections, and the dev stack's local twin under load (autocannon).
Progress goes to stderr when it is a terminal; the report to stdout.

  --json                       the report as JSON
  --sizes=<n,n,...>            route counts to evaluate (at least two different; default 10,100,500)
  --runs=<n>                   evaluations per size (default 3)
  --load-runs=<n>              loads of each bundle (default 5)
  --no-websocket               skip the WebSocket broadcast
  --websocket-sizes=<n,n,...>  stored connections per broadcast (default 1000,10000)
  --websocket-latency=<ms>     the management API stand-in's latency per post (default 2)
  --websocket-pools=<n,...>    posts in flight of the bounded broadcasts, each against one at a time
                               (default the handler's BROADCAST_CONCURRENCY default)
  --websocket-runs=<n>         measured broadcasts per pool size, the median reported (default 3)
  --no-twin                    skip the twin's load test
  --twin-duration=<s>          seconds of load per twin route (default 5)
  --twin-warm-up=<s>           seconds of unmeasured load before each (default 3; 0: none)
  --twin-connections=<n>       connections of the load (default 50)
  --no-start-up                skip timing npm start to its ready banner
  --start-up-runs=<n>          measured starts of npm start (default 3)
  --suite[=cold|warm]          then run npm test once, as a clean clone (cold) or with the caches of
                               earlier runs (warm), and report its wall time

Exit status: 0 measured (or --help), 1 a measurement failed (or --suite's tests failed), 2 bad usage.`;

export interface BenchOptions {
  readonly json: boolean;
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly loadRuns: number;
  /** Empty with --no-websocket. */
  readonly websocketSizes: readonly number[];
  readonly websocketLatencyMs: number;
  /** Pool sizes (posts in flight) of the bounded broadcasts; each is compared with one at a time. */
  readonly websocketPools: readonly number[];
  /** Measured broadcasts per pool size (median reported). */
  readonly websocketRuns: number;
  /** False with --no-twin. */
  readonly twin: boolean;
  /** Seconds of load per twin route. */
  readonly twinDuration: number;
  /** Seconds of unmeasured load before each measured one: the JIT compilers of every container reach their steady state. */
  readonly twinWarmUp: number;
  readonly twinConnections: number;
  /** Measured starts of `npm start`; 0 with --no-start-up. */
  readonly startUpRuns: number;
  /** With --suite: "cold" (the default) or "warm". */
  readonly suite: "cold" | "warm" | undefined;
}

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || text.trim() === "") throw new Error(`${name}: ${JSON.stringify(text)} is not a positive integer`);
  return n;
}

function nonNegativeInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || text.trim() === "") throw new Error(`${name}: ${JSON.stringify(text)} is not a non-negative integer`);
  return n;
}

/** The options of `npm run bench`, or "help"; a usage error throws its message (`bench: ...`). */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | "help" {
  try {
    return parse(argv);
  } catch (error) {
    throw new Error(`bench: ${(error as Error).message}`);
  }
}

function parse(argv: readonly string[]): BenchOptions | "help" {
  let options: BenchOptions = {
    json: false,
    sizes: [10, 100, 500],
    runs: 3,
    loadRuns: 5,
    websocketSizes: [1000, 10_000],
    websocketLatencyMs: 2,
    websocketPools: [], // the default, set below: no option gives an empty list
    websocketRuns: 3,
    twin: true,
    twinDuration: 5,
    twinWarmUp: 3,
    twinConnections: 50,
    startUpRuns: 3,
    suite: undefined,
  };
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") return "help";
    const equals = arg.indexOf("=");
    const [flag, value] = equals < 0 ? [arg, ""] : [arg.slice(0, equals), arg.slice(equals + 1)];
    if (arg === "--json") options = { ...options, json: true };
    else if (flag === "--sizes") options = { ...options, sizes: value.split(",").map((s) => positiveInt("--sizes", s)) };
    else if (flag === "--runs") options = { ...options, runs: positiveInt("--runs", value) };
    else if (flag === "--load-runs") options = { ...options, loadRuns: positiveInt("--load-runs", value) };
    else if (arg === "--no-websocket") options = { ...options, websocketSizes: [] };
    else if (flag === "--websocket-sizes") options = { ...options, websocketSizes: value.split(",").map((s) => positiveInt("--websocket-sizes", s)) };
    else if (flag === "--websocket-latency") options = { ...options, websocketLatencyMs: nonNegativeInt("--websocket-latency", value) };
    else if (flag === "--websocket-pools") options = { ...options, websocketPools: value.split(",").map((s) => positiveInt("--websocket-pools", s)) };
    else if (flag === "--websocket-runs") options = { ...options, websocketRuns: positiveInt("--websocket-runs", value) };
    else if (arg === "--no-twin") options = { ...options, twin: false };
    else if (flag === "--twin-duration") options = { ...options, twinDuration: positiveInt("--twin-duration", value) };
    else if (flag === "--twin-warm-up") options = { ...options, twinWarmUp: nonNegativeInt("--twin-warm-up", value) };
    else if (flag === "--twin-connections") options = { ...options, twinConnections: positiveInt("--twin-connections", value) };
    else if (arg === "--no-start-up") options = { ...options, startUpRuns: 0 };
    else if (flag === "--start-up-runs") options = { ...options, startUpRuns: positiveInt("--start-up-runs", value) };
    else if (arg === "--suite" || arg === "--suite=cold") options = { ...options, suite: "cold" };
    else if (arg === "--suite=warm") options = { ...options, suite: "warm" };
    else throw new Error(`unknown argument ${JSON.stringify(arg)}; ${BENCH_USAGE}`);
  }
  if (options.websocketPools.length === 0) options = { ...options, websocketPools: [defaultBroadcastConcurrency()] };
  if (new Set(options.sizes).size < 2) throw new Error("--sizes: give at least two different sizes");
  if (new Set(options.websocketSizes).size !== options.websocketSizes.length) throw new Error("--websocket-sizes: give each size once");
  return options;
}
