import autocannon from "autocannon";
import { performance } from "perf_hooks";
import { startTwin } from "../../local/twin";
import type { TwinReport, TwinRouteRun } from "./types";

/** The stack whose twin is measured. */
const STACK = "dev";
/** Sequential requests to each route before it is measured: the function's container loads its bundle and opens its sockets. */
const WARM_UP_REQUESTS = 20;

interface Target {
  readonly label: string;
  readonly route: string;
  readonly integration: string;
  readonly path: string;
  /** What a correct answer looks like: checked once before the load. */
  readonly expect: (response: Response) => boolean;
}

async function warmUp(url: string, target: Target): Promise<void> {
  for (let i = 0; i < WARM_UP_REQUESTS; i++) {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (i === 0 && !target.expect(response)) throw new Error(`twin: ${target.route} answered ${response.status} before the load`);
  }
}

async function load(url: string, target: Target, durationSeconds: number, connections: number): Promise<TwinRouteRun> {
  const result = await autocannon({ url, connections, duration: durationSeconds, timeout: 30 });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  return {
    label: target.label,
    route: target.route,
    integration: target.integration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { avg: result.latency.average, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

/**
 * Swallows what is written to stdout until the returned function is called, counting the lines: the
 * handlers' own log lines (one per request, from their worker threads, piped to this process's stdout)
 * would bury the report. They are still produced, as Lambda would; only not printed.
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

/**
 * Starts the dev stack's local twin in this process (program under mocks, DynamoDB Local, the real
 * handlers in worker threads), creates one item, then loads two routes with autocannon for
 * `durationSeconds` each over `connections` connections: a Lambda-proxy route, and a mock route that
 * API Gateway answers without a function. The load generator shares this process with the twin's
 * HTTP server (the handlers run in worker threads), so the figures are a floor, not a ceiling.
 */
export async function measureTwin(durationSeconds: number, connections: number, progress: (message: string) => void): Promise<TwinReport> {
  progress(`twin: starting the ${STACK} stack's twin`);
  const started = performance.now();
  const restore = swallowStdout();
  let twin: Awaited<ReturnType<typeof startTwin>>;
  try {
    twin = await startTwin({ stack: STACK, port: 0, log: () => {} });
  } catch (error) {
    restore();
    throw error;
  }
  const startMs = performance.now() - started;
  const runs: TwinRouteRun[] = [];
  try {
    if (!twin.restUrl) throw new Error(`twin: the ${STACK} stack serves no public REST API`);
    const created = await fetch(`${twin.restUrl}/items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "bench", price: 1 }),
    });
    if (created.status !== 201) throw new Error(`twin: POST /items answered ${created.status}: ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    const targets: Target[] = [
      {
        label: "Lambda proxy",
        route: "GET /items/{id}",
        integration: "aws_proxy: itemsGet reading DynamoDB Local, in the function's one warm container (a worker thread), one event at a time as in Lambda",
        path: `/items/${id}`,
        expect: (r) => r.status === 200,
      },
      {
        label: "no Lambda (mock)",
        route: "GET /examples/items/{id}",
        integration: "mock: request and response templates rendered by the twin",
        path: "/examples/items/7",
        expect: (r) => r.status === 200 && r.headers.get("x-mock") === "true",
      },
    ];
    for (const target of targets) {
      const url = `${twin.restUrl}${target.path}`;
      await warmUp(url, target);
      progress(`twin: ${target.route} for ${durationSeconds} s over ${connections} connections`);
      runs.push(await load(url, target, durationSeconds, connections));
    }
  } finally {
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
    runs,
    suppressedLogLines,
    totalMs: performance.now() - started,
  };
}
