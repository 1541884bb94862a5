import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { performance } from "perf_hooks";
import { startTwin } from "../../local/twin";
import { runChild } from "./child";
import type { LoadRequest, LoadResult } from "./load-child";
import { RESULT_PREFIX, type TwinReport, type TwinRouteRun } from "./types";

/** The stack whose twin is measured: `npm start`'s default. */
const STACK = "dev";
/** Sequential requests to each route before it is measured: the function's containers load their bundle. */
const WARM_UP_REQUESTS = 20;
/** Then rounds of as many requests at once as the load has connections. */
const WARM_UP_ROUNDS = 3;
const LOAD_CHILD = path.join(__dirname, "load-child.ts");
const REPO_ROOT = path.resolve(__dirname, "..", "..");

interface Target {
  readonly label: string;
  readonly route: string;
  readonly integration: string;
  readonly url: string;
  /** What a correct answer looks like: checked once before the load. */
  readonly expect: (response: Response) => boolean;
}

/**
 * Unmeasured requests: a few one after the other (the first is checked), then rounds of `connections`
 * at once, so that every warm container the load will use has started (and loaded its bundle), then
 * `loadSeconds` of the load itself: a container that answered a few events still runs its handler
 * through V8's baseline compilers (measured: about 40 % fewer requests per second on GET /hello in the
 * first 5 s than after 6 s of load), and the measurement is of the steady state.
 */
async function warmUp(target: Target, connections: number, loadSeconds: number): Promise<void> {
  const get = async (): Promise<Response> => {
    const response = await fetch(target.url);
    await response.arrayBuffer();
    return response;
  };
  for (let i = 0; i < WARM_UP_REQUESTS; i++) {
    const response = await get();
    if (i === 0 && !target.expect(response)) throw new Error(`twin: ${target.route} answered ${response.status} before the load`);
  }
  for (let round = 0; round < WARM_UP_ROUNDS; round++) await Promise.all(Array.from({ length: connections }, get));
  if (loadSeconds > 0) await load(target, loadSeconds, connections);
}

/** autocannon in a child process (it would otherwise take CPU time from the server's event loop it measures). */
async function load(target: Target, durationSeconds: number, connections: number): Promise<TwinRouteRun> {
  const request: LoadRequest = { url: target.url, connections, durationSeconds, headers: {} };
  const cpuBefore = process.cpuUsage();
  const { stdout } = await runChild(process.execPath, ["-r", "./scripts/register-typescript.cjs", LOAD_CHILD, JSON.stringify(request)], process.env, REPO_ROOT);
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (line === undefined) throw new Error(`load child printed no result for ${target.route}:\n${stdout}`);
  const cpu = process.cpuUsage(cpuBefore);
  const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as LoadResult;
  const cpuMicrosPerRequest = result.requests > 0 ? (cpu.user + cpu.system) / result.requests : NaN;
  return { label: target.label, route: target.route, integration: target.integration, ...result, cpuMicrosPerRequest };
}

/**
 * Swallows what is written to stdout until the returned function is called, counting the lines: the
 * access log and the handlers' own log lines (one per request, from their worker threads, piped to this
 * process's stdout) would bury the report. They are still produced, as `npm start` produces them; only
 * not printed.
 */
function swallowStdout(): () => number {
  const write = process.stdout.write;
  let lines = 0;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines += (typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")).split("\n").length - 1;
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  }) as typeof process.stdout.write;
  return () => {
    process.stdout.write = write;
    return lines;
  };
}

/** The baseline: a bare `node:http` server in this process (where the twin's servers run too), answering a fixed small JSON body. */
async function startBareServer(): Promise<{ url: string; server: Server }> {
  const body = JSON.stringify({ message: "hello from a bare node:http server" });
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/**
 * Starts the dev stack's local twin in this process (program under mocks, DynamoDB Local, the real
 * handlers in worker threads; throttling off) and a bare `node:http` server beside it, then loads, with
 * autocannon in a child process, for `durationSeconds` each over `connections` connections: the bare
 * server, the mock route, the bare server, the Lambda-proxy `GET /hello`, the bare server. Each route's
 * baseline is the mean of the bare runs just before and after it: on a shared machine the bare server's
 * own figure moves by half from one run to the next.
 */
export interface TwinLoad {
  readonly durationSeconds: number;
  /** Unmeasured load before each measured run (after the warm-up requests): a steady state, every container's code compiled by V8's optimizing compiler. */
  readonly warmUpSeconds: number;
  readonly connections: number;
}

export async function measureTwin({ durationSeconds, warmUpSeconds, connections }: TwinLoad, progress: (message: string) => void): Promise<TwinReport> {
  progress(`twin: starting the ${STACK} stack's twin`);
  const started = performance.now();
  const restore = swallowStdout();
  let twin: Awaited<ReturnType<typeof startTwin>>;
  try {
    // Throttling off: the stage's limits would cap the figures, not the twin.
    twin = await startTwin({ stack: STACK, port: 0, throttling: false });
  } catch (error) {
    restore();
    throw error;
  }
  const startMs = performance.now() - started;
  const bare = await startBareServer();
  const bareRuns: TwinRouteRun[] = [];
  const runs: TwinRouteRun[] = [];
  try {
    if (!twin.restUrl) throw new Error(`twin: the ${STACK} stack serves no public REST API`);
    const bareTarget: Target = {
      label: "bare node:http",
      route: "GET / (bare)",
      integration: "a bare node:http server in the twin's process, answering a fixed JSON body: the baseline",
      url: bare.url,
      expect: (r) => r.status === 200,
    };
    const targets: Target[] = [
      {
        label: "mock",
        route: "GET /examples/items/{id}",
        integration: "mock: request and response templates rendered by the twin",
        url: `${twin.restUrl}/examples/items/7`,
        expect: (r) => r.status === 200 && r.headers.get("x-mock") === "true",
      },
      {
        label: "Lambda proxy",
        route: "GET /hello",
        integration: "aws_proxy: the hello function on its DEV alias, in its warm containers (worker threads), one event at a time per container as in Lambda",
        url: `${twin.restUrl}/hello`,
        expect: (r) => r.status === 200,
      },
    ];
    await warmUp(bareTarget, connections, warmUpSeconds);
    progress(`twin: the bare server for ${durationSeconds} s over ${connections} connections`);
    bareRuns.push(await load(bareTarget, durationSeconds, connections));
    // The bare server before and after each route: a route is compared with the mean of the two runs beside it.
    for (const target of targets) {
      await warmUp(target, connections, warmUpSeconds);
      progress(`twin: ${target.route} for ${durationSeconds} s over ${connections} connections`);
      runs.push(await load(target, durationSeconds, connections));
      progress(`twin: the bare server again`);
      bareRuns.push(await load(bareTarget, durationSeconds, connections));
    }
  } finally {
    const closed = new Promise((resolve) => bare.server.close(resolve));
    bare.server.closeAllConnections();
    await closed;
    await twin.close();
    // Lines a worker wrote just before it stopped may still be on their way.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const suppressedLogLines = restore();
  return {
    stack: STACK,
    stage: twin.stage,
    startMs,
    durationSeconds,
    connections,
    warmUpRequests: WARM_UP_REQUESTS,
    warmUpSeconds,
    bare: bareRuns,
    runs,
    suppressedLogLines,
    totalMs: performance.now() - started,
  };
}
