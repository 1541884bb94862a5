import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StageCache, StageConfig } from "../../config";
import { REST_ACCESS_LOG_FORMAT, executionLogGroupName } from "../observability/access-log-format";

/** Stage-wide cache settings; invalidation by `Cache-Control: max-age=0` needs authorization unless configured otherwise. */
export function cacheSettings(cache: StageCache) {
  const authorized = cache.invalidation === "authorized";
  return {
    cachingEnabled: true,
    cacheTtlInSeconds: cache.ttlSeconds,
    cacheDataEncrypted: cache.encrypted,
    requireAuthorizationForCacheControl: authorized,
    unauthorizedCacheControlHeaderStrategy: authorized ? "FAIL_WITH_403" : "SUCCEED_WITHOUT_RESPONSE_HEADER",
  } as const;
}

export interface RestStageArgs {
  readonly restApiId: pulumi.Input<string>;
  /** The API's name, used to name the access log group. */
  readonly apiName: string;
  readonly deploymentId: pulumi.Input<string>;
  readonly config: StageConfig;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** The KMS key that encrypts the stage's log groups; CloudWatch's own key when undefined. @default undefined */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** What must exist before execution logging is switched on (the account's CloudWatch role). @default [] */
  readonly loggingDependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * One REST stage with its variables, X-Ray tracing, JSON access logs, execution logs with retention,
 * and stage-wide method settings (logging, metrics, throttling).
 */
export class RestStage extends pulumi.ComponentResource {
  readonly stage: aws.apigateway.Stage;
  /** Undefined when the stage writes no access logs. */
  readonly accessLogGroup: aws.cloudwatch.LogGroup | undefined;
  readonly executionLogGroup: aws.cloudwatch.LogGroup;
  readonly methodSettings: aws.apigateway.MethodSettings;

  constructor(name: string, args: RestStageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:rest-api:Stage", name, {}, opts);
    const cfg = args.config;
    const tags = { ...args.tags, ...cfg.tags, stage: cfg.name };

    this.accessLogGroup = cfg.logging.accessLogs
      ? new aws.cloudwatch.LogGroup(`${name}-access-logs`, {
          name: `/aws/apigateway/${args.apiName}/${cfg.name}/access`,
          retentionInDays: cfg.logging.retentionDays,
          kmsKeyId: args.logsKmsKeyArn,
          tags,
        }, { parent: this })
      : undefined;

    // Created here so it has a retention period; API Gateway would create it to keep logs forever.
    this.executionLogGroup = new aws.cloudwatch.LogGroup(`${name}-execution-logs`, {
      name: pulumi.output(args.restApiId).apply((id) => executionLogGroupName(id, cfg.name)),
      retentionInDays: cfg.logging.retentionDays,
      kmsKeyId: args.logsKmsKeyArn,
      tags,
    }, { parent: this });

    this.stage = new aws.apigateway.Stage(`${name}-stage`, {
      restApi: args.restApiId,
      deployment: args.deploymentId,
      stageName: cfg.name,
      description: cfg.description,
      variables: { ...cfg.variables },
      xrayTracingEnabled: cfg.tracing,
      ...(this.accessLogGroup
        ? { accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: REST_ACCESS_LOG_FORMAT } }
        : {}),
      ...(cfg.cache ? { cacheClusterEnabled: true, cacheClusterSize: String(cfg.cache.sizeGb) } : {}),
      tags,
    }, { parent: this, dependsOn: [this.executionLogGroup] });

    this.methodSettings = new aws.apigateway.MethodSettings(`${name}-settings`, {
      restApi: args.restApiId,
      stageName: this.stage.stageName,
      methodPath: "*/*",
      settings: {
        loggingLevel: cfg.logging.executionLevel,
        dataTraceEnabled: cfg.logging.dataTrace,
        metricsEnabled: cfg.logging.metrics,
        throttlingRateLimit: cfg.throttling.rateLimit,
        throttlingBurstLimit: cfg.throttling.burstLimit,
        ...(cfg.cache ? cacheSettings(cfg.cache) : {}),
      },
    }, { parent: this, dependsOn: args.loggingDependsOn ?? [] });

    this.registerOutputs({ invokeUrl: this.stage.invokeUrl, accessLogGroup: this.accessLogGroup?.name });
  }
}
