import type { AuthorizerConfig, CallerRoleConfig, CognitoConfig, ResourcePolicyConfig } from "./sections/access";
import type { BackendConfig } from "./sections/backends";
import type { EdgeConfig } from "./sections/domain";
import type { FunctionConfig } from "./sections/function";
import type { HttpApiConfig } from "./sections/http-api";
import type { NetworkConfig, VpcLinkConfig } from "./sections/network";
import type { ObservabilityConfig } from "./sections/observability";
import type { BucketConfig, QueueConfig, StateMachineConfig, TableConfig } from "./sections/resources";
import type { ApiConfig, InternalApiConfig } from "./sections/rest-api";
import type { RouteConfig } from "./sections/route";
import type { StackSettingsConfig } from "./sections/stack";
import type { StageConfig } from "./sections/stage";
import type { ApiKeyConfig, UsagePlanConfig } from "./sections/usage-plans";
import type { WebSocketConfig } from "./sections/websocket";

/**
 * The resolved configuration: StackConfig (each section's part in its file in config/sections/, all
 * exported here too) and what a REST route's request goes to.
 */

export type { AuthorizerConfig, CallerRoleConfig, CognitoConfig, ResourcePolicyConfig } from "./sections/access";
export type { BackendConfig, Ec2BackendConfig, EcsBackendConfig } from "./sections/backends";
export type { CorsConfig } from "./sections/cors";
export type { DomainConfig, EdgeConfig } from "./sections/domain";
export type { AliasConfig, FunctionConfig, VersionRef, VersionWeight } from "./sections/function";
export type { HttpApiConfig, HttpApiRouteConfig, HttpApiTargetConfig } from "./sections/http-api";
export type { NetworkConfig, VpcLinkConfig } from "./sections/network";
export type { AlarmsConfig, ObservabilityConfig } from "./sections/observability";
export type { BucketConfig, QueueConfig, StateMachineConfig, TableConfig } from "./sections/resources";
export type { ApiConfig, InternalApiConfig, PrivateAccess } from "./sections/rest-api";
export type { RouteCache, RouteConfig, RouteValidation } from "./sections/route";
export type { StackSettingsConfig } from "./sections/stack";
export type { StageCache, StageCanary, StageConfig, StageLogging, StageThrottling } from "./sections/stage";
export type { ApiKeyConfig, UsagePlanConfig } from "./sections/usage-plans";
export type { WebSocketConfig, WebSocketRouteConfig } from "./sections/websocket";

export type RouteTarget =
  { readonly kind: "unqualified" } | { readonly kind: "alias"; readonly alias: string } | { readonly kind: "stageVariable"; readonly variable: string };

export interface IntegrationResponse {
  readonly selectionPattern: string;
  readonly statusCode: number;
  readonly template: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
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

/** Everything one stack builds, validated, with every default applied, deeply frozen. */
export interface StackConfig extends StackSettingsConfig, EdgeConfig {
  readonly api: ApiConfig;
  /** The PRIVATE internal API, or undefined when the stack has none. */
  readonly internalApi: InternalApiConfig | undefined;
  readonly network: NetworkConfig | undefined;
  readonly backends: Readonly<Record<string, BackendConfig>>;
  /** The stack's Cognito user pool, or undefined when it has none. */
  readonly cognito: CognitoConfig | undefined;
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
