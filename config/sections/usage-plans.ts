import { z } from "zod";
import { PLAN_NAME_PATTERN, QUOTA_PERIODS, type QuotaPeriod } from "../constants";
import { formatValue, gatewayPath as at, nameList as list } from "../format";
import type { GatewayInput } from "../gateway";
import { throttleSchema, type StageThrottling } from "./stage";

/** Usage plans (throttling and quotas per API key, on stages) and the API keys they cover. */

export const usagePlanSchema = z.strictObject({
  /** What the plan is for. */
  description: z.string().optional(),
  /** Names of gateway.stages the plan covers (at least one). */
  stages: z.array(z.string()).min(1),
  /** Throttling per API key of the plan. */
  throttle: throttleSchema.optional(),
  /** How many requests each key may make per period. */
  quota: z
    .strictObject({
      /** Requests per key per period. */
      limit: z.int().min(1),
      /** The period the limit counts over. */
      period: z.enum(QUOTA_PERIODS),
      /** Days into the period it starts: 0 for DAY, up to 6 for WEEK, 27 for MONTH. @default 0 */
      offset: z.int().min(0).optional(),
    })
    .optional(),
  /** Per-method throttles, keyed `METHOD /path` of a route. */
  methodThrottles: z.record(z.string(), throttleSchema).optional(),
  /** Keys of gateway.apiKeys that may use this plan. */
  apiKeys: z.array(z.string()).optional(),
});

export const apiKeySchema = z.strictObject({
  /** What the key is for. */
  description: z.string().optional(),
  /** Whether the key can be used. @default true */
  enabled: z.boolean().optional(),
  /** The value comes from the secret config `apiKeyValues.<name>`; otherwise API Gateway generates it. @default false */
  imported: z.boolean().optional(),
});

export const USAGE_PLAN_DEFAULTS = { apiKey: { enabled: true } } as const;

export interface UsagePlanConfig {
  readonly name: string;
  readonly description: string;
  readonly stages: readonly string[];
  readonly throttle: StageThrottling | undefined;
  readonly quota: { readonly limit: number; readonly period: QuotaPeriod; readonly offset: number } | undefined;
  /** Per-method throttles keyed `METHOD /path`. */
  readonly methodThrottles: Readonly<Record<string, StageThrottling>>;
  readonly apiKeys: readonly string[];
}

export interface ApiKeyConfig {
  readonly name: string;
  readonly description: string;
  readonly enabled: boolean;
  /** Its value comes from the secret config `apiKeyValues.<name>`; otherwise API Gateway generates it. */
  readonly imported: boolean;
}

export function resolveUsagePlans(input: GatewayInput): Record<string, UsagePlanConfig> {
  return Object.fromEntries(
    Object.entries(input.usagePlans ?? {}).map(([name, plan]) => [
      name,
      {
        name,
        description: plan.description ?? "",
        stages: plan.stages,
        throttle: plan.throttle,
        quota: plan.quota && { limit: plan.quota.limit, period: plan.quota.period, offset: plan.quota.offset ?? 0 },
        methodThrottles: plan.methodThrottles ?? {},
        apiKeys: plan.apiKeys ?? [],
      },
    ]),
  );
}

export function resolveApiKeys(input: GatewayInput): Record<string, ApiKeyConfig> {
  return Object.fromEntries(
    Object.entries(input.apiKeys ?? {}).map(([name, key]) => [
      name,
      { name, description: key.description ?? "", enabled: key.enabled ?? USAGE_PLAN_DEFAULTS.apiKey.enabled, imported: key.imported ?? false },
    ]),
  );
}

const QUOTA_OFFSET_MAX = { DAY: 0, WEEK: 6, MONTH: 27 } as const;

export function checkUsagePlans(input: GatewayInput): string[] {
  const problems: string[] = [];
  const stages = Object.keys(input.stages);
  const keys = Object.keys(input.apiKeys ?? {});
  const routes = new Set((input.routes ?? []).filter((r) => r.api !== "internal").map((r) => `${r.method} ${r.path}`));
  for (const key of keys) {
    if (!PLAN_NAME_PATTERN.test(key)) problems.push(`${at("apiKeys", key)}: key name ${formatValue(key)} must match ${PLAN_NAME_PATTERN.source}`);
  }
  for (const [name, plan] of Object.entries(input.usagePlans ?? {})) {
    if (!PLAN_NAME_PATTERN.test(name)) problems.push(`${at("usagePlans", name)}: plan name ${formatValue(name)} must match ${PLAN_NAME_PATTERN.source}`);
    for (const [i, stage] of plan.stages.entries()) {
      if (!stages.includes(stage))
        problems.push(`${at("usagePlans", name, "stages", i)}: ${formatValue(stage)} is not a stage in gateway.stages (defined: ${list(stages)})`);
    }
    for (const [i, key] of (plan.apiKeys ?? []).entries()) {
      if (!keys.includes(key))
        problems.push(`${at("usagePlans", name, "apiKeys", i)}: ${formatValue(key)} is not a key in gateway.apiKeys (defined: ${list(keys)})`);
    }
    for (const route of Object.keys(plan.methodThrottles ?? {})) {
      if (!routes.has(route))
        problems.push(`${at("usagePlans", name, "methodThrottles", route)}: not a route of the public API in gateway.routes (write it as "METHOD /path")`);
    }
    if (plan.quota?.offset !== undefined && plan.quota.offset > QUOTA_OFFSET_MAX[plan.quota.period]) {
      problems.push(
        `${at("usagePlans", name, "quota", "offset")}: ${plan.quota.offset} is above the maximum ${QUOTA_OFFSET_MAX[plan.quota.period]} for period ${plan.quota.period}`,
      );
    }
  }
  return problems;
}
