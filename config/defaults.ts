import type { Environment, LogEncryption, LogRetentionDays } from "./constants";
import type { AliasInput, FunctionInput, GatewayInput, RouteInput } from "./schema";
import type { AliasConfig, FunctionConfig, RouteTarget, StackConfig, StackContext, VersionWeight } from "./types";

/** Every default of the stack configuration, in one place. */
export const DEFAULTS = {
  api: { description: "", version: "1.0.0", endpointType: "REGIONAL" },
  function: { description: "", memoryMb: 256, timeoutSeconds: 10, architecture: "arm64", tracing: true },
  stage: {
    description: "",
    tracing: true,
    logging: { accessLogs: true, executionLevel: "ERROR", dataTrace: false, metrics: true },
    cache: { ttlSeconds: 300, encrypted: true, invalidation: "authorized" },
    canary: { useStageCache: false },
    throttling: { rateLimit: 100, burstLimit: 200 },
  },
  apiGatewayAccount: { manageCloudWatchRole: false },
  alarms: {
    enabled: true,
    latencyP99Ms: 5000,
    integrationLatencyP99Ms: 4000,
    error5xxPercent: 1,
    error4xxPercent: 10,
    cacheHitRatioPercent: 50,
  },
  dashboard: true,
  apiKey: { enabled: true },
  table: { partitionKey: "id" },
} as const;

/** Production keeps logs a year and protects its data; other environments keep a month. */
export function defaultLogRetentionDays(environment: Environment): LogRetentionDays {
  return environment === "prod" ? 365 : 30;
}

/** Production encrypts its logs with its own key; elsewhere CloudWatch's key saves the key's cost. */
export function defaultLogEncryption(environment: Environment): LogEncryption {
  return environment === "prod" ? "kms" : "cloudwatch";
}

export function defaultDataProtection(environment: Environment): boolean {
  return environment === "prod";
}

export function lambdaFunctionName(ctx: StackContext, key: string): string {
  return `${ctx.project}-${ctx.stack}-${key}`;
}

/** The primary version first; ties keep the order the user wrote. */
export function aliasRouting(alias: AliasInput): VersionWeight[] {
  if (alias.version !== undefined) return [{ version: alias.version, weight: 1 }];
  return Object.entries(alias.weights ?? {})
    .map(([version, weight]) => ({ version, weight }))
    .sort((a, b) => b.weight - a.weight);
}

function routeTarget(route: RouteInput): RouteTarget {
  if (route.aliasVariable !== undefined) return { kind: "stageVariable", variable: route.aliasVariable };
  if (route.alias !== undefined) return { kind: "alias", alias: route.alias };
  return { kind: "unqualified" };
}

function resolveFunction(ctx: StackContext, env: Environment, key: string, fn: FunctionInput): FunctionConfig {
  const d = DEFAULTS.function;
  const aliases: Record<string, AliasConfig> = {};
  for (const [name, alias] of Object.entries(fn.aliases ?? {})) {
    aliases[name] = { name, description: alias.description ?? "", routing: aliasRouting(alias) };
  }
  return {
    key,
    name: lambdaFunctionName(ctx, key),
    entry: fn.entry,
    description: fn.description ?? d.description,
    memoryMb: fn.memoryMb ?? d.memoryMb,
    timeoutSeconds: fn.timeoutSeconds ?? d.timeoutSeconds,
    architecture: fn.architecture ?? d.architecture,
    logRetentionDays: fn.logRetentionDays ?? defaultLogRetentionDays(env),
    tracing: fn.tracing ?? d.tracing,
    environment: fn.environment ?? {},
    tables: fn.tables ?? {},
    aliases,
  };
}

/** Turns checked input into the complete stack configuration. */
export function applyDefaults(ctx: StackContext, input: GatewayInput): StackConfig {
  const env = input.environment;
  const protect = defaultDataProtection(env);
  return {
    project: ctx.project,
    stack: ctx.stack,
    environment: env,
    owner: input.owner,
    tags: input.tags ?? {},
    manageApiGatewayAccount: input.apiGatewayAccount?.manageCloudWatchRole ?? DEFAULTS.apiGatewayAccount.manageCloudWatchRole,
    logEncryption: input.logEncryption ?? defaultLogEncryption(env),
    api: {
      name: input.api?.name ?? `${ctx.project}-${ctx.stack}`,
      description: input.api?.description ?? DEFAULTS.api.description,
      version: input.api?.version ?? DEFAULTS.api.version,
      endpointType: input.api?.endpointType ?? DEFAULTS.api.endpointType,
    },
    functions: Object.fromEntries(
      Object.entries(input.functions ?? {}).map(([key, fn]) => [key, resolveFunction(ctx, env, key, fn)]),
    ),
    routes: (input.routes ?? []).map((route) => ({
      method: route.method,
      path: route.path,
      function: route.function,
      authorization: route.authorization,
      target: routeTarget(route),
      summary: route.summary ?? "",
      description: route.description ?? "",
      apiKeyRequired: route.apiKeyRequired ?? false,
      cache: route.cache && {
        enabled: route.cache.enabled ?? true,
        ttlSeconds: route.cache.ttlSeconds,
        keyParameters: route.cache.keyParameters ?? [],
      },
      throttling: route.throttling,
    })),
    stages: Object.fromEntries(
      Object.entries(input.stages).map(([name, stage]) => [
        name,
        {
          name,
          description: stage.description ?? DEFAULTS.stage.description,
          variables: stage.variables ?? {},
          tracing: stage.tracing ?? DEFAULTS.stage.tracing,
          tags: stage.tags ?? {},
          logging: {
            accessLogs: stage.logging?.accessLogs ?? DEFAULTS.stage.logging.accessLogs,
            executionLevel: stage.logging?.executionLevel ?? DEFAULTS.stage.logging.executionLevel,
            dataTrace: stage.logging?.dataTrace ?? DEFAULTS.stage.logging.dataTrace,
            metrics: stage.logging?.metrics ?? DEFAULTS.stage.logging.metrics,
            retentionDays: stage.logging?.retentionDays ?? defaultLogRetentionDays(env),
          },
          throttling: {
            rateLimit: stage.throttling?.rateLimit ?? DEFAULTS.stage.throttling.rateLimit,
            burstLimit: stage.throttling?.burstLimit ?? DEFAULTS.stage.throttling.burstLimit,
          },
          cache: stage.cache && {
            sizeGb: stage.cache.sizeGb,
            ttlSeconds: stage.cache.ttlSeconds ?? DEFAULTS.stage.cache.ttlSeconds,
            encrypted: stage.cache.encrypted ?? DEFAULTS.stage.cache.encrypted,
            invalidation: stage.cache.invalidation ?? DEFAULTS.stage.cache.invalidation,
            invalidators: stage.cache.invalidators ?? [],
          },
          canary: stage.canary && {
            percentTraffic: stage.canary.percentTraffic,
            variables: stage.canary.variables ?? {},
            useStageCache: stage.canary.useStageCache ?? DEFAULTS.stage.canary.useStageCache,
          },
        },
      ]),
    ),
    tables: Object.fromEntries(
      Object.entries(input.tables ?? {}).map(([key, table]) => [
        key,
        {
          key,
          partitionKey: table.partitionKey ?? DEFAULTS.table.partitionKey,
          pointInTimeRecovery: table.pointInTimeRecovery ?? protect,
          deletionProtection: table.deletionProtection ?? protect,
          ttlAttribute: table.ttlAttribute,
        },
      ]),
    ),
    usagePlans: Object.fromEntries(
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
    ),
    apiKeys: Object.fromEntries(
      Object.entries(input.apiKeys ?? {}).map(([name, key]) => [
        name,
        { name, description: key.description ?? "", enabled: key.enabled ?? DEFAULTS.apiKey.enabled, imported: key.imported ?? false },
      ]),
    ),
    observability: {
      alarms: {
        enabled: input.observability?.alarms?.enabled ?? DEFAULTS.alarms.enabled,
        email: input.observability?.alarms?.email,
        latencyP99Ms: input.observability?.alarms?.latencyP99Ms ?? DEFAULTS.alarms.latencyP99Ms,
        integrationLatencyP99Ms: input.observability?.alarms?.integrationLatencyP99Ms ?? DEFAULTS.alarms.integrationLatencyP99Ms,
        error5xxPercent: input.observability?.alarms?.error5xxPercent ?? DEFAULTS.alarms.error5xxPercent,
        error4xxPercent: input.observability?.alarms?.error4xxPercent ?? DEFAULTS.alarms.error4xxPercent,
        cacheHitRatioPercent: input.observability?.alarms?.cacheHitRatioPercent ?? DEFAULTS.alarms.cacheHitRatioPercent,
      },
      dashboard: input.observability?.dashboard ?? DEFAULTS.dashboard,
    },
  };
}
