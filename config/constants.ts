/** Allowed values the stack configuration is checked against. */

export const ENVIRONMENTS = ["dev", "test", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A PRIVATE API is reached only through an `execute-api` VPC endpoint (see api.privateAccess). */
export const ENDPOINT_TYPES = ["EDGE", "REGIONAL", "PRIVATE"] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

export const LAMBDA_ARCHITECTURES = ["arm64", "x86_64"] as const;
export type LambdaArchitecture = (typeof LAMBDA_ARCHITECTURES)[number];

export const EXECUTION_LOG_LEVELS = ["OFF", "ERROR", "INFO"] as const;
export type ExecutionLogLevel = (typeof EXECUTION_LOG_LEVELS)[number];

/**
 * `none` declares a route public on purpose; `iam` requires Signature Version 4; `cognito` a token of
 * the stack's user pool (with scopes); `lambda` a Lambda authorizer of gateway.authorizers.
 */
export const ROUTE_AUTHORIZATIONS = ["none", "iam", "cognito", "lambda"] as const;
export type RouteAuthorization = (typeof ROUTE_AUTHORIZATIONS)[number];

/** Cache cluster sizes API Gateway offers, in GB. */
export const CACHE_SIZES_GB = [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237] as const;
export type CacheSizeGb = (typeof CACHE_SIZES_GB)[number];

/**
 * Who may invalidate a cached entry with `Cache-Control: max-age=0`: only callers granted
 * `execute-api:InvalidateCache` (others get 403), or anyone (unsafe; the policy pack rejects it).
 */
export const CACHE_INVALIDATION_MODES = ["authorized", "anyone"] as const;
/**
 * What API Gateway does with `Cache-Control: max-age=0` from a caller without `execute-api:InvalidateCache`
 * (every one keeps the cache): answer 403, or serve the cached answer with or without a warning header.
 */
export const UNAUTHORIZED_CACHE_CONTROL_STRATEGIES = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"] as const;
export type UnauthorizedCacheControlStrategy = (typeof UNAUTHORIZED_CACHE_CONTROL_STRATEGIES)[number];
export type CacheInvalidation = (typeof CACHE_INVALIDATION_MODES)[number];

/** How log groups are encrypted: with the stack's own KMS key, or with the key CloudWatch Logs owns. */
export const LOG_ENCRYPTION_MODES = ["kms", "cloudwatch"] as const;
export type LogEncryption = (typeof LOG_ENCRYPTION_MODES)[number];

export const QUOTA_PERIODS = ["DAY", "WEEK", "MONTH"] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

/** API Gateway waits at most 29 s for an integration: latency alarms must fire below it. */
export const MAX_LATENCY_THRESHOLD_MS = 28999;

/** A cache key parameter: where the request carries it, and its name. */
export const CACHE_KEY_PARAMETER_PATTERN = /^(querystring|header|path)\.[A-Za-z0-9_.-]{1,128}$/;
export const IAM_ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
export const PLAN_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** API Gateway's integration timeout range; longer is possible only for REGIONAL and PRIVATE APIs, on request. */
export const MIN_INTEGRATION_TIMEOUT_MS = 50;
export const DEFAULT_MAX_INTEGRATION_TIMEOUT_MS = 29000;
export const LONG_INTEGRATION_TIMEOUT_MS = 300000;

/** A mapping template file in templates/. */
export const TEMPLATE_FILE_PATTERN = /^[a-z0-9-]+\.vtl$/;
/** A state machine definition file in statemachines/ (Amazon States Language, JSON). */
export const DEFINITION_FILE_PATTERN = /^[a-z0-9-]+\.asl\.json$/;

/** Body models API Gateway validates requests against (components/rest-api/models). */
export const REQUEST_MODELS = ["ItemCreate", "ItemPatch"] as const;
export type RequestModel = (typeof REQUEST_MODELS)[number];

/** A folder of this repository whose files are uploaded to a bucket. */
export const CONTENT_FOLDER_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

/** A DNS name: labels of letters, digits and hyphens. */
export const DOMAIN_NAME_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** A base path of a custom domain (`v1`), or "" for the domain's root. */
export const BASE_PATH_PATTERN = /^([A-Za-z0-9._-]+)?$/;

export const VPC_ID_PATTERN = /^vpc-[0-9a-f]{8,17}$/;
export const SUBNET_ID_PATTERN = /^subnet-[0-9a-f]{8,17}$/;

/** A Network Load Balancer's ARN: a classic REST VPC link targets exactly one of these. */
export const NLB_ARN_PATTERN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/net\/[A-Za-z0-9-]+\/[0-9a-f]+$/;

export const TABLE_ACCESS_LEVELS = ["read", "readwrite"] as const;
export type TableAccess = (typeof TABLE_ACCESS_LEVELS)[number];

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

/** The newest Node.js runtime @pulumi/aws offers. */
export const LAMBDA_RUNTIME = "nodejs24.x";

/** An alias may point at `$LATEST`, at the version this deployment publishes, or at a numbered version. */
export const LATEST_VERSION = "$LATEST";
export const CURRENT_VERSION = "current";

export const STAGE_NAME_PATTERN = /^[A-Za-z0-9_]{1,128}$/;
export const FUNCTION_KEY_PATTERN = /^[a-z][A-Za-z0-9]{0,39}$/;
export const TABLE_KEY_PATTERN = /^[a-z][A-Za-z0-9]{0,39}$/;
/** Lambda alias names: letters, digits, `-` and `_`, not all digits. */
export const ALIAS_NAME_PATTERN = /^(?![0-9]+$)[A-Za-z0-9_-]{1,128}$/;
export const STAGE_VARIABLE_NAME_PATTERN = /^[A-Za-z0-9_]{1,64}$/;
/** Characters API Gateway accepts in a stage variable value. */
export const STAGE_VARIABLE_VALUE_PATTERN = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;
export const ENV_VAR_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A function entry is a path below functions/, without the `.ts` extension. */
export const FUNCTION_ENTRY_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;
export const MAX_LAMBDA_NAME_LENGTH = 64;

/** Which API of the stack serves a route: the public one, or the PRIVATE internal one (gateway.internalApi). */
export const API_KINDS = ["public", "internal"] as const;
export type ApiKind = (typeof API_KINDS)[number];

/** NAT gateways of a VPC the stack creates: one for all zones (cheap), one per zone (no single point of failure), or none. */
export const NAT_GATEWAY_MODES = ["single", "onePerZone", "none"] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

/** What runs a private backend: an ECS Fargate service, or an EC2 Auto Scaling group. */
export const BACKEND_TYPES = ["ecs", "ec2"] as const;

/** CPU units a Fargate task may have, with the memory sizes (MiB) each allows. */
export const FARGATE_CPU_UNITS = [256, 512, 1024, 2048, 4096] as const;
export type FargateCpu = (typeof FARGATE_CPU_UNITS)[number];
const range = (from: number, to: number, step: number): number[] => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
export const FARGATE_MEMORY_MB: Readonly<Record<FargateCpu, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
};

export const CIDR_BLOCK_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
/** An EC2 instance type, e.g. `t3.micro`, `m7g.large`. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
/** Graviton (arm64) instance families: a1, and those with a `g` after the generation digit (t4g, m7g, c7gn, r8g). */
export const ARM_INSTANCE_FAMILY_PATTERN = /^(a1|[a-z]+[0-9]+[a-z]*g[a-z]*)\./;
/** A container image reference: registry/repository[:tag][@digest]. */
export const CONTAINER_IMAGE_PATTERN =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;
/** A private ECR image of some account: its repository gets a pull grant in the task's execution role. */
export const ECR_IMAGE_PATTERN = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([^:@]+)/;
/** A health check path: absolute; segments of letters, digits, `.`, `_`, `~` and `-`, none starting with a dot. */
export const HEALTH_CHECK_PATH_PATTERN = /^\/([A-Za-z0-9_~-][A-Za-z0-9._~-]*(\/(?=.))?)*$/;
/**
 * A backend key: it names the backend's load balancer and target group, whose AWS names (the key, a
 * suffix and Pulumi's 8 random characters) may have at most 32 characters.
 */
export const BACKEND_KEY_PATTERN = /^[a-z][a-z0-9]{0,15}$/;

/** The `@connections` management API's methods: POST sends to a connection, GET describes it, DELETE closes it. */
export const CONNECTION_METHODS = ["POST", "GET", "DELETE"] as const;
export type ConnectionMethod = (typeof CONNECTION_METHODS)[number];
/** WebSocket route keys: the three API Gateway defines, or an action the route selection expression picks. */
export const WEBSOCKET_ROUTE_KEY_PATTERN = /^(\$connect|\$disconnect|\$default|[A-Za-z][A-Za-z0-9_]{0,63})$/;
export const REQUIRED_WEBSOCKET_ROUTES = ["$connect", "$disconnect", "$default"] as const;

/** A Lambda authorizer's identity: one header (TOKEN), or request parameters (REQUEST). */
export const AUTHORIZER_TYPES = ["TOKEN", "REQUEST"] as const;
export type AuthorizerType = (typeof AUTHORIZER_TYPES)[number];
/** Where an identity source is read: `header.Authorization`, `querystring.token`, `stageVariables.x`, `context.x`. */
export const IDENTITY_SOURCE_PATTERN =
  /^(header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|querystring\.[A-Za-z0-9_.-]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;
/** A 12-digit AWS account id. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
