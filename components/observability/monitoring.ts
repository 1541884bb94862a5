import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmsConfig, StageConfig } from "../../config";
import { apiAlarmSpecs, type AlarmSpec, type MetricQuery } from "./alarm-specs";
import { AWS_MANAGED_SNS_KEY, alarmTopicKeyPolicy } from "./alarm-topic-key-policy";
import { dashboardBody, dashboardName } from "./dashboard-body";

export interface MonitoringArgs {
  /** The REST API's name, which is CloudWatch's `ApiName` dimension; it also names the topic, alarms and dashboard. */
  readonly apiName: string;
  /** The API's stages: each gets its alarms and a band of the dashboard. */
  readonly stages: readonly StageConfig[];
  /** Whether to alarm, the thresholds, and the address to notify. */
  readonly alarms: AlarmsConfig;
  /** Whether to build the CloudWatch dashboard. */
  readonly dashboard: boolean;
  /** The region the dashboard's widgets read metrics from: the stack's region. */
  readonly region: string;
  /**
   * The KMS key (id, ARN or alias) that encrypts the alarm topic. Its policy must let
   * `cloudwatch.amazonaws.com` use `kms:Decrypt` and `kms:GenerateDataKey*`, so `alias/aws/sns` is
   * refused: alarms cannot publish to a topic AWS's managed key encrypts.
   * @default undefined: a customer managed key, rotated yearly, created here with that policy
   */
  readonly kmsMasterKeyId?: pulumi.Input<string>;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A MetricAlarm `metricQueries` entry from a spec's query (the spec's objects are already in that shape). */
function queryInput(query: MetricQuery): aws.types.input.cloudwatch.MetricAlarmMetricQuery {
  return "metric" in query
    ? { id: query.id, metric: { ...query.metric, dimensions: { ...query.metric.dimensions } }, returnData: query.returnData }
    : { id: query.id, expression: query.expression, label: query.label, returnData: query.returnData };
}

/** A name SNS and KMS aliases accept: letters, digits, `-` and `_`. */
function resourceSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "-");
}

/**
 * Monitoring of one REST API: an encrypted SNS topic (with an email subscription when an address
 * is configured) that CloudWatch alarms on every stage (and canary) notify on ALARM and on OK, and a
 * CloudWatch dashboard of the stages' traffic, errors, latencies, cache and the alarms' states.
 * With alarms disabled there is no topic and no alarm.
 */
export class Monitoring extends pulumi.ComponentResource {
  /** Undefined when alarms are disabled. */
  readonly topic: aws.sns.Topic | undefined;
  /** The key created for the topic; undefined when one was given or alarms are disabled. */
  readonly topicKey: aws.kms.Key | undefined;
  /** Undefined without an address (or without alarms). */
  readonly emailSubscription: aws.sns.TopicSubscription | undefined;
  readonly alarmSpecs: readonly AlarmSpec[];
  /** By spec key, e.g. `prod-5xx-rate`, `prod-canary-latency-p99`. */
  readonly alarms: Readonly<Record<string, aws.cloudwatch.MetricAlarm>>;
  readonly dashboard: aws.cloudwatch.Dashboard | undefined;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    // Refused before anything is registered.
    if (args.kmsMasterKeyId === AWS_MANAGED_SNS_KEY) {
      throw new Error(
        `Monitoring ${name}: kmsMasterKeyId ${AWS_MANAGED_SNS_KEY} would drop every alarm notification ` +
          "(CloudWatch may not use AWS's managed SNS key); leave it unset to create a customer managed key, or pass one whose policy lets cloudwatch.amazonaws.com use kms:Decrypt and kms:GenerateDataKey*",
      );
    }
    super("gateway:observability:Monitoring", name, {}, opts);
    const tags = { ...args.tags };
    this.alarmSpecs = apiAlarmSpecs(args.apiName, args.stages, args.alarms);

    const notifications = args.alarms.enabled ? this.createNotifications(name, args, tags) : undefined;
    this.topicKey = notifications?.topicKey;
    this.topic = notifications?.topic;
    this.emailSubscription = notifications?.emailSubscription;

    const topicArn = this.topic?.arn;
    this.alarms = this.createAlarms(name, tags, topicArn);
    this.dashboard = args.dashboard ? this.createDashboard(name, args) : undefined;

    this.registerOutputs({
      topicArn,
      alarmNames: this.alarmSpecs.map((spec) => spec.name),
      dashboardName: this.dashboard?.dashboardName,
    });
  }

  /** The encrypted alarm topic (with its key when none is given) and the email subscription when an address is configured. */
  private createNotifications(
    name: string,
    args: MonitoringArgs,
    tags: Record<string, string>,
  ): { readonly topicKey: aws.kms.Key | undefined; readonly topic: aws.sns.Topic; readonly emailSubscription: aws.sns.TopicSubscription | undefined } {
    const topicKey = args.kmsMasterKeyId === undefined ? this.createTopicKey(name, args, tags) : undefined;
    const topic = new aws.sns.Topic(
      `${name}-alarms`,
      {
        name: `${resourceSafe(args.apiName)}-alarms`,
        displayName: `${args.apiName} alarms`,
        kmsMasterKeyId: topicKey ? topicKey.arn : args.kmsMasterKeyId,
        tags,
      },
      { parent: this },
    );
    // The address must confirm the subscription from the email AWS sends before it receives anything.
    const emailSubscription =
      args.alarms.email !== undefined
        ? new aws.sns.TopicSubscription(
            `${name}-email`,
            {
              topic: topic.arn,
              protocol: "email",
              endpoint: args.alarms.email,
            },
            { parent: this },
          )
        : undefined;
    return { topicKey, topic, emailSubscription };
  }

  /** A customer managed key, rotated yearly, whose policy lets CloudWatch publish to the topic it encrypts, with its alias. */
  private createTopicKey(name: string, args: MonitoringArgs, tags: Record<string, string>): aws.kms.Key {
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });
    const topicKey = new aws.kms.Key(
      `${name}-topic-key`,
      {
        description: `Encrypts the alarm topic of ${args.apiName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi.all([partition.partition, identity.accountId]).apply(([p, account]) => JSON.stringify(alarmTopicKeyPolicy(p, account))),
        tags,
      },
      { parent: this },
    );
    new aws.kms.Alias(
      `${name}-topic-key-alias`,
      {
        name: `alias/${resourceSafe(args.apiName)}-alarms`,
        targetKeyId: topicKey.keyId,
      },
      { parent: this },
    );
    return topicKey;
  }

  /** One alarm per spec, by spec key, notifying the topic (when there is one) on ALARM and on OK. */
  private createAlarms(name: string, tags: Record<string, string>, topicArn: pulumi.Output<string> | undefined): Record<string, aws.cloudwatch.MetricAlarm> {
    const alarms: Record<string, aws.cloudwatch.MetricAlarm> = {};
    for (const spec of this.alarmSpecs) {
      alarms[spec.key] = new aws.cloudwatch.MetricAlarm(
        `${name}-${spec.key}`,
        {
          name: spec.name,
          alarmDescription: spec.description,
          comparisonOperator: spec.comparisonOperator,
          threshold: spec.threshold,
          evaluationPeriods: spec.evaluationPeriods,
          datapointsToAlarm: spec.datapointsToAlarm,
          treatMissingData: spec.treatMissingData,
          metricQueries: spec.metricQueries.map(queryInput),
          alarmActions: topicArn ? [topicArn] : [],
          okActions: topicArn ? [topicArn] : [],
          tags,
        },
        { parent: this },
      );
    }
    return alarms;
  }

  /** The dashboard of the stages and the alarms' states. */
  private createDashboard(name: string, args: MonitoringArgs): aws.cloudwatch.Dashboard {
    return new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName: dashboardName(args.apiName),
        dashboardBody: pulumi
          .all(this.alarmSpecs.map((spec) => this.alarms[spec.key]!.arn))
          .apply((alarmArns) => JSON.stringify(dashboardBody({ apiName: args.apiName, region: args.region, stages: args.stages, alarmArns }))),
      },
      { parent: this },
    );
  }
}
