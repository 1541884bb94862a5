import { createStageMetrics, DEFAULT_RESERVOIR_SIZE, METRICS_NAMESPACE } from "../../local/metrics";

const EMPTY_LATENCY = { samples: 0, avg: null, p50: null, p90: null, p99: null, max: null, window: 0 };

describe("a REST stage's CloudWatch metrics, counted locally", () => {
  test("no requests: zero counts, no latency statistics", () => {
    const metrics = createStageMetrics("gw-dev-api", "dev");
    expect(metrics.summary()).toEqual({
      namespace: "AWS/ApiGateway",
      reservoirSize: DEFAULT_RESERVOIR_SIZE,
      stage: {
        dimensions: { ApiName: "gw-dev-api", Stage: "dev" },
        metrics: { Count: 0, "4XXError": 0, "5XXError": 0, Latency: EMPTY_LATENCY, IntegrationLatency: EMPTY_LATENCY, CacheHitCount: 0, CacheMissCount: 0 },
      },
      methods: {},
    });
    expect(metrics.format()).toBe("AWS/ApiGateway metrics of ApiName=gw-dev-api Stage=dev: no requests");
    expect(METRICS_NAMESPACE).toBe("AWS/ApiGateway");
  });

  test("latencies 1..100 ms: exact nearest-rank percentiles, average and maximum", () => {
    const metrics = createStageMetrics("api", "dev");
    for (let i = 1; i <= 100; i++) metrics.record({ resourcePath: "/items/{id}", method: "get", status: 200, latencyMs: i, integrationLatencyMs: i - 1 });
    const row = metrics.summary().methods["GET /items/{id}"];
    expect(row?.dimensions).toEqual({ ApiName: "api", Stage: "dev", Method: "GET", Resource: "/items/{id}" });
    expect(row?.metrics.Latency).toEqual({ samples: 100, avg: 50.5, p50: 50, p90: 90, p99: 99, max: 100, window: 100 });
    expect(row?.metrics.IntegrationLatency).toEqual({ samples: 100, avg: 49.5, p50: 49, p90: 89, p99: 98, max: 99, window: 100 });
  });

  test("percentiles of few samples, recorded out of order", () => {
    const metrics = createStageMetrics("api", "dev");
    for (const latencyMs of [30, 10, 20]) metrics.record({ resourcePath: "/hello", method: "GET", status: 200, latencyMs });
    expect(metrics.summary().stage.metrics.Latency).toEqual({ samples: 3, avg: 20, p50: 20, p90: 30, p99: 30, max: 30, window: 3 });
  });

  test("Count, 4XXError, 5XXError and the cache counts, per method and for the stage", () => {
    const metrics = createStageMetrics("api", "dev");
    const statuses = [200, 201, 204, 304, 400, 404, 429, 500, 502, 504];
    for (const status of statuses) metrics.record({ resourcePath: "/items", method: "POST", status, latencyMs: 10 });
    metrics.record({ resourcePath: "/items/{id}", method: "GET", status: 200, latencyMs: 4, cache: "hit" });
    metrics.record({ resourcePath: "/items/{id}", method: "GET", status: 200, latencyMs: 40, integrationLatencyMs: 35, cache: "miss" });
    metrics.record({ resourcePath: "/items/{id}", method: "GET", status: 404, latencyMs: 30, integrationLatencyMs: 25, cache: "miss" });
    const s = metrics.summary();
    expect(Object.keys(s.methods)).toEqual(["POST /items", "GET /items/{id}"]);
    expect(s.methods["POST /items"]?.metrics).toMatchObject({
      Count: 10,
      "4XXError": 3,
      "5XXError": 3,
      CacheHitCount: 0,
      CacheMissCount: 0,
      IntegrationLatency: EMPTY_LATENCY,
    });
    expect(s.methods["GET /items/{id}"]?.metrics).toEqual({
      Count: 3,
      "4XXError": 1,
      "5XXError": 0,
      Latency: { samples: 3, avg: 74 / 3, p50: 30, p90: 40, p99: 40, max: 40, window: 3 },
      IntegrationLatency: { samples: 2, avg: 30, p50: 25, p90: 35, p99: 35, max: 35, window: 2 },
      CacheHitCount: 1,
      CacheMissCount: 2,
    });
    expect(s.stage.metrics).toMatchObject({ Count: 13, "4XXError": 4, "5XXError": 3, CacheHitCount: 1, CacheMissCount: 2 });
    expect(s.stage.metrics.Latency).toEqual({ samples: 13, avg: 174 / 13, p50: 10, p90: 30, p99: 40, max: 40, window: 13 });
  });

  test("a request no route matched counts for the stage only", () => {
    const metrics = createStageMetrics("api", "dev");
    metrics.record({ resourcePath: undefined, method: "GET", status: 403, latencyMs: 1 });
    const s = metrics.summary();
    expect(s.methods).toEqual({});
    expect(s.stage.metrics).toMatchObject({ Count: 1, "4XXError": 1, "5XXError": 0 });
  });

  test("methods of one resource are separate rows, ordered by resource then method", () => {
    const metrics = createStageMetrics("api", "dev");
    for (const [method, resourcePath] of [
      ["PUT", "/items/{id}"],
      ["GET", "/items/{id}"],
      ["GET", "/hello"],
      ["DELETE", "/items/{id}"],
    ] as const) {
      metrics.record({ resourcePath, method, status: 200, latencyMs: 1 });
    }
    expect(Object.keys(metrics.summary().methods)).toEqual(["GET /hello", "DELETE /items/{id}", "GET /items/{id}", "PUT /items/{id}"]);
  });

  test("percentiles cover the last reservoirSize samples; count, average and maximum cover all", () => {
    const metrics = createStageMetrics("api", "dev", { reservoirSize: 5 });
    // 100 first (the maximum), then 1..9: the reservoir holds 5..9.
    for (const latencyMs of [100, 1, 2, 3, 4, 5, 6, 7, 8, 9]) metrics.record({ resourcePath: "/hello", method: "GET", status: 200, latencyMs });
    expect(metrics.summary().methods["GET /hello"]?.metrics.Latency).toEqual({ samples: 10, avg: 14.5, p50: 7, p90: 9, p99: 9, max: 100, window: 5 });
    expect(() => createStageMetrics("api", "dev", { reservoirSize: 0 })).toThrow("reservoirSize: 0 is not a positive integer");
  });

  test("the default reservoir keeps the last 10,000 samples", () => {
    const metrics = createStageMetrics("api", "dev");
    for (let i = 1; i <= 12_000; i++) metrics.record({ resourcePath: "/hello", method: "GET", status: 200, latencyMs: i });
    // The window is 2,001..12,000: its median is the 5,000th of them.
    expect(metrics.summary().stage.metrics.Latency).toEqual({ samples: 12_000, avg: 6000.5, p50: 7000, p90: 11_000, p99: 11_900, max: 12_000, window: 10_000 });
  });

  test("toJson: the summary with fractions rounded to 0.01 ms, for GET /_twin/metrics", () => {
    const metrics = createStageMetrics("api", "dev");
    for (const latencyMs of [1, 1, 2]) metrics.record({ resourcePath: "/hello", method: "GET", status: 200, latencyMs });
    const parsed = JSON.parse(metrics.toJson()) as ReturnType<typeof metrics.summary>;
    expect(parsed.stage.metrics.Latency).toEqual({ samples: 3, avg: 1.33, p50: 1, p90: 2, p99: 2, max: 2, window: 3 });
    expect(parsed.methods["GET /hello"]?.dimensions).toEqual({ ApiName: "api", Stage: "dev", Method: "GET", Resource: "/hello" });
    expect(parsed.stage.metrics.IntegrationLatency.avg).toBeNull();
  });

  test("format: one row per method and the stage's total", () => {
    const metrics = createStageMetrics("gw-dev-api", "dev");
    metrics.record({ resourcePath: "/items/{id}", method: "GET", status: 200, latencyMs: 12, integrationLatencyMs: 9 });
    metrics.record({ resourcePath: "/items/{id}", method: "GET", status: 404, latencyMs: 7, integrationLatencyMs: 4 });
    metrics.record({ resourcePath: "/examples/items/{id}", method: "GET", status: 200, latencyMs: 2, integrationLatencyMs: 0 });
    metrics.record({ resourcePath: undefined, method: "GET", status: 403, latencyMs: 1 });
    expect(metrics.format()).toBe(
      [
        "AWS/ApiGateway metrics of ApiName=gw-dev-api Stage=dev (ms; percentiles over the last 10000 requests of each row)",
        "                          Count  4XX  5XX  Latency avg  p50  p90  p99  max  Integration avg  p50  p90  p99  max  CacheHit  CacheMiss",
        "------------------------  -----  ---  ---  -----------  ---  ---  ---  ---  ---------------  ---  ---  ---  ---  --------  ---------",
        "GET /examples/items/{id}      1    0    0            2    2    2    2    2                0    0    0    0    0         0          0",
        "GET /items/{id}               2    1    0          9.5    7   12   12   12              6.5    4    9    9    9         0          0",
        "stage dev                     4    2    0          5.5    2   12   12   12              4.3    4    9    9    9         0          0",
      ].join("\n"),
    );
  });
});
