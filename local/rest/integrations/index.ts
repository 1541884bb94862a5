import type { IntegrationDescription } from "../../../components/rest-api/integrations";
import { VtlError } from "../../../vtl";
import type { RestAnswer } from "../context";
import type { IntegrationContext } from "../integration";
import type { RestIntegration } from "../model";
import { integrationRequestPayload } from "../content-handling";
import { matchesBinaryMediaType } from "../lambda-proxy";
import { requestTemplateFor } from "../passthrough";
import { notServedHere, vpcLink } from "./backend";
import { dynamoDb } from "./dynamodb";
import { http } from "./http";
import { lambdaCustom, lambdaProxy } from "./lambda";
import { mock } from "./mock";
import { s3 } from "./s3";
import { sqs } from "./sqs";
import { stepFunctions } from "./stepfunctions";

type DescriptionType = IntegrationDescription["type"];
type Handler<T extends DescriptionType> = (
  ctx: IntegrationContext,
  integration: RestIntegration<Extract<IntegrationDescription, { readonly type: T }>>,
) => RestAnswer | Promise<RestAnswer>;

/** The twin's side of each integration type, by what the inverse of its builder described. */
export const INTEGRATION_HANDLERS: { readonly [T in DescriptionType]: Handler<T> } = {
  mock,
  http,
  http_proxy: http,
  vpc_link: vpcLink,
  lambda_proxy: lambdaProxy,
  lambda: lambdaCustom,
  sqs,
  stepfunctions: stepFunctions,
  s3,
  dynamodb: dynamoDb,
  unsupported: (_ctx, integration) => notServedHere(`${integration.description.integrationType} integration`),
};

/**
 * The context with the integration request's payload (local/rest/content-handling.ts: the body converted
 * by the integration's contentHandling, the request's Content-Type against the API's binaryMediaTypes);
 * undefined for API Gateway's 500: a body CONVERT_TO_BINARY cannot decode, or one it decoded that a
 * template would read (LocalStack's AWS-validated
 * test_apigw_s3_binary_support_request_convert_to_binary_with_request_template: a request matching the
 * application/json template of a CONVERT_TO_BINARY integration answers 500). Proxy integrations pass
 * the request as it is.
 */
function withIntegrationPayload(ctx: IntegrationContext, contentType: string | undefined, template: unknown): IntegrationContext | undefined {
  const route = ctx.route.integration;
  if (route.requestTemplates.proxy) return ctx;
  const binary = matchesBinaryMediaType(contentType, ctx.api.binaryMediaTypes);
  const body = integrationRequestPayload(ctx.body, binary, route.contentHandling);
  if (body === undefined) return undefined;
  if (route.contentHandling === "CONVERT_TO_BINARY" && template !== undefined && body.length > 0) return undefined;
  return body === ctx.body ? ctx : { ...ctx, body };
}

/** Runs the route's integration: its handler is chosen by its description's type. */
export async function runIntegration(original: IntegrationContext): Promise<RestAnswer> {
  const route = original.route.integration;
  const contentType = original.req.header("content-type");
  const template = requestTemplateFor(route.requestTemplates, contentType);
  if (template === "unsupported") return original.error("UNSUPPORTED_MEDIA_TYPE");
  const ctx = withIntegrationPayload(original, contentType, template);
  if (ctx === undefined) return original.error("API_CONFIGURATION_ERROR", { status: 500 });
  // The handlers read `requestTemplate`: the one for this request's content type (a copy only when it is not the JSON one).
  const integration = template === route.requestTemplate ? route : { ...route, requestTemplate: template };
  // The record is keyed by type, so the handler takes this integration's description.
  const handler = INTEGRATION_HANDLERS[integration.description.type] as Handler<DescriptionType>;
  try {
    return await handler(ctx, integration);
  } catch (error) {
    // A template API Gateway cannot apply ("Unable to transform request/response"): 500.
    if (error instanceof VtlError) return { ...ctx.error("API_CONFIGURATION_ERROR", { status: 500 }), errorMessage: error.message };
    throw error;
  }
}
