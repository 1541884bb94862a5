import { z } from "zod";
import type { IntegrationResponse, RouteTarget } from "../types";
import {
  checkLambdaTarget,
  checkResponses,
  checkResponseTemplate,
  checkTemplate,
  integrationConfig,
  integrationResponseSchema,
  resolveResponses,
  routeTarget,
  untemplated,
} from "./shared";

/** A route naming `function`: the function gets the whole request and answers the whole response. */
export interface LambdaProxyIntegration {
  readonly type: "lambda_proxy";
  readonly function: string;
  readonly target: RouteTarget;
}

export interface LambdaIntegration {
  readonly type: "lambda";
  readonly function: string;
  readonly target: RouteTarget;
  readonly requestTemplate: string | undefined;
  readonly responseTemplate: string | undefined;
  readonly responses: readonly IntegrationResponse[];
}

export const lambdaSchema = z.strictObject({
  type: z.literal("lambda"),
  /** A key of gateway.functions. */
  function: z.string(),
  /** A fixed alias of the function to invoke. */
  alias: z.string().optional(),
  /** A stage variable naming the alias to invoke, so each stage reaches its own alias. */
  aliasVariable: z.string().optional(),
  /** A request mapping template in templates/ building what the integration receives. */
  requestTemplate: z.string().optional(),
  /** A response mapping template in templates/. */
  responseTemplate: z.string().optional(),
  /** How the integration's answers map to the client's (status, template, headers), in order. */
  responses: z.array(integrationResponseSchema).optional(),
});

export const lambdaConfig = integrationConfig({
  schema: lambdaSchema,
  resolve: (i): LambdaIntegration => ({
    type: "lambda",
    function: i.function,
    target: routeTarget(i),
    requestTemplate: i.requestTemplate,
    responseTemplate: i.responseTemplate,
    responses: resolveResponses(i.responses),
  }),
  check: (i, { input, route, base, opts }) => [
    ...checkLambdaTarget(input, route, i, base),
    ...checkTemplate(i.requestTemplate, [...base, "requestTemplate"], opts),
    ...checkResponseTemplate(i.responseTemplate, [...base, "responseTemplate"], opts),
    ...checkResponses(i.responses, base, opts),
  ],
  untemplatedResponses: untemplated,
});
