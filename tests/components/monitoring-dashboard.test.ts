import { dashboardBody, dashboardName, type MetricWidget } from "../../components/observability/dashboard-body";
import { CACHE, CANARY, stage } from "./monitoring-fixtures";

const API = "shop-prod";
const REGION = "eu-west-1";
const alarmArn = (name: string) => `arn:aws:cloudwatch:${REGION}:123456789012:alarm:${name}`;
const row = (s: string, metric: string, options: Record<string, string>) => ["AWS/ApiGateway", metric, "ApiName", API, "Stage", s, options];
const graph = (x: number, y: number, title: string, stat: string, unit: string, metrics: unknown[]) => ({
  type: "metric",
  x,
  y,
  width: 8,
  height: 6,
  properties: {
    metrics,
    view: "timeSeries",
    stacked: false,
    region: REGION,
    stat,
    period: 60,
    title,
    yAxis: { left: { min: 0, label: unit, showUnits: false } },
  },
});

describe("dashboardBody", () => {
  test("a plain stage: the alarms' states on top, a header, then requests, errors, Latency and IntegrationLatency", () => {
    const arns = [alarmArn("shop-prod-prod-5xx-rate"), alarmArn("shop-prod-prod-4xx-rate")];
    expect(dashboardBody({ apiName: API, region: REGION, stages: [stage("prod")], alarmArns: arns })).toEqual({
      widgets: [
        { type: "alarm", x: 0, y: 0, width: 24, height: 6, properties: { title: "shop-prod alarms", alarms: arns, sortBy: "stateUpdatedTimestamp" } },
        { type: "text", x: 0, y: 6, width: 24, height: 1, properties: { markdown: "## Stage `prod`" } },
        graph(0, 7, "prod: requests", "SampleCount", "Count", [row("prod", "Count", { label: "requests" })]),
        graph(8, 7, "prod: 4XX and 5XX errors", "Sum", "Count", [row("prod", "4XXError", { label: "4XX" }), row("prod", "5XXError", { label: "5XX" })]),
        graph(16, 7, "prod: Latency p50 / p99", "p99", "Milliseconds", [
          row("prod", "Latency", { stat: "p50", label: "p50" }),
          row("prod", "Latency", { stat: "p99", label: "p99" }),
        ]),
        graph(0, 13, "prod: IntegrationLatency p50 / p99", "p99", "Milliseconds", [
          row("prod", "IntegrationLatency", { stat: "p50", label: "p50" }),
          row("prod", "IntegrationLatency", { stat: "p99", label: "p99" }),
        ]),
      ],
    });
  });

  test("without alarms there is no alarm widget; stages follow each other down the grid", () => {
    const body = dashboardBody({ apiName: API, region: REGION, stages: [stage("dev"), stage("prod")], alarmArns: [] });
    expect(body.widgets.map((w) => [w.type, w.x, w.y])).toEqual([
      ["text", 0, 0],
      ["metric", 0, 1],
      ["metric", 8, 1],
      ["metric", 16, 1],
      ["metric", 0, 7],
      ["text", 0, 13],
      ["metric", 0, 14],
      ["metric", 8, 14],
      ["metric", 16, 14],
      ["metric", 0, 20],
    ]);
  });

  test("a cached stage gets a cache hits and misses graph", () => {
    const body = dashboardBody({ apiName: API, region: REGION, stages: [stage("prod", { cache: CACHE })], alarmArns: [] });
    expect(body.widgets[0]).toEqual({ type: "text", x: 0, y: 0, width: 24, height: 1, properties: { markdown: "## Stage `prod`; cache 0.5 GB, TTL 300 s" } });
    expect(body.widgets[5]).toEqual(
      graph(8, 7, "prod: cache hits and misses", "Sum", "Count", [
        row("prod", "CacheHitCount", { label: "hits" }),
        row("prod", "CacheMissCount", { label: "misses" }),
      ]),
    );
  });

  test("a canary's series sit beside the stage's in every graph, on Stage <stage>/Canary", () => {
    const body = dashboardBody({ apiName: API, region: REGION, stages: [stage("prod", { canary: CANARY })], alarmArns: [] });
    expect(body.widgets[0]!.properties).toEqual({ markdown: "## Stage `prod`; its canary (10% of traffic, Stage `prod/Canary`) is graphed beside it" });
    const metrics = body.widgets.slice(1).map((w) => (w as MetricWidget).properties.metrics);
    expect(metrics).toEqual([
      [row("prod", "Count", { label: "requests" }), row("prod/Canary", "Count", { label: "canary requests" })],
      [
        row("prod", "4XXError", { label: "4XX" }),
        row("prod/Canary", "4XXError", { label: "canary 4XX" }),
        row("prod", "5XXError", { label: "5XX" }),
        row("prod/Canary", "5XXError", { label: "canary 5XX" }),
      ],
      [
        row("prod", "Latency", { stat: "p50", label: "p50" }),
        row("prod/Canary", "Latency", { stat: "p50", label: "canary p50" }),
        row("prod", "Latency", { stat: "p99", label: "p99" }),
        row("prod/Canary", "Latency", { stat: "p99", label: "canary p99" }),
      ],
      [
        row("prod", "IntegrationLatency", { stat: "p50", label: "p50" }),
        row("prod/Canary", "IntegrationLatency", { stat: "p50", label: "canary p50" }),
        row("prod", "IntegrationLatency", { stat: "p99", label: "p99" }),
        row("prod/Canary", "IntegrationLatency", { stat: "p99", label: "canary p99" }),
      ],
    ]);
  });

  test("the canary's cache lookups are graphed only when it uses the stage cache", () => {
    const cacheGraph = (useStageCache: boolean) =>
      (
        dashboardBody({ apiName: API, region: REGION, stages: [stage("prod", { cache: CACHE, canary: { ...CANARY, useStageCache } })], alarmArns: [] })
          .widgets[5] as MetricWidget
      ).properties.metrics;
    expect(cacheGraph(false)).toEqual([row("prod", "CacheHitCount", { label: "hits" }), row("prod", "CacheMissCount", { label: "misses" })]);
    expect(cacheGraph(true)).toEqual([
      row("prod", "CacheHitCount", { label: "hits" }),
      row("prod/Canary", "CacheHitCount", { label: "canary hits" }),
      row("prod", "CacheMissCount", { label: "misses" }),
      row("prod/Canary", "CacheMissCount", { label: "canary misses" }),
    ]);
  });

  test("more than 100 alarms are split over alarm widgets of at most 100", () => {
    const arns = Array.from({ length: 130 }, (_, i) => alarmArn(`a${i}`));
    const alarmWidgets = dashboardBody({ apiName: API, region: REGION, stages: [], alarmArns: arns }).widgets;
    expect(alarmWidgets.map((w) => [w.y, w.properties])).toEqual([
      [0, { title: "shop-prod alarms (1)", alarms: arns.slice(0, 100), sortBy: "stateUpdatedTimestamp" }],
      [6, { title: "shop-prod alarms (2)", alarms: arns.slice(100), sortBy: "stateUpdatedTimestamp" }],
    ]);
  });

  test("every widget stays inside the 24-unit grid, and the body survives a JSON round trip unchanged", () => {
    const body = dashboardBody({
      apiName: API,
      region: REGION,
      stages: [stage("dev"), stage("prod", { cache: CACHE, canary: CANARY })],
      alarmArns: [alarmArn("x")],
    });
    for (const w of body.widgets) expect(w.x + w.width).toBeLessThanOrEqual(24);
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  test("dashboard names keep to letters, digits, - and _", () => {
    expect(dashboardName("shop-prod")).toBe("shop-prod");
    expect(dashboardName("shop prod/v1.2")).toBe("shop-prod-v1-2");
  });
});
