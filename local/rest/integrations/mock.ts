import type { MockDescription } from "../../../components/rest-api/integrations/mock";
import type { RestAnswer } from "../context";
import { renderRequestTemplate, responseAnswer, selectResponse, type IntegrationContext } from "../integration";
import type { RestIntegration } from "../model";

/**
 * A mock: the integration request's body (the request template's output, or the request's body passed
 * through without one) must be JSON with an integer `statusCode`, which picks the integration response
 * whose selection pattern matches it (else `default`). A body without one is AWS's configuration error,
 * a 500: "Execution failed due to configuration error: Unable to parse statusCode. It should be an
 * integer that is defined in the request template" (a MOCK without a template, as CDK's default
 * integration of a root method is: CDK users report `/` breaking with "Unable to parse statusCode";
 * "statusCode should be an integer which defined in request template" for a template that names none,
 * reported from AWS by Terraform users; LocalStack's mock integration reads it the same way). No response
 * to select is "No match for output mapping and no default output mapping configured": 500 as well.
 */
export function mock(ctx: IntegrationContext, integration: RestIntegration<MockDescription>): RestAnswer {
  const body = integration.requestTemplate ? renderRequestTemplate(ctx, integration.requestTemplate).output : ctx.body.toString("utf8");
  const status = statusOf(body);
  if (status === undefined) return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
  const selected = selectResponse(integration.responses, String(status));
  if (!selected) return ctx.error("API_CONFIGURATION_ERROR", { status: 500 });
  return responseAnswer(ctx, selected, "", { status });
}

/** The last request template output read, and its status: a mock's template is most often the same text on every request. */
let last: { readonly text: string; readonly status: number | undefined } = { text: "", status: undefined };

/** The `statusCode` of a rendered request template; undefined when it is no JSON or names no integer status. */
function statusOf(rendered: string): number | undefined {
  if (rendered === last.text) return last.status;
  let status: number | undefined;
  try {
    const named = (JSON.parse(rendered) as { statusCode?: unknown } | null)?.statusCode;
    status = typeof named === "number" && Number.isInteger(named) ? named : undefined;
  } catch {
    status = undefined;
  }
  last = { text: rendered, status };
  return status;
}
