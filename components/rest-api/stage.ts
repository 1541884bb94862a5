import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RouteConfig, StageConfig } from "../../config";
import { REST_ACCESS_LOG_FORMAT, executionLogGroupName } from "../observability/access-log-format";
import { invalidateCachePolicy, stageMethodSettings } from "./method-settings";

export interface RestStageArgs {
  readonly restApiId: pulumi.Input<string>;
  /** The API's execution ARN, to scope the cache invalidation grant. */
  readonly executionArn: pulumi.Input<string>;
  /** The API's name, used to name the access log group. */
  readonly apiName: string;
  readonly deploymentId: pulumi.Input<string>;
  /** The deployment the canary serves, when the stage has one. @default deploymentId */
  readonly canaryDeploymentId?: pulumi.Input<string>;
  /** The release the stage serves, shown in its description. */
  readonly release: pulumi.Input<string>;
  /** The client certificate the stage presents to HTTP backends. @default undefined */
  readonly clientCertificateId?: pulumi.Input<string>;
  /** The documentation version this stage publishes. @default undefined */
  readonly documentationVersion?: pulumi.Input<string>;
  readonly config: StageConfig;
  /** The API's routes, for per-method cache and throttling settings. @default [] */
  readonly routes?: readonly RouteConfig[];
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** The KMS key that encrypts the stage's log groups; CloudWatch's own key when undefined. @default undefined */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** What must exist before execution logging is switched on (the account's CloudWatch role). @default [] */
  readonly loggingDependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** `Production (release 3f2a9c1d0b7e)`: the deployment history shows what is live. */
export function stageDescription(description: string, release: string): string {
  return description ? `${description} (${release})` : release;
}

/**
 * One REST stage with its variables, canary, X-Ray tracing, JSON access logs, execution logs with
 * retention, stage-wide and per-method settings (logging, metrics, throttling, cache), and the grant
 * that lets configured roles invalidate its cache.
 */
export class RestStage extends pulumi.ComponentResource {
  readonly stage: aws.apigateway.Stage;
  /** Undefined when the stage writes no access logs. */
  readonly accessLogGroup: aws.cloudwatch.LogGroup | undefined;
  readonly executionLogGroup: aws.cloudwatch.LogGroup;
  /** The canary's own log groups (API Gateway adds `/Canary` to the stage's), when there is a canary. */
  readonly canaryLogGroups: readonly aws.cloudwatch.LogGroup[];
  readonly methodSettings: readonly aws.apigateway.MethodSettings[];
  readonly invalidationPolicy: aws.iam.Policy | undefined;

  constructor(name: string, args: RestStageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:rest-api:Stage", name, {}, opts);
    const cfg = args.config;
    const routes = args.routes ?? [];
    const tags = { ...args.tags, ...cfg.tags, stage: cfg.name };

    this.accessLogGroup = cfg.logging.accessLogs
      ? new aws.cloudwatch.LogGroup(
          `${name}-access-logs`,
          {
            name: `/aws/apigateway/${args.apiName}/${cfg.name}/access`,
            retentionInDays: cfg.logging.retentionDays,
            kmsKeyId: args.logsKmsKeyArn,
            tags,
          },
          { parent: this },
        )
      : undefined;

    // Created here so it has a retention period; API Gateway would create it to keep logs forever.
    this.executionLogGroup = new aws.cloudwatch.LogGroup(
      `${name}-execution-logs`,
      {
        name: pulumi.output(args.restApiId).apply((id) => executionLogGroupName(id, cfg.name)),
        retentionInDays: cfg.logging.retentionDays,
        kmsKeyId: args.logsKmsKeyArn,
        tags,
      },
      { parent: this },
    );

    this.canaryLogGroups = this.createCanaryLogGroups(name, args, tags);
    this.stage = this.createStage(name, args, tags);
    this.methodSettings = this.createMethodSettings(name, args, routes);
    this.invalidationPolicy = this.createCacheInvalidation(name, args, routes, tags);

    this.registerOutputs({ invokeUrl: this.stage.invokeUrl, accessLogGroup: this.accessLogGroup?.name });
  }

  /** The canary's execution (and access) log groups, when there is a canary. */
  private createCanaryLogGroups(name: string, args: RestStageArgs, tags: Record<string, string>): aws.cloudwatch.LogGroup[] {
    const cfg = args.config;
    // A canary logs to the stage's group names with "/Canary" added; created here to have a retention too.
    const canaryLogNames = cfg.canary
      ? [
          pulumi.output(args.restApiId).apply((id) => `${executionLogGroupName(id, cfg.name)}/Canary`),
          ...(this.accessLogGroup ? [this.accessLogGroup.name.apply((n) => `${n}/Canary`)] : []),
        ]
      : [];
    return canaryLogNames.map(
      (logName, i) =>
        new aws.cloudwatch.LogGroup(
          `${name}-canary-${i === 0 ? "execution" : "access"}-logs`,
          {
            name: logName,
            retentionInDays: cfg.logging.retentionDays,
            kmsKeyId: args.logsKmsKeyArn,
            tags,
          },
          { parent: this },
        ),
    );
  }

  /** The stage itself, after the log groups it writes to. */
  private createStage(name: string, args: RestStageArgs, tags: Record<string, string>): aws.apigateway.Stage {
    const cfg = args.config;
    return new aws.apigateway.Stage(
      `${name}-stage`,
      {
        restApi: args.restApiId,
        deployment: args.deploymentId,
        stageName: cfg.name,
        description: pulumi.output(args.release).apply((release) => stageDescription(cfg.description, release)),
        variables: { ...cfg.variables },
        xrayTracingEnabled: cfg.tracing,
        documentationVersion: args.documentationVersion,
        clientCertificateId: args.clientCertificateId,
        ...(this.accessLogGroup ? { accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: REST_ACCESS_LOG_FORMAT } } : {}),
        ...(cfg.cache ? { cacheClusterEnabled: true, cacheClusterSize: String(cfg.cache.sizeGb) } : {}),
        ...(cfg.canary
          ? {
              canarySettings: {
                deploymentId: args.canaryDeploymentId ?? args.deploymentId,
                percentTraffic: cfg.canary.percentTraffic,
                stageVariableOverrides: { ...cfg.canary.variables },
                useStageCache: cfg.canary.useStageCache,
              },
            }
          : {}),
        tags,
      },
      { parent: this, dependsOn: [this.executionLogGroup, ...this.canaryLogGroups] },
    );
  }

  /** The stage-wide settings, then one per route that overrides them. */
  private createMethodSettings(name: string, args: RestStageArgs, routes: readonly RouteConfig[]): aws.apigateway.MethodSettings[] {
    return stageMethodSettings(args.config, routes).map(
      (entry, i) =>
        new aws.apigateway.MethodSettings(
          i === 0 ? `${name}-settings` : `${name}-settings-${entry.route!.method}-${entry.route!.path}`,
          {
            restApi: args.restApiId,
            stageName: this.stage.stageName,
            methodPath: entry.methodPath,
            settings: { ...entry.settings },
          },
          { parent: this, dependsOn: args.loggingDependsOn ?? [] },
        ),
    );
  }

  /** The policy that lets the configured roles invalidate the cache, attached to each; undefined without a cache or roles. */
  private createCacheInvalidation(name: string, args: RestStageArgs, routes: readonly RouteConfig[], tags: Record<string, string>): aws.iam.Policy | undefined {
    const cfg = args.config;
    const invalidators = cfg.cache?.invalidators ?? [];
    if (!cfg.cache || invalidators.length === 0) return undefined;
    const policy = new aws.iam.Policy(
      `${name}-invalidate-cache`,
      {
        description: `Invalidate the cache of the cached methods of stage ${cfg.name} of ${args.apiName}`,
        policy: pulumi.output(args.executionArn).apply((arn) => JSON.stringify(invalidateCachePolicy(arn, cfg, routes))),
        tags,
      },
      { parent: this },
    );
    for (const role of invalidators) {
      new aws.iam.RolePolicyAttachment(`${name}-invalidate-cache-${role}`, { role, policyArn: policy.arn }, { parent: this });
    }
    return policy;
  }
}
