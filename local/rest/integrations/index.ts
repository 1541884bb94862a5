import type { IntegrationDescription } from "../../../components/rest-api/integrations";
import { VtlError } from "../../../vtl";
import type { RestAnswer } from "../context";
import type { IntegrationContext } from "../integration";
import type { RestIntegration } from "../model";
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
 * An integration's own answer carries the request's trace id (recorded from AWS: LocalStack's
 * test_apigateway_common.snapshot.json, test_invocation_trace_id: an AWS_PROXY answer has
 * `x-amzn-trace-id`, a MOCK's does not; test_apigateway_http.snapshot.json: HTTP and HTTP_PROXY answers
 * have it; API Gateway's own error answers do not, test_apigateway_header_remapping_aws).
 */
function traced(answer: RestAnswer, ctx: IntegrationContext): RestAnswer {
  const trace = ctx.req.header("x-amzn-trace-id");
  if (trace === undefined) return answer;
  const name = "x-amzn-trace-id" in answer.headers ? "x-amzn-trace-id" : "X-Amzn-Trace-Id";
  return { ...answer, headers: { ...answer.headers, [name]: trace } };
}

/** Runs the route's integration: its handler is chosen by its description's type. */
export async function runIntegration(ctx: IntegrationContext): Promise<RestAnswer> {
  const route = ctx.route.integration;
  const template = requestTemplateFor(route.requestTemplates, ctx.req.header("content-type"));
  if (template === "unsupported") return ctx.error("UNSUPPORTED_MEDIA_TYPE");
  // The handlers read `requestTemplate`: the one for this request's content type (a copy only when it is not the JSON one).
  const integration = template === route.requestTemplate ? route : { ...route, requestTemplate: template };
  // The record is keyed by type, so the handler takes this integration's description.
  const handler = INTEGRATION_HANDLERS[integration.description.type] as Handler<DescriptionType>;
  try {
    const answer = await handler(ctx, integration);
    return answer.errorType === undefined && integration.description.type !== "mock" ? traced(answer, ctx) : answer;
  } catch (error) {
    // A template API Gateway cannot apply ("Unable to transform request/response"): 500.
    if (error instanceof VtlError) return { ...ctx.error("API_CONFIGURATION_ERROR", { status: 500 }), errorMessage: error.message };
    throw error;
  }
}
