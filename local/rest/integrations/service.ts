import type { RestAnswer } from "../context";
import { renderRequestTemplate, responseAnswer, selectResponse, type IntegrationContext } from "../integration";
import type { RestIntegration } from "../model";

/** What the twin's stand-in for an AWS service answered: the status and the JSON body the service sends. */
export interface ServiceAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * An AWS service integration answered by a stand-in: the request template makes the request (the body
 * as it is without one), the integration response whose selection pattern matches the service's status
 * (else `default`) makes the answer; no response to select is 500 (API_CONFIGURATION_ERROR).
 */
export function serviceAnswer(ctx: IntegrationContext, integration: RestIntegration, call: (payload: string) => ServiceAnswer): RestAnswer {
  const payload = integration.requestTemplate ? renderRequestTemplate(ctx, integration.requestTemplate).output : ctx.body.toString("utf8");
  const answer = call(payload);
  const selected = selectResponse(integration.responses, String(answer.status));
  if (!selected) return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
  return responseAnswer(ctx, selected, JSON.stringify(answer.body), { status: answer.status });
}
