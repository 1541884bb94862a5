import type { StageConfig } from "../../config";
import { API_GATEWAY_NAMESPACE, canaryStageDimension } from "./alarm-specs";

/**
 * The body of a CloudWatch dashboard (`PutDashboard`'s `DashboardBody`): a grid 24 units wide,
 * widgets placed by `x`, `y`, `width`, `height`. See "Dashboard Body Structure and Syntax" in the
 * CloudWatch API reference.
 */
export interface DashboardBody {
  readonly widgets: readonly DashboardWidget[];
}

export type DashboardWidget = MetricWidget | AlarmWidget | TextWidget;

interface Placement {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Options that follow the dimensions in a metric row: `stat` overrides the widget's. */
export interface MetricRenderOptions {
  readonly stat?: string;
  readonly label: string;
}

/** `[namespace, metricName, dimensionName, value, ..., options]`. */
export type MetricRow = readonly (string | MetricRenderOptions)[];

export interface MetricWidget extends Placement {
  readonly type: "metric";
  readonly properties: {
    readonly metrics: readonly MetricRow[];
    readonly view: "timeSeries";
    readonly stacked: false;
    readonly region: string;
    readonly stat: string;
    readonly period: number;
    readonly title: string;
    readonly yAxis: { readonly left: { readonly min: 0; readonly label: string; readonly showUnits: false } };
  };
}

export interface AlarmWidget extends Placement {
  readonly type: "alarm";
  readonly properties: {
    readonly title: string;
    /** Alarm ARNs, at most 100 per widget. */
    readonly alarms: readonly string[];
    readonly sortBy: "stateUpdatedTimestamp";
  };
}

export interface TextWidget extends Placement {
  readonly type: "text";
  readonly properties: { readonly markdown: string };
}

export interface DashboardBodyInput {
  /** The REST API's name: CloudWatch's `ApiName` dimension. */
  readonly apiName: string;
  /** The region the widgets read metrics from. */
  readonly region: string;
  readonly stages: readonly StageConfig[];
  /** ARNs of the alarms whose states the dashboard shows, in order; none: no alarm widget. */
  readonly alarmArns: readonly string[];
}

export const DASHBOARD_GRID_WIDTH = 24;
export const DASHBOARD_PERIOD_SECONDS = 60;
const GRAPH = { width: 8, height: 6 } as const;
const ALARM_WIDGET_HEIGHT = 6;
const HEADER_HEIGHT = 1;
/** CloudWatch's limit of alarms in one alarm status widget. */
export const MAX_ALARMS_PER_WIDGET = 100;

/** A dashboard name CloudWatch accepts: letters, digits, `-` and `_`, at most 255 characters. */
export function dashboardName(apiName: string): string {
  return apiName.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255);
}

function row(apiName: string, stageValue: string, metricName: string, options: MetricRenderOptions): MetricRow {
  return [API_GATEWAY_NAMESPACE, metricName, "ApiName", apiName, "Stage", stageValue, options];
}

interface Graph {
  readonly title: string;
  readonly stat: string;
  readonly unit: string;
  readonly metrics: readonly MetricRow[];
}

/** The graphs of one stage; the canary's series sit in the same graphs as the stage's, labelled `canary`. */
function stageGraphs(apiName: string, stage: StageConfig): Graph[] {
  const s = stage.name;
  const c = canaryStageDimension(s);
  const canary = stage.canary !== undefined;
  const both = (metricName: string, stat: string | undefined, label: string): MetricRow[] => {
    const opts = (l: string): MetricRenderOptions => (stat === undefined ? { label: l } : { stat, label: l });
    return canary
      ? [row(apiName, s, metricName, opts(label)), row(apiName, c, metricName, opts(`canary ${label}`))]
      : [row(apiName, s, metricName, opts(label))];
  };
  const graphs: Graph[] = [
    { title: `${s}: requests`, stat: "SampleCount", unit: "Count", metrics: both("Count", undefined, "requests") },
    { title: `${s}: 4XX and 5XX errors`, stat: "Sum", unit: "Count", metrics: [...both("4XXError", undefined, "4XX"), ...both("5XXError", undefined, "5XX")] },
    { title: `${s}: Latency p50 / p99`, stat: "p99", unit: "Milliseconds", metrics: [...both("Latency", "p50", "p50"), ...both("Latency", "p99", "p99")] },
    {
      title: `${s}: IntegrationLatency p50 / p99`,
      stat: "p99",
      unit: "Milliseconds",
      metrics: [...both("IntegrationLatency", "p50", "p50"), ...both("IntegrationLatency", "p99", "p99")],
    },
  ];
  if (stage.cache) {
    // The canary's lookups show up in the cache metrics only when it uses the stage cache.
    const cached = (metricName: string, label: string): MetricRow[] =>
      stage.canary?.useStageCache
        ? [row(apiName, s, metricName, { label }), row(apiName, c, metricName, { label: `canary ${label}` })]
        : [row(apiName, s, metricName, { label })];
    graphs.push({
      title: `${s}: cache hits and misses`,
      stat: "Sum",
      unit: "Count",
      metrics: [...cached("CacheHitCount", "hits"), ...cached("CacheMissCount", "misses")],
    });
  }
  return graphs;
}

function header(stage: StageConfig): string {
  const canary = stage.canary
    ? `; its canary (${stage.canary.percentTraffic}% of traffic, Stage \`${canaryStageDimension(stage.name)}\`) is graphed beside it`
    : "";
  const cache = stage.cache ? `; cache ${stage.cache.sizeGb} GB, TTL ${stage.cache.ttlSeconds} s` : "";
  return `## Stage \`${stage.name}\`${canary}${cache}`;
}

/**
 * The API's dashboard: the alarms' states on top, then one band per stage with its requests,
 * 4XX/5XX errors, Latency and IntegrationLatency p50/p99 and, where it caches, cache hits and misses;
 * a canary's series are drawn in the same graphs as its stage's.
 */
export function dashboardBody(input: DashboardBodyInput): DashboardBody {
  const widgets: DashboardWidget[] = [];
  let y = 0;
  for (let i = 0; i < input.alarmArns.length; i += MAX_ALARMS_PER_WIDGET) {
    const part = input.alarmArns.length > MAX_ALARMS_PER_WIDGET ? ` (${i / MAX_ALARMS_PER_WIDGET + 1})` : "";
    widgets.push({
      type: "alarm",
      x: 0,
      y,
      width: DASHBOARD_GRID_WIDTH,
      height: ALARM_WIDGET_HEIGHT,
      properties: { title: `${input.apiName} alarms${part}`, alarms: input.alarmArns.slice(i, i + MAX_ALARMS_PER_WIDGET), sortBy: "stateUpdatedTimestamp" },
    });
    y += ALARM_WIDGET_HEIGHT;
  }
  const perRow = DASHBOARD_GRID_WIDTH / GRAPH.width;
  for (const stage of input.stages) {
    widgets.push({ type: "text", x: 0, y, width: DASHBOARD_GRID_WIDTH, height: HEADER_HEIGHT, properties: { markdown: header(stage) } });
    y += HEADER_HEIGHT;
    const graphs = stageGraphs(input.apiName, stage);
    graphs.forEach((graph, index) => {
      widgets.push({
        type: "metric",
        x: (index % perRow) * GRAPH.width,
        y: y + Math.floor(index / perRow) * GRAPH.height,
        width: GRAPH.width,
        height: GRAPH.height,
        properties: {
          metrics: graph.metrics,
          view: "timeSeries",
          stacked: false,
          region: input.region,
          stat: graph.stat,
          period: DASHBOARD_PERIOD_SECONDS,
          title: graph.title,
          yAxis: { left: { min: 0, label: graph.unit, showUnits: false } },
        },
      });
    });
    y += Math.ceil(graphs.length / perRow) * GRAPH.height;
  }
  return { widgets };
}
