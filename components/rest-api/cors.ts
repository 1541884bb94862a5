import type { CorsConfig, RouteConfig } from "../../config";
import { CORS_METHODS } from "../http-api/cors";
import type { GatewayResponse } from "./gateway-responses";
import { JSON_TYPE, type IntegrationObject, type IntegrationResponseObject } from "./integrations";

/**
 * CORS on the REST API, as AWS describes it ("CORS for REST APIs in API Gateway"): API Gateway answers
 * nothing by itself, so
 * - each path with a CORS route gets an OPTIONS method with a MOCK integration (`{"statusCode": 200}`)
 *   whose integration response sets the Access-Control-Allow-* headers, declared in its method response;
 * - non-proxy integrations (mock, HTTP, Lambda, AWS services) add Access-Control-Allow-Origin to their
 *   integration responses; proxy integrations pass the backend's headers, so the backend sends them
 *   (the project's functions do, from the environment `corsEnvironment` gives them);
 * - the gateway responses (DEFAULT_4XX, DEFAULT_5XX and every explicit type) carry
 *   Access-Control-Allow-Origin, so a browser can read API Gateway's own error answers.
 * Pure builders over the resolved config; `openapi.ts` puts them in the document.
 */

export const CORS_HEADER = {
  allowOrigin: "Access-Control-Allow-Origin",
  allowMethods: "Access-Control-Allow-Methods",
  allowHeaders: "Access-Control-Allow-Headers",
  allowCredentials: "Access-Control-Allow-Credentials",
  exposeHeaders: "Access-Control-Expose-Headers",
  maxAge: "Access-Control-Max-Age",
  vary: "Vary",
} as const;

/**
 * How an answer names the origin it allows: `*`; the one configured origin, as a static value; or, of
 * several, the caller's own Origin when it is one of them. A static value cannot depend on the request,
 * so the last is a mapping template setting `$context.responseOverride.header.Access-Control-Allow-Origin`
 * (AWS, "Override your API's request and response parameters and status codes for REST APIs").
 */
export type OriginAnswer =
  { readonly kind: "any" } | { readonly kind: "one"; readonly origin: string } | { readonly kind: "several"; readonly origins: readonly string[] };

export function originAnswer(origins: readonly string[]): OriginAnswer {
  if (origins.includes("*")) return { kind: "any" };
  if (origins.length === 1) return { kind: "one", origin: origins[0] as string };
  return { kind: "several", origins: [...origins] };
}

/** The paths that get a preflight (those with a CORS route), in the routes' order. */
export function preflightPaths(routes: readonly RouteConfig[]): string[] {
  return [...new Set(routes.filter((r) => r.cors).map((r) => r.path))];
}

/** The preflight's status: AWS's example answers 200. */
export const PREFLIGHT_STATUS = "200";

/**
 * The mapping template that answers the caller's Origin when it is one of `origins`, and nothing
 * otherwise. The header is read from `$input.params().header` under both spellings (HTTP/2 clients send
 * `origin`), never from `$input.params('Origin')`, which would also take a query string of that name.
 */
export function originOverrideTemplate(origins: readonly string[]): string {
  const condition = origins.map((o) => `$corsOrigin == '${o}'`).join(" || ");
  return [
    "#set($corsOrigin = $input.params().header.get('Origin'))",
    `#if("$!corsOrigin" == "")#set($corsOrigin = $input.params().header.get('origin'))#end`,
    `#if(${condition})#set($context.responseOverride.header.${CORS_HEADER.allowOrigin} = $corsOrigin)#end`,
    "",
  ].join("\n");
}

const quoted = (value: string) => `'${value}'`;
const methodHeader = (name: string) => `method.response.header.${name}`;

/** The methods a path's preflight allows: the routes' `allowMethods`, else their methods (ANY as each) and OPTIONS, in a fixed order. */
export function preflightMethods(routes: readonly RouteConfig[]): string[] {
  const given = routes.find((r) => r.cors?.allowMethods !== undefined)?.cors?.allowMethods;
  if (given) return [...given];
  const methods = new Set<string>(["OPTIONS"]);
  for (const r of routes) {
    if (r.method === "ANY") CORS_METHODS.filter((m) => m !== "*").forEach((m) => methods.add(m));
    else methods.add(r.method);
  }
  return CORS_METHODS.filter((m) => methods.has(m));
}

/** The static headers every CORS answer of a route carries: the origin (one, or `*`), Vary and credentials. */
function originAndCredentials(cors: CorsConfig): Record<string, string> {
  const answer = originAnswer(cors.allowOrigins);
  return {
    ...(answer.kind === "any" ? { [CORS_HEADER.allowOrigin]: "*" } : {}),
    ...(answer.kind === "one" ? { [CORS_HEADER.allowOrigin]: answer.origin } : {}),
    // The answer differs by origin (MDN, "Access-Control-Allow-Origin": an explicit origin goes with Vary: Origin).
    ...(answer.kind === "any" ? {} : { [CORS_HEADER.vary]: "Origin" }),
    ...(cors.allowCredentials ? { [CORS_HEADER.allowCredentials]: "true" } : {}),
  };
}

/** The headers a method response must declare for the CORS headers its integration responses set. */
export function corsResponseHeaders(cors: CorsConfig, preflight: boolean): string[] {
  const names = [CORS_HEADER.allowOrigin, ...Object.keys(originAndCredentials(cors))];
  if (preflight) {
    names.push(CORS_HEADER.allowMethods);
    if (cors.allowHeaders.length > 0) names.push(CORS_HEADER.allowHeaders);
    if (cors.maxAgeSeconds !== undefined) names.push(CORS_HEADER.maxAge);
  } else if (cors.exposeHeaders.length > 0) names.push(CORS_HEADER.exposeHeaders);
  return [...new Set(names)].sort();
}

/** The preflight's MOCK integration: AWS's ("CORS for REST APIs in API Gateway"), passthrough NEVER. */
export function preflightIntegration(cors: CorsConfig, methods: readonly string[]): IntegrationObject {
  const answer = originAnswer(cors.allowOrigins);
  const headers: Record<string, string> = {
    ...originAndCredentials(cors),
    [CORS_HEADER.allowMethods]: methods.join(","),
    // No request header allowed: the header is left out rather than sent empty.
    ...(cors.allowHeaders.length > 0 ? { [CORS_HEADER.allowHeaders]: cors.allowHeaders.join(",") } : {}),
    ...(cors.maxAgeSeconds !== undefined ? { [CORS_HEADER.maxAge]: String(cors.maxAgeSeconds) } : {}),
  };
  const response: IntegrationResponseObject = {
    statusCode: PREFLIGHT_STATUS,
    responseParameters: Object.fromEntries(
      Object.entries(headers)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [methodHeader(k), quoted(v)]),
    ),
    ...(answer.kind === "several" ? { responseTemplates: { [JSON_TYPE]: originOverrideTemplate(answer.origins) } } : {}),
  };
  return {
    type: "mock",
    passthroughBehavior: "never",
    requestTemplates: { [JSON_TYPE]: `{"statusCode": ${PREFLIGHT_STATUS}}` },
    responses: { default: response },
  };
}

/**
 * A route's integration with its CORS headers on every integration response; proxy integrations are
 * returned as they are (AWS: with a proxy integration the backend returns them). With several origins
 * each response's template starts by answering the caller's origin; a mock without a template gets
 * that alone (its body stays empty). Config checks refuse several origins for any other response
 * without a template (an S3 object, an HTTP or Lambda answer passed as it is).
 */
export function withCorsHeaders(integration: IntegrationObject, cors: CorsConfig, where: string): IntegrationObject {
  if (integration.type === "aws_proxy" || integration.type === "http_proxy" || !integration.responses) return integration;
  const answer = originAnswer(cors.allowOrigins);
  const headers: Record<string, string> = {
    ...originAndCredentials(cors),
    ...(cors.exposeHeaders.length > 0 ? { [CORS_HEADER.exposeHeaders]: cors.exposeHeaders.join(",") } : {}),
  };
  const parameters = Object.fromEntries(Object.entries(headers).map(([k, v]) => [methodHeader(k), quoted(v)]));
  const responses = Object.fromEntries(
    Object.entries(integration.responses).map(([pattern, response]): [string, IntegrationResponseObject] => {
      const withHeaders = { ...response, responseParameters: { ...response.responseParameters, ...parameters } };
      if (answer.kind !== "several") return [pattern, withHeaders];
      const template = response.responseTemplates?.[JSON_TYPE];
      if (template === undefined && integration.type !== "mock") {
        throw new Error(`${where}: the ${pattern} response has no mapping template to answer one of several CORS origins with`);
      }
      return [
        pattern,
        { ...withHeaders, responseTemplates: { ...response.responseTemplates, [JSON_TYPE]: originOverrideTemplate(answer.origins) + (template ?? "") } },
      ];
    }),
  );
  return { ...integration, responses };
}

/**
 * What the API's gateway responses answer browsers with, from its CORS routes: their one origin (with
 * credentials when a route allows them), else `*`. A gateway response cannot compare the Origin with a
 * list (its template is not VTL, and its parameters map a request value or a fixed one: "Set up a
 * gateway response"), and `*` lets a page read an error answer only when the request carried no
 * credentials (Fetch standard, CORS check); so credentials never pair with an unchecked origin.
 */
export function gatewayResponseCors(routes: readonly RouteConfig[]): { readonly origin: string; readonly credentials: boolean } | undefined {
  const cors = routes.flatMap((r) => (r.cors ? [r.cors] : []));
  if (cors.length === 0) return undefined;
  const origins = [...new Set(cors.flatMap((c) => c.allowOrigins))];
  const answer = originAnswer(origins);
  if (answer.kind !== "one") return { origin: "*", credentials: false };
  return { origin: answer.origin, credentials: cors.some((c) => c.allowCredentials) };
}

/** Every gateway response with the API's CORS headers (AWS, "CORS for REST APIs in API Gateway": gateway responses). */
export function withGatewayResponseCors<T extends string>(
  responses: Readonly<Record<T, GatewayResponse>>,
  cors: { readonly origin: string; readonly credentials: boolean } | undefined,
): Readonly<Record<T, GatewayResponse>> {
  if (!cors) return responses;
  const headers: Record<string, string> = {
    [CORS_HEADER.allowOrigin]: cors.origin,
    ...(cors.origin === "*" ? {} : { [CORS_HEADER.vary]: "Origin" }),
    ...(cors.credentials ? { [CORS_HEADER.allowCredentials]: "true" } : {}),
  };
  const parameters = Object.fromEntries(Object.entries(headers).map(([k, v]) => [`gatewayresponse.header.${k}`, quoted(v)]));
  return Object.fromEntries(
    Object.entries<GatewayResponse>(responses).map(([type, r]) => [type, { ...r, responseParameters: { ...r.responseParameters, ...parameters } }]),
  ) as Record<T, GatewayResponse>;
}

/** The CORS of the public Lambda proxy routes that invoke a function (config checks make them agree). */
export function functionCors(routes: readonly RouteConfig[], functionKey: string): CorsConfig | undefined {
  return routes.find((r) => r.api === "public" && r.integration.type === "lambda_proxy" && r.integration.function === functionKey && r.cors)?.cors;
}

/**
 * Whether the route's answer depends on the caller's Origin, so a cached answer is kept per Origin: a
 * template choosing one of several origins, or a backend (a proxy's) answering a listed Origin; not a
 * static origin or `*`.
 */
export function answerVariesByOrigin(route: RouteConfig): boolean {
  if (!route.cors) return false;
  const answer = originAnswer(route.cors.allowOrigins);
  const proxy = route.integration.type === "lambda_proxy" || route.integration.type === "http_proxy" || route.integration.type === "backend";
  return answer.kind === "several" || (answer.kind === "one" && proxy);
}
