import {
  ALARM_EVALUATION,
  CACHE_ALARM_EVALUATION,
  apiAlarmSpecs,
  canaryStageDimension,
  stageAlarmSpecs,
  type AlarmSpec,
  type MetricQuery,
} from "../../components/observability/alarm-specs";
import { ALARMS, CACHE, CANARY, stage } from "./monitoring-fixtures";

const API = "shop-prod";
const dims = (s: string) => ({ ApiName: API, Stage: s });
const m = (id: string, metricName: string, s: string, stat: string, period = 60) => ({
  id,
  metric: { namespace: "AWS/ApiGateway", metricName, dimensions: dims(s), period, stat },
  returnData: false,
});
const byKey = (specs: AlarmSpec[], key: string) => specs.find((s) => s.key === key)!;

describe("stageAlarmSpecs", () => {
  test("a plain stage: 5XX rate, 4XX rate, p99 Latency and p99 IntegrationLatency, named <api>-<stage>-<kind>", () => {
    const specs = stageAlarmSpecs(API, stage("prod"), ALARMS);
    expect(specs.map((s) => s.name)).toEqual([
      "shop-prod-prod-5xx-rate",
      "shop-prod-prod-4xx-rate",
      "shop-prod-prod-latency-p99",
      "shop-prod-prod-integration-latency-p99",
    ]);
    expect(specs.every((s) => !s.canary && s.stage === "prod" && s.treatMissingData === "notBreaching")).toBe(true);
  });

  test("the 5XX rate is metric math over Sum of 5XXError and SampleCount of Count, guarded against no traffic", () => {
    const { description, ...rest } = byKey(stageAlarmSpecs(API, stage("prod"), ALARMS), "prod-5xx-rate");
    expect(rest).toEqual({
      key: "prod-5xx-rate",
      name: "shop-prod-prod-5xx-rate",
      stage: "prod",
      canary: false,
      kind: "5xx-rate",
      metricQueries: [
        m("errors", "5XXError", "prod", "Sum"),
        m("requests", "Count", "prod", "SampleCount"),
        { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "5XX error rate (%)", returnData: true },
      ],
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      treatMissingData: "notBreaching",
    });
    expect(description).toBe(
      "Stage prod of shop-prod answered at least 1% of requests with a 5XX in 3 of the last 5 minutes." +
        " Read the execution logs (API-Gateway-Execution-Logs_<rest-api-id>/prod) and the access logs (status, integrationStatus, errorMessage)," +
        " then the backend: Lambda Errors, Throttles and logs. If it began with a deployment, roll it back.",
    );
  });

  test("the 4XX rate has the same shape on 4XXError, with its own threshold", () => {
    const spec = byKey(stageAlarmSpecs(API, stage("prod"), ALARMS), "prod-4xx-rate");
    expect(spec.metricQueries).toEqual([
      m("errors", "4XXError", "prod", "Sum"),
      m("requests", "Count", "prod", "SampleCount"),
      { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "4XX error rate (%)", returnData: true },
    ]);
    expect([spec.threshold, spec.comparisonOperator]).toEqual([10, "GreaterThanOrEqualToThreshold"]);
  });

  test("latency alarms read p99 of one metric, which is the query that returns data", () => {
    const specs = stageAlarmSpecs(API, stage("prod"), ALARMS);
    expect(byKey(specs, "prod-latency-p99")).toMatchObject({
      metricQueries: [{ ...m("p99", "Latency", "prod", "p99"), returnData: true }],
      threshold: 5000,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
    });
    expect(byKey(specs, "prod-integration-latency-p99")).toMatchObject({
      metricQueries: [{ ...m("p99", "IntegrationLatency", "prod", "p99"), returnData: true }],
      threshold: 4000,
    });
  });

  test("a cached stage adds the cache hit ratio alarm: below the threshold over 15 minutes", () => {
    const specs = stageAlarmSpecs(API, stage("prod", { cache: CACHE }), ALARMS);
    expect(specs.map((s) => s.key)).toEqual(["prod-5xx-rate", "prod-4xx-rate", "prod-latency-p99", "prod-integration-latency-p99", "prod-cache-hit-ratio"]);
    const { description, ...rest } = byKey(specs, "prod-cache-hit-ratio");
    expect(rest).toEqual({
      key: "prod-cache-hit-ratio",
      name: "shop-prod-prod-cache-hit-ratio",
      stage: "prod",
      canary: false,
      kind: "cache-hit-ratio",
      metricQueries: [
        m("hits", "CacheHitCount", "prod", "Sum", 300),
        m("misses", "CacheMissCount", "prod", "Sum", 300),
        { id: "ratio", expression: "IF((hits + misses) > 0, 100 * hits / (hits + misses), 100)", label: "Cache hit ratio (%)", returnData: true },
      ],
      threshold: 50,
      comparisonOperator: "LessThanThreshold",
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: "notBreaching",
    });
    expect(description).toMatch(/^Stage prod of shop-prod: fewer than 50% of cache lookups hit the cache for 15 minutes\./);
  });

  test("a canary stage adds 5XX and latency alarms on the canary's metrics, Stage dimension <stage>/Canary", () => {
    expect(canaryStageDimension("prod")).toBe("prod/Canary");
    const specs = stageAlarmSpecs(API, stage("prod", { canary: CANARY }), ALARMS);
    const canary = specs.filter((s) => s.canary);
    expect(canary.map((s) => s.name)).toEqual([
      "shop-prod-prod-canary-5xx-rate",
      "shop-prod-prod-canary-latency-p99",
      "shop-prod-prod-canary-integration-latency-p99",
    ]);
    expect(byKey(specs, "prod-canary-5xx-rate")).toMatchObject({
      stage: "prod",
      kind: "5xx-rate",
      metricQueries: [
        m("errors", "5XXError", "prod/Canary", "Sum"),
        m("requests", "Count", "prod/Canary", "SampleCount"),
        { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "Canary 5XX error rate (%)", returnData: true },
      ],
      threshold: 1,
    });
    expect(byKey(specs, "prod-canary-latency-p99").metricQueries).toEqual([{ ...m("p99", "Latency", "prod/Canary", "p99"), returnData: true }]);
    expect(byKey(specs, "prod-canary-integration-latency-p99").threshold).toBe(4000);
    // The stage's own alarms still watch the stage, not the canary.
    expect(byKey(specs, "prod-5xx-rate").metricQueries[0]).toEqual(m("errors", "5XXError", "prod", "Sum"));
    expect(byKey(specs, "prod-canary-5xx-rate").description).toContain(
      "The canary serves the newest deployment: do not promote it; set its percentTraffic to 0 (or remove the canary) to roll back",
    );
    expect(byKey(specs, "prod-canary-5xx-rate").description).toContain("API-Gateway-Execution-Logs_<rest-api-id>/prod/Canary");
  });

  test("alarms disabled: none, whatever the stage has", () => {
    expect(stageAlarmSpecs(API, stage("prod", { cache: CACHE, canary: CANARY }), { ...ALARMS, enabled: false })).toEqual([]);
    expect(apiAlarmSpecs(API, [stage("dev"), stage("prod")], { ...ALARMS, enabled: false })).toEqual([]);
  });

  test("thresholds come from the config exactly", () => {
    const alarms = { ...ALARMS, error5xxPercent: 0.5, error4xxPercent: 25, latencyP99Ms: 2500, integrationLatencyP99Ms: 28999, cacheHitRatioPercent: 80 };
    const specs = stageAlarmSpecs(API, stage("prod", { cache: CACHE, canary: CANARY }), alarms);
    expect(Object.fromEntries(specs.map((s) => [s.key, s.threshold]))).toEqual({
      "prod-5xx-rate": 0.5,
      "prod-4xx-rate": 25,
      "prod-latency-p99": 2500,
      "prod-integration-latency-p99": 28999,
      "prod-cache-hit-ratio": 80,
      "prod-canary-5xx-rate": 0.5,
      "prod-canary-latency-p99": 2500,
      "prod-canary-integration-latency-p99": 28999,
    });
    expect(byKey(specs, "prod-4xx-rate").description).toContain("at least 25% of requests with a 4XX");
    expect(byKey(specs, "prod-integration-latency-p99").description).toContain("at or above 28999 ms");
  });

  test("CloudWatch's rules: ids lower case from a letter, exactly one query returns data, descriptions within 1024 characters", () => {
    const specs = apiAlarmSpecs(API, [stage("dev"), stage("prod", { cache: CACHE, canary: CANARY })], ALARMS);
    expect(specs).toHaveLength(4 + 8);
    for (const spec of specs) {
      const ids = spec.metricQueries.map((q: MetricQuery) => q.id);
      expect([spec.key, ids.every((id) => /^[a-z][a-zA-Z0-9_]*$/.test(id))]).toEqual([spec.key, true]);
      expect([spec.key, new Set(ids).size]).toEqual([spec.key, ids.length]);
      expect([spec.key, spec.metricQueries.filter((q) => q.returnData).length]).toEqual([spec.key, 1]);
      expect(spec.description.length).toBeLessThanOrEqual(1024);
      expect(spec.name.length).toBeLessThanOrEqual(255);
    }
    expect(new Set(specs.map((s) => s.name)).size).toBe(specs.length);
  });

  test("evaluation windows: 3 of 5 one-minute datapoints; the cache 3 of 3 five-minute datapoints", () => {
    expect(ALARM_EVALUATION).toEqual({ periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 });
    expect(CACHE_ALARM_EVALUATION).toEqual({ periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 });
  });
});
