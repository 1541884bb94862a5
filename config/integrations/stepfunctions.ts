import { z } from "zod";
import { formatValue } from "../format";
import { at, checkTemplate, integrationConfig, list } from "./shared";

export interface StepFunctionsIntegration {
  readonly type: "stepfunctions";
  readonly stateMachine: string;
  readonly requestTemplate: string;
}

export const STEP_FUNCTIONS_DEFAULTS = { requestTemplate: "sfn-start-execution.vtl" } as const;

export const stepFunctionsSchema = z.strictObject({
  type: z.literal("stepfunctions"),
  /** A key of gateway.stateMachines the request starts an execution of. */
  stateMachine: z.string(),
  /** A request mapping template in templates/ building what the integration receives. @default `sfn-start-execution.vtl` for stepfunctions */
  requestTemplate: z.string().optional(),
});

export const stepFunctionsConfig = integrationConfig({
  schema: stepFunctionsSchema,
  resolve: (i): StepFunctionsIntegration => ({
    type: "stepfunctions",
    stateMachine: i.stateMachine,
    requestTemplate: i.requestTemplate ?? STEP_FUNCTIONS_DEFAULTS.requestTemplate,
  }),
  check: (i, { input, base, opts }) => {
    const machines = Object.keys(input.stateMachines ?? {});
    const problems = checkTemplate(i.requestTemplate, [...base, "requestTemplate"], opts);
    if (!machines.includes(i.stateMachine)) {
      problems.unshift(
        `${at(...base, "stateMachine")}: ${formatValue(i.stateMachine)} is not a state machine in gateway.stateMachines (defined: ${list(machines)})`,
      );
    }
    return problems;
  },
  untemplatedResponses: () => [],
});
