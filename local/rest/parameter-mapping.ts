import { evaluateJsonPath } from "../../vtl";
import type { RestRequest } from "./request";

/**
 * Parameter mapping. Request parameters, for non-Lambda-proxy integrations (AWS, "Parameter mapping source reference
 * for REST APIs in API Gateway"): each `integration.request.{header|querystring|path}.<name>` takes its
 * value from a static `'value'`, `method.request.{path|querystring|multivaluequerystring|header|
 * multivalueheader}.<name>`, `method.request.body` or `method.request.body.<JSONPath>`,
 * `context.<variable>` or `stageVariables.<name>`. A source the request does not have maps nothing.
 * Method response headers (`x-amazon-apigateway-integration.responseParameters`) take theirs from
 * `integration.response.header.<name>`, `integration.response.multivalueheader.<name>`,
 * `integration.response.body` or `integration.response.body.<JSONPath>` (the AWS example maps
 * `integration.response.body.redirect.url` and `integration.response.header.x-userid`), a static value,
 * `context.*` or `stageVariables.*`.
 */

export interface MappingSource {
  readonly req: RestRequest;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly context: Readonly<Record<string, unknown>>;
  readonly variables: Readonly<Record<string, string>>;
}

export interface MappedParameters {
  readonly header: Record<string, string>;
  readonly querystring: Record<string, string[]>;
  readonly path: Record<string, string>;
}

const METHOD_REQUEST = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/;
const TARGET = /^integration\.request\.(header|querystring|path)\.(.+)$/;

const text = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

function bodyValue(source: { readonly body: Buffer | string }, path: string | undefined): string | undefined {
  const body = source.body.toString();
  if (path === undefined) return body;
  try {
    const found = evaluateJsonPath(JSON.parse(body), `$.${path}`);
    return found.found && found.value !== null && found.value !== undefined ? text(found.value) : undefined;
  } catch {
    return undefined;
  }
}

function headerValues(req: RestRequest, name: string): readonly string[] | undefined {
  const lower = name.toLowerCase();
  for (const key in req.multiHeaders) if (key.toLowerCase() === lower) return req.multiHeaders[key];
  return undefined;
}

/** `context.a.b` → the request context's value at that path, as text. */
function contextValue(context: Readonly<Record<string, unknown>>, path: string): string | undefined {
  let node: unknown = context;
  for (const key of path.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node === undefined || node === null ? undefined : text(node);
}

/** One mapping expression's value for a request: text, a list (the multi-value sources), or undefined. */
export function mappingValue(expression: string, source: MappingSource): string | readonly string[] | undefined {
  const literal = /^'(.*)'$/s.exec(expression);
  if (literal) return literal[1] as string;
  const method = METHOD_REQUEST.exec(expression);
  if (method) {
    const [, where, name = ""] = method;
    if (where === "path") return source.pathParameters[name];
    if (where === "querystring") return source.req.query[name];
    if (where === "multivaluequerystring") return source.req.multiQuery[name];
    if (where === "header") return source.req.header(name);
    return headerValues(source.req, name);
  }
  if (expression === "method.request.body") return bodyValue(source, undefined);
  if (expression.startsWith("method.request.body.")) return bodyValue(source, expression.slice("method.request.body.".length));
  if (expression.startsWith("context.")) return contextValue(source.context, expression.slice("context.".length));
  if (expression.startsWith("stageVariables.")) return source.variables[expression.slice("stageVariables.".length)];
  return undefined;
}

/** The integration request's mapped headers, query strings and path parameters. */
export function mapRequestParameters(requestParameters: Readonly<Record<string, string>>, source: MappingSource): MappedParameters {
  const mapped: MappedParameters = { header: {}, querystring: {}, path: {} };
  for (const to in requestParameters) {
    const target = TARGET.exec(to);
    if (!target) continue;
    const value = mappingValue(requestParameters[to] as string, source);
    if (value === undefined) continue;
    const [, where, name = ""] = target;
    if (where === "querystring") mapped.querystring[name] = typeof value === "string" ? [value] : [...value];
    else if (where === "header") mapped.header[name] = typeof value === "string" ? value : value.join(",");
    else mapped.path[name] = typeof value === "string" ? value : (value[value.length - 1] ?? "");
  }
  return mapped;
}

/** What a method response header mapping reads: the integration's answer, the request's context and stage variables. */
export interface ResponseMappingSource {
  readonly body: Buffer | string;
  /** The integration response's headers, by lower-cased name. */
  readonly headers: Readonly<Record<string, string>>;
  readonly context: Readonly<Record<string, unknown>>;
  readonly variables: Readonly<Record<string, string>>;
}

const INTEGRATION_RESPONSE = /^integration\.response\.(header|multivalueheader)\.(.+)$/;

/** One method response header mapping's value, or undefined when its source is absent. */
export function responseMappingValue(expression: string, source: ResponseMappingSource): string | undefined {
  const literal = /^'(.*)'$/s.exec(expression);
  if (literal) return literal[1] as string;
  const header = INTEGRATION_RESPONSE.exec(expression);
  if (header) return source.headers[(header[2] as string).toLowerCase()];
  if (expression === "integration.response.body") return bodyValue(source, undefined);
  if (expression.startsWith("integration.response.body.")) return bodyValue(source, expression.slice("integration.response.body.".length));
  if (expression.startsWith("context.")) return contextValue(source.context, expression.slice("context.".length));
  if (expression.startsWith("stageVariables.")) return source.variables[expression.slice("stageVariables.".length)];
  return undefined;
}

/** The request a gateway response's header mappings read (`method.request.header.Accept`, ...). */
export interface GatewayRequest {
  readonly req: RestRequest;
  readonly pathParameters: Readonly<Record<string, string>>;
}

const NO_BODY = Buffer.alloc(0);

/**
 * A gateway response header's value from a request (AWS, "x-amazon-apigateway-gateway-responses.
 * responseParameters": "generate gateway response parameters from the incoming request parameters or
 * using literal strings", e.g. `method.request.header.Accept`, `method.request.path.petId`,
 * `method.request.querystring.qname`); undefined when the request has none.
 */
export function gatewayHeaderValue(
  expression: string,
  request: GatewayRequest,
  context: Readonly<Record<string, unknown>>,
  variables: Readonly<Record<string, string>>,
): string | undefined {
  if (expression.startsWith("method.request.body")) return undefined;
  const value = mappingValue(expression, { req: request.req, pathParameters: request.pathParameters, body: NO_BODY, context, variables });
  return value === undefined || typeof value === "string" ? value : value.join(",");
}
