/**
 * autocannon in a process of its own, so that the load generator does not share an event loop (and
 * the CPU time of one) with the server it measures: `node -r ./scripts/register-typescript.cjs scripts/bench/load-child.ts
 * '<LoadRequest as JSON>'`. Prints one RESULT_PREFIX line with the LoadResult.
 */
import autocannon from "autocannon";
import { RESULT_PREFIX } from "./types";

export interface LoadRequest {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface LoadResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: { readonly avg: number; readonly p50: number; readonly p99: number; readonly max: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Readonly<Record<string, number>>;
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? "{}") as LoadRequest;
  const result = await autocannon({
    url: request.url,
    connections: request.connections,
    duration: request.durationSeconds,
    timeout: 30,
    headers: { ...request.headers },
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  const out: LoadResult = {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { avg: result.latency.average, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
