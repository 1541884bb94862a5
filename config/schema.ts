import { z } from "zod";
import {
  API_KINDS,
  AUTHORIZER_TYPES,
  BACKEND_TYPES,
  CACHE_INVALIDATION_MODES,
  UNAUTHORIZED_CACHE_CONTROL_STRATEGIES,
  CONNECTION_METHODS,
  FARGATE_CPU_UNITS,
  CACHE_SIZES_GB,
  ENDPOINT_TYPES,
  ENVIRONMENTS,
  EXECUTION_LOG_LEVELS,
  HTTP_METHODS,
  LAMBDA_ARCHITECTURES,
  LOG_ENCRYPTION_MODES,
  LOG_RETENTION_DAYS,
  LONG_INTEGRATION_TIMEOUT_MS,
  NAT_GATEWAY_MODES,
  MAX_LATENCY_THRESHOLD_MS,
  MIN_INTEGRATION_TIMEOUT_MS,
  REQUEST_MODELS,
  QUOTA_PERIODS,
  ROUTE_AUTHORIZATIONS,
  TABLE_ACCESS_LEVELS,
} from "./constants";
import { integrationSchema } from "./integrations";

/**
 * The shape of the `gateway` config key. Every object is strict (unknown keys are errors) and every
 * field with a default is optional here: defaults are applied in one place, `defaults.ts`.
 * Name patterns and cross-references are checked in `references.ts` so their messages can say more.
 */
const text = z.string();
const tags = z.record(z.string(), z.string());

const aliasSchema = z.strictObject({
  /** `$LATEST`, `current` (the version this deployment publishes) or a published version number. */
  version: z.string().optional(),
  /** Weighted routing between at most two versions; weights sum to 1. */
  weights: z.record(z.string(), z.number().min(0).max(1)).optional(),
  /** A note on what this alias is for. */
  description: text.optional(),
});

const functionSchema = z.strictObject({
  /** Handler file below functions/, without `.ts`, e.g. `items/create`. */
  entry: z.string(),
  /** What the function does (the Lambda description). */
  description: text.optional(),
  /** Memory in MB; Lambda gives CPU in proportion. @default 256 */
  memoryMb: z.int().min(128).max(10240).optional(),
  /** Seconds an invocation may run. @default 10 */
  timeoutSeconds: z.int().min(1).max(900).optional(),
  /** The CPU architecture it runs on. @default `arm64` */
  architecture: z.enum(LAMBDA_ARCHITECTURES).optional(),
  /** Days its log group keeps logs. @default `365` in prod, else `30` */
  logRetentionDays: z.literal(LOG_RETENTION_DAYS).optional(),
  /** X-Ray active tracing. @default true */
  tracing: z.boolean().optional(),
  /** Environment variables: name → value. */
  environment: z.record(z.string(), z.string()).optional(),
  /** Tables this function may use, by table key, and how. */
  tables: z.record(z.string(), z.enum(TABLE_ACCESS_LEVELS)).optional(),
  /** Lambda aliases by name (`DEV`, `TEST`, `PROD`...): stages reach one each through a route's `aliasVariable`. */
  aliases: z.record(z.string(), aliasSchema).optional(),
});

const throttleSchema = z.strictObject({
  /** Requests per second, steady state. */
  rateLimit: z.number().gt(0).max(1_000_000),
  /** Requests allowed in a burst above the rate (the token bucket's size). */
  burstLimit: z.int().min(1).max(1_000_000),
});

/**
 * CORS for browsers on other origins: the REST API's (`api.cors`, every public route) and a route's
 * override. Names as the HTTP API's `httpApi.cors`; values are checked in `cors-references.ts`.
 */
const corsFields = {
  /** `["*"]`, or origins `scheme://host[:port]` like `https://app.example.com`. */
  allowOrigins: z.array(z.string()).min(1),
  /** What the preflight allows. @default the methods of the path's CORS routes, and OPTIONS */
  allowMethods: z.array(z.string()).min(1).optional(),
  /** Request headers the preflight allows. @default `Content-Type`, `X-Amz-Date`, `Authorization`, `X-Api-Key`, `X-Amz-Security-Token` */
  allowHeaders: z.array(z.string()).optional(),
  /** Response headers scripts may read besides the safelisted ones. @default none */
  exposeHeaders: z.array(z.string()).optional(),
  /** How long a browser may cache the preflight's answer, 0 to 86400 s. @default unset (5 s in browsers) */
  maxAgeSeconds: z.int().min(0).max(86400).optional(),
  /** Let browsers send cookies and HTTP authentication, and read the answer; never with the `*` origin. @default false */
  allowCredentials: z.boolean().optional(),
};
const corsSchema = z.strictObject(corsFields);
/** A route's CORS: `false` opts out of `api.cors`; an object replaces the fields it gives. */
const routeCorsSchema = z.union([z.literal(false), z.strictObject({ ...corsFields, allowOrigins: corsFields.allowOrigins.optional() })]);

const routeSchema = z.strictObject({
  /** The HTTP method; `ANY` matches every method. */
  method: z.enum(HTTP_METHODS),
  /** `/`, or `/`-separated literals, `{param}` segments and a final `{param+}`. */
  path: z.string(),
  /** Shorthand for a Lambda proxy integration with this function. */
  function: z.string().optional(),
  /** Any other integration. Give `function` or `integration`. */
  integration: integrationSchema.optional(),
  /** 50 to 29,000 ms (longer with api.longIntegrationTimeouts). @default 29000 */
  timeoutMs: z.int().min(MIN_INTEGRATION_TIMEOUT_MS).max(LONG_INTEGRATION_TIMEOUT_MS).optional(),
  /** The API that serves the route: the public API, or the PRIVATE internal API (gateway.internalApi). @default "public" */
  api: z.enum(API_KINDS).optional(),
  /** Who may call the route; every route declares it, `none` making it public on purpose. */
  authorization: z.enum(ROUTE_AUTHORIZATIONS),
  /** For `cognito`: OAuth scopes of gateway.cognito's resource server (`<identifier>/<scope>`), any of which admits an access token. */
  scopes: z.array(z.string()).optional(),
  /** For `lambda`: a key of gateway.authorizers. */
  authorizer: z.string().optional(),
  /** A fixed alias of the function to invoke. */
  alias: z.string().optional(),
  /** A stage variable naming the alias to invoke, so each stage reaches its own alias. */
  aliasVariable: z.string().optional(),
  /** A short summary of the operation in the OpenAPI document. */
  summary: text.optional(),
  /** The operation's description in the OpenAPI document and its documentation parts. */
  description: text.optional(),
  /** Callers must send a key of a usage plan that covers the stage, in the `x-api-key` header. @default false */
  apiKeyRequired: z.boolean().optional(),
  /** Per-method cache override, applied on stages that have a cache. */
  cache: z
    .strictObject({
      /** Cache this method's answers (GET routes only). @default true */
      enabled: z.boolean().optional(),
      /** Seconds its answers are cached. @default the stage's */
      ttlSeconds: z.int().min(0).max(3600).optional(),
      /** `querystring.<name>`, `header.<name>` or `path.<name>`: request parts the cache key includes. */
      keyParameters: z.array(z.string()).optional(),
      /** What an unauthorized `Cache-Control: max-age=0` gets on this method. @default `SUCCEED_WITH_RESPONSE_HEADER` on a public GET (browsers reload with max-age=0), else the stage's */
      unauthorizedStrategy: z.enum(UNAUTHORIZED_CACHE_CONTROL_STRATEGIES).optional(),
    })
    .optional(),
  /** Per-method throttling, at most the stage's. */
  throttling: throttleSchema.optional(),
  /** This route's CORS: `false` opts out of api.cors; an object changes the fields it gives. Public routes only. */
  cors: routeCorsSchema.optional(),
  /** What API Gateway checks before the integration runs (400 with a JSON message otherwise). */
  validation: z
    .strictObject({
      /** A request model (components/rest-api/models) the JSON body must match. */
      body: z.enum(REQUEST_MODELS).optional(),
      /** Content types the body model applies to. @default ["application/json"] */
      mediaTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/)).min(1).optional(),
      /** Query string parameters that must be present. */
      queryStrings: z.array(z.string().min(1)).optional(),
      /** Headers that must be present. */
      headers: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

const stageSchema = z.strictObject({
  /** What the stage is for (the stage's description). */
  description: text.optional(),
  /** Stage variables: name → value, read as `${stageVariables.name}` by integrations, templates and `aliasVariable`. */
  variables: z.record(z.string(), z.string()).optional(),
  /** X-Ray tracing of the stage's requests. @default true */
  tracing: z.boolean().optional(),
  /** Tags added to the stage's resources (besides the stack's). */
  tags: tags.optional(),
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

const tableSchema = z.strictObject({
  /** The table's string partition key attribute. @default `id` */
  partitionKey: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/).optional(),
  /** Point-in-time recovery (continuous backups). @default `true` in prod, else `false` */
  pointInTimeRecovery: z.boolean().optional(),
  /** Deletion protection (and Pulumi's `protect`). @default `true` in prod, else `false` */
  deletionProtection: z.boolean().optional(),
  /** An attribute holding each item's expiry (epoch seconds); DynamoDB deletes expired items. */
  ttlAttribute: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/).optional(),
  /** Global secondary indexes by name, each on a string partition key (projecting every attribute). */
  indexes: z.record(z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/), z.strictObject({ partitionKey: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/) })).optional(),
});

const usagePlanSchema = z.strictObject({
  /** What the plan is for. */
  description: text.optional(),
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

const apiKeySchema = z.strictObject({
  /** What the key is for. */
  description: text.optional(),
  /** Whether the key can be used. @default true */
  enabled: z.boolean().optional(),
  /** The value comes from the secret config `apiKeyValues.<name>`; otherwise API Gateway generates it. @default false */
  imported: z.boolean().optional(),
});

const port = z.int().min(1).max(65535);
const backendCommon = {
  /** The port the service listens on. @default 80 */
  port: port.optional(),
  /** What the load balancer's HTTP health check requests. @default "/" */
  healthCheckPath: z.string().optional(),
  /** CPU architecture of the image or AMI. @default "x86_64" */
  architecture: z.enum(LAMBDA_ARCHITECTURES).optional(),
};

const ecsBackendSchema = z.strictObject({
  /** `ecs`: an ECS Fargate service; `ec2`: an EC2 Auto Scaling group. */
  type: z.literal(BACKEND_TYPES[0]),
  /** The container image, e.g. `public.ecr.aws/nginx/nginx:stable-alpine` or a private ECR image. */
  image: z.string(),
  ...backendCommon,
  /** Fargate CPU units. @default 256 */
  cpu: z.literal(FARGATE_CPU_UNITS).optional(),
  /** Task memory in MiB; Fargate allows given sizes per CPU. @default 512 */
  memoryMb: z.int().optional(),
  /** Tasks to run (the autoscaling minimum when autoscaling is on). @default 2 */
  desiredCount: z.int().min(0).max(1000).optional(),
  /** Container environment variables: name → value. */
  environment: z.record(z.string(), z.string()).optional(),
  /** Target tracking on the service's average CPU. */
  autoscaling: z
    .strictObject({
      /** The fewest tasks. */
      minCount: z.int().min(1).max(1000),
      /** The most tasks. */
      maxCount: z.int().min(1).max(1000),
      /** The average CPU percent scaling keeps the service at. @default 60 */
      targetCpuPercent: z.int().min(10).max(90).optional(),
    })
    .optional(),
});

const ec2BackendSchema = z.strictObject({
  /** `ecs`: an ECS Fargate service; `ec2`: an EC2 Auto Scaling group. */
  type: z.literal(BACKEND_TYPES[1]),
  ...backendCommon,
  /** The EC2 instance type. @default `t3.micro` (x86_64) or `t4g.micro` (arm64) */
  instanceType: z.string().optional(),
  /** The fewest instances. @default 2 */
  minSize: z.int().min(0).max(1000).optional(),
  /** The most instances. @default 4 */
  maxSize: z.int().min(1).max(1000).optional(),
  /** Instances to run. @default `minSize` */
  desiredCapacity: z.int().min(0).max(1000).optional(),
  /** Target tracking on the group's average CPU. @default 60 */
  targetCpuPercent: z.int().min(10).max(90).optional(),
  /** Root volume size in GiB. @default 8 */
  volumeSizeGb: z.int().min(8).max(1024).optional(),
});

const latency = z.int().min(1).max(MAX_LATENCY_THRESHOLD_MS);
const percent = z.number().min(0).max(100);
const observabilitySchema = z.strictObject({
  /** CloudWatch alarms on the REST API's stages, sent to an SNS topic. */
  alarms: z
    .strictObject({
      /** Whether the alarms exist. @default true */
      enabled: z.boolean().optional(),
      /** An address subscribed to the alarm topic (it must confirm the subscription). */
      email: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/).optional(),
      /** p99 latency (ms) at or above which the alarm fires; below API Gateway's 29 s limit. @default 5000 */
      latencyP99Ms: latency.optional(),
      /** p99 integration latency (ms) at or above which the alarm fires. @default 4000 */
      integrationLatencyP99Ms: latency.optional(),
      /** Percent of requests answered 5XX at or above which the alarm fires. @default 1 */
      error5xxPercent: percent.optional(),
      /** Percent of requests answered 4XX at or above which the alarm fires. @default 10 */
      error4xxPercent: percent.optional(),
      /** Cache hit ratio (percent) below which the alarm fires, on stages with a cache. @default 50 */
      cacheHitRatioPercent: percent.optional(),
    })
    .optional(),
  /** A CloudWatch dashboard of the REST API's stages: requests, errors, latency, cache, and the alarms. @default true */
  dashboard: z.boolean().optional(),
});

export const gatewaySchema = z.strictObject({
  /** The stack's environment: `prod` turns on production defaults (data protection, KMS-encrypted and longer-kept logs, WAF, three zones). */
  environment: z.enum(ENVIRONMENTS),
  /** The team that owns the stack: the `owner` tag of every resource. */
  owner: z.string().min(1),
  /** Tags of every resource, besides `project`, `stack`, `environment` and `owner`. */
  tags: tags.optional(),
  /**
   * The account-level API Gateway settings (the CloudWatch role execution logging needs). One stack
   * per account and region owns them; the others leave this false.
   */
  apiGatewayAccount: z
    .strictObject({
      /** This stack owns the account's API Gateway CloudWatch role. @default false */
      manageCloudWatchRole: z.boolean().optional(),
    })
    .optional(),
  /** Custom domains: an ACM certificate validated in the Route 53 zone, TLS 1.2, base paths to stages, alias records. */
  domains: z
    .array(
      z.strictObject({
        /** The custom domain name, e.g. `api.example.com` (lower case). */
        name: z.string(),
        /** The Route 53 public hosted zone the name lives in (looked up by name). */
        zone: z.string(),
        /** The domain's endpoint type (edge-optimized domains need their certificate in us-east-1). @default `EDGE` for an EDGE API, else `REGIONAL` */
        endpointType: z.enum(["EDGE", "REGIONAL"]).optional(),
        /** Base path → stage name; "" maps the domain's root. */
        basePaths: z.record(z.string(), z.string()),
      }),
    )
    .optional(),
  /** A WAF web ACL in front of every stage. */
  waf: z
    .strictObject({
      /** Whether the web ACL exists. @default `true` in prod, else `false` */
      enabled: z.boolean().optional(),
      /** Requests one IP may send in 5 minutes before the web ACL blocks it. @default 2000 */
      ratePer5Minutes: z.int().min(10).max(2_000_000_000).optional(),
    })
    .optional(),
  /** A client certificate the stages present to HTTP backends, so they can verify calls come from the gateway. @default true */
  clientCertificate: z.boolean().optional(),
  /** Every log group of the stack: encrypted with the stack's KMS key, or with CloudWatch's own. @default `kms` in prod, else `cloudwatch` */
  logEncryption: z.enum(LOG_ENCRYPTION_MODES).optional(),
  /** The public REST API. */
  api: z
    .strictObject({
      /** The API's name. @default `<project>-<stack>` */
      name: z.string().min(1).max(1024).optional(),
      /** The API's description. */
      description: text.optional(),
      /** The API's version: OpenAPI `info.version`, and in each deployment's description. @default `1.0.0` */
      version: z.string().min(1).optional(),
      /** `EDGE` (through CloudFront), `REGIONAL`, or `PRIVATE` (reached only through an `execute-api` VPC endpoint). @default `REGIONAL` */
      endpointType: z.enum(ENDPOINT_TYPES).optional(),
      /** For a PRIVATE API: the VPC and subnets of the `execute-api` endpoint clients reach it through. */
      privateAccess: z
        .strictObject({
          /** The VPC of the endpoint (`vpc-...`). */
          vpcId: z.string(),
          /** The subnets of the endpoint (`subnet-...`). */
          subnetIds: z.array(z.string()).min(1),
          /** Private DNS on the endpoint: `{api-id}.execute-api…` resolves to it, and no public API's does from that VPC. @default false */
          privateDns: z.boolean().optional(),
        })
        .optional(),
      /** An OpenAPI 3.0 file (YAML or JSON, in openapi/) whose operations join the routes'. */
      openApiFile: z.string().optional(),
      /** Allow integration timeouts over 29 s (REGIONAL and PRIVATE APIs only, after a quota increase). @default false */
      longIntegrationTimeouts: z.boolean().optional(),
      /** CORS on every public route (a route may change or opt out): preflights, response and gateway-response headers. */
      cors: corsSchema.optional(),
    })
    .optional(),
  /** A second, PRIVATE API for callers inside the stack's VPC; routes with `api: internal` go there. */
  internalApi: z
    .strictObject({
      /** The internal API's name. @default `<project>-<stack>-internal` */
      name: z.string().min(1).max(1024).optional(),
      /** The internal API's description. */
      description: text.optional(),
      /** Private DNS on the internal API's endpoint (see api.privateAccess.privateDns). @default false */
      privateDns: z.boolean().optional(),
    })
    .optional(),
  /** The VPC the backends (and the internal API's endpoint) live in: created with awsx, or an existing one. */
  network: z
    .strictObject({
      /** The VPC's IPv4 block (/16 to /24). @default "10.0.0.0/16" */
      cidrBlock: z.string().optional(),
      /** Zones the subnets spread over. @default `2` (`3` in prod) */
      availabilityZones: z.int().min(2).max(6).optional(),
      /** NAT gateways for the private subnets. @default `single` (`onePerZone` in prod) */
      natGateways: z.enum(NAT_GATEWAY_MODES).optional(),
      /** Use this VPC and its private subnets instead of creating one. */
      existing: z.strictObject({ vpcId: z.string(), privateSubnetIds: z.array(z.string()).min(2) }).optional(),
    })
    .optional(),
  /** Private services behind internal Network Load Balancers, reached through VPC links by `backend` routes. */
  backends: z.record(z.string(), z.discriminatedUnion("type", [ecsBackendSchema, ec2BackendSchema])).optional(),
  /** A Cognito user pool for the stack's users: its tokens open the WebSocket API (and authorizers that name it). */
  cognito: z
    .strictObject({
      /** Multi-factor authentication (TOTP). @default `OPTIONAL` */
      mfa: z.enum(["OFF", "OPTIONAL", "ON"]).optional(),
      /** Users may sign up themselves; otherwise administrators create them. @default false */
      selfSignUp: z.boolean().optional(),
      /** The OAuth resource server: its identifier and scopes (name → description). */
      resourceServer: z.strictObject({ identifier: z.string(), scopes: z.record(z.string(), z.string()) }),
    })
    .optional(),
  /** Lambda authorizers REST routes with `authorization: lambda` name. */
  authorizers: z
    .record(
      z.string(),
      z.strictObject({
        /** A key of gateway.functions (entry authorizer/token or authorizer/request). */
        function: z.string(),
        /** `TOKEN`: one header; `REQUEST`: any headers, query strings, stage variables and context. */
        type: z.enum(AUTHORIZER_TYPES),
        /** `header.<Name>`, `querystring.<name>`, `stageVariables.<name>`, `context.<name>`. @default ["header.Authorization"] */
        identitySources: z.array(z.string()).min(1).optional(),
        /** Seconds API Gateway caches a policy per identity. @default 300 */
        resultTtlSeconds: z.int().min(0).max(3600).optional(),
      }),
    )
    .optional(),
  /** The REST API's resource policy: other accounts, IP allow and deny lists, VPC endpoints. */
  resourcePolicy: z
    .strictObject({
      /** 12-digit account ids whose IAM principals may call the API's IAM-authorized methods. */
      allowAccounts: z.array(z.string()).optional(),
      /** IPv4/IPv6 CIDR blocks; when set, only these (or `allowVpcEndpoints`) may call the API. */
      allowSourceIps: z.array(z.string()).optional(),
      /** IPv4/IPv6 CIDR blocks that may never call the API. */
      denySourceIps: z.array(z.string()).optional(),
      /** `vpce-...` ids; when set, only these (or `allowSourceIps`) may call the API. */
      allowVpcEndpoints: z.array(z.string()).optional(),
    })
    .optional(),
  /** IAM roles callers assume to invoke exactly these `METHOD /path` routes of the public API (SigV4). */
  callerRoles: z
    .record(
      z.string(),
      z.strictObject({
        /** `METHOD /path` of the `iam` routes the role may invoke. */
        routes: z.array(z.string()).min(1),
        /** Account ids or role ARNs that may assume the role. @default the stack's account */
        trustedPrincipals: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  /** An HTTP API (API Gateway v2) beside the REST API: cheaper and faster, proxy integrations only. */
  httpApi: z
    .strictObject({
      /** The HTTP API's name. @default `<project>-<stack>-http` */
      name: z.string().min(1).max(128).optional(),
      /** The HTTP API's description. */
      description: text.optional(),
      /** Its routes (at least one). */
      routes: z
        .array(
          z.strictObject({
            /** The HTTP method; `ANY` matches every method. */
            method: z.enum(HTTP_METHODS),
            /** `/items/{id}`, a final `{proxy+}`, or `$default`. */
            path: z.string(),
            /** Give one target: a function (Lambda proxy, payload 2.0), a public URL, or a backend (private, through a VPC link v2). */
            function: z.string().optional(),
            /** An alias of the function to invoke. */
            alias: z.string().optional(),
            /** A public `http://` or `https://` URL to proxy to. */
            url: z.string().optional(),
            /** A key of gateway.backends, reached through a VPC link v2. */
            backend: z.string().optional(),
            /** Who may call the route: anyone, a token of the `jwt` authorizer, or IAM (SigV4). */
            authorization: z.enum(["none", "jwt", "iam"]),
            /** For `jwt`: scopes any of which the token must carry. */
            scopes: z.array(z.string()).optional(),
          }),
        )
        .min(1),
      /** The JWT authorizer: the stack's Cognito pool (its app client is the audience), or any OIDC issuer. @default `cognito` when jwt routes exist */
      jwt: z.union([z.literal("cognito"), z.strictObject({ issuer: z.string(), audiences: z.array(z.string()).min(1) })]).optional(),
      /** CORS headers the HTTP API answers browsers on other origins with. */
      cors: z
        .strictObject({
          /** Origins allowed to call, e.g. `https://app.example.com`, or `*`. */
          allowOrigins: z.array(z.string()).min(1),
          /** Methods browsers may use. */
          allowMethods: z.array(z.string()).optional(),
          /** Request headers browsers may send. */
          allowHeaders: z.array(z.string()).optional(),
          /** Response headers scripts may read. */
          exposeHeaders: z.array(z.string()).optional(),
          /** Seconds a browser may cache the preflight's answer. */
          maxAgeSeconds: z.int().min(0).max(86400).optional(),
          /** Let browsers send cookies and HTTP authentication. @default false */
          allowCredentials: z.boolean().optional(),
        })
        .optional(),
      /** Default throttling of every route. @default rate `100`, burst `200` */
      throttling: throttleSchema.optional(),
      /** The base path the API answers under on every custom domain of the stack (REGIONAL ones). */
      domainBasePath: z.string().regex(/^[A-Za-z0-9._-]+$/).optional(),
    })
    .optional(),
  /** A WebSocket API (API Gateway v2): its routes' functions, the connection table, the $connect authorizer. */
  websocket: z
    .strictObject({
      /** The WebSocket API's name. @default `<project>-<stack>-ws` */
      name: z.string().min(1).max(128).optional(),
      /** The WebSocket API's description. */
      description: text.optional(),
      /** A key of gateway.tables keyed by connection id (the handlers keep connections there). */
      connectionsTable: z.string(),
      /** Route key (`$connect`, `$disconnect`, `$default` or an action name) → its function and the `@connections` methods it uses. */
      routes: z.record(
        z.string(),
        z.strictObject({ function: z.string(), connections: z.array(z.enum(CONNECTION_METHODS)).optional() }),
      ),
      /** A function key: a REQUEST authorizer on `$connect` reading the `token` query string. */
      authorizer: z.string().optional(),
    })
    .optional(),
  /** Lambda functions by key, each bundled with esbuild from functions/. */
  functions: z.record(z.string(), functionSchema).optional(),
  /** The REST API's routes: each method and path once. */
  routes: z.array(routeSchema).optional(),
  /** The REST API's stages by name (at least one): each a deployment with its own settings. */
  stages: z.record(z.string(), stageSchema),
  /** DynamoDB tables by key (on demand, encrypted). */
  tables: z.record(z.string(), tableSchema).optional(),
  /** SQS queues by key, each with a dead-letter queue, for `sqs` routes. */
  queues: z
    .record(
      z.string(),
      z.strictObject({
        /** Seconds a received message stays hidden from other consumers. @default 30 */
        visibilityTimeoutSeconds: z.int().min(0).max(43200).optional(),
        /** Seconds a message is kept. @default 345600 */
        retentionSeconds: z.int().min(60).max(1209600).optional(),
        /** Receives after which a message moves to the dead-letter queue. @default 5 */
        maxReceiveCount: z.int().min(1).max(1000).optional(),
      }),
    )
    .optional(),
  /** VPC links to private backends: each targets one Network Load Balancer. */
  vpcLinks: z.record(z.string(), z.strictObject({ targetArn: z.string(), description: text.optional() })).optional(),
  /** S3 buckets by key, read by `s3` routes. */
  buckets: z
    .record(
      z.string(),
      z.strictObject({
        /** A folder of this repository whose files the stack uploads (e.g. the API's documentation site). */
        contentFolder: z.string().optional(),
      }),
    )
    .optional(),
  /** Media types API Gateway passes as binary (S3 objects such as images and PDFs). */
  binaryMediaTypes: z.array(z.string().regex(/^[a-z*]+\/[a-z0-9.+*-]+$/)).optional(),
  /** Step Functions state machines by key, started by `stepfunctions` routes. */
  stateMachines: z
    .record(
      z.string(),
      z.strictObject({
        /** Amazon States Language file in statemachines/. */
        definition: z.string(),
        /** `STANDARD` (long-running, exactly once) or `EXPRESS` (short, high-volume). @default `STANDARD` */
        type: z.enum(["STANDARD", "EXPRESS"]).optional(),
      }),
    )
    .optional(),
  /** Usage plans by name: throttling and quotas for callers with API keys. */
  usagePlans: z.record(z.string(), usagePlanSchema).optional(),
  /** API keys by name, for `apiKeyRequired` routes through usage plans. */
  apiKeys: z.record(z.string(), apiKeySchema).optional(),
  /** Alarms and the dashboard. */
  observability: observabilitySchema.optional(),
});

export type GatewayInput = z.infer<typeof gatewaySchema>;
export type FunctionInput = z.infer<typeof functionSchema>;
export type AliasInput = z.infer<typeof aliasSchema>;
export type RouteInput = z.infer<typeof routeSchema>;
export type CorsInput = z.infer<typeof corsSchema>;
export type RouteCorsInput = z.infer<typeof routeCorsSchema>;
export type BackendInput = NonNullable<GatewayInput["backends"]>[string];
