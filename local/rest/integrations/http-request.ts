import type { RequestOverrides } from "../../../vtl";
import type { IntegrationContext } from "../integration";
import { mapRequestParameters, type MappedParameters } from "../parameter-mapping";

/**
 * The request API Gateway sends to an HTTP or HTTP_PROXY integration's backend. Recorded from AWS in
 * LocalStack's test_apigateway_http.snapshot.json (validated against AWS):
 * - test_http_integration_with_lambda[HTTP]: a non-proxy integration sends only its mapped headers and
 *   API Gateway's own: `Accept: application/json`, `User-Agent: AmazonAPIGateway_<api id>`, the
 *   client's `Content-Type`, `X-Amzn-Apigateway-Api-Id`, `X-Amzn-Trace-Id`, `X-Forwarded-For`,
 *   `-Port`, `-Proto` (the client's own Accept and User-Agent do not reach the backend);
 * - test_http_integration_with_lambda[HTTP_PROXY]: a proxy sends the client's headers, with
 *   `X-Amzn-Apigateway-Api-Id` added;
 * - test_http_proxy_integration_request_data_mappings: a proxy also applies the integration's request
 *   parameters: mapped headers are added, a mapped query string is appended to the client's values of
 *   that name (`testQs=bar` and a mapping of `foo`: `testQs=bar,foo` at the backend).
 * A non-proxy integration sends the mapped query strings only (and its template's overrides), and fills
 * the URI's `{name}` from the mapped path parameters (AWS, "Set up HTTP integrations": the integration
 * request's path parameters come from the request parameter mappings).
 */

/** Hop-by-hop headers that are not forwarded either way. */
export const HOP_BY_HOP = new Set([
  "host",
  "content-length",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-authorization",
]);

const joined = (value: string | readonly string[]): string => (typeof value === "string" ? value : value.join(","));

export function mappedParameters(ctx: IntegrationContext, requestParameters: Readonly<Record<string, string>>): MappedParameters {
  return mapRequestParameters(requestParameters, {
    req: ctx.req,
    pathParameters: ctx.pathParameters,
    body: ctx.body,
    context: ctx.requestContext,
    variables: ctx.variables,
  });
}

/** The URI's path parameters: the mapped ones, then the template's overrides. */
export function integrationPath(mapped: MappedParameters, overrides: RequestOverrides | undefined): Record<string, string> {
  const path = { ...mapped.path };
  for (const name in overrides?.path) path[name] = joined(overrides.path[name] as string | readonly string[]);
  return path;
}

/** The query string sent: the client's (proxy only) with the mapped values appended, or the mapped ones and the template's overrides. */
export function integrationQuery(ctx: IntegrationContext, proxy: boolean, mapped: MappedParameters, overrides: RequestOverrides | undefined): string {
  const query: Record<string, readonly string[]> = proxy ? { ...ctx.req.multiQuery } : {};
  for (const name in mapped.querystring) query[name] = [...(query[name] ?? []), ...(mapped.querystring[name] as string[])];
  for (const name in overrides?.querystring) query[name] = ([] as string[]).concat(overrides.querystring[name] as string | readonly string[]);
  const pairs: string[] = [];
  for (const name in query) for (const value of query[name] as readonly string[]) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return pairs.join("&");
}

/** The headers sent: API Gateway's own and the mapped ones (non-proxy), or the client's and the mapped ones (proxy); the template's overrides last. */
export function integrationHeaders(
  ctx: IntegrationContext,
  proxy: boolean,
  mapped: MappedParameters,
  overrides: RequestOverrides | undefined,
  sendsBody: boolean,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const apiId = String(ctx.requestContext.apiId);
  if (proxy) {
    for (const name in ctx.req.headers) if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name.toLowerCase()] = ctx.req.headers[name] as string;
  } else {
    headers.accept = "application/json";
    headers["user-agent"] = `AmazonAPIGateway_${apiId}`;
    const contentType = ctx.req.header("content-type");
    if (sendsBody && contentType !== undefined) headers["content-type"] = contentType;
    for (const name of ["x-forwarded-for", "x-forwarded-port", "x-forwarded-proto"]) {
      const value = ctx.req.header(name);
      if (value !== undefined) headers[name] = value;
    }
  }
  for (const name in mapped.header) headers[name.toLowerCase()] = mapped.header[name] as string;
  for (const name in overrides?.header) headers[name.toLowerCase()] = joined(overrides.header[name] as string | readonly string[]);
  const trace = ctx.req.header("x-amzn-trace-id");
  if (trace !== undefined) headers["x-amzn-trace-id"] = trace;
  headers["x-amzn-apigateway-api-id"] = apiId;
  return headers;
}
