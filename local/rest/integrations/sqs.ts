import type { SqsDescription } from "../../../components/rest-api/integrations/sqs";
import type { RestAnswer } from "../context";
import type { IntegrationContext } from "../integration";
import type { RestIntegration } from "../model";
import { serviceAnswer } from "./service";

/** SQS SendMessage, answered by the twin's stand-in queue. */
export function sqs(ctx: IntegrationContext, integration: RestIntegration<SqsDescription>): RestAnswer {
  return serviceAnswer(ctx, integration, (payload) => ctx.deps.standIns.sendMessage(integration.description.queue, payload));
}
