import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ApiKeyConfig, UsagePlanConfig } from "../../config";
import { usagePlanThrottles } from "./usage-plan-settings";

export interface UsagePlansArgs {
  readonly restApiId: pulumi.Input<string>;
  /** The stages plans may name, by stage name. */
  readonly stages: Readonly<Record<string, aws.apigateway.Stage>>;
  readonly plans: readonly UsagePlanConfig[];
  readonly keys: readonly ApiKeyConfig[];
  /** Prefix of the keys' and plans' names in API Gateway, e.g. `<project>-<stack>`. */
  readonly namePrefix: string;
  /** Values of imported keys, by key name (a secret). @default undefined */
  readonly importedKeyValues?: pulumi.Input<Record<string, string>>;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Usage plans (throttle, quota, per-method throttles) on the API's stages, the API keys that may
 * use them, and the usage plan keys that associate the two. Key values are secrets.
 */
export class UsagePlans extends pulumi.ComponentResource {
  readonly keys: Readonly<Record<string, aws.apigateway.ApiKey>>;
  readonly plans: Readonly<Record<string, aws.apigateway.UsagePlan>>;
  /** Key values by key name, as a secret. */
  readonly keyValues: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: UsagePlansArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:access:UsagePlans", name, {}, opts);
    const tags = { ...args.tags };
    const imported = pulumi.output(args.importedKeyValues ?? {});

    const keys: Record<string, aws.apigateway.ApiKey> = {};
    for (const key of args.keys) {
      keys[key.name] = new aws.apigateway.ApiKey(
        `${name}-key-${key.name}`,
        {
          name: `${args.namePrefix}-${key.name}`,
          description: key.description,
          enabled: key.enabled,
          ...(key.imported ? { value: pulumi.secret(imported.apply((values) => values[key.name] as string)) } : {}),
          tags,
        },
        { parent: this },
      );
    }
    this.keys = keys;

    const plans: Record<string, aws.apigateway.UsagePlan> = {};
    for (const plan of args.plans) {
      const throttles = usagePlanThrottles(plan);
      plans[plan.name] = new aws.apigateway.UsagePlan(
        `${name}-plan-${plan.name}`,
        {
          name: `${args.namePrefix}-${plan.name}`,
          description: plan.description,
          apiStages: plan.stages.map((stage) => ({
            apiId: args.restApiId,
            stage: (args.stages[stage] as aws.apigateway.Stage).stageName,
            ...(throttles.length > 0 ? { throttles } : {}),
          })),
          ...(plan.throttle ? { throttleSettings: { rateLimit: plan.throttle.rateLimit, burstLimit: plan.throttle.burstLimit } } : {}),
          ...(plan.quota ? { quotaSettings: { limit: plan.quota.limit, period: plan.quota.period, offset: plan.quota.offset } } : {}),
          tags,
        },
        { parent: this },
      );
      for (const keyName of plan.apiKeys) {
        new aws.apigateway.UsagePlanKey(
          `${name}-plan-${plan.name}-${keyName}`,
          {
            keyId: (keys[keyName] as aws.apigateway.ApiKey).id,
            keyType: "API_KEY",
            usagePlanId: plans[plan.name]!.id,
          },
          { parent: this },
        );
      }
    }
    this.plans = plans;

    this.keyValues = pulumi.secret(pulumi.all(Object.fromEntries(Object.entries(keys).map(([k, key]) => [k, key.value]))));
    this.registerOutputs({ planIds: Object.fromEntries(Object.entries(plans).map(([k, p]) => [k, p.id])) });
  }
}
