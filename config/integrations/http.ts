import { z } from "zod";
import type { HttpMethod } from "../constants";
import type { IntegrationResponse } from "../types";
import {
  checkResponses,
  checkResponseTemplate,
  checkTemplate,
  checkUrl,
  httpMethodSchema,
  integrationConfig,
  integrationResponseSchema,
  resolveResponses,
  untemplated,
} from "./shared";

export interface HttpIntegration {
  readonly type: "http";
  readonly url: string;
  readonly httpMethod: HttpMethod;
  readonly requestTemplate: string | undefined;
  readonly responseTemplate: string | undefined;
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly responses: readonly IntegrationResponse[];
}

export const httpSchema = z.strictObject({
  type: z.literal("http"),
  /** May use `${stageVariables.x}`. */
  url: z.string(),
  /** The method the backend is called with. @default the route's method */
  httpMethod: httpMethodSchema.optional(),
  /** A request mapping template in templates/ building what the integration receives. */
  requestTemplate: z.string().optional(),
  /** A response mapping template in templates/. */
  responseTemplate: z.string().optional(),
  /** `integration.request.<where>.<name>` → `method.request.<where>.<name>`, `stageVariables.x` or `'static'`. */
  requestParameters: z.record(z.string(), z.string()).optional(),
  /** How the integration's answers map to the client's (status, template, headers), in order. */
  responses: z.array(integrationResponseSchema).optional(),
});

export const httpConfig = integrationConfig({
  schema: httpSchema,
  resolve: (i, route): HttpIntegration => ({
    type: "http",
    url: i.url,
    httpMethod: i.httpMethod ?? route.method,
    requestTemplate: i.requestTemplate,
    responseTemplate: i.responseTemplate,
    requestParameters: i.requestParameters ?? {},
    responses: resolveResponses(i.responses),
  }),
  check: (i, { base, opts }) => [
    ...checkUrl(i.url, [...base, "url"]),
    ...checkTemplate(i.requestTemplate, [...base, "requestTemplate"], opts),
    ...checkResponseTemplate(i.responseTemplate, [...base, "responseTemplate"], opts),
    ...checkResponses(i.responses, base, opts),
  ],
  untemplatedResponses: untemplated,
});
