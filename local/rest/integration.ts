import type { CompiledTemplate, RenderResult, RequestOverrides, TemplateRequest } from "../../vtl";
import type { GatewayResponseType } from "../gateway-errors";
import type { FunctionInvoker } from "../model";
import type { ServiceStandIns } from "../service-stand-ins";
import type { DynamoDbTarget } from "./integrations/dynamodb";
import { templateContext, type RestAnswer, type RestRequestContext } from "./context";
import { JSON_TYPE } from "../../components/rest-api/integrations/shared";
import { methodResponsePayload } from "./content-handling";
import { matchesBinaryMediaType } from "./lambda-proxy";
import type { RestIntegrationResponse, RestRoute, TwinRestApi } from "./model";
import { responseMappingValue } from "./parameter-mapping";
import type { RestRequest } from "./request";

/** What an integration handler needs: the request, its route, and the twin's stand-ins for the services. */
export interface IntegrationDeps {
  readonly invoker: FunctionInvoker;
  /** Bucket name → object key → the file its content comes from, and its content type. */
  readonly buckets: Readonly<Record<string, Readonly<Record<string, { readonly file: string; readonly contentType: string | undefined }>>>>;
  /** Local base URLs for HTTP integration hosts, by host. */
  readonly httpBackends: Readonly<Record<string, string>>;
  readonly standIns: ServiceStandIns;
  /** Where DynamoDB routes go; without it they answer 502 (not served locally). */
  readonly dynamoDb?: DynamoDbTarget;
}

export interface IntegrationContext {
  readonly req: RestRequest;
  readonly route: RestRoute;
  readonly api: TwinRestApi;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
  readonly requestContext: RestRequestContext;
  readonly body: Buffer;
  readonly deps: IntegrationDeps;
  /** API Gateway's answer for an error of this request. */
  error(type: GatewayResponseType, cause?: { readonly status?: number; readonly message?: string | null }): RestAnswer;
}

/** What each request's template set in `$context.requestOverride`, for its response template to read. */
const requestOverrides = new WeakMap<IntegrationContext, RequestOverrides>();

/** The request as mapping templates see it (`$input`, `$context`, `$stageVariables`). */
export function templateRequest(ctx: IntegrationContext, body = ctx.body.toString("utf8")): TemplateRequest {
  const requestOverride = requestOverrides.get(ctx);
  return {
    body,
    headers: ctx.req.headers,
    queryString: ctx.req.multiQuery,
    pathParameters: ctx.pathParameters,
    context: templateContext(ctx.requestContext),
    stageVariables: ctx.variables,
    ...(requestOverride ? { requestOverride } : {}),
  };
}

const isEmpty = (map: Readonly<Record<string, unknown>>): boolean => {
  for (const _ in map) return false;
  return true;
};

/** Renders the request template, keeping its `$context.requestOverride` (when it set one) for the response template. */
export function renderRequestTemplate(ctx: IntegrationContext, template: CompiledTemplate): RenderResult {
  const rendered = template.renderWithOverrides(templateRequest(ctx));
  const { header, path, querystring } = rendered.overrides.request;
  if (!isEmpty(header) || !isEmpty(path) || !isEmpty(querystring)) requestOverrides.set(ctx, rendered.overrides.request);
  return rendered;
}

/**
 * The integration response API Gateway picks for a backend's answer: the first whose selection
 * pattern (a regular expression over the whole selector: a status, or a Lambda error message)
 * matches, else `default`.
 */
export function selectResponse(responses: readonly RestIntegrationResponse[], selector: string | undefined): RestIntegrationResponse | undefined {
  if (selector !== undefined) {
    const match = responses.find((r) => r.regex?.test(selector));
    if (match) return match;
  }
  return responses.find((r) => r.pattern === "default");
}

const MEDIA_TYPE_END = /[,;]/;

/** The first media type of an Accept value, lower-cased and without its parameters; undefined when there is none. */
function firstMediaType(accept: string | undefined): string | undefined {
  if (accept === undefined) return undefined;
  const end = accept.search(MEDIA_TYPE_END);
  const type = (end === -1 ? accept : accept.slice(0, end)).trim().toLowerCase();
  return type === "" ? undefined : type;
}

/**
 * The response template for the request's Accept header (AWS, "API request and response data mapping
 * reference", Select a VTL mapping template): the template keyed by its media type; without an Accept
 * header `application/json`'s; "If no template is defined for application/json, API Gateway selects the
 * first existing template", as it does "when the specified Accept header value does not match any
 * existing template key"; none without templates (the payload passes through).
 */
export function responseTemplateFor(selected: RestIntegrationResponse, req: RestRequest): CompiledTemplate | undefined {
  // With one template (or none) every Accept gets the same one: no header to read.
  if (selected.templates.size <= 1) return selected.firstTemplate;
  return selected.templates.get(firstMediaType(req.header("accept")) ?? JSON_TYPE) ?? selected.firstTemplate;
}

/** The backend's payload converted for the method response (an empty one is empty either way); undefined: API Gateway's 500. */
function convertedPayload(
  ctx: IntegrationContext,
  selected: RestIntegrationResponse,
  backendBody: string | Buffer,
  backendHeaders: Readonly<Record<string, string>>,
): string | Buffer | undefined {
  if (backendBody.length === 0) return backendBody;
  const binaryTypes = ctx.api.binaryMediaTypes;
  const payloadBinary = matchesBinaryMediaType(backendHeaders["content-type"] ?? JSON_TYPE, binaryTypes);
  return methodResponsePayload(backendBody, payloadBinary, matchesBinaryMediaType(ctx.req.header("accept"), binaryTypes), selected.contentHandling);
}

/**
 * The method's answer from one integration response: its status and static headers, the backend's
 * payload converted between text and binary (local/rest/content-handling.ts: by the integration
 * response's contentHandling, the payload's Content-Type and the request's Accept against the API's
 * binaryMediaTypes; a 500 when text to decode is no base64), the template the request's Accept selects
 * rendered over it (the payload as it is without one), and what the template set through
 * `$context.responseOverride`.
 */
export function responseAnswer(
  ctx: IntegrationContext,
  selected: RestIntegrationResponse,
  backendBody: string | Buffer,
  integration: { readonly status: number; readonly latencyMs?: number },
  backendHeaders: Readonly<Record<string, string>> = {},
): RestAnswer {
  const payload = convertedPayload(ctx, selected, backendBody, backendHeaders);
  if (payload === undefined) {
    const latency = integration.latencyMs !== undefined ? { integrationLatencyMs: integration.latencyMs } : {};
    return { ...ctx.error("API_CONFIGURATION_ERROR", { status: 500 }), integrationStatus: integration.status, ...latency };
  }
  const rendered = responseTemplateFor(selected, ctx.req)?.renderWithOverrides(templateRequest(ctx, payload.toString()));
  const headers: Record<string, string> = { "content-type": "application/json", ...selected.headers };
  for (const name in selected.mappedHeaders) {
    const source = { body: backendBody, headers: backendHeaders, context: ctx.requestContext, variables: ctx.variables };
    const value = responseMappingValue(selected.mappedHeaders[name] as string, source);
    if (value !== undefined) headers[name] = value;
  }
  if (rendered !== undefined) {
    const overridden = rendered.overrides.response.header;
    for (const name in overridden) headers[name.toLowerCase()] = ([] as string[]).concat(overridden[name] as string | string[]).join(",");
  }
  return {
    status: rendered?.overrides.response.status ?? Number(selected.statusCode),
    headers,
    body: rendered?.output ?? payload,
    integrationStatus: integration.status,
    ...(integration.latencyMs !== undefined ? { integrationLatencyMs: integration.latencyMs } : {}),
  };
}
