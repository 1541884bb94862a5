import { z } from "zod";
import {
  CACHE_INVALIDATION_MODES,
  CACHE_SIZES_GB,
  EXECUTION_LOG_LEVELS,
  IAM_ROLE_NAME_PATTERN,
  LOG_RETENTION_DAYS,
  STAGE_NAME_PATTERN,
  STAGE_VARIABLE_NAME_PATTERN,
  STAGE_VARIABLE_VALUE_PATTERN,
  UNAUTHORIZED_CACHE_CONTROL_STRATEGIES,
  type CacheInvalidation,
  type CacheSizeGb,
  type Environment,
  type ExecutionLogLevel,
  type LogRetentionDays,
  type UnauthorizedCacheControlStrategy,
} from "../constants";
import { formatValue, gatewayPath as at } from "../format";
import type { GatewayInput } from "../gateway";
import { defaultLogRetentionDays, tagsSchema } from "./stack";

/** The REST API's stages: each a deployment with its variables, logging, cache, canary and throttling. */

/** Throttling as routes, usage plans and the HTTP API write it (a stage's own has defaults). */
export const throttleSchema = z.strictObject({
  /** Requests per second, steady state. */
  rateLimit: z.number().gt(0).max(1_000_000),
  /** Requests allowed in a burst above the rate (the token bucket's size). */
  burstLimit: z.int().min(1).max(1_000_000),
});

export const stageSchema = z.strictObject({
  /** What the stage is for (the stage's description). */
  description: z.string().optional(),
  /** Stage variables: name → value, read as `${stageVariables.name}` by integrations, templates and `aliasVariable`. */
  variables: z.record(z.string(), z.string()).optional(),
  /** X-Ray tracing of the stage's requests. @default true */
  tracing: z.boolean().optional(),
  /** Tags added to the stage's resources (besides the stack's). */
  tags: tagsSchema.optional(),
  /** CloudWatch logging and metrics of the stage. */
  logging: z
    .strictObject({
      /** Execution logging on every method (`*\/*`). @default `ERROR` */
      executionLevel: z.enum(EXECUTION_LOG_LEVELS).optional(),
      /** JSON access logs to CloudWatch; turning them off is left to the policy pack to reject. @default true */
      accessLogs: z.boolean().optional(),
      /** Full request and response logging: the policy pack rejects it in production. @default false */
      dataTrace: z.boolean().optional(),
      /** Detailed CloudWatch metrics per method. @default true */
      metrics: z.boolean().optional(),
      /** Retention of the access and execution log groups, in days. @default `365` in prod, else `30` */
      retentionDays: z.literal(LOG_RETENTION_DAYS).optional(),
    })
    .optional(),
  /** The stage's response cache (one cache cluster per stage). */
  cache: z
    .strictObject({
      /** The cache cluster's size in GB (billed per hour while the stage exists). */
      sizeGb: z.literal(CACHE_SIZES_GB),
      /** Seconds an answer is cached. @default 300 */
      ttlSeconds: z.int().min(0).max(3600).optional(),
      /** Encrypt the cached data. @default true */
      encrypted: z.boolean().optional(),
      /** Who may flush an entry with `Cache-Control: max-age=0`: callers granted `execute-api:InvalidateCache` (others get the unauthorized strategy), or anyone (the policy pack rejects it). @default `authorized` */
      invalidation: z.enum(CACHE_INVALIDATION_MODES).optional(),
      /** What an unauthorized `Cache-Control: max-age=0` gets. @default `FAIL_WITH_403` */
      unauthorizedStrategy: z.enum(UNAUTHORIZED_CACHE_CONTROL_STRATEGIES).optional(),
      /** IAM role names (in this account) allowed to invalidate this stage's cached methods. */
      invalidators: z.array(z.string()).optional(),
    })
    .optional(),
  /** A canary: a share of the stage's traffic that sees overridden stage variables. */
  canary: z
    .strictObject({
      /** Percent of the stage's requests the canary serves. */
      percentTraffic: z.number().min(0).max(100),
      /** Stage variables the canary overrides (the same rules as the stage's `variables`). */
      variables: z.record(z.string(), z.string()).optional(),
      /** Whether the canary answers from the stage's cache. @default false */
      useStageCache: z.boolean().optional(),
    })
    .optional(),
  /** Stage-wide default throttling (`*\/*`), requests per second and burst. */
  throttling: z
    .strictObject({
      /** Requests per second, steady state, for every method. @default 100 */
      rateLimit: z.number().gt(0).max(1_000_000).optional(),
      /** Requests allowed in a burst above the rate. @default 200 */
      burstLimit: z.int().min(1).max(1_000_000).optional(),
    })
    .optional(),
});

export type StageInput = z.infer<typeof stageSchema>;

export const STAGE_DEFAULTS = {
  description: "",
  tracing: true,
  logging: { accessLogs: true, executionLevel: "ERROR", dataTrace: false, metrics: true },
  cache: { ttlSeconds: 300, encrypted: true, invalidation: "authorized", unauthorizedStrategy: "FAIL_WITH_403" },
  canary: { useStageCache: false },
  throttling: { rateLimit: 100, burstLimit: 200 },
} as const;

export interface StageCanary {
  readonly percentTraffic: number;
  /** Stage variables the canary overrides. */
  readonly variables: Readonly<Record<string, string>>;
  readonly useStageCache: boolean;
}

export interface StageConfig {
  readonly name: string;
  readonly description: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly tracing: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly logging: StageLogging;
  readonly throttling: StageThrottling;
  /** The stage's cache, or undefined when the stage does not cache. */
  readonly cache: StageCache | undefined;
  readonly canary: StageCanary | undefined;
}

export interface StageCache {
  readonly sizeGb: CacheSizeGb;
  readonly ttlSeconds: number;
  readonly encrypted: boolean;
  readonly invalidation: CacheInvalidation;
  readonly unauthorizedStrategy: UnauthorizedCacheControlStrategy;
  readonly invalidators: readonly string[];
}

export interface StageLogging {
  readonly accessLogs: boolean;
  readonly executionLevel: ExecutionLogLevel;
  readonly dataTrace: boolean;
  readonly metrics: boolean;
  readonly retentionDays: LogRetentionDays;
}

export interface StageThrottling {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export function resolveStage(env: Environment, name: string, stage: StageInput): StageConfig {
  const d = STAGE_DEFAULTS;
  return {
    name,
    description: stage.description ?? d.description,
    variables: stage.variables ?? {},
    tracing: stage.tracing ?? d.tracing,
    tags: stage.tags ?? {},
    logging: {
      accessLogs: stage.logging?.accessLogs ?? d.logging.accessLogs,
      executionLevel: stage.logging?.executionLevel ?? d.logging.executionLevel,
      dataTrace: stage.logging?.dataTrace ?? d.logging.dataTrace,
      metrics: stage.logging?.metrics ?? d.logging.metrics,
      retentionDays: stage.logging?.retentionDays ?? defaultLogRetentionDays(env),
    },
    throttling: {
      rateLimit: stage.throttling?.rateLimit ?? d.throttling.rateLimit,
      burstLimit: stage.throttling?.burstLimit ?? d.throttling.burstLimit,
    },
    cache: stage.cache && {
      sizeGb: stage.cache.sizeGb,
      ttlSeconds: stage.cache.ttlSeconds ?? d.cache.ttlSeconds,
      encrypted: stage.cache.encrypted ?? d.cache.encrypted,
      invalidation: stage.cache.invalidation ?? d.cache.invalidation,
      unauthorizedStrategy: stage.cache.unauthorizedStrategy ?? d.cache.unauthorizedStrategy,
      invalidators: stage.cache.invalidators ?? [],
    },
    canary: stage.canary && {
      percentTraffic: stage.canary.percentTraffic,
      variables: stage.canary.variables ?? {},
      useStageCache: stage.canary.useStageCache ?? d.canary.useStageCache,
    },
  };
}

export function checkStages(input: GatewayInput): string[] {
  const problems: string[] = [];
  const stages = Object.entries(input.stages);
  if (stages.length === 0) problems.push(`${at("stages")}: at least one stage is required`);
  for (const [name, stage] of stages) {
    if (!STAGE_NAME_PATTERN.test(name)) {
      problems.push(`${at("stages", name)}: stage name ${formatValue(name)} must match ${STAGE_NAME_PATTERN.source}`);
    }
    const variableSets: [string[], Record<string, string>][] = [
      [["stages", name, "variables"], stage.variables ?? {}],
      [["stages", name, "canary", "variables"], stage.canary?.variables ?? {}],
    ];
    for (const [where, variables] of variableSets) {
      for (const [variable, value] of Object.entries(variables)) {
        if (!STAGE_VARIABLE_NAME_PATTERN.test(variable)) {
          problems.push(`${at(...where, variable)}: variable name must match ${STAGE_VARIABLE_NAME_PATTERN.source}`);
        } else if (!STAGE_VARIABLE_VALUE_PATTERN.test(value)) {
          problems.push(`${at(...where, variable)}: ${formatValue(value)} must match ${STAGE_VARIABLE_VALUE_PATTERN.source}`);
        }
      }
    }
    for (const [i, role] of (stage.cache?.invalidators ?? []).entries()) {
      if (!IAM_ROLE_NAME_PATTERN.test(role)) {
        problems.push(`${at("stages", name, "cache", "invalidators", i)}: ${formatValue(role)} is not an IAM role name (${IAM_ROLE_NAME_PATTERN.source})`);
      }
    }
  }
  return problems;
}
