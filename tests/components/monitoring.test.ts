import type { Monitoring, MonitoringArgs } from "../../components/observability/monitoring";
import { dashboardBody } from "../../components/observability/dashboard-body";
import type { MockRecorder, RecordedResource } from "../helpers/mocks";
import { ALARMS, CACHE, CANARY, stage } from "./monitoring-fixtures";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const API = "shop-prod";
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:shop-prod-alarms`;
const alarmArn = (name: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;
const TAGS = { project: "shop", stack: "prod" };

async function build(name: string, args: MonitoringArgs): Promise<{ rec: MockRecorder; monitoring: Monitoring }> {
  const { installMocks } = await import("../helpers/mocks");
  const rec = await installMocks({ stack: "prod", environment: { account: ACCOUNT, region: REGION } });
  const { Monitoring } = await import("../../components/observability/monitoring");
  const monitoring = new Monitoring(name, args);
  await rec.settled();
  return { rec, monitoring };
}

/** Every alarm name, in the order of the specs (stage by stage), which is the dashboard's order. */
const ALARM_NAMES = [
  "shop-prod-dev-5xx-rate",
  "shop-prod-dev-4xx-rate",
  "shop-prod-dev-latency-p99",
  "shop-prod-dev-integration-latency-p99",
  "shop-prod-prod-5xx-rate",
  "shop-prod-prod-4xx-rate",
  "shop-prod-prod-latency-p99",
  "shop-prod-prod-integration-latency-p99",
  "shop-prod-prod-cache-hit-ratio",
  "shop-prod-prod-canary-5xx-rate",
  "shop-prod-prod-canary-latency-p99",
  "shop-prod-prod-canary-integration-latency-p99",
];
const STAGES = [stage("dev"), stage("prod", { cache: CACHE, canary: CANARY })];
const metric = (id: string, metricName: string, s: string, stat: string, period = 60) => ({
  id,
  metric: { namespace: "AWS/ApiGateway", metricName, dimensions: { ApiName: API, Stage: s }, period, stat },
  returnData: false,
});

describe("Monitoring with alarms, an email address and a dashboard", () => {
  let rec: MockRecorder;
  let monitoring: Monitoring;
  beforeAll(async () => {
    ({ rec, monitoring } = await build("monitoring", {
      apiName: API,
      stages: STAGES,
      alarms: { ...ALARMS, email: "oncall@example.com" },
      dashboard: true,
      region: REGION,
      tags: TAGS,
    }));
  });

  test("registers the topic, its key, the subscription, 12 alarms and the dashboard", () => {
    const counts: Record<string, number> = {};
    for (const r of rec.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).toEqual({
      "gateway:observability:Monitoring": 1,
      "aws:kms/key:Key": 1,
      "aws:kms/alias:Alias": 1,
      "aws:sns/topic:Topic": 1,
      "aws:sns/topicSubscription:TopicSubscription": 1,
      "aws:cloudwatch/metricAlarm:MetricAlarm": 4 + 8,
      "aws:cloudwatch/dashboard:Dashboard": 1,
    });
  });

  test("every child's parent is the Monitoring component", () => {
    const component = rec.get("gateway:observability:Monitoring", "monitoring");
    const children = rec.resources.filter((r) => r !== component);
    expect(children.map((r: RecordedResource) => [r.name, r.parentUrn])).toEqual(children.map((r) => [r.name, component.urn]));
  });

  test("the topic is encrypted with a customer managed key CloudWatch may use", async () => {
    const { outputOf } = await import("../helpers/mocks");
    const keyArn = await outputOf(monitoring.topicKey!.arn);
    expect(rec.get("aws:sns/topic:Topic", "monitoring-alarms").inputs).toEqual({
      name: "shop-prod-alarms",
      displayName: "shop-prod alarms",
      kmsMasterKeyId: keyArn,
      tags: TAGS,
    });
    const key = rec.get("aws:kms/key:Key", "monitoring-topic-key");
    expect({ ...key.inputs, policy: JSON.parse(key.inputs.policy as string) }).toEqual({
      description: "Encrypts the alarm topic of shop-prod",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: {
        Version: "2012-10-17",
        Statement: [
          { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
          {
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
          },
        ],
      },
      tags: TAGS,
    });
    expect(rec.get("aws:kms/alias:Alias", "monitoring-topic-key-alias").inputs).toEqual({
      name: "alias/shop-prod-alarms",
      targetKeyId: await outputOf(monitoring.topicKey!.keyId),
    });
  });

  test("the email address subscribes to the topic", () => {
    expect(rec.get("aws:sns/topicSubscription:TopicSubscription", "monitoring-email").inputs).toEqual({
      topic: TOPIC_ARN,
      protocol: "email",
      endpoint: "oncall@example.com",
    });
  });

  test("the stage's 5XX rate alarm: metric math with the Count guard, actions to the topic on ALARM and OK", () => {
    const alarm = rec.get("aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-prod-5xx-rate");
    expect(alarm.inputs).toEqual({
      name: "shop-prod-prod-5xx-rate",
      alarmDescription:
        "Stage prod of shop-prod answered at least 1% of requests with a 5XX in 3 of the last 5 minutes." +
        " Read the execution logs (API-Gateway-Execution-Logs_<rest-api-id>/prod) and the access logs (status, integrationStatus, errorMessage)," +
        " then the backend: Lambda Errors, Throttles and logs. If it began with a deployment, roll it back.",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      treatMissingData: "notBreaching",
      metricQueries: [
        metric("errors", "5XXError", "prod", "Sum"),
        metric("requests", "Count", "prod", "SampleCount"),
        { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "5XX error rate (%)", returnData: true },
      ],
      alarmActions: [TOPIC_ARN],
      okActions: [TOPIC_ARN],
      tags: TAGS,
    });
  });

  test("the canary's 5XX rate alarm reads Stage prod/Canary and says to roll the canary back", () => {
    expect(rec.get("aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-prod-canary-5xx-rate").inputs).toEqual({
      name: "shop-prod-prod-canary-5xx-rate",
      alarmDescription:
        "The canary of stage prod of shop-prod answered at least 1% of requests with a 5XX in 3 of the last 5 minutes." +
        " The canary serves the newest deployment: do not promote it; set its percentTraffic to 0 (or remove the canary) to roll back, then investigate." +
        " Read the execution logs (API-Gateway-Execution-Logs_<rest-api-id>/prod/Canary) and the access logs (status, integrationStatus, errorMessage)," +
        " then the backend: Lambda Errors, Throttles and logs. If it began with a deployment, roll it back.",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      treatMissingData: "notBreaching",
      metricQueries: [
        metric("errors", "5XXError", "prod/Canary", "Sum"),
        metric("requests", "Count", "prod/Canary", "SampleCount"),
        { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "Canary 5XX error rate (%)", returnData: true },
      ],
      alarmActions: [TOPIC_ARN],
      okActions: [TOPIC_ARN],
      tags: TAGS,
    });
  });

  test("p99 latency and cache hit ratio alarms", () => {
    const { alarmDescription: _latency, ...latency } = rec.get("aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-dev-latency-p99").inputs;
    expect(latency).toEqual({
      name: "shop-prod-dev-latency-p99",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 5000,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      treatMissingData: "notBreaching",
      metricQueries: [{ ...metric("p99", "Latency", "dev", "p99"), returnData: true }],
      alarmActions: [TOPIC_ARN],
      okActions: [TOPIC_ARN],
      tags: TAGS,
    });
    const { alarmDescription: _cache, ...cache } = rec.get("aws:cloudwatch/metricAlarm:MetricAlarm", "monitoring-prod-cache-hit-ratio").inputs;
    expect(cache).toEqual({
      name: "shop-prod-prod-cache-hit-ratio",
      comparisonOperator: "LessThanThreshold",
      threshold: 50,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: "notBreaching",
      metricQueries: [
        metric("hits", "CacheHitCount", "prod", "Sum", 300),
        metric("misses", "CacheMissCount", "prod", "Sum", 300),
        { id: "ratio", expression: "IF((hits + misses) > 0, 100 * hits / (hits + misses), 100)", label: "Cache hit ratio (%)", returnData: true },
      ],
      alarmActions: [TOPIC_ARN],
      okActions: [TOPIC_ARN],
      tags: TAGS,
    });
    // Registrations complete in any order: compare as sorted lists.
    expect(
      rec
        .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
        .map((a) => a.name)
        .sort(),
    ).toEqual(ALARM_NAMES.map((n) => n.replace(/^shop-prod-/, "monitoring-")).sort());
  });

  test("the dashboard shows every alarm's state, then each stage's graphs", () => {
    const dashboard = rec.get("aws:cloudwatch/dashboard:Dashboard", "monitoring-dashboard");
    const names = ALARM_NAMES;
    expect(Object.keys(dashboard.inputs).sort()).toEqual(["dashboardBody", "dashboardName"]);
    expect(dashboard.inputs.dashboardName).toBe("shop-prod");
    const body = JSON.parse(dashboard.inputs.dashboardBody as string);
    expect(body).toEqual(dashboardBody({ apiName: API, region: REGION, stages: STAGES, alarmArns: names.map(alarmArn) }));
    expect(body.widgets[0]).toEqual({
      type: "alarm",
      x: 0,
      y: 0,
      width: 24,
      height: 6,
      properties: { title: "shop-prod alarms", alarms: names.map(alarmArn), sortBy: "stateUpdatedTimestamp" },
    });
    expect(body.widgets.filter((w: { type: string }) => w.type === "metric").map((w: { properties: { title: string } }) => w.properties.title)).toEqual([
      "dev: requests",
      "dev: 4XX and 5XX errors",
      "dev: Latency p50 / p99",
      "dev: IntegrationLatency p50 / p99",
      "prod: requests",
      "prod: 4XX and 5XX errors",
      "prod: Latency p50 / p99",
      "prod: IntegrationLatency p50 / p99",
      "prod: cache hits and misses",
    ]);
  });
});

describe("Monitoring without an email address, with a given key, without a dashboard", () => {
  test("the topic uses the given key; no subscription, no key of its own, no dashboard", async () => {
    const { rec, monitoring } = await build("quiet", {
      apiName: API,
      stages: [stage("prod")],
      alarms: ALARMS,
      dashboard: false,
      region: REGION,
      kmsMasterKeyId: "alias/shop-alarms",
    });
    expect(rec.resources.map((r) => r.type).sort()).toEqual([
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:sns/topic:Topic",
      "gateway:observability:Monitoring",
    ]);
    expect(rec.get("aws:sns/topic:Topic", "quiet-alarms").inputs).toEqual({
      name: "shop-prod-alarms",
      displayName: "shop-prod alarms",
      kmsMasterKeyId: "alias/shop-alarms",
      tags: {},
    });
    expect([monitoring.emailSubscription, monitoring.topicKey, monitoring.dashboard]).toEqual([undefined, undefined, undefined]);
  });
});

describe("Monitoring with alarms disabled", () => {
  test("no topic and no alarms; the dashboard has no alarm widget", async () => {
    const { rec, monitoring } = await build("dark", {
      apiName: API,
      stages: [stage("prod", { canary: CANARY })],
      alarms: { ...ALARMS, enabled: false, email: "oncall@example.com" },
      dashboard: true,
      region: REGION,
    });
    expect(rec.resources.map((r) => r.type).sort()).toEqual(["aws:cloudwatch/dashboard:Dashboard", "gateway:observability:Monitoring"]);
    const body = JSON.parse(rec.get("aws:cloudwatch/dashboard:Dashboard", "dark-dashboard").inputs.dashboardBody as string);
    expect(body).toEqual(dashboardBody({ apiName: API, region: REGION, stages: [stage("prod", { canary: CANARY })], alarmArns: [] }));
    expect(monitoring.alarms).toEqual({});
    expect(monitoring.topic).toBeUndefined();
  });

  test("AWS's managed SNS key is refused: alarms could not publish to the topic", async () => {
    const { installMocks } = await import("../helpers/mocks");
    const rec = await installMocks({ stack: "prod", environment: { account: ACCOUNT, region: REGION } });
    const { Monitoring } = await import("../../components/observability/monitoring");
    expect(
      () => new Monitoring("managed", { apiName: API, stages: [], alarms: ALARMS, dashboard: false, region: REGION, kmsMasterKeyId: "alias/aws/sns" }),
    ).toThrow(
      "Monitoring managed: kmsMasterKeyId alias/aws/sns would drop every alarm notification (CloudWatch may not use AWS's managed SNS key); leave it unset to create a customer managed key, or pass one whose policy lets cloudwatch.amazonaws.com use kms:Decrypt and kms:GenerateDataKey*",
    );
    expect(await rec.settled()).toEqual([]);
  });
});
