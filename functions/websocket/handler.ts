import type { Context } from "aws-lambda";
import { performance } from "node:perf_hooks";
import { beginLoggedInvocation, errorDetails, logCompletion, type ErrorDetails } from "../shared/handler";
import { logger } from "../shared/logger";
import { FrameError, type WebSocketEvent, type WebSocketResult } from "./event";
import { errorFrame, type ErrorFrame } from "./frames";
import { callbackUrl, managementClient, postJson } from "./management";

export type WebSocketRoute<E extends WebSocketEvent = WebSocketEvent> = (event: E, context: Context) => Promise<WebSocketResult>;

/**
 * Turns a route into a WebSocket handler. A `FrameError` becomes `{ statusCode: status }` and, for a
 * message (not `$connect`/`$disconnect`, where no frame can be sent), an error frame
 * `{ type: "error", code, message }` posted to the sender alone; anything else becomes
 * `{ statusCode: 500 }` and the frame `internal`. Nothing is thrown to Lambda, so API Gateway never
 * answers with a stack trace or retries.
 *
 * Logging is that of `httpHandler`: one {@link COMPLETION_MESSAGE} line per invocation (INFO below
 * 400, WARN with `errorCode` for 4xx, ERROR with `error` for 5xx), every line carrying the Lambda
 * context plus `routeKey`, `eventType`, `connectionId`, `stage` and the API Gateway request id,
 * all cleared when the invocation ends. Frames and messages are never logged.
 */
export function websocketHandler<E extends WebSocketEvent>(route: WebSocketRoute<E>): WebSocketRoute<E> {
  return async (event, context) => {
    const startedAt = performance.now();
    beginInvocation(event, context);
    try {
      const outcome = await answer(route, event, context);
      if (outcome.frame !== undefined && event.requestContext?.eventType === "MESSAGE") await sendErrorFrame(event, outcome.frame);
      logCompletion(outcome, performance.now() - startedAt);
      return outcome.result;
    } finally {
      logger.resetKeys();
    }
  };
}

interface Outcome {
  result: WebSocketResult;
  frame?: ErrorFrame;
  errorCode?: string;
  error?: ErrorDetails;
}

async function answer<E extends WebSocketEvent>(route: WebSocketRoute<E>, event: E, context: Context): Promise<Outcome> {
  try {
    return { result: await route(event, context) };
  } catch (error) {
    if (error instanceof FrameError) {
      return { result: { statusCode: error.status }, frame: errorFrame(error.code, error.message, error.actions), errorCode: error.code };
    }
    return { result: { statusCode: 500 }, frame: errorFrame("internal", "internal error"), errorCode: "internal", error: errorDetails(error) };
  }
}

/** Best effort: the sender may have gone, or the management API may fail; either is logged, never thrown. */
async function sendErrorFrame(event: WebSocketEvent, frame: ErrorFrame): Promise<void> {
  try {
    await postJson(managementClient(callbackUrl(event)), event.requestContext.connectionId, frame);
  } catch (error) {
    logger.warn({ message: "error frame not delivered", errorCode: frame.code, errorName: error instanceof Error ? error.name : typeof error });
  }
}

function beginInvocation(event: WebSocketEvent, context: Context | undefined): void {
  beginLoggedInvocation(context, {
    apiGatewayRequestId: event.requestContext?.requestId,
    routeKey: event.requestContext?.routeKey,
    eventType: event.requestContext?.eventType,
    connectionId: event.requestContext?.connectionId,
    stage: event.requestContext?.stage,
  });
}
