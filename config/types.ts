import type { IntegrationConfig } from "./integrations";
import type { ImportedOpenApi } from "./openapi-import";
import type { ReleaseState } from "./releases";
import type {
  ApiKind,
  AuthorizerType,
  CacheInvalidation,
  UnauthorizedCacheControlStrategy,
  ConnectionMethod,
  FargateCpu,
  NatGatewayMode,
  CacheSizeGb,
  EndpointType,
  Environment,
  ExecutionLogLevel,
  HttpMethod,
  LambdaArchitecture,
  LogEncryption,
  LogRetentionDays,
  QuotaPeriod,
  RequestModel,
  RouteAuthorization,
  TableAccess,
} from "./constants";

/** `$LATEST`, `current` (the version this deployment publishes) or a published version number. */
export type VersionRef = string;

export interface VersionWeight {
  readonly version: VersionRef;
  readonly weight: number;
}

export interface AliasConfig {
  readonly name: string;
  readonly description: string;
  /** The primary version first; a second entry is the additional version with its share of traffic. */
  readonly routing: readonly VersionWeight[];
}

export interface FunctionConfig {
  readonly key: string;
  /** The Lambda function name: `<project>-<stack>-<key>`. */
  readonly name: string;
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: LambdaArchitecture;
  readonly logRetentionDays: LogRetentionDays;
  readonly tracing: boolean;
  readonly environment: Readonly<Record<string, string>>;
  readonly tables: Readonly<Record<string, TableAccess>>;
  readonly aliases: Readonly<Record<string, AliasConfig>>;
}

export type RouteTarget =
  | { readonly kind: "unqualified" }
  | { readonly kind: "alias"; readonly alias: string }
  | { readonly kind: "stageVariable"; readonly variable: string };

export interface RouteValidation {
  readonly body: RequestModel | undefined;
  readonly mediaTypes: readonly string[];
  /** Query strings and headers the request must carry. */
  readonly queryStrings: readonly string[];
  readonly headers: readonly string[];
}

export interface RouteCache {
  readonly enabled: boolean;
  /** Undefined: the stage's TTL. */
  readonly ttlSeconds: number | undefined;
  readonly keyParameters: readonly string[];
  /** Undefined: SUCCEED_WITH_RESPONSE_HEADER on a public GET, else the stage's. */
  readonly unauthorizedStrategy: UnauthorizedCacheControlStrategy | undefined;
}

export interface IntegrationResponse {
  readonly selectionPattern: string;
  readonly statusCode: number;
  readonly template: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

export interface VpcLinkConfig {
  readonly key: string;
  readonly targetArn: string;
  readonly description: string;
}

/** A VPC this stack creates (with awsx), or one that exists. */
export type NetworkConfig =
  | {
      readonly kind: "created";
      readonly cidrBlock: string;
      readonly availabilityZones: number;
      readonly natGateways: NatGatewayMode;
    }
  | { readonly kind: "existing"; readonly vpcId: string; readonly privateSubnetIds: readonly string[] };

export interface EcsBackendConfig {
  readonly type: "ecs";
  readonly key: string;
  readonly image: string;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly architecture: LambdaArchitecture;
  readonly cpu: FargateCpu;
  readonly memoryMb: number;
  readonly desiredCount: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly autoscaling: { readonly minCount: number; readonly maxCount: number; readonly targetCpuPercent: number } | undefined;
}

export interface Ec2BackendConfig {
  readonly type: "ec2";
  readonly key: string;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly architecture: LambdaArchitecture;
  readonly instanceType: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly targetCpuPercent: number;
  readonly volumeSizeGb: number;
}

export type BackendConfig = EcsBackendConfig | Ec2BackendConfig;

export interface DomainConfig {
  readonly name: string;
  readonly zone: string;
  readonly endpointType: "EDGE" | "REGIONAL";
  readonly basePaths: Readonly<Record<string, string>>;
}

export interface BucketConfig {
  readonly key: string;
  readonly contentFolder: string | undefined;
}

export type {
  BackendIntegration,
  DynamoDbIntegration,
  HttpIntegration,
  HttpProxyIntegration,
  IntegrationConfig,
  LambdaIntegration,
  LambdaProxyIntegration,
  MockIntegration,
  S3Integration,
  SqsIntegration,
  StepFunctionsIntegration,
} from "./integrations";

/**
 * A REST route's CORS, every default applied: the route's fields over `api.cors`. The preflight of
 * its path, its integration responses (or its function's answers) and the API's gateway responses
 * carry these headers.
 */
export interface CorsConfig {
  /** `["*"]`, or origins `scheme://host[:port]`. */
  readonly allowOrigins: readonly string[];
  /** What the preflight allows; undefined: the methods of the path's CORS routes, and OPTIONS. */
  readonly allowMethods: readonly string[] | undefined;
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  /** Undefined: no Access-Control-Max-Age (browsers cache a preflight for 5 s). */
  readonly maxAgeSeconds: number | undefined;
  readonly allowCredentials: boolean;
}

export interface RouteConfig {
  /** The API that serves the route. */
  readonly api: ApiKind;
  readonly method: HttpMethod;
  readonly path: string;
  readonly integration: IntegrationConfig;
  readonly timeoutMs: number;
  readonly authorization: RouteAuthorization;
  /** The OAuth scopes a `cognito` route accepts (empty: any token of the pool). */
  readonly scopes: readonly string[];
  /** The Lambda authorizer of a `lambda` route. */
  readonly authorizer: string | undefined;
  readonly summary: string;
  readonly description: string;
  readonly apiKeyRequired: boolean;
  readonly validation: RouteValidation | undefined;
  readonly cache: RouteCache | undefined;
  readonly throttling: StageThrottling | undefined;
  /** The route's CORS, or undefined when browsers on other origins get no CORS headers from it. */
  readonly cors: CorsConfig | undefined;
}

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

export interface TableConfig {
  readonly key: string;
  readonly partitionKey: string;
  readonly pointInTimeRecovery: boolean;
  readonly deletionProtection: boolean;
  readonly ttlAttribute: string | undefined;
  /** Global secondary indexes by name, on their string partition keys. */
  readonly indexes: Readonly<Record<string, { readonly partitionKey: string }>>;
}

export interface WebSocketRouteConfig {
  readonly routeKey: string;
  readonly function: string;
  /** The `@connections` methods the function may call, on this API's stages only. */
  readonly connections: readonly ConnectionMethod[];
}

export interface WebSocketConfig {
  readonly name: string;
  readonly description: string;
  readonly connectionsTable: string;
  readonly routes: readonly WebSocketRouteConfig[];
  readonly authorizer: string | undefined;
}

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

export interface AlarmsConfig {
  readonly enabled: boolean;
  readonly email: string | undefined;
  readonly latencyP99Ms: number;
  readonly integrationLatencyP99Ms: number;
  readonly error5xxPercent: number;
  readonly error4xxPercent: number;
  readonly cacheHitRatioPercent: number;
}

export interface ObservabilityConfig {
  readonly alarms: AlarmsConfig;
  readonly dashboard: boolean;
}

/** How a PRIVATE API's clients reach it: the VPC endpoint's place, and whether private DNS is on. */
export interface PrivateAccess {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /**
   * On: `{api-id}.execute-api.{region}.amazonaws.com` resolves to the endpoint inside the VPC, and no
   * public API can be reached by its execute-api name from there (AWS, "Private REST APIs in API
   * Gateway"). Off: clients use `{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com`.
   */
  readonly privateDns: boolean;
}

export interface ApiConfig {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly endpointType: EndpointType;
  readonly longIntegrationTimeouts: boolean;
  /** The VPC endpoint's network, for a PRIVATE API. */
  readonly privateAccess: PrivateAccess | undefined;
  /** The operations of api.openApiFile, merged into the generated document. */
  readonly imported: ImportedOpenApi | undefined;
}

export interface QueueConfig {
  readonly key: string;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly maxReceiveCount: number;
}

export interface StateMachineConfig {
  readonly key: string;
  readonly definition: string;
  readonly type: "STANDARD" | "EXPRESS";
}

export type HttpApiTargetConfig =
  | { readonly kind: "function"; readonly function: string; readonly alias: string | undefined }
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "backend"; readonly backend: string };

export interface HttpApiRouteConfig {
  readonly method: HttpMethod;
  readonly path: string;
  readonly target: HttpApiTargetConfig;
  readonly authorization: "none" | "jwt" | "iam";
  readonly scopes: readonly string[];
}

export interface HttpApiConfig {
  readonly name: string;
  readonly description: string;
  readonly routes: readonly HttpApiRouteConfig[];
  /** Undefined when no route uses jwt. */
  readonly jwt: "cognito" | { readonly issuer: string; readonly audiences: readonly string[] } | undefined;
  readonly cors:
    | {
        readonly allowOrigins: readonly string[];
        readonly allowMethods: readonly string[] | undefined;
        readonly allowHeaders: readonly string[] | undefined;
        readonly exposeHeaders: readonly string[] | undefined;
        readonly maxAgeSeconds: number | undefined;
        readonly allowCredentials: boolean;
      }
    | undefined;
  readonly throttling: StageThrottling;
  readonly domainBasePath: string | undefined;
}

export interface AuthorizerConfig {
  readonly name: string;
  readonly function: string;
  readonly type: AuthorizerType;
  /** As API Gateway writes them: `method.request.header.Authorization`, `method.request.querystring.token`, ... */
  readonly identitySources: readonly string[];
  readonly resultTtlSeconds: number;
}

export interface ResourcePolicyConfig {
  readonly allowAccounts: readonly string[] | undefined;
  readonly allowSourceIps: readonly string[] | undefined;
  readonly denySourceIps: readonly string[] | undefined;
  readonly allowVpcEndpoints: readonly string[] | undefined;
}

export interface CallerRoleConfig {
  readonly name: string;
  readonly routes: readonly { readonly method: HttpMethod; readonly path: string }[];
  readonly trustedPrincipals: readonly string[] | undefined;
}

/** Everything one stack builds, validated, with every default applied, deeply frozen. */
export interface StackConfig {
  readonly project: string;
  readonly stack: string;
  /** The REST API release each canary stage serves (`microservice-gateway:releases`, written by `npm run release`). */
  readonly releases: ReleaseState;
  readonly environment: Environment;
  readonly owner: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Whether this stack owns the account-level API Gateway CloudWatch role. */
  readonly manageApiGatewayAccount: boolean;
  readonly logEncryption: LogEncryption;
  /** The web ACL in front of the stages, or undefined for none. */
  readonly waf: { readonly ratePer5Minutes: number } | undefined;
  readonly clientCertificate: boolean;
  readonly domains: readonly DomainConfig[];
  readonly api: ApiConfig;
  /** The PRIVATE internal API, or undefined when the stack has none. */
  readonly internalApi: { readonly name: string; readonly description: string; readonly privateDns: boolean } | undefined;
  readonly network: NetworkConfig | undefined;
  readonly backends: Readonly<Record<string, BackendConfig>>;
  /** The stack's Cognito user pool, or undefined when it has none. */
  readonly cognito:
    | {
        readonly mfa: "OFF" | "OPTIONAL" | "ON";
        readonly selfSignUp: boolean;
        readonly resourceServer: { readonly identifier: string; readonly scopes: Readonly<Record<string, string>> };
      }
    | undefined;
  readonly authorizers: Readonly<Record<string, AuthorizerConfig>>;
  /** The HTTP API, or undefined when the stack has none. */
  readonly httpApi: HttpApiConfig | undefined;
  /** The public REST API's resource policy, or undefined for none. */
  readonly resourcePolicy: ResourcePolicyConfig | undefined;
  readonly callerRoles: Readonly<Record<string, CallerRoleConfig>>;
  /** The WebSocket API, or undefined when the stack has none. */
  readonly websocket: WebSocketConfig | undefined;
  readonly functions: Readonly<Record<string, FunctionConfig>>;
  readonly routes: readonly RouteConfig[];
  readonly stages: Readonly<Record<string, StageConfig>>;
  readonly tables: Readonly<Record<string, TableConfig>>;
  readonly queues: Readonly<Record<string, QueueConfig>>;
  readonly stateMachines: Readonly<Record<string, StateMachineConfig>>;
  readonly buckets: Readonly<Record<string, BucketConfig>>;
  readonly vpcLinks: Readonly<Record<string, VpcLinkConfig>>;
  readonly binaryMediaTypes: readonly string[];
  readonly usagePlans: Readonly<Record<string, UsagePlanConfig>>;
  readonly apiKeys: Readonly<Record<string, ApiKeyConfig>>;
  readonly observability: ObservabilityConfig;
}

export interface StackContext {
  readonly project: string;
  readonly stack: string;
}
