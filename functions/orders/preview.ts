import type { Context } from "aws-lambda";
import { performance } from "node:perf_hooks";
import { beginLoggedInvocation, errorDetails, logCompletion } from "../shared/handler";
import { logger } from "../shared/logger";
import { InvalidOrder, previewOrder, type OrderPreview, type ReshapedOrder } from "./order";

/**
 * `POST /orders/preview`, a Lambda integration without proxy: API Gateway renders
 * templates/reshape-body.vtl into the event and templates/order-preview.vtl over the answer. A refused
 * order is a thrown `InvalidOrder`, whose message the integration response's selection pattern maps
 * to 400; anything else fails as Lambda fails (API Gateway answers 502).
 *
 * One completion line per invocation, as the proxy handlers log it (statusCode as the method will
 * answer, `errorCode: invalid_order` for a refused order); the order itself is never logged.
 */
export async function handler(event: ReshapedOrder, context: Context): Promise<OrderPreview> {
  const startedAt = performance.now();
  const meta = event?.meta;
  beginLoggedInvocation(context, {
    apiGatewayRequestId: typeof meta?.requestId === "string" ? meta.requestId : undefined,
    route: "/orders/preview",
    method: "POST",
    stage: typeof meta?.stage === "string" ? meta.stage : undefined,
  });
  try {
    const preview = previewOrder(event ?? {});
    logCompletion({ result: { statusCode: 200 } }, performance.now() - startedAt);
    return preview;
  } catch (error) {
    if (error instanceof InvalidOrder) logCompletion({ result: { statusCode: 400 }, errorCode: "invalid_order" }, performance.now() - startedAt);
    else logCompletion({ result: { statusCode: 502 }, errorCode: "internal", error: errorDetails(error) }, performance.now() - startedAt);
    throw error;
  } finally {
    logger.resetKeys();
  }
}
