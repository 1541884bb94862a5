import { z } from "zod";
import { ENVIRONMENTS, LOG_ENCRYPTION_MODES } from "./constants";
import { authorizerSchema, callerRoleSchema, cognitoSchema, resourcePolicySchema } from "./sections/access";
import { backendSchema } from "./sections/backends";
import { domainSchema, wafSchema } from "./sections/domain";
import { functionSchema } from "./sections/function";
import { httpApiSchema } from "./sections/http-api";
import { networkSchema, vpcLinkSchema } from "./sections/network";
import { observabilitySchema } from "./sections/observability";
import { bucketSchema, queueSchema, stateMachineSchema, tableSchema } from "./sections/resources";
import { apiSchema, binaryMediaTypesSchema, internalApiSchema } from "./sections/rest-api";
import { routeSchema } from "./sections/route";
import { apiGatewayAccountSchema, tagsSchema } from "./sections/stack";
import { stageSchema } from "./sections/stage";
import { apiKeySchema, usagePlanSchema } from "./sections/usage-plans";
import { websocketSchema } from "./sections/websocket";

/**
 * The shape of the `gateway` config key: its top-level keys, each described here, and the schema of
 * each in its section (config/sections/, and the route integrations in config/schema.ts). Every object
 * is strict (unknown keys are errors) and every field with a default is optional here: each section
 * applies its defaults (config/defaults.ts lists them all). Name patterns and cross-references are
 * checked by the sections' checks (config/checks.ts runs them) so their messages can say more.
 */
export const gatewaySchema = z.strictObject({
  /** The stack's environment: `prod` turns on production defaults (data protection, KMS-encrypted and longer-kept logs, WAF, three zones). */
  environment: z.enum(ENVIRONMENTS),
  /** The team that owns the stack: the `owner` tag of every resource. */
  owner: z.string().min(1),
  /** Tags of every resource, besides `project`, `stack`, `environment` and `owner`. */
  tags: tagsSchema.optional(),
  /**
   * The account-level API Gateway settings (the CloudWatch role execution logging needs). One stack
   * per account and region owns them; the others leave this false.
   */
  apiGatewayAccount: apiGatewayAccountSchema.optional(),
  /** Custom domains: an ACM certificate validated in the Route 53 zone, TLS 1.2, base paths to stages, alias records. */
  domains: z.array(domainSchema).optional(),
  /** A WAF web ACL in front of every stage. */
  waf: wafSchema.optional(),
  /** A client certificate the stages present to HTTP backends, so they can verify calls come from the gateway. @default true */
  clientCertificate: z.boolean().optional(),
  /** Every log group of the stack: encrypted with the stack's KMS key, or with CloudWatch's own. @default `kms` in prod, else `cloudwatch` */
  logEncryption: z.enum(LOG_ENCRYPTION_MODES).optional(),
  /** The public REST API. */
  api: apiSchema.optional(),
  /** A second, PRIVATE API for callers inside the stack's VPC; routes with `api: internal` go there. */
  internalApi: internalApiSchema.optional(),
  /** The VPC the backends (and the internal API's endpoint) live in: created with awsx, or an existing one. */
  network: networkSchema.optional(),
  /** Private services behind internal Network Load Balancers, reached through VPC links by `backend` routes. */
  backends: z.record(z.string(), backendSchema).optional(),
  /** A Cognito user pool for the stack's users: its tokens open the WebSocket API (and authorizers that name it). */
  cognito: cognitoSchema.optional(),
  /** Lambda authorizers REST routes with `authorization: lambda` name. */
  authorizers: z.record(z.string(), authorizerSchema).optional(),
  /** The REST API's resource policy: other accounts, IP allow and deny lists, VPC endpoints. */
  resourcePolicy: resourcePolicySchema.optional(),
  /** IAM roles callers assume to invoke exactly these `METHOD /path` routes of the public API (SigV4). */
  callerRoles: z.record(z.string(), callerRoleSchema).optional(),
  /** An HTTP API (API Gateway v2) beside the REST API: cheaper and faster, proxy integrations only. */
  httpApi: httpApiSchema.optional(),
  /** A WebSocket API (API Gateway v2): its routes' functions, the connection table, the $connect authorizer. */
  websocket: websocketSchema.optional(),
  /** Lambda functions by key, each bundled with esbuild from functions/. */
  functions: z.record(z.string(), functionSchema).optional(),
  /** The REST API's routes: each method and path once. */
  routes: z.array(routeSchema).optional(),
  /** The REST API's stages by name (at least one): each a deployment with its own settings. */
  stages: z.record(z.string(), stageSchema),
  /** DynamoDB tables by key (on demand, encrypted). */
  tables: z.record(z.string(), tableSchema).optional(),
  /** SQS queues by key, each with a dead-letter queue, for `sqs` routes. */
  queues: z.record(z.string(), queueSchema).optional(),
  /** VPC links to private backends: each targets one Network Load Balancer. */
  vpcLinks: z.record(z.string(), vpcLinkSchema).optional(),
  /** S3 buckets by key, read by `s3` routes. */
  buckets: z.record(z.string(), bucketSchema).optional(),
  /** Media types API Gateway passes as binary (S3 objects such as images and PDFs). */
  binaryMediaTypes: binaryMediaTypesSchema.optional(),
  /** Step Functions state machines by key, started by `stepfunctions` routes. */
  stateMachines: z.record(z.string(), stateMachineSchema).optional(),
  /** Usage plans by name: throttling and quotas for callers with API keys. */
  usagePlans: z.record(z.string(), usagePlanSchema).optional(),
  /** API keys by name, for `apiKeyRequired` routes through usage plans. */
  apiKeys: z.record(z.string(), apiKeySchema).optional(),
  /** Alarms and the dashboard. */
  observability: observabilitySchema.optional(),
});

export type GatewayInput = z.infer<typeof gatewaySchema>;
