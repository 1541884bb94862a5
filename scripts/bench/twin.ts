import autocannon from "autocannon";
import { performance } from "perf_hooks";
import { startTwin } from "../../local/twin";
import { signedHeaders } from "../../examples/signed-request";
import type { TwinReport, TwinRouteRun } from "./types";

/** The stack whose twin is measured. */
/** The prod stack: it has a stage cache (GET /items caches for 30 s per key parameters). */
const STACK = "prod";
/** Sequential requests to each route before it is measured: the function's container loads its bundle and opens its sockets. */
const WARM_UP_REQUESTS = 20;

interface Target {
  readonly label: string;
  readonly route: string;
  readonly integration: string;
  readonly path: string;
  /** Request headers, e.g. the usage plan's API key. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** What a correct answer looks like: checked once before the load. */
  readonly expect: (response: Response) => boolean;
}

async function warmUp(url: string, target: Target): Promise<void> {
  for (let i = 0; i < WARM_UP_REQUESTS; i++) {
    const response = await fetch(url, { headers: { ...target.headers } });
    await response.arrayBuffer();
    if (i === 0 && !target.expect(response)) throw new Error(`twin: ${target.route} answered ${response.status} before the load`);
  }
}

async function load(url: string, target: Target, durationSeconds: number, connections: number): Promise<TwinRouteRun> {
  const result = await autocannon({ url, connections, duration: durationSeconds, timeout: 30, headers: { ...target.headers } });
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
 * Starts the prod stack's local twin in this process (program under mocks, DynamoDB Local, the real
 * handlers in worker threads; throttling off), creates one item, then loads three routes with
 * autocannon for `durationSeconds` each over `connections` connections: a Lambda-proxy route, a
 * cached route (answered from the stage cache), and a mock route answered without a function. The load generator shares this process with the twin's
 * HTTP server (the handlers run in worker threads), so the figures are a floor, not a ceiling.
 */
export async function measureTwin(durationSeconds: number, connections: number, progress: (message: string) => void): Promise<TwinReport> {
  progress(`twin: starting the ${STACK} stack's twin`);
  const started = performance.now();
  const restore = swallowStdout();
  let twin: Awaited<ReturnType<typeof startTwin>>;
  try {
    // Throttling off: the stage's and the usage plan's limits would cap the figures, not the twin.
    twin = await startTwin({ stack: STACK, port: 0, log: () => {}, throttling: false });
  } catch (error) {
    restore();
    throw error;
  }
  const startMs = performance.now() - started;
  const runs: TwinRouteRun[] = [];
  try {
    if (!twin.restUrl) throw new Error(`twin: the ${STACK} stack serves no public REST API`);
    // POST /items is an IAM route in prod: signed as a client would (the twin has no IAM to check the signature).
    const body = JSON.stringify({ name: "bench", price: 1 });
    const signed = await signedHeaders({ url: `${twin.restUrl}/items`, method: "POST", body, region: twin.model.region, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    const created = await fetch(`${twin.restUrl}/items`, { method: "POST", headers: { ...signed, "content-type": "application/json" }, body });
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
        label: "cached",
        route: "GET /items (API key, stage cache)",
        integration: "aws_proxy: itemsList, answered from the stage cache after the first request (TTL 30 s, keys limit and cursor)",
        path: "/items?limit=5",
        headers: { "x-api-key": Object.values(twin.apiKeys)[0] ?? "" },
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
