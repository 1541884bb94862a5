import type { Environment, HttpMethod, LogEncryption, LogRetentionDays, NatGatewayMode } from "./constants";
import { defaultBackendPath, resolveIntegration } from "./integrations";
import { DYNAMODB_DEFAULTS } from "./integrations/dynamodb";
import { MOCK_DEFAULTS } from "./integrations/mock";
import { routeTarget } from "./integrations/shared";
import { SQS_DEFAULTS } from "./integrations/sqs";
import { STEP_FUNCTIONS_DEFAULTS } from "./integrations/stepfunctions";
import type { ImportedOpenApi } from "./openapi-import";
import type { AliasInput, BackendInput, CorsInput, FunctionInput, GatewayInput, RouteInput } from "./schema";
import type {
  AliasConfig,
  BackendConfig,
  CorsConfig,
  FunctionConfig,
  IntegrationConfig,
  NetworkConfig,
  StackConfig,
  StackContext,
  VersionWeight,
} from "./types";

/** Every default of the stack configuration, in one place. */
export const DEFAULTS = {
  api: { description: "", version: "1.0.0", endpointType: "REGIONAL" },
  function: { description: "", memoryMb: 256, timeoutSeconds: 10, architecture: "arm64", tracing: true },
  stage: {
    description: "",
    tracing: true,
    logging: { accessLogs: true, executionLevel: "ERROR", dataTrace: false, metrics: true },
    cache: { ttlSeconds: 300, encrypted: true, invalidation: "authorized", unauthorizedStrategy: "FAIL_WITH_403" },
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
  waf: { ratePer5Minutes: 2000 },
  clientCertificate: true,
  apiKey: { enabled: true },
  table: { partitionKey: "id" },
  integration: {
    timeoutMs: 29000,
    mockStatusCode: MOCK_DEFAULTS.statusCode,
    sqsTemplate: SQS_DEFAULTS.requestTemplate,
    stepFunctionsTemplate: STEP_FUNCTIONS_DEFAULTS.requestTemplate,
    dynamoDbGetItem: DYNAMODB_DEFAULTS.GetItem,
  },
  queue: { visibilityTimeoutSeconds: 30, retentionSeconds: 345600, maxReceiveCount: 5 },
  stateMachine: { type: "STANDARD" },
  authorizer: { resultTtlSeconds: 300 },
  /**
   * The headers AWS's CORS example for an imported API allows ("Enable CORS on a resource using the API
   * Gateway import API": Content-Type, X-Amz-Date, Authorization, X-Api-Key), and the session token a
   * SigV4 request signed with temporary credentials carries (X-Amz-Security-Token).
   */
  cors: { allowHeaders: ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"], allowCredentials: false },
  network: { cidrBlock: "10.0.0.0/16" },
  backend: { port: 80, healthCheckPath: "/", architecture: "x86_64" },
  ecs: { cpu: 256, memoryMb: 512, desiredCount: 2, targetCpuPercent: 60 },
  ec2: { instanceType: { x86_64: "t3.micro", arm64: "t4g.micro" }, minSize: 2, maxSize: 4, targetCpuPercent: 60, volumeSizeGb: 8 },
} as const;

/** Production spreads over three zones with a NAT gateway in each; elsewhere two zones share one NAT gateway. */
export function defaultNetworkShape(environment: Environment): { availabilityZones: number; natGateways: NatGatewayMode } {
  return environment === "prod" ? { availabilityZones: 3, natGateways: "onePerZone" } : { availabilityZones: 2, natGateways: "single" };
}

/**
 * Subnet sizes of a created VPC: each zone gets an equal share of the block; in it, the private subnet
 * (where the backends live) takes half and the public subnet (NAT and internet gateways only) an eighth.
 */
export function zonePrefix(vpcPrefix: number, availabilityZones: number): number {
  return vpcPrefix + Math.ceil(Math.log2(availabilityZones));
}
export const privateSubnetPrefix = (vpcPrefix: number, zones: number): number => zonePrefix(vpcPrefix, zones) + 1;
export const publicSubnetPrefix = (vpcPrefix: number, zones: number): number => zonePrefix(vpcPrefix, zones) + 3;

/** `header.Authorization` → `method.request.header.Authorization`; stage variables and context keep their form. */
export function identitySourceExpression(source: string): string {
  return source.startsWith("header.") || source.startsWith("querystring.") ? `method.request.${source}` : source;
}

/** `"GET /items/{id}"` → its method and path (checked by the config checks first). */
export function parseRouteKey(key: string): { method: HttpMethod; path: string } {
  const [method, path] = key.split(" ", 2) as [HttpMethod, string];
  return { method, path };
}

export { defaultBackendPath };

function resolveNetwork(input: GatewayInput): NetworkConfig | undefined {
  const n = input.network;
  if (!n) return undefined;
  if (n.existing) return { kind: "existing", vpcId: n.existing.vpcId, privateSubnetIds: n.existing.privateSubnetIds };
  const shape = defaultNetworkShape(input.environment);
  return {
    kind: "created",
    cidrBlock: n.cidrBlock ?? DEFAULTS.network.cidrBlock,
    availabilityZones: n.availabilityZones ?? shape.availabilityZones,
    natGateways: n.natGateways ?? shape.natGateways,
  };
}

function resolveBackend(key: string, b: BackendInput): BackendConfig {
  const common = {
    key,
    port: b.port ?? DEFAULTS.backend.port,
    healthCheckPath: b.healthCheckPath ?? DEFAULTS.backend.healthCheckPath,
    architecture: b.architecture ?? DEFAULTS.backend.architecture,
  };
  if (b.type === "ecs") {
    return {
      type: "ecs",
      ...common,
      image: b.image,
      cpu: b.cpu ?? DEFAULTS.ecs.cpu,
      memoryMb: b.memoryMb ?? DEFAULTS.ecs.memoryMb,
      desiredCount: b.desiredCount ?? b.autoscaling?.minCount ?? DEFAULTS.ecs.desiredCount,
      environment: b.environment ?? {},
      autoscaling: b.autoscaling && {
        minCount: b.autoscaling.minCount,
        maxCount: b.autoscaling.maxCount,
        targetCpuPercent: b.autoscaling.targetCpuPercent ?? DEFAULTS.ecs.targetCpuPercent,
      },
    };
  }
  const minSize = b.minSize ?? DEFAULTS.ec2.minSize;
  return {
    type: "ec2",
    ...common,
    instanceType: b.instanceType ?? DEFAULTS.ec2.instanceType[common.architecture],
    minSize,
    maxSize: b.maxSize ?? Math.max(DEFAULTS.ec2.maxSize, minSize),
    desiredCapacity: b.desiredCapacity ?? minSize,
    targetCpuPercent: b.targetCpuPercent ?? DEFAULTS.ec2.targetCpuPercent,
    volumeSizeGb: b.volumeSizeGb ?? DEFAULTS.ec2.volumeSizeGb,
  };
}

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

/** What a route's request goes to; a route naming a `function` is a Lambda proxy route. */
function resolveRouteIntegration(route: RouteInput): IntegrationConfig {
  const i = route.integration;
  if (i) return resolveIntegration(i, route);
  if (route.function === undefined) throw new Error(`route ${route.method} ${route.path} has neither function nor integration`);
  return { type: "lambda_proxy", function: route.function, target: routeTarget(route) };
}

/**
 * A route's CORS: the fields its `cors` object gives over `api.cors`. Undefined for `cors: false`, for
 * an internal route (api.cors is the public API's) and when neither gives origins.
 */
export function resolveRouteCors(api: CorsInput | undefined, route: Pick<RouteInput, "api" | "cors">): CorsConfig | undefined {
  if (route.cors === false || (route.api ?? "public") !== "public") return undefined;
  const own: Partial<CorsInput> = route.cors ?? {};
  const allowOrigins = own.allowOrigins ?? api?.allowOrigins;
  if (allowOrigins === undefined) return undefined;
  return {
    allowOrigins,
    allowMethods: own.allowMethods ?? api?.allowMethods,
    allowHeaders: own.allowHeaders ?? api?.allowHeaders ?? DEFAULTS.cors.allowHeaders,
    exposeHeaders: own.exposeHeaders ?? api?.exposeHeaders ?? [],
    maxAgeSeconds: own.maxAgeSeconds ?? api?.maxAgeSeconds,
    allowCredentials: own.allowCredentials ?? api?.allowCredentials ?? DEFAULTS.cors.allowCredentials,
  };
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
export function applyDefaults(ctx: StackContext, input: GatewayInput, imported?: ImportedOpenApi): StackConfig {
  const env = input.environment;
  const protect = defaultDataProtection(env);
  return {
    project: ctx.project,
    stack: ctx.stack,
    releases: {},
    environment: env,
    owner: input.owner,
    tags: input.tags ?? {},
    manageApiGatewayAccount: input.apiGatewayAccount?.manageCloudWatchRole ?? DEFAULTS.apiGatewayAccount.manageCloudWatchRole,
    logEncryption: input.logEncryption ?? defaultLogEncryption(env),
    waf: (input.waf?.enabled ?? env === "prod") ? { ratePer5Minutes: input.waf?.ratePer5Minutes ?? DEFAULTS.waf.ratePer5Minutes } : undefined,
    clientCertificate: input.clientCertificate ?? DEFAULTS.clientCertificate,
    domains: (input.domains ?? []).map((d) => ({
      name: d.name,
      zone: d.zone,
      endpointType: d.endpointType ?? (input.api?.endpointType === "EDGE" ? "EDGE" : "REGIONAL"),
      basePaths: d.basePaths,
    })),
    api: {
      name: input.api?.name ?? `${ctx.project}-${ctx.stack}`,
      description: input.api?.description ?? DEFAULTS.api.description,
      version: input.api?.version ?? DEFAULTS.api.version,
      endpointType: input.api?.endpointType ?? DEFAULTS.api.endpointType,
      longIntegrationTimeouts: input.api?.longIntegrationTimeouts ?? false,
      privateAccess: input.api?.privateAccess && { ...input.api.privateAccess, privateDns: input.api.privateAccess.privateDns ?? false },
      imported,
    },
    internalApi: input.internalApi && {
      name: input.internalApi.name ?? `${ctx.project}-${ctx.stack}-internal`,
      description: input.internalApi.description ?? "",
      privateDns: input.internalApi.privateDns ?? false,
    },
    network: resolveNetwork(input),
    authorizers: Object.fromEntries(
      Object.entries(input.authorizers ?? {}).map(([name, a]) => [
        name,
        {
          name,
          function: a.function,
          type: a.type,
          identitySources: (a.identitySources ?? ["header.Authorization"]).map(identitySourceExpression),
          resultTtlSeconds: a.resultTtlSeconds ?? DEFAULTS.authorizer.resultTtlSeconds,
        },
      ]),
    ),
    httpApi: input.httpApi && {
      name: input.httpApi.name ?? `${ctx.project}-${ctx.stack}-http`,
      description: input.httpApi.description ?? "",
      routes: input.httpApi.routes.map((r) => ({
        method: r.method,
        path: r.path,
        target:
          r.function !== undefined
            ? { kind: "function" as const, function: r.function, alias: r.alias }
            : r.backend !== undefined
              ? { kind: "backend" as const, backend: r.backend }
              : { kind: "url" as const, url: r.url ?? "" },
        authorization: r.authorization,
        scopes: r.scopes ?? [],
      })),
      jwt: input.httpApi.jwt ?? (input.httpApi.routes.some((r) => r.authorization === "jwt") ? "cognito" : undefined),
      cors: input.httpApi.cors && {
        allowOrigins: input.httpApi.cors.allowOrigins,
        allowMethods: input.httpApi.cors.allowMethods,
        allowHeaders: input.httpApi.cors.allowHeaders,
        exposeHeaders: input.httpApi.cors.exposeHeaders,
        maxAgeSeconds: input.httpApi.cors.maxAgeSeconds,
        allowCredentials: input.httpApi.cors.allowCredentials ?? false,
      },
      throttling: input.httpApi.throttling ?? DEFAULTS.stage.throttling,
      domainBasePath: input.httpApi.domainBasePath,
    },
    resourcePolicy: input.resourcePolicy && {
      allowAccounts: input.resourcePolicy.allowAccounts,
      allowSourceIps: input.resourcePolicy.allowSourceIps,
      denySourceIps: input.resourcePolicy.denySourceIps,
      allowVpcEndpoints: input.resourcePolicy.allowVpcEndpoints,
    },
    callerRoles: Object.fromEntries(
      Object.entries(input.callerRoles ?? {}).map(([name, r]) => [
        name,
        { name, routes: r.routes.map(parseRouteKey), trustedPrincipals: r.trustedPrincipals },
      ]),
    ),
    cognito: input.cognito && {
      mfa: input.cognito.mfa ?? "OPTIONAL",
      selfSignUp: input.cognito.selfSignUp ?? false,
      resourceServer: input.cognito.resourceServer,
    },
    websocket: input.websocket && {
      name: input.websocket.name ?? `${ctx.project}-${ctx.stack}-ws`,
      description: input.websocket.description ?? "",
      connectionsTable: input.websocket.connectionsTable,
      routes: Object.entries(input.websocket.routes).map(([routeKey, r]) => ({ routeKey, function: r.function, connections: r.connections ?? [] })),
      authorizer: input.websocket.authorizer,
    },
    backends: Object.fromEntries(Object.entries(input.backends ?? {}).map(([key, b]) => [key, resolveBackend(key, b)])),
    functions: Object.fromEntries(
      Object.entries(input.functions ?? {}).map(([key, fn]) => [key, resolveFunction(ctx, env, key, fn)]),
    ),
    routes: (input.routes ?? []).map((route) => ({
      api: route.api ?? "public",
      method: route.method,
      path: route.path,
      integration: resolveRouteIntegration(route),
      timeoutMs: route.timeoutMs ?? DEFAULTS.integration.timeoutMs,
      authorization: route.authorization,
      scopes: route.scopes ?? [],
      authorizer: route.authorizer,
      summary: route.summary ?? "",
      description: route.description ?? "",
      apiKeyRequired: route.apiKeyRequired ?? false,
      validation: route.validation && {
        body: route.validation.body,
        mediaTypes: route.validation.mediaTypes ?? ["application/json"],
        queryStrings: route.validation.queryStrings ?? [],
        headers: route.validation.headers ?? [],
      },
      cache: route.cache && {
        enabled: route.cache.enabled ?? true,
        ttlSeconds: route.cache.ttlSeconds,
        keyParameters: route.cache.keyParameters ?? [],
        unauthorizedStrategy: route.cache.unauthorizedStrategy,
      },
      throttling: route.throttling,
      cors: resolveRouteCors(input.api?.cors, route),
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
            unauthorizedStrategy: stage.cache.unauthorizedStrategy ?? DEFAULTS.stage.cache.unauthorizedStrategy,
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
          indexes: table.indexes ?? {},
        },
      ]),
    ),
    queues: Object.fromEntries(
      Object.entries(input.queues ?? {}).map(([key, q]) => [
        key,
        {
          key,
          visibilityTimeoutSeconds: q.visibilityTimeoutSeconds ?? DEFAULTS.queue.visibilityTimeoutSeconds,
          retentionSeconds: q.retentionSeconds ?? DEFAULTS.queue.retentionSeconds,
          maxReceiveCount: q.maxReceiveCount ?? DEFAULTS.queue.maxReceiveCount,
        },
      ]),
    ),
    vpcLinks: Object.fromEntries(
      Object.entries(input.vpcLinks ?? {}).map(([key, l]) => [key, { key, targetArn: l.targetArn, description: l.description ?? "" }]),
    ),
    buckets: Object.fromEntries(Object.entries(input.buckets ?? {}).map(([key, b]) => [key, { key, contentFolder: b.contentFolder }])),
    binaryMediaTypes: input.binaryMediaTypes ?? [],
    stateMachines: Object.fromEntries(
      Object.entries(input.stateMachines ?? {}).map(([key, m]) => [
        key,
        { key, definition: m.definition, type: m.type ?? DEFAULTS.stateMachine.type },
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
