import { ACCESS_DEFAULTS } from "./sections/access";
import { BACKEND_DEFAULTS } from "./sections/backends";
import { CORS_DEFAULTS } from "./sections/cors";
import { EDGE_DEFAULTS } from "./sections/domain";
import { FUNCTION_DEFAULTS } from "./sections/function";
import { NETWORK_DEFAULTS } from "./sections/network";
import { OBSERVABILITY_DEFAULTS } from "./sections/observability";
import { RESOURCE_DEFAULTS } from "./sections/resources";
import { REST_API_DEFAULTS } from "./sections/rest-api";
import type { RouteInput } from "./sections/route";
import { STACK_DEFAULTS } from "./sections/stack";
import { STAGE_DEFAULTS } from "./sections/stage";
import { USAGE_PLAN_DEFAULTS } from "./sections/usage-plans";
import type { IntegrationConfig, IntegrationResponse, RouteTarget } from "./types";

export { identitySourceExpression } from "./sections/access";
export { privateSubnetPrefix, publicSubnetPrefix } from "./sections/network";
export { defaultLogRetentionDays } from "./sections/stack";

/**
 * Every default of the stack configuration, in one place: each section's (config/sections/) and the
 * route integrations' (below). Defaults that depend on the environment are functions of the section
 * (`defaultLogRetentionDays`, `defaultNetworkShape`, ...).
 */
export const DEFAULTS = {
  api: REST_API_DEFAULTS.api,
  function: FUNCTION_DEFAULTS,
  stage: STAGE_DEFAULTS,
  apiGatewayAccount: STACK_DEFAULTS.apiGatewayAccount,
  alarms: OBSERVABILITY_DEFAULTS.alarms,
  dashboard: OBSERVABILITY_DEFAULTS.dashboard,
  waf: EDGE_DEFAULTS.waf,
  clientCertificate: EDGE_DEFAULTS.clientCertificate,
  apiKey: USAGE_PLAN_DEFAULTS.apiKey,
  table: RESOURCE_DEFAULTS.table,
  integration: {
    timeoutMs: 29000,
    mockStatusCode: 200,
    sqsTemplate: "sqs-send-message.vtl",
    stepFunctionsTemplate: "sfn-start-execution.vtl",
  },
  queue: RESOURCE_DEFAULTS.queue,
  stateMachine: RESOURCE_DEFAULTS.stateMachine,
  authorizer: ACCESS_DEFAULTS.authorizer,
  cors: CORS_DEFAULTS.cors,
  network: NETWORK_DEFAULTS.network,
  backend: BACKEND_DEFAULTS.backend,
  ecs: BACKEND_DEFAULTS.ecs,
  ec2: BACKEND_DEFAULTS.ec2,
} as const;

/** A `{proxy+}` route forwards its greedy path to the backend; any other route the backend's root. */
export function defaultBackendPath(routePath: string): string {
  const greedy = /\{([A-Za-z0-9_]+)\+\}$/.exec(routePath);
  return greedy ? `/{${greedy[1]}}` : "/";
}

function routeTarget(target: { alias?: string | undefined; aliasVariable?: string | undefined }): RouteTarget {
  if (target.aliasVariable !== undefined) return { kind: "stageVariable", variable: target.aliasVariable };
  if (target.alias !== undefined) return { kind: "alias", alias: target.alias };
  return { kind: "unqualified" };
}

type ResponseInput = NonNullable<Extract<NonNullable<RouteInput["integration"]>, { type: "http" }>["responses"]>[number];
const responses = (list: readonly ResponseInput[] | undefined): IntegrationResponse[] =>
  (list ?? []).map((r) => ({ selectionPattern: r.selectionPattern, statusCode: r.statusCode, template: r.template, headers: r.headers ?? {} }));

/** What a route's request goes to; a route naming a `function` is a Lambda proxy route. */
export function resolveIntegration(route: RouteInput): IntegrationConfig {
  const d = DEFAULTS.integration;
  const i = route.integration;
  if (!i) {
    if (route.function === undefined) throw new Error(`route ${route.method} ${route.path} has neither function nor integration`);
    return { type: "lambda_proxy", function: route.function, target: routeTarget(route) };
  }
  switch (i.type) {
    case "mock":
      return { type: "mock", statusCode: i.statusCode ?? d.mockStatusCode, template: i.template, headers: i.headers ?? {} };
    case "http":
      return {
        type: "http",
        url: i.url,
        httpMethod: i.httpMethod ?? route.method,
        requestTemplate: i.requestTemplate,
        responseTemplate: i.responseTemplate,
        requestParameters: i.requestParameters ?? {},
        responses: responses(i.responses),
      };
    case "http_proxy":
      return { type: "http_proxy", url: i.url, httpMethod: i.httpMethod ?? route.method, requestParameters: i.requestParameters ?? {}, vpcLink: i.vpcLink };
    case "lambda":
      return {
        type: "lambda",
        function: i.function,
        target: routeTarget(i),
        requestTemplate: i.requestTemplate,
        responseTemplate: i.responseTemplate,
        responses: responses(i.responses),
      };
    case "sqs":
      return { type: "sqs", queue: i.queue, requestTemplate: i.requestTemplate ?? d.sqsTemplate };
    case "stepfunctions":
      return { type: "stepfunctions", stateMachine: i.stateMachine, requestTemplate: i.requestTemplate ?? d.stepFunctionsTemplate };
    case "s3":
      return { type: "s3", bucket: i.bucket, objectKey: i.objectKey };
    case "backend":
      return {
        type: "backend",
        backend: i.backend,
        path: i.path ?? defaultBackendPath(route.path),
        httpMethod: i.httpMethod ?? route.method,
        requestParameters: i.requestParameters ?? {},
      };
  }
}
