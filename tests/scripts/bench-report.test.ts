import { formatTwin } from "../../scripts/bench/report";
import type { Targets, TwinReport, TwinRouteRun } from "../../scripts/bench/types";

const targets = { mockVsBare: 0.15, helloVsBare: 0.1, twinP99Ms: 50 } as Targets;

function run(label: string, route: string, requestsPerSecond: number, cpuMicrosPerRequest: number, p99: number): TwinRouteRun {
  return {
    label,
    route,
    integration: `${label} answers`,
    requests: requestsPerSecond * 5,
    requestsPerSecond,
    latencyMs: { avg: 1, p50: 1, p99, max: p99 + 10 },
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: { "200": requestsPerSecond * 5 },
    cpuMicrosPerRequest,
  };
}

const twin: TwinReport = {
  stack: "dev",
  stage: "dev",
  startMs: 1500,
  durationSeconds: 5,
  connections: 50,
  warmUpRequests: 20,
  warmUpSeconds: 3,
  bare: [
    run("bare node:http", "GET / (bare)", 40000, 18.4, 3),
    run("bare node:http", "GET / (bare)", 60000, 17.6, 3),
    run("bare node:http", "GET / (bare)", 50000, 18, 4),
  ],
  runs: [run("mock", "GET /examples/items/{id}", 7400, 81.2, 20), run("Lambda proxy", "GET /hello", 5400, 140.7, 60)],
  suppressedLogLines: 12,
  totalMs: 40000,
};

describe("the bench's twin section", () => {
  const lines = formatTwin({ targets, twin }).flatMap((text) => text.split("\n"));

  test("each run's CPU per request is a column of the table", () => {
    const header = lines.find((l) => l.startsWith("route"));
    expect(header?.split(/\s{2,}/)).toEqual(["route", "answered by", "requests/s", "CPU/request", "p50", "p99", "max", "requests", "non-2xx", "errors"]);
    const mockRow = lines.find((l) => l.startsWith("GET /examples/items/{id}"));
    expect(mockRow?.split(/\s{2,}/).slice(0, 4)).toEqual(["GET /examples/items/{id}", "mock", "7400", "81 us"]);
  });

  test("a route is compared with the mean of the bare runs beside it, against its own target", () => {
    // mock: 7400 / mean(40000, 60000) = 0.148 (under 0.15); hello: 5400 / mean(60000, 50000) = 0.098 (under 0.1) with p99 60 ms.
    expect(lines).toContain(
      "   GET /examples/items/{id} (mock): 0.148x bare (50000 requests/s, the mean of the bare runs beside it) (target >= 0.15x): under target; p99 20 ms (target < 50 ms): ok",
    );
    expect(lines).toContain(
      "   GET /hello (Lambda proxy): 0.098x bare (55000 requests/s, the mean of the bare runs beside it) (target >= 0.1x): under target; p99 60 ms (target < 50 ms): over target",
    );
  });
});
