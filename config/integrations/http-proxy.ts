import { z } from "zod";
import type { HttpMethod } from "../constants";
import { formatValue } from "../format";
import { at, checkUrl, httpMethodSchema, integrationConfig, list } from "./shared";

export interface HttpProxyIntegration {
  readonly type: "http_proxy";
  readonly url: string;
  readonly httpMethod: HttpMethod;
  readonly requestParameters: Readonly<Record<string, string>>;
  /** The VPC link (a key of vpcLinks) to a private backend, or undefined for a public URL. */
  readonly vpcLink: string | undefined;
}

export const httpProxySchema = z.strictObject({
  type: z.literal("http_proxy"),
  url: z.string(),
  /** The method the backend is called with. @default the route's method */
  httpMethod: httpMethodSchema.optional(),
  requestParameters: z.record(z.string(), z.string()).optional(),
  /** Reach a private backend through this VPC link (a key of gateway.vpcLinks). */
  vpcLink: z.string().optional(),
});

export const httpProxyConfig = integrationConfig({
  schema: httpProxySchema,
  resolve: (i, route): HttpProxyIntegration => ({
    type: "http_proxy",
    url: i.url,
    httpMethod: i.httpMethod ?? route.method,
    requestParameters: i.requestParameters ?? {},
    vpcLink: i.vpcLink,
  }),
  check: (i, { input, base }) => {
    const links = Object.keys(input.vpcLinks ?? {});
    const problems = checkUrl(i.url, [...base, "url"]);
    if (i.vpcLink !== undefined && !links.includes(i.vpcLink)) {
      problems.push(`${at(...base, "vpcLink")}: ${formatValue(i.vpcLink)} is not a VPC link in gateway.vpcLinks (defined: ${list(links)})`);
    }
    return problems;
  },
  untemplatedResponses: () => [],
});
