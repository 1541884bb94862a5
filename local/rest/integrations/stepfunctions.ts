import type { StepFunctionsDescription } from "../../../components/rest-api/integrations/stepfunctions";
import type { RestAnswer } from "../context";
import type { IntegrationContext } from "../integration";
import type { RestIntegration } from "../model";
import { serviceAnswer } from "./service";

/** Step Functions StartExecution, answered by the twin's stand-in. */
export function stepFunctions(ctx: IntegrationContext, integration: RestIntegration<StepFunctionsDescription>): RestAnswer {
  return serviceAnswer(ctx, integration, (payload) => ctx.deps.standIns.startExecution(payload));
}
