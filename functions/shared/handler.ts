import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { performance } from "node:perf_hooks";
import { withCorsHeaders } from "./cors";
import { getHeader } from "./headers";
import { errorResponse, HttpError } from "./http";
import { logger } from "./logger";

export type Route = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The message of the one line every invocation logs when it answers. */
export const COMPLETION_MESSAGE = "request completed";

/**
 * Turns a route into a Lambda-proxy handler. An `HttpError` becomes its own response; anything else
 * becomes a generic 500. Every answer carries the CORS headers of the function's routes (`./cors`).
 *
 * Every invocation logs exactly one line, {@link COMPLETION_MESSAGE}, with `statusCode` and
 * `durationMs`: at INFO below 400, at WARN for a 4xx (plus `errorCode`, never the message, which can
 * quote the request), at ERROR for a 5xx (plus `errorCode` and, when the route threw, `error` with
 * its name, message and stack). Every line of the invocation, including any the route logs, carries
 * the Lambda context (`function_request_id`, `function_name`, `function_version`, `cold_start`, ...)
 * and the API Gateway request id, route, method and stage. Those keys are cleared when the
 * invocation ends, so a warm container never carries them into the next request. Request bodies,
 * headers and items are never logged.
 */
export function httpHandler(route: Route): Route {
  return async (event, context) => {
    const startedAt = performance.now();
    beginInvocation(event, context);
    try {
      const outcome = await answer(route, event, context);
      logCompletion(outcome, performance.now() - startedAt);
      // Errors too: a browser reads an error's body only with the CORS headers.
      return withCorsHeaders(outcome.result, getHeader(event, "origin"));
    } finally {
      logger.resetKeys();
    }
  };
}

interface Outcome {
  result: APIGatewayProxyResult;
  errorCode?: string;
  error?: ErrorDetails;
}

export interface ErrorDetails {
  name: string;
  message: string;
  stack?: string;
}

async function answer(route: Route, event: APIGatewayProxyEvent, context: Context): Promise<Outcome> {
  try {
    return { result: await route(event, context) };
  } catch (error) {
    if (error instanceof HttpError) {
      return { result: errorResponse(error.status, error.code, error.message), errorCode: error.code };
    }
    return { result: errorResponse(500, "internal", "internal error"), errorCode: "internal", error: errorDetails(error) };
  }
}

function beginInvocation(event: APIGatewayProxyEvent, context: Context | undefined): void {
  beginLoggedInvocation(context, {
    apiGatewayRequestId: event.requestContext?.requestId,
    route: event.resource,
    method: event.httpMethod,
    stage: event.requestContext?.stage,
  });
}

/**
 * Starts an invocation's log keys: the Lambda context plus `keys` (which describe the request). Shared
 * by every handler wrapper (REST here, WebSocket in functions/websocket/handler.ts).
 */
export function beginLoggedInvocation(context: Context | undefined, keys: Record<string, string | undefined>): void {
  // Temporary keys left behind by code that ran outside an invocation must not be attributed to this one.
  logger.resetKeys();
  // As Powertools' own injectLambdaContext does: a new DEBUG-sampling decision per invocation.
  logger.refreshSampleRateCalculation();
  // Lambda always passes a context; the guard only keeps a direct call without one from throwing.
  if (context !== undefined) logger.addContext(context);
  // Powertools' formatter has no key for the version; the rest of the context comes from addContext.
  logger.appendKeys({ function_version: context?.functionVersion, ...keys });
}

/** The one completion line of an invocation: INFO below 400, WARN for a 4xx, ERROR for a 5xx. */
export function logCompletion(
  { result, errorCode, error }: { result: { statusCode: number }; errorCode?: string | undefined; error?: ErrorDetails | undefined },
  elapsedMs: number,
): void {
  const line = {
    message: COMPLETION_MESSAGE,
    statusCode: result.statusCode,
    durationMs: Math.round(elapsedMs * 100) / 100,
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(error === undefined ? {} : { error }),
  };
  if (result.statusCode >= 500) logger.error(line);
  else if (result.statusCode >= 400) logger.warn(line);
  else logger.info(line);
}

/**
 * Only the name, message and stack, as a plain object: handing Powertools the error itself would
 * serialize every enumerable property, and AWS SDK errors can carry request metadata or, for a
 * failed condition, the stored item.
 */
export function errorDetails(error: unknown): ErrorDetails {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  }
  return { name: typeof error, message: String(error) };
}
