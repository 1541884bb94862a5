import { renderGatewayResponse, type TemplateContext } from "../../vtl";
import { defaultResponseTemplate, fallbackType, restError, type GatewayResponseType, type RestError } from "../gateway-errors";
import type { Reply } from "../server-kit";
import { requestTime } from "../times";
import type { TwinRestApi, TwinRestStage, RestRoute } from "./model";
import { gatewayHeaderValue, type GatewayRequest } from "./parameter-mapping";
import type { RestRequest } from "./request";

/** What the REST twin answers, with what the access log and metrics need to know about it. */
export interface RestAnswer extends Reply {
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly integrationLatencyMs?: number;
  readonly integrationStatus?: number;
  /** `$context.error.message` and `.responseType`. */
  readonly errorMessage?: string;
  readonly errorType?: string;
  readonly cache?: "hit" | "miss";
}

/** The caller as `requestContext.identity` has it: every key AWS sends, null when unknown. */
export interface RestIdentity {
  readonly accessKey: string | null;
  readonly accountId: string | null;
  readonly apiKey?: string;
  readonly apiKeyId?: string;
  readonly caller: string | null;
  readonly cognitoAuthenticationProvider: string | null;
  readonly cognitoAuthenticationType: string | null;
  readonly cognitoIdentityId: string | null;
  readonly cognitoIdentityPoolId: string | null;
  readonly principalOrgId: string | null;
  readonly sourceIp: string;
  readonly user: string | null;
  readonly userAgent: string | null;
  readonly userArn: string | null;
}

/** `requestContext` of a v1 event, which is also `$context` for templates (every key AWS sends). */
export type RestRequestContext = Readonly<Record<string, unknown>> & {
  readonly requestId: string;
  readonly path: string;
  readonly resourcePath?: string;
  readonly identity: RestIdentity;
  readonly authorizer?: Readonly<Record<string, unknown>>;
};

export interface ApiIdentity {
  readonly apiId: string;
  readonly account: string;
}

/**
 * The request's context, as AWS builds it (recorded in LocalStack's test_apigateway_lambda.snapshot.json:
 * `accountId`, `apiId`, `deploymentId`, `domainName`, `domainPrefix`, `extendedRequestId`,
 * `httpMethod`, the 12 `identity` keys, `path`, `protocol`, `requestId`, `requestTime` (CLF),
 * `requestTimeEpoch`, `resourceId`, `resourcePath`, `stage`). Before a route matched, the resource keys
 * are absent.
 */
export function requestContext(
  req: RestRequest,
  stage: TwinRestStage,
  ids: ApiIdentity,
  route: RestRoute | undefined,
  extra: {
    readonly apiKey?: { readonly value: string; readonly id: string } | undefined;
    readonly authorizer?: Readonly<Record<string, unknown>> | undefined;
  } = {},
): RestRequestContext {
  const domainName = req.host;
  const identity: RestIdentity = {
    accessKey: null,
    accountId: null,
    ...(extra.apiKey ? { apiKey: extra.apiKey.value, apiKeyId: extra.apiKey.id } : {}),
    caller: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: req.sourceIp,
    user: null,
    userAgent: req.header("user-agent") ?? null,
    userArn: null,
  };
  return {
    accountId: ids.account,
    apiId: ids.apiId,
    ...(extra.authorizer ? { authorizer: extra.authorizer } : {}),
    deploymentId: stage.deploymentId,
    domainName,
    domainPrefix: domainName.split(".")[0]?.split(":")[0] ?? domainName,
    extendedRequestId: req.extendedRequestId,
    httpMethod: req.method,
    identity,
    path: req.contextPath,
    protocol: req.protocol,
    requestId: req.requestId,
    requestTime: requestTime(req.started),
    requestTimeEpoch: req.started,
    ...(route ? { resourceId: route.resourceId, resourcePath: route.resource } : {}),
    stage: stage.name,
  };
}

/**
 * Each request context's `$context`, made once: a request's request and response templates both read it
 * (and copy it). Kept on the context under a symbol (structured clones, JSON and the access log see
 * string keys only), not in a WeakMap: a WeakMap entry per request is work for every garbage collection.
 */
const TEMPLATE_CONTEXT = Symbol("templateContext");

/** `$context` for a mapping template: the request context with the identity's nulls left out. Read only. */
export function templateContext(context: RestRequestContext): TemplateContext {
  const holder = context as { [TEMPLATE_CONTEXT]?: TemplateContext };
  let made = holder[TEMPLATE_CONTEXT];
  if (made === undefined) {
    const identity: Record<string, unknown> = {};
    for (const key in context.identity) {
      const value = (context.identity as unknown as Record<string, unknown>)[key];
      if (value !== null && Object.prototype.hasOwnProperty.call(context.identity, key)) identity[key] = value;
    }
    made = { ...(context as TemplateContext), identity } as TemplateContext;
    Object.defineProperty(holder, TEMPLATE_CONTEXT, { value: made });
  }
  return made;
}

/**
 * API Gateway's own answer for an error: the API's gateway response for its type (else its
 * DEFAULT_4XX/5XX, else AWS's default `{"message": ...}`), at the definition's status if it sets one,
 * with `x-amzn-ErrorType` naming AWS's exception.
 */
export function gatewayAnswer(
  api: Pick<TwinRestApi, "gatewayResponses">,
  error: RestError,
  context: Readonly<Record<string, unknown>>,
  variables: Readonly<Record<string, string>>,
  request?: GatewayRequest,
): RestAnswer {
  const definition = api.gatewayResponses[error.type] ?? api.gatewayResponses[fallbackType(error)] ?? {};
  const status = definition.statusCode !== undefined ? Number(definition.statusCode) : error.status;
  const template = definition.responseTemplates?.["application/json"] ?? defaultResponseTemplate(error.type);
  const errorContext = { ...context, error: { message: error.message ?? "", messageString: JSON.stringify(error.message), responseType: error.type } };
  const body = renderGatewayResponse(template, { context: errorContext as TemplateContext, stageVariables: variables });
  const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-ErrorType": error.errorType };
  for (const [key, value] of Object.entries(definition.responseParameters ?? {})) {
    const name = key.replace(/^gatewayresponse\.header\./, "");
    const literal = /^'(.*)'$/s.exec(value);
    const mapped = literal ? literal[1] : request && gatewayHeaderValue(value, request, context, variables);
    if (mapped !== undefined) headers[name.toLowerCase() === "content-type" ? "content-type" : name] = mapped;
  }
  return { status, headers, body, errorMessage: error.message ?? "null", errorType: error.type };
}

/** A gateway answer for a type, with the cause's status or message when it has its own. */
export function gatewayError(
  api: Pick<TwinRestApi, "gatewayResponses">,
  type: GatewayResponseType,
  context: Readonly<Record<string, unknown>>,
  variables: Readonly<Record<string, string>>,
  cause: { readonly status?: number; readonly message?: string | null } = {},
  request?: GatewayRequest,
): RestAnswer {
  return gatewayAnswer(api, restError(type, cause), context, variables, request);
}
