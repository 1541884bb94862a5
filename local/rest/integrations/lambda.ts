import { invokeWithin, type Invocation } from "../../invoke";
import { functionTarget } from "../capture";
import type { RestAnswer } from "../context";
import { renderRequestTemplate, responseAnswer, selectResponse, type IntegrationContext } from "../integration";
import { proxyEvent, readProxyResponse } from "../lambda-proxy";
import type { LambdaDescription, LambdaProxyDescription } from "../../../components/rest-api/integrations/lambda";
import type { RestIntegration } from "../model";
import { substituteStageVariables } from "../stage-variables";

/**
 * Lambda integrations. What the client gets when the call fails, as AWS answers ("Handle Lambda
 * errors in API Gateway"; the 6 MB request answer recorded from AWS in koki-develop/lgtm-generator
 * issue #10): an event over Lambda's 6 MB limit is 413 `{"message": "Request Too Long"}`
 * (BadRequestException); a proxy function's error, its own timeout, its runtime's exit or a malformed
 * proxy response is 502 "Internal server error"; API Gateway's integration timeout (29 s at most) is
 * 504 "Endpoint request timed out".
 */

/** Recorded from AWS: the answer to an event Lambda refuses as too large (not a gateway response). */
export const REQUEST_TOO_LONG: RestAnswer = {
  status: 413,
  headers: { "content-type": "application/json", "x-amzn-ErrorType": "BadRequestException" },
  body: '{"message": "Request Too Long"}',
  errorMessage: "Request Too Long",
  errorType: "REQUEST_TOO_LARGE",
};

type FunctionTarget = ReturnType<typeof functionTarget>;

/**
 * The function an integration URI names under a stage's variables, read once per URI and variables
 * object (a stage's own variables are one object for all its requests; a canary's are made per request).
 */
const targets = new WeakMap<Readonly<Record<string, string>>, Map<string, FunctionTarget>>();

function targetOf(uri: string, variables: Readonly<Record<string, string>>): FunctionTarget {
  let byUri = targets.get(variables);
  if (!byUri) targets.set(variables, (byUri = new Map()));
  if (byUri.has(uri)) return byUri.get(uri);
  const target = functionTarget(substituteStageVariables(uri, variables));
  byUri.set(uri, target);
  return target;
}

/** The call, or the answer when the URI names no function (not async: its caller awaits either, without a promise more per call). */
function invoke(ctx: IntegrationContext, uri: string, timeoutMs: number, event: unknown): Promise<Invocation> | RestAnswer {
  const target = targetOf(uri, ctx.variables);
  if (!target) return ctx.error("INTEGRATION_FAILURE", { status: 500, message: "Internal server error" });
  return invokeWithin(ctx.deps.invoker, target.functionName, event, { timeoutMs, qualifier: target.qualifier });
}

const isAnswer = (x: Invocation | RestAnswer): x is RestAnswer => "status" in x;

function failed(ctx: IntegrationContext, call: Exclude<Invocation, { outcome: "result" }>): RestAnswer {
  if (call.outcome === "too-large") return REQUEST_TOO_LONG;
  if (call.outcome === "timeout") return ctx.error("INTEGRATION_TIMEOUT", { status: 504 });
  return { ...ctx.error("INTEGRATION_FAILURE", { status: 502, message: "Internal server error" }), errorMessage: `${call.errorType}: ${call.message}` };
}

export async function lambdaProxy(ctx: IntegrationContext, integration: RestIntegration<LambdaProxyDescription>): Promise<RestAnswer> {
  const event = proxyEvent({
    req: ctx.req,
    route: ctx.route,
    pathParameters: ctx.pathParameters,
    variables: ctx.variables,
    requestContext: ctx.requestContext,
    body: ctx.body,
    binaryMediaTypes: ctx.api.binaryMediaTypes,
  });
  const call = await invoke(ctx, integration.description.uri, integration.timeoutMs, event);
  if (isAnswer(call)) return call;
  if (call.outcome !== "result") return { ...failed(ctx, call), integrationLatencyMs: call.latencyMs };
  const response = readProxyResponse(call.value, ctx.req.header("accept"), ctx.api.binaryMediaTypes);
  if (!response.ok) {
    return {
      ...ctx.error("INTEGRATION_FAILURE", { status: 502, message: "Internal server error" }),
      errorMessage: `Malformed Lambda proxy response: ${response.reason}`,
      integrationLatencyMs: call.latencyMs,
      integrationStatus: 200,
    };
  }
  // Spelled out: a spread of the reply and two keys more made V8 build the object's shape anew for every request.
  const { status, headers, body } = response.reply;
  return { status, headers, body, integrationLatencyMs: call.latencyMs, integrationStatus: 200 };
}

/**
 * A Lambda (non-proxy) integration: the request template makes the event (the body itself without
 * one); the integration response whose pattern matches the function's error message (the default one
 * when it succeeded, or when no pattern matches its error) maps the result.
 */
export async function lambdaCustom(ctx: IntegrationContext, integration: RestIntegration<LambdaDescription>): Promise<RestAnswer> {
  let payload: unknown;
  try {
    const text = integration.requestTemplate
      ? renderRequestTemplate(ctx, integration.requestTemplate).output
      : ctx.body.length > 0
        ? ctx.body.toString("utf8")
        : "{}";
    payload = JSON.parse(text);
  } catch {
    return ctx.error("BAD_REQUEST_BODY", { message: "Could not parse request body into json" });
  }
  const call = await invoke(ctx, integration.description.uri, integration.timeoutMs, payload);
  if (isAnswer(call)) return call;
  if (call.outcome === "too-large" || call.outcome === "timeout") return { ...failed(ctx, call), integrationLatencyMs: call.latencyMs };
  const result = call.outcome === "result" ? call.value : { errorMessage: call.message, errorType: call.errorType };
  const selected = selectResponse(integration.responses, call.outcome === "error" ? call.message : undefined);
  if (!selected) return { ...ctx.error("API_CONFIGURATION_ERROR", { status: 500 }), integrationLatencyMs: call.latencyMs };
  return responseAnswer(ctx, selected, JSON.stringify(result ?? null), { status: 200, latencyMs: call.latencyMs });
}
