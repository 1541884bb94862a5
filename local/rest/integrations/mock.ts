import type { MockDescription } from "../../../components/rest-api/integrations/mock";
import type { RestAnswer } from "../context";
import { responseAnswer, selectResponse, templateRequest, type IntegrationContext } from "../integration";
import type { RestIntegration } from "../model";

/**
 * A mock: the request template's `statusCode` picks the integration response whose selection pattern
 * matches it (else `default`). No response to select is API Gateway's "No match for output mapping and
 * no default output mapping configured": 500 (API_CONFIGURATION_ERROR).
 */
export function mock(ctx: IntegrationContext, integration: RestIntegration<MockDescription>): RestAnswer {
  const rendered = integration.requestTemplate?.render(templateRequest(ctx)) ?? '{"statusCode": 200}';
  const status = statusOf(rendered);
  if (status === undefined) return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
  const selected = selectResponse(integration.responses, String(status));
  if (!selected) return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
  return responseAnswer(ctx, selected, "", { status });
}

/** The last request template output read, and its status: a mock's template is most often the same text on every request. */
let last: { readonly text: string; readonly status: number | undefined } = { text: "", status: undefined };

/** The `statusCode` of a rendered request template (200 when it names none); undefined when it is no JSON. */
function statusOf(rendered: string): number | undefined {
  if (rendered === last.text) return last.status;
  let status: number | undefined;
  try {
    status = Number((JSON.parse(rendered) as { statusCode?: unknown }).statusCode ?? 200);
  } catch {
    status = undefined;
  }
  last = { text: rendered, status };
  return status;
}
