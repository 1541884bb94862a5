import type { RestAnswer } from "../context";
import { responseAnswer, selectResponse, templateRequest, type IntegrationContext } from "../integration";
import type { RestIntegration } from "../model";

/**
 * Integrations answered through templates alone, or by the twin's stand-ins for AWS services: the
 * request template makes the request, the integration response whose selection pattern matches the
 * status (else `default`) makes the answer. No response to select is API Gateway's "No match for
 * output mapping and no default output mapping configured": 500 (API_CONFIGURATION_ERROR).
 */

/** A mock: the request template's `statusCode` picks the integration response. */
export function mock(ctx: IntegrationContext, integration: Extract<RestIntegration, { kind: "mock" }>): RestAnswer {
  const rendered = integration.requestTemplate?.render(templateRequest(ctx)) ?? '{"statusCode": 200}';
  let status: number;
  try {
    status = Number((JSON.parse(rendered) as { statusCode?: unknown }).statusCode ?? 200);
  } catch {
    return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
  }
  const selected = selectResponse(integration.responses, String(status));
  if (!selected) return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
  return { ...responseAnswer(ctx, selected, ""), integrationStatus: status };
}

/** SQS SendMessage and Step Functions StartExecution, answered by the twin's stand-ins. */
export function service(ctx: IntegrationContext, integration: Extract<RestIntegration, { kind: "sqs" | "step-functions" }>): RestAnswer {
  const payload = integration.requestTemplate?.render(templateRequest(ctx)) ?? ctx.body.toString("utf8");
  const answer = integration.kind === "sqs" ? ctx.deps.standIns.sendMessage(integration.queue, payload) : ctx.deps.standIns.startExecution(payload);
  const selected = selectResponse(integration.responses, String(answer.status));
  if (!selected) return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
  return { ...responseAnswer(ctx, selected, JSON.stringify(answer.body)), integrationStatus: answer.status };
}
