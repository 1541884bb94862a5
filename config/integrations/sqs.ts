import { z } from "zod";
import { formatValue } from "../format";
import { at, checkTemplate, integrationConfig, list } from "./shared";

export interface SqsIntegration {
  readonly type: "sqs";
  readonly queue: string;
  readonly requestTemplate: string;
}

export const SQS_DEFAULTS = { requestTemplate: "sqs-send-message.vtl" } as const;

export const sqsSchema = z.strictObject({
  type: z.literal("sqs"),
  /** A key of gateway.queues the request is sent to. */
  queue: z.string(),
  /** A request mapping template in templates/ building what the integration receives. @default `sqs-send-message.vtl` for sqs */
  requestTemplate: z.string().optional(),
});

export const sqsConfig = integrationConfig({
  schema: sqsSchema,
  resolve: (i): SqsIntegration => ({ type: "sqs", queue: i.queue, requestTemplate: i.requestTemplate ?? SQS_DEFAULTS.requestTemplate }),
  check: (i, { input, base, opts }) => {
    const queues = Object.keys(input.queues ?? {});
    const problems = checkTemplate(i.requestTemplate, [...base, "requestTemplate"], opts);
    if (!queues.includes(i.queue))
      problems.unshift(`${at(...base, "queue")}: ${formatValue(i.queue)} is not a queue in gateway.queues (defined: ${list(queues)})`);
    return problems;
  },
  untemplatedResponses: () => [],
});
