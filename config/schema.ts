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
  description: text.optional(),
});

const functionSchema = z.strictObject({
  /** Handler file below functions/, without `.ts`, e.g. `items/create`. */
  entry: z.string(),
  description: text.optional(),
  memoryMb: z.int().min(128).max(10240).optional(),
  timeoutSeconds: z.int().min(1).max(900).optional(),
  architecture: z.enum(LAMBDA_ARCHITECTURES).optional(),
  logRetentionDays: z.literal(LOG_RETENTION_DAYS).optional(),
  tracing: z.boolean().optional(),
  environment: z.record(z.string(), z.string()).optional(),
  /** Tables this function may use, by table key, and how. */
  tables: z.record(z.string(), z.enum(TABLE_ACCESS_LEVELS)).optional(),
  aliases: z.record(z.string(), aliasSchema).optional(),
});

const throttleSchema = z.strictObject({
  rateLimit: z.number().gt(0).max(1_000_000),
  burstLimit: z.int().min(1).max(1_000_000),
});

/** How a backend answer maps to the client's: a regex over the backend status (HTTP) or error message (Lambda). */
const integrationResponseSchema = z.strictObject({
  selectionPattern: z.string(),
  statusCode: z.int().min(100).max(599),
  template: z.string().optional(),
  /** Response header → mapping expression (`integration.response.header.X`, or a quoted static value). */
  headers: z.record(z.string(), z.string()).optional(),
});

const httpMethodSchema = z.enum(HTTP_METHODS);
const lambdaTargetFields = {
  function: z.string(),
  alias: z.string().optional(),
  aliasVariable: z.string().optional(),
};

const integrationSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("mock"),
    statusCode: z.int().min(100).max(599).optional(),
    template: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({
    type: z.literal("http"),
    /** May use `${stageVariables.x}`. */
    url: z.string(),
    httpMethod: httpMethodSchema.optional(),
    requestTemplate: z.string().optional(),
    responseTemplate: z.string().optional(),
    /** `integration.request.<where>.<name>` → `method.request.<where>.<name>`, `stageVariables.x` or `'static'`. */
    requestParameters: z.record(z.string(), z.string()).optional(),
    responses: z.array(integrationResponseSchema).optional(),
  }),
  z.strictObject({
    type: z.literal("http_proxy"),
    url: z.string(),
    httpMethod: httpMethodSchema.optional(),
    requestParameters: z.record(z.string(), z.string()).optional(),
    /** Reach a private backend through this VPC link (a key of gateway.vpcLinks). */
    vpcLink: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal("lambda"),
    ...lambdaTargetFields,
    requestTemplate: z.string().optional(),
    responseTemplate: z.string().optional(),
    responses: z.array(integrationResponseSchema).optional(),
  }),
  z.strictObject({ type: z.literal("sqs"), queue: z.string(), requestTemplate: z.string().optional() }),
  z.strictObject({ type: z.literal("stepfunctions"), stateMachine: z.string(), requestTemplate: z.string().optional() }),
  z.strictObject({
    type: z.literal("backend"),
    /** A key of gateway.backends: reached through its own VPC link and internal load balancer. */
    backend: z.string(),
    /** The path on the backend, with the route's path parameters as `{name}`. @default `/{proxy}` for a `{proxy+}` route, else `/` */
    path: z.string().optional(),
    /** @default the route's method */
    httpMethod: httpMethodSchema.optional(),
    requestParameters: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({
    type: z.literal("s3"),
    bucket: z.string(),
    /** A fixed object key; otherwise the route's `{key}` or `{key+}` path parameter names it. */
    objectKey: z.string().optional(),
  }),
]);

/**
 * CORS for browsers on other origins: the REST API's (`api.cors`, every public route) and a route's
 * override. Names as the HTTP API's `httpApi.cors`; values are checked in `cors-references.ts`.
 */
const corsFields = {
  /** `["*"]`, or origins `scheme://host[:port]` like `https://app.example.com`. */
  allowOrigins: z.array(z.string()).min(1),
  /** What the preflight allows. @default the methods of the path's CORS routes, and OPTIONS */
  allowMethods: z.array(z.string()).min(1).optional(),
  /** Request headers the preflight allows. @default Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token */
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
  method: z.enum(HTTP_METHODS),
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
  summary: text.optional(),
  description: text.optional(),
  /** Callers must send a key of a usage plan that covers the stage, in the `x-api-key` header. */
  apiKeyRequired: z.boolean().optional(),
  /** Per-method cache override, applied on stages that have a cache. */
  cache: z
    .strictObject({
      enabled: z.boolean().optional(),
      ttlSeconds: z.int().min(0).max(3600).optional(),
      /** `querystring.<name>`, `header.<name>` or `path.<name>`: request parts the cache key includes. */
      keyParameters: z.array(z.string()).optional(),
      /** For this method; @default SUCCEED_WITH_RESPONSE_HEADER on a public GET (browsers reload with max-age=0), else the stage's. */
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
      body: z.enum(REQUEST_MODELS).optional(),
      /** Content types the body model applies to. @default ["application/json"] */
      mediaTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/)).min(1).optional(),
      queryStrings: z.array(z.string().min(1)).optional(),
      headers: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

const stageSchema = z.strictObject({
  description: text.optional(),
  variables: z.record(z.string(), z.string()).optional(),
  tracing: z.boolean().optional(),
  tags: tags.optional(),
  logging: z
    .strictObject({
      /** Execution logging on every method (`*\/*`). */
      executionLevel: z.enum(EXECUTION_LOG_LEVELS).optional(),
      /** JSON access logs to CloudWatch; turning them off is left to the policy pack to reject. */
      accessLogs: z.boolean().optional(),
      /** Full request and response logging: the policy pack rejects it in production. */
      dataTrace: z.boolean().optional(),
      metrics: z.boolean().optional(),
      /** Retention of the access and execution log groups. */
      retentionDays: z.literal(LOG_RETENTION_DAYS).optional(),
    })
    .optional(),
  /** The stage's response cache (one cache cluster per stage). */
  cache: z
    .strictObject({
      sizeGb: z.literal(CACHE_SIZES_GB),
      ttlSeconds: z.int().min(0).max(3600).optional(),
      encrypted: z.boolean().optional(),
      invalidation: z.enum(CACHE_INVALIDATION_MODES).optional(),
      /** What an unauthorized `Cache-Control: max-age=0` gets. @default FAIL_WITH_403 */
      unauthorizedStrategy: z.enum(UNAUTHORIZED_CACHE_CONTROL_STRATEGIES).optional(),
      /** IAM role names (in this account) allowed to invalidate this stage's cached methods. */
      invalidators: z.array(z.string()).optional(),
    })
    .optional(),
  /** A canary: a share of the stage's traffic that sees overridden stage variables. */
  canary: z
    .strictObject({
      percentTraffic: z.number().min(0).max(100),
      variables: z.record(z.string(), z.string()).optional(),
      useStageCache: z.boolean().optional(),
    })
    .optional(),
  /** Stage-wide default throttling (`*\/*`), requests per second and burst. */
  throttling: z
    .strictObject({
      rateLimit: z.number().gt(0).max(1_000_000).optional(),
      burstLimit: z.int().min(1).max(1_000_000).optional(),
    })
    .optional(),
});

const tableSchema = z.strictObject({
  partitionKey: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/).optional(),
  pointInTimeRecovery: z.boolean().optional(),
  deletionProtection: z.boolean().optional(),
  ttlAttribute: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/).optional(),
  /** Global secondary indexes by name, each on a string partition key (projecting every attribute). */
  indexes: z.record(z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/), z.strictObject({ partitionKey: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/) })).optional(),
});

const usagePlanSchema = z.strictObject({
  description: text.optional(),
  stages: z.array(z.string()).min(1),
  throttle: throttleSchema.optional(),
  quota: z
    .strictObject({
      limit: z.int().min(1),
      period: z.enum(QUOTA_PERIODS),
      offset: z.int().min(0).optional(),
    })
    .optional(),
  /** Per-method throttles, keyed `METHOD /path` of a route. */
  methodThrottles: z.record(z.string(), throttleSchema).optional(),
  /** Keys of gateway.apiKeys that may use this plan. */
  apiKeys: z.array(z.string()).optional(),
});

const apiKeySchema = z.strictObject({
  description: text.optional(),
  enabled: z.boolean().optional(),
  /** The value comes from the secret config `apiKeyValues.<name>`; otherwise API Gateway generates it. */
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
  environment: z.record(z.string(), z.string()).optional(),
  /** Target tracking on the service's average CPU. */
  autoscaling: z
    .strictObject({ minCount: z.int().min(1).max(1000), maxCount: z.int().min(1).max(1000), targetCpuPercent: z.int().min(10).max(90).optional() })
    .optional(),
});

const ec2BackendSchema = z.strictObject({
  type: z.literal(BACKEND_TYPES[1]),
  ...backendCommon,
  /** @default "t3.micro" (x86_64) or "t4g.micro" (arm64) */
  instanceType: z.string().optional(),
  /** @default 2 */
  minSize: z.int().min(0).max(1000).optional(),
  /** @default 4 */
  maxSize: z.int().min(1).max(1000).optional(),
  /** @default minSize */
  desiredCapacity: z.int().min(0).max(1000).optional(),
  /** Target tracking on the group's average CPU. @default 60 */
  targetCpuPercent: z.int().min(10).max(90).optional(),
  /** Root volume size in GiB. @default 8 */
  volumeSizeGb: z.int().min(8).max(1024).optional(),
});

const latency = z.int().min(1).max(MAX_LATENCY_THRESHOLD_MS);
const percent = z.number().min(0).max(100);
const observabilitySchema = z.strictObject({
  alarms: z
    .strictObject({
      enabled: z.boolean().optional(),
      /** An address subscribed to the alarm topic (it must confirm the subscription). */
      email: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/).optional(),
      latencyP99Ms: latency.optional(),
      integrationLatencyP99Ms: latency.optional(),
      error5xxPercent: percent.optional(),
      error4xxPercent: percent.optional(),
      cacheHitRatioPercent: percent.optional(),
    })
    .optional(),
  dashboard: z.boolean().optional(),
});

export const gatewaySchema = z.strictObject({
  environment: z.enum(ENVIRONMENTS),
  owner: z.string().min(1),
  tags: tags.optional(),
  /**
   * The account-level API Gateway settings (the CloudWatch role execution logging needs). One stack
   * per account and region owns them; the others leave this false.
   */
  apiGatewayAccount: z.strictObject({ manageCloudWatchRole: z.boolean().optional() }).optional(),
  /** Custom domains: an ACM certificate validated in the Route 53 zone, TLS 1.2, base paths to stages, alias records. */
  domains: z
    .array(
      z.strictObject({
        name: z.string(),
        /** The Route 53 public hosted zone the name lives in (looked up by name). */
        zone: z.string(),
        /** @default the API's endpoint type */
        endpointType: z.enum(["EDGE", "REGIONAL"]).optional(),
        /** Base path → stage name; "" maps the domain's root. */
        basePaths: z.record(z.string(), z.string()),
      }),
    )
    .optional(),
  /** A WAF web ACL in front of every stage. */
  waf: z.strictObject({ enabled: z.boolean().optional(), ratePer5Minutes: z.int().min(10).max(2_000_000_000).optional() }).optional(),
  /** A client certificate the stages present to HTTP backends, so they can verify calls come from the gateway. */
  clientCertificate: z.boolean().optional(),
  /** Every log group of the stack: encrypted with the stack's KMS key, or with CloudWatch's own. */
  logEncryption: z.enum(LOG_ENCRYPTION_MODES).optional(),
  api: z
    .strictObject({
      name: z.string().min(1).max(1024).optional(),
      description: text.optional(),
      version: z.string().min(1).optional(),
      endpointType: z.enum(ENDPOINT_TYPES).optional(),
      /** For a PRIVATE API: the VPC and subnets of the `execute-api` endpoint clients reach it through. */
      privateAccess: z
        .strictObject({
          vpcId: z.string(),
          subnetIds: z.array(z.string()).min(1),
          /** Private DNS on the endpoint: `{api-id}.execute-api…` resolves to it, and no public API's does from that VPC. @default false */
          privateDns: z.boolean().optional(),
        })
        .optional(),
      /** An OpenAPI 3.0 file (YAML or JSON, in openapi/) whose operations join the routes'. */
      openApiFile: z.string().optional(),
      /** Allow integration timeouts over 29 s (REGIONAL and PRIVATE APIs only, after a quota increase). */
      longIntegrationTimeouts: z.boolean().optional(),
      /** CORS on every public route (a route may change or opt out): preflights, response and gateway-response headers. */
      cors: corsSchema.optional(),
    })
    .optional(),
  /** A second, PRIVATE API for callers inside the stack's VPC; routes with `api: internal` go there. */
  internalApi: z
    .strictObject({
      name: z.string().min(1).max(1024).optional(),
      description: text.optional(),
      /** Private DNS on the internal API's endpoint (see api.privateAccess.privateDns). @default false */
      privateDns: z.boolean().optional(),
    })
    .optional(),
  /** The VPC the backends (and the internal API's endpoint) live in: created with awsx, or an existing one. */
  network: z
    .strictObject({
      /** @default "10.0.0.0/16" */
      cidrBlock: z.string().optional(),
      /** @default 2 (3 in prod) */
      availabilityZones: z.int().min(2).max(6).optional(),
      /** @default "single" ("onePerZone" in prod) */
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
      /** @default "OPTIONAL" (TOTP) */
      mfa: z.enum(["OFF", "OPTIONAL", "ON"]).optional(),
      /** @default false: administrators create users */
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
      allowAccounts: z.array(z.string()).optional(),
      allowSourceIps: z.array(z.string()).optional(),
      denySourceIps: z.array(z.string()).optional(),
      allowVpcEndpoints: z.array(z.string()).optional(),
    })
    .optional(),
  /** IAM roles callers assume to invoke exactly these `METHOD /path` routes of the public API (SigV4). */
  callerRoles: z
    .record(
      z.string(),
      z.strictObject({
        routes: z.array(z.string()).min(1),
        /** Account ids or role ARNs that may assume the role. @default the stack's account */
        trustedPrincipals: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  /** An HTTP API (API Gateway v2) beside the REST API: cheaper and faster, proxy integrations only. */
  httpApi: z
    .strictObject({
      name: z.string().min(1).max(128).optional(),
      description: text.optional(),
      routes: z
        .array(
          z.strictObject({
            method: z.enum(HTTP_METHODS),
            /** `/items/{id}`, a final `{proxy+}`, or `$default`. */
            path: z.string(),
            /** Give one target: a function (Lambda proxy, payload 2.0), a public URL, or a backend (private, through a VPC link v2). */
            function: z.string().optional(),
            alias: z.string().optional(),
            url: z.string().optional(),
            backend: z.string().optional(),
            authorization: z.enum(["none", "jwt", "iam"]),
            scopes: z.array(z.string()).optional(),
          }),
        )
        .min(1),
      /** The JWT authorizer: the stack's Cognito pool (its app client is the audience), or any OIDC issuer. @default "cognito" when jwt routes exist */
      jwt: z.union([z.literal("cognito"), z.strictObject({ issuer: z.string(), audiences: z.array(z.string()).min(1) })]).optional(),
      cors: z
        .strictObject({
          allowOrigins: z.array(z.string()).min(1),
          allowMethods: z.array(z.string()).optional(),
          allowHeaders: z.array(z.string()).optional(),
          exposeHeaders: z.array(z.string()).optional(),
          maxAgeSeconds: z.int().min(0).max(86400).optional(),
          allowCredentials: z.boolean().optional(),
        })
        .optional(),
      throttling: throttleSchema.optional(),
      /** The base path the API answers under on every custom domain of the stack (REGIONAL ones). */
      domainBasePath: z.string().regex(/^[A-Za-z0-9._-]+$/).optional(),
    })
    .optional(),
  /** A WebSocket API (API Gateway v2): its routes' functions, the connection table, the $connect authorizer. */
  websocket: z
    .strictObject({
      name: z.string().min(1).max(128).optional(),
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
  functions: z.record(z.string(), functionSchema).optional(),
  routes: z.array(routeSchema).optional(),
  stages: z.record(z.string(), stageSchema),
  tables: z.record(z.string(), tableSchema).optional(),
  queues: z
    .record(
      z.string(),
      z.strictObject({
        visibilityTimeoutSeconds: z.int().min(0).max(43200).optional(),
        retentionSeconds: z.int().min(60).max(1209600).optional(),
        /** Receives after which a message moves to the dead-letter queue. */
        maxReceiveCount: z.int().min(1).max(1000).optional(),
      }),
    )
    .optional(),
  /** VPC links to private backends: each targets one Network Load Balancer. */
  vpcLinks: z.record(z.string(), z.strictObject({ targetArn: z.string(), description: text.optional() })).optional(),
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
  stateMachines: z
    .record(
      z.string(),
      z.strictObject({
        /** Amazon States Language file in statemachines/. */
        definition: z.string(),
        type: z.enum(["STANDARD", "EXPRESS"]).optional(),
      }),
    )
    .optional(),
  usagePlans: z.record(z.string(), usagePlanSchema).optional(),
  apiKeys: z.record(z.string(), apiKeySchema).optional(),
  observability: observabilitySchema.optional(),
});

export type GatewayInput = z.infer<typeof gatewaySchema>;
export type FunctionInput = z.infer<typeof functionSchema>;
export type AliasInput = z.infer<typeof aliasSchema>;
export type RouteInput = z.infer<typeof routeSchema>;
export type CorsInput = z.infer<typeof corsSchema>;
export type RouteCorsInput = z.infer<typeof routeCorsSchema>;
export type BackendInput = NonNullable<GatewayInput["backends"]>[string];
