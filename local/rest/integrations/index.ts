import { VtlError } from "../../../vtl";
import type { RestAnswer } from "../context";
import type { IntegrationContext } from "../integration";
import { http } from "./http";
import { lambdaCustom, lambdaProxy } from "./lambda";
import { s3 } from "./s3";
import { mock, service } from "./templated";

/** What a route the twin cannot serve answers: 502 with a JSON message saying why. */
function notServedHere(what: string): RestAnswer {
  return {
    status: 502,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ error: "not_served_locally", message: `the local twin cannot serve this ${what}` }),
    errorMessage: "not served locally",
    errorType: "INTEGRATION_FAILURE",
  };
}

/** Runs the route's integration: its handler is chosen by the integration's kind. */
export async function runIntegration(ctx: IntegrationContext): Promise<RestAnswer> {
  const integration = ctx.route.integration;
  try {
    switch (integration.kind) {
      case "lambda-proxy":
        return await lambdaProxy(ctx, integration);
      case "lambda":
        return await lambdaCustom(ctx, integration);
      case "mock":
        return mock(ctx, integration);
      case "sqs":
      case "step-functions":
        return service(ctx, integration);
      case "s3":
        return s3(ctx, integration);
      case "http":
        return await http(ctx, integration);
      case "vpc-link":
        return notServedHere("private (VPC link) integration");
      case "unsupported":
        return notServedHere(`${integration.type} integration`);
      default: {
        const unknown: never = integration;
        throw new Error(`unknown integration ${JSON.stringify(unknown)}`);
      }
    }
  } catch (error) {
    // A template API Gateway cannot apply ("Unable to transform request/response"): 500.
    if (error instanceof VtlError) return { ...ctx.error("API_CONFIGURATION_ERROR", { status: 500 }), errorMessage: error.message };
    throw error;
  }
}
