import type { AlarmsConfig, StageConfig } from "../../config";

/** The CloudWatch namespace API Gateway (REST, v1) publishes its metrics to. */
export const API_GATEWAY_NAMESPACE = "AWS/ApiGateway";

/**
 * The `Stage` dimension value of a stage's canary metrics.
 *
 * API Gateway: "When you enable API execution logging, the canary release has its own logs and
 * metrics generated for all canary requests. [...] the canary release execution log group is named
 * `API-Gateway-Execution-Logs/{rest-api-id}/{stage-name}/Canary`" (Developer Guide, "Set up an API
 * Gateway canary release deployment",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html).
 * The guide does not state the canary metrics' `Stage` dimension value, and no AWS page found says
 * it; `<stage>/Canary` is taken from the canary's log group naming above (the same `/Canary`
 * suffix, also used for its access log group). Unverified against a live account: check once with
 * `aws cloudwatch list-metrics --namespace AWS/ApiGateway --dimensions Name=Stage,Value=<stage>/Canary`
 * after canary traffic has flowed. Every canary alarm and dashboard series takes the value from here.
 */
export function canaryStageDimension(stageName: string): string {
  return `${stageName}/Canary`;
}

/**
 * How a one-minute alarm decides: API Gateway publishes every minute, and an alarm fires when 3 of
 * the last 5 one-minute datapoints breach. One bad minute (a cold start, a retry storm) does not
 * page anyone; a problem that lasts about three minutes does, and the alarm returns to OK as soon as
 * 3 of 5 minutes are healthy again.
 */
export const ALARM_EVALUATION = { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 } as const;

/**
 * The cache hit ratio moves slowly (TTLs are minutes long) and is noisy per minute at low traffic:
 * 5-minute datapoints, all 3 of the last 3 (15 minutes) below the threshold.
 */
export const CACHE_ALARM_EVALUATION = { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 } as const;

export interface MetricStat {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly period: number;
  readonly stat: string;
}

/**
 * One query of an alarm, in the shape of `aws.cloudwatch.MetricAlarm`'s `metricQueries`: either a
 * metric with a statistic, or a metric math expression over the other queries' ids. Ids are lower
 * case and start with a letter (CloudWatch's rule); exactly one query of an alarm returns data.
 */
export interface MetricStatQuery {
  readonly id: string;
  readonly metric: MetricStat;
  readonly returnData: boolean;
}

export interface ExpressionQuery {
  readonly id: string;
  readonly expression: string;
  readonly label: string;
  readonly returnData: boolean;
}

export type MetricQuery = MetricStatQuery | ExpressionQuery;

export type AlarmKind = "5xx-rate" | "4xx-rate" | "latency-p99" | "integration-latency-p99" | "cache-hit-ratio";

export type ComparisonOperator = "GreaterThanOrEqualToThreshold" | "LessThanThreshold";

/** Everything a CloudWatch metric alarm needs, except its actions (the topic is not known here). */
export interface AlarmSpec {
  /** Unique within one API: `<stage>-<kind>` or `<stage>-canary-<kind>`; names the Pulumi resource. */
  readonly key: string;
  /** The alarm's name, unique per account and region: `<apiName>-<key>`. */
  readonly name: string;
  readonly stage: string;
  /** Whether the alarm watches the stage's canary rather than the stage. */
  readonly canary: boolean;
  readonly kind: AlarmKind;
  /** What fired and what to do about it. */
  readonly description: string;
  readonly metricQueries: readonly MetricQuery[];
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /** No datapoints means no traffic, which is not a failure. */
  readonly treatMissingData: "notBreaching";
}

/** The `ApiName` and `Stage` dimensions of a stage, or of its canary. */
export function stageDimensions(apiName: string, stageName: string, canary = false): Readonly<Record<string, string>> {
  return { ApiName: apiName, Stage: canary ? canaryStageDimension(stageName) : stageName };
}

function metric(id: string, metricName: string, dimensions: Readonly<Record<string, string>>, stat: string, period: number): MetricStatQuery {
  return { id, metric: { namespace: API_GATEWAY_NAMESPACE, metricName, dimensions, period, stat }, returnData: false };
}

/**
 * `100 * errors / requests`, 0 when there were no requests (so an idle stage never alarms).
 * `Count` is read with `SampleCount`, the statistic AWS documents for it; the error metrics with `Sum`.
 */
function errorRateQueries(errorMetric: "5XXError" | "4XXError", dimensions: Readonly<Record<string, string>>, label: string): MetricQuery[] {
  const period = ALARM_EVALUATION.periodSeconds;
  return [
    metric("errors", errorMetric, dimensions, "Sum", period),
    metric("requests", "Count", dimensions, "SampleCount", period),
    { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label, returnData: true },
  ];
}

function p99Query(metricName: "Latency" | "IntegrationLatency", dimensions: Readonly<Record<string, string>>): MetricQuery[] {
  return [{ ...metric("p99", metricName, dimensions, "p99", ALARM_EVALUATION.periodSeconds), returnData: true }];
}

/** `100 * hits / (hits + misses)`, 100 when nothing was looked up (no traffic is not a cold cache). */
function cacheHitRatioQueries(dimensions: Readonly<Record<string, string>>): MetricQuery[] {
  const period = CACHE_ALARM_EVALUATION.periodSeconds;
  return [
    metric("hits", "CacheHitCount", dimensions, "Sum", period),
    metric("misses", "CacheMissCount", dimensions, "Sum", period),
    { id: "ratio", expression: "IF((hits + misses) > 0, 100 * hits / (hits + misses), 100)", label: "Cache hit ratio (%)", returnData: true },
  ];
}

const WINDOW = `in ${ALARM_EVALUATION.datapointsToAlarm} of the last ${ALARM_EVALUATION.evaluationPeriods} minutes`;
const CACHE_WINDOW = `for ${(CACHE_ALARM_EVALUATION.evaluationPeriods * CACHE_ALARM_EVALUATION.periodSeconds) / 60} minutes`;

function subject(apiName: string, stage: string, canary: boolean): string {
  return canary ? `The canary of stage ${stage} of ${apiName}` : `Stage ${stage} of ${apiName}`;
}

function executionLogs(stage: string, canary: boolean): string {
  return `API-Gateway-Execution-Logs_<rest-api-id>/${stage}${canary ? "/Canary" : ""}`;
}

/** For a canary, the first thing to do is always the same: take traffic off the new deployment. */
function canaryFirst(canary: boolean): string {
  return canary
    ? " The canary serves the newest deployment: do not promote it; set its percentTraffic to 0 (or remove the canary) to roll back, then investigate."
    : "";
}

function description(kind: AlarmKind, apiName: string, stage: string, canary: boolean, threshold: number): string {
  const who = subject(apiName, stage, canary);
  const logs = executionLogs(stage, canary);
  switch (kind) {
    case "5xx-rate":
      return (
        `${who} answered at least ${threshold}% of requests with a 5XX ${WINDOW}.${canaryFirst(canary)}` +
        ` Read the execution logs (${logs}) and the access logs (status, integrationStatus, errorMessage),` +
        ` then the backend: Lambda Errors, Throttles and logs. If it began with a deployment, roll it back.`
      );
    case "4xx-rate":
      return (
        `${who} answered at least ${threshold}% of requests with a 4XX ${WINDOW}.` +
        ` Group the access logs by status and errorType: 403 (authorization, WAF), 429 (throttling or quota),` +
        ` 400 (request validation). A jump right after a deployment suggests a breaking API change: roll it back.`
      );
    case "latency-p99":
      return (
        `${who}: p99 Latency at or above ${threshold} ms ${WINDOW}.${canaryFirst(canary)}` +
        ` If IntegrationLatency is high too, the backend is slow (Lambda Duration, cold starts, DynamoDB throttling);` +
        ` otherwise look at authorizers and API Gateway throttling. API Gateway cuts integrations off at 29 s with a 504.`
      );
    case "integration-latency-p99":
      return (
        `${who}: p99 IntegrationLatency at or above ${threshold} ms ${WINDOW}: the backend is slow.${canaryFirst(canary)}` +
        ` Check Lambda Duration, Throttles, ConcurrentExecutions and cold starts, and downstream calls (DynamoDB latency and throttling).` +
        ` Requests that reach 29 s fail with a 504 (API Gateway's integration timeout).`
      );
    case "cache-hit-ratio":
      return (
        `${who}: fewer than ${threshold}% of cache lookups hit the cache ${CACHE_WINDOW}.` +
        ` Check the stage and per-method TTLs, cache key parameters (too many make every key unique),` +
        ` clients invalidating with Cache-Control: max-age=0, and whether the cache was just flushed or resized.`
      );
  }
}

function spec(
  apiName: string,
  stage: string,
  canary: boolean,
  kind: AlarmKind,
  metricQueries: MetricQuery[],
  threshold: number,
  comparisonOperator: ComparisonOperator,
  evaluation: { readonly evaluationPeriods: number; readonly datapointsToAlarm: number },
): AlarmSpec {
  const key = `${stage}-${canary ? "canary-" : ""}${kind}`;
  return {
    key,
    name: `${apiName}-${key}`,
    stage,
    canary,
    kind,
    description: description(kind, apiName, stage, canary, threshold),
    metricQueries,
    threshold,
    comparisonOperator,
    evaluationPeriods: evaluation.evaluationPeriods,
    datapointsToAlarm: evaluation.datapointsToAlarm,
    treatMissingData: "notBreaching",
  };
}

/**
 * The alarms of one stage: 5XX and 4XX error rates, p99 Latency and IntegrationLatency; the cache
 * hit ratio where the stage caches; and the 5XX rate and both latencies of its canary where it has
 * one. None when alarms are disabled.
 */
export function stageAlarmSpecs(apiName: string, stage: StageConfig, alarms: AlarmsConfig): AlarmSpec[] {
  if (!alarms.enabled) return [];
  const s = stage.name;
  const dims = stageDimensions(apiName, s);
  const specs = [
    spec(
      apiName,
      s,
      false,
      "5xx-rate",
      errorRateQueries("5XXError", dims, "5XX error rate (%)"),
      alarms.error5xxPercent,
      "GreaterThanOrEqualToThreshold",
      ALARM_EVALUATION,
    ),
    spec(
      apiName,
      s,
      false,
      "4xx-rate",
      errorRateQueries("4XXError", dims, "4XX error rate (%)"),
      alarms.error4xxPercent,
      "GreaterThanOrEqualToThreshold",
      ALARM_EVALUATION,
    ),
    spec(apiName, s, false, "latency-p99", p99Query("Latency", dims), alarms.latencyP99Ms, "GreaterThanOrEqualToThreshold", ALARM_EVALUATION),
    spec(
      apiName,
      s,
      false,
      "integration-latency-p99",
      p99Query("IntegrationLatency", dims),
      alarms.integrationLatencyP99Ms,
      "GreaterThanOrEqualToThreshold",
      ALARM_EVALUATION,
    ),
  ];
  if (stage.cache) {
    specs.push(
      spec(apiName, s, false, "cache-hit-ratio", cacheHitRatioQueries(dims), alarms.cacheHitRatioPercent, "LessThanThreshold", CACHE_ALARM_EVALUATION),
    );
  }
  if (stage.canary) {
    const canaryDims = stageDimensions(apiName, s, true);
    specs.push(
      spec(
        apiName,
        s,
        true,
        "5xx-rate",
        errorRateQueries("5XXError", canaryDims, "Canary 5XX error rate (%)"),
        alarms.error5xxPercent,
        "GreaterThanOrEqualToThreshold",
        ALARM_EVALUATION,
      ),
      spec(apiName, s, true, "latency-p99", p99Query("Latency", canaryDims), alarms.latencyP99Ms, "GreaterThanOrEqualToThreshold", ALARM_EVALUATION),
      spec(
        apiName,
        s,
        true,
        "integration-latency-p99",
        p99Query("IntegrationLatency", canaryDims),
        alarms.integrationLatencyP99Ms,
        "GreaterThanOrEqualToThreshold",
        ALARM_EVALUATION,
      ),
    );
  }
  return specs;
}

/** Every alarm of an API, stage by stage. Stage names cannot contain `-`, so keys never collide. */
export function apiAlarmSpecs(apiName: string, stages: readonly StageConfig[], alarms: AlarmsConfig): AlarmSpec[] {
  return stages.flatMap((stage) => stageAlarmSpecs(apiName, stage, alarms));
}
