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
import type { IntegrationConfig } from "./types";
import { defaultBackendPath, resolveIntegration as resolveIntegrationInput } from "./integrations";
import { DYNAMODB_DEFAULTS } from "./integrations/dynamodb";
import { MOCK_DEFAULTS } from "./integrations/mock";
import { routeTarget } from "./integrations/shared";
import { SQS_DEFAULTS } from "./integrations/sqs";
import { STEP_FUNCTIONS_DEFAULTS } from "./integrations/stepfunctions";

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
    mockStatusCode: MOCK_DEFAULTS.statusCode,
    sqsTemplate: SQS_DEFAULTS.requestTemplate,
    stepFunctionsTemplate: STEP_FUNCTIONS_DEFAULTS.requestTemplate,
    dynamoDbGetItem: DYNAMODB_DEFAULTS.GetItem,
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

export { defaultBackendPath };

/** What a route's request goes to (config/integrations/); a route naming a `function` is a Lambda proxy route. */
export function resolveIntegration(route: RouteInput): IntegrationConfig {
  const i = route.integration;
  if (i) return resolveIntegrationInput(i, route);
  if (route.function === undefined) throw new Error(`route ${route.method} ${route.path} has neither function nor integration`);
  return { type: "lambda_proxy", function: route.function, target: routeTarget(route) };
}
