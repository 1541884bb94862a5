import { z } from "zod";
import { HTTP_METHODS } from "./constants";

/**
 * What a REST route's request goes to: the integration types of `routes[].integration`. The rest of
 * the `gateway` config key's shape is in config/gateway.ts and config/sections/.
 */

/** How a backend answer maps to the client's: a regex over the backend status (HTTP) or error message (Lambda). */
const integrationResponseSchema = z.strictObject({
  /** A regex over the backend's status (HTTP) or error message (Lambda); the first match wins. */
  selectionPattern: z.string(),
  /** The status the client gets. */
  statusCode: z.int().min(100).max(599),
  /** A response mapping template in templates/. */
  template: z.string().optional(),
  /** Response header → mapping expression (`integration.response.header.X`, or a quoted static value). */
  headers: z.record(z.string(), z.string()).optional(),
});

const httpMethodSchema = z.enum(HTTP_METHODS);
const lambdaTargetFields = {
  /** A key of gateway.functions. */
  function: z.string(),
  /** A fixed alias of the function to invoke. */
  alias: z.string().optional(),
  /** A stage variable naming the alias to invoke, so each stage reaches its own alias. */
  aliasVariable: z.string().optional(),
};

export const integrationSchema = z.discriminatedUnion("type", [
  z.strictObject({
    /** What the route's request goes to. */
    type: z.literal("mock"),
    /** The status the mock answers. @default 200 */
    statusCode: z.int().min(100).max(599).optional(),
    /** A response mapping template in templates/. */
    template: z.string().optional(),
    /** Response header → mapping expression (a quoted static value). */
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({
    type: z.literal("http"),
    /** May use `${stageVariables.x}`. */
    url: z.string(),
    /** The method the backend is called with. @default the route's method */
    httpMethod: httpMethodSchema.optional(),
    /** A request mapping template in templates/ building what the integration receives. */
    requestTemplate: z.string().optional(),
    /** A response mapping template in templates/. */
    responseTemplate: z.string().optional(),
    /** `integration.request.<where>.<name>` → `method.request.<where>.<name>`, `stageVariables.x` or `'static'`. */
    requestParameters: z.record(z.string(), z.string()).optional(),
    /** How the integration's answers map to the client's (status, template, headers), in order. */
    responses: z.array(integrationResponseSchema).optional(),
  }),
  z.strictObject({
    type: z.literal("http_proxy"),
    url: z.string(),
    /** The method the backend is called with. @default the route's method */
    httpMethod: httpMethodSchema.optional(),
    requestParameters: z.record(z.string(), z.string()).optional(),
    /** Reach a private backend through this VPC link (a key of gateway.vpcLinks). */
    vpcLink: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal("lambda"),
    ...lambdaTargetFields,
    /** A request mapping template in templates/ building what the integration receives. */
    requestTemplate: z.string().optional(),
    /** A response mapping template in templates/. */
    responseTemplate: z.string().optional(),
    /** How the integration's answers map to the client's (status, template, headers), in order. */
    responses: z.array(integrationResponseSchema).optional(),
  }),
  z.strictObject({
    type: z.literal("sqs"),
    /** A key of gateway.queues the request is sent to. */
    queue: z.string(),
    /** A request mapping template in templates/ building what the integration receives. @default `sqs-send-message.vtl` for sqs */
    requestTemplate: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal("stepfunctions"),
    /** A key of gateway.stateMachines the request starts an execution of. */
    stateMachine: z.string(),
    /** A request mapping template in templates/ building what the integration receives. @default `sfn-start-execution.vtl` for stepfunctions */
    requestTemplate: z.string().optional(),
  }),
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
    /** A key of gateway.buckets whose objects the route reads (GET or HEAD). */
    bucket: z.string(),
    /** A fixed object key; otherwise the route's `{key}` or `{key+}` path parameter names it. */
    objectKey: z.string().optional(),
  }),
]);

export type { GatewayInput } from "./gateway";
export type { BackendInput } from "./sections/backends";
export type { CorsInput, RouteCorsInput } from "./sections/cors";
export type { AliasInput, FunctionInput } from "./sections/function";
export type { RouteInput } from "./sections/route";
