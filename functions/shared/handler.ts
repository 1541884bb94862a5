import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { errorResponse, HttpError } from "./http";

export type Route = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

/**
 * Turns a route into a Lambda-proxy handler. An `HttpError` becomes its own response; anything else
 * becomes a generic 500 and one JSON log line (request id and route, never the request body).
 */
export function httpHandler(route: Route): Route {
  return async (event, context) => {
    try {
      return await route(event, context);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message);
      logUnhandled(error, event, context);
      return errorResponse(500, "internal", "internal error");
    }
  };
}

function logUnhandled(error: unknown, event: APIGatewayProxyEvent, context: Context | undefined): void {
  const err = error instanceof Error ? error : undefined;
  console.error(
    JSON.stringify({
      level: "error",
      msg: "unhandled error",
      awsRequestId: context?.awsRequestId,
      requestId: event.requestContext?.requestId,
      method: event.httpMethod,
      resource: event.resource,
      errorName: err?.name ?? typeof error,
      errorMessage: err?.message ?? String(error),
      stack: err?.stack,
    }),
  );
}
