import { readBody } from "./http-io";
import { evaluatePolicy, statementsOf } from "./iam-policy";
import { randomUUID } from "crypto";
import * as fs from "fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { REST_ACCESS_LOG_FIELDS } from "../components/observability/access-log-format";
import { render, renderGatewayResponse, renderWithOverrides } from "../vtl";
import { FunctionTimeout } from "./functions";
import type { FunctionInvoker, TwinRestApi, TwinRestStage } from "./model";
import { matchRoute } from "./rest-routes";
import { contentType } from "../components/integrations/content-type";
import type { TokenVerifier } from "./tokens";
import { createStageMetrics, type StageMetrics } from "./metrics";
import { CACHE_CONTROL_IGNORED_HEADER, cacheClusterBytes, cacheDirective, createStageCache, methodCacheSettings, type CapturedResource } from "./rest-cache";
import { createThrottler, settingsFromResources, THROTTLE_RESPONSES } from "./rest-throttle";
import { INVALID_BODY_MESSAGE, validateRequest } from "./rest-validation";
import { createServiceStandIns, type ServiceStandIns } from "./service-stand-ins";
import { integrationAnswer, integrationResponseHeaders, selectIntegrationResponse, type IntegrationResponseEntry } from "./integration-response";

/** What S3 answers for a key it will not reveal (403 without s3:ListBucket), as its REST API writes errors. */
const S3_ACCESS_DENIED = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';

/** API Gateway's own error answers, by gateway response type. */
type GatewayResponseType =
  | "MISSING_AUTHENTICATION_TOKEN"
  | "INVALID_API_KEY"
  | "UNAUTHORIZED"
  | "ACCESS_DENIED"
  | "INTEGRATION_FAILURE"
  | "INTEGRATION_TIMEOUT"
  | "BAD_REQUEST_BODY"
  | "BAD_REQUEST_PARAMETERS"
  | "THROTTLED"
  | "QUOTA_EXCEEDED";

const DEFAULT_STATUS: Readonly<Record<GatewayResponseType, number>> = {
  MISSING_AUTHENTICATION_TOKEN: 403,
  INVALID_API_KEY: 403,
  UNAUTHORIZED: 401,
  ACCESS_DENIED: 403,
  INTEGRATION_FAILURE: 502,
  INTEGRATION_TIMEOUT: 504,
  BAD_REQUEST_BODY: 400,
  BAD_REQUEST_PARAMETERS: 400,
  THROTTLED: THROTTLE_RESPONSES.THROTTLED.statusCode,
  QUOTA_EXCEEDED: THROTTLE_RESPONSES.QUOTA_EXCEEDED.statusCode,
};

const DEFAULT_MESSAGE: Readonly<Record<GatewayResponseType, string>> = {
  MISSING_AUTHENTICATION_TOKEN: "Missing Authentication Token",
  INVALID_API_KEY: "Forbidden",
  UNAUTHORIZED: "Unauthorized",
  ACCESS_DENIED: "User is not authorized to access this resource",
  INTEGRATION_FAILURE: "Internal server error",
  INTEGRATION_TIMEOUT: "Endpoint request timed out",
  BAD_REQUEST_BODY: INVALID_BODY_MESSAGE,
  BAD_REQUEST_PARAMETERS: "Missing required request parameters",
  THROTTLED: THROTTLE_RESPONSES.THROTTLED.message,
  QUOTA_EXCEEDED: THROTTLE_RESPONSES.QUOTA_EXCEEDED.message,
};

interface GatewayResponseDefinition {
  readonly statusCode?: string;
  readonly responseParameters?: Readonly<Record<string, string>>;
  readonly responseTemplates?: Readonly<Record<string, string>>;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer | string;
  /** For the access log and metrics. */
  readonly integrationLatencyMs?: number;
  readonly errorMessage?: string;
  readonly errorType?: string;
  readonly cache?: "hit" | "miss";
}

export interface RestTwinOptions {
  readonly api: TwinRestApi;
  readonly stage: TwinRestStage;
  readonly invoker: FunctionInvoker;
  readonly region: string;
  readonly account: string;
  /** The API's id in ARNs and $context.apiId. */
  readonly apiId: string;
  /** The API keys by key name (usage plans name keys): the values the `x-api-key` header may carry. */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** Bucket name → the folder its objects are read from. */
  readonly buckets: Readonly<Record<string, string>>;
  /** Verifies Cognito tokens (the twin issues them itself). */
  readonly tokens: TokenVerifier;
  /** One access-log line per request, in the stage's JSON format. @default stdout */
  readonly log?: (line: string) => void;
  /** @default 0 (ephemeral) */
  readonly port?: number;
  /** Every resource the program registered: method settings, stages and usage plans drive caching and throttling. */
  readonly resources: readonly CapturedResource[];
  /** Local base URLs for HTTP integration hosts, by host. @default {} */
  readonly httpBackends?: Readonly<Record<string, string>>;
  /** What SQS and Step Functions routes reach. @default new stand-ins */
  readonly standIns?: ServiceStandIns;
  /** Apply usage-plan, stage and method throttling (off only for load tests of the twin itself). @default true */
  readonly throttling?: boolean;
  /** Draws the canary split. @default Math.random */
  readonly random?: () => number;
  /** Epoch ms, for throttling and quotas, the stage cache's and the authorizers' TTLs. @default Date.now */
  readonly now?: () => number;
}

export interface RestTwin {
  readonly url: string;
  readonly port: number;
  /** What CloudWatch would count for the stage; also served at `GET /_twin/metrics`. */
  readonly metrics: StageMetrics;
  close(): Promise<void>;
}

/** `${stageVariables.x}` in an integration URI or parameter, replaced as API Gateway does. */
export function substituteStageVariables(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_m, name: string) => variables[name] ?? "");
}

/**
 * Where the twin sends an HTTP integration's request: the URI with its path parameters filled in, and
 * its host replaced by a local base URL when one is given for it (`--backend legacy.example.com=http://127.0.0.1:4000`).
 */
export function localTarget(uri: string, pathParameters: Readonly<Record<string, string>>, backends: Readonly<Record<string, string>>): string {
  let target = uri;
  for (const [name, value] of Object.entries(pathParameters)) target = target.replace(`{${name}}`, encodeURI(value));
  const url = new URL(target);
  const local = backends[url.host];
  return local ? `${local.replace(/\/$/, "")}${url.pathname}${url.search}` : target;
}

/** A `method.request.<where>.<name>` mapping expression's value for a request. */
function methodRequestValue(expression: string, r: { headers: Record<string, string>; query: Record<string, string>; pathParameters: Readonly<Record<string, string>> }): string | undefined {
  const [, where, name] = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(expression) ?? [];
  if (where === "header") return Object.entries(r.headers).find(([k]) => k.toLowerCase() === (name as string).toLowerCase())?.[1];
  if (where === "querystring") return r.query[name as string];
  if (where === "path") return r.pathParameters[name as string];
  return undefined;
}

/**
 * The stage variables one request sees: a canary stage sends `percentTraffic` % of requests to the
 * canary, whose variable overrides replace the stage's (`random` is in [0, 1)).
 */
export function stageVariablesFor(stage: TwinRestStage, random: number): { variables: Readonly<Record<string, string>>; canary: boolean } {
  if (stage.canary && random * 100 < stage.canary.percentTraffic) return { variables: { ...stage.variables, ...stage.canary.variables }, canary: true };
  return { variables: stage.variables, canary: false };
}

/** Whether an IAM policy document returned by an authorizer allows `execute-api:Invoke` on `methodArn`. */
export function policyAllows(policy: unknown, methodArn: string): boolean {
  const statements = statementsOf(policy);
  return statements !== undefined && evaluatePolicy(statements, "execute-api:Invoke", methodArn) === "Allow";
}

function headerMap(req: IncomingMessage): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    const value = req.rawHeaders[i + 1] as string;
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}


/**
 * One REST API stage on 127.0.0.1, served as API Gateway serves it: the stage's path prefix, route
 * matching, API keys, the Lambda and Cognito authorizers, and the integrations the twin can reach
 * (Lambda proxy with the v1 event, mock with its templates, S3 from the repository folder, HTTP proxy to
 * the stage variables' hosts); the others answer 502. Errors are the API's own gateway responses.
 */
export async function startRestTwin(options: RestTwinOptions): Promise<RestTwin> {
  const { api, stage } = options;
  const document = api.document as {
    paths?: Record<string, Record<string, unknown>>;
    components?: { securitySchemes?: Record<string, Record<string, unknown>> };
    "x-amazon-apigateway-gateway-responses"?: Record<string, GatewayResponseDefinition>;
  };
  const paths = document.paths ?? {};
  const schemes = document.components?.securitySchemes ?? {};
  const gatewayResponses = document["x-amazon-apigateway-gateway-responses"] ?? {};
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const metrics = createStageMetrics(api.name, stage.name);
  const standIns = options.standIns ?? createServiceStandIns();
  const now = options.now ?? Date.now;
  const throttler = createThrottler(settingsFromResources(options.resources, stage.name, options.apiKeys, { restApi: api.name }));
  const stageResource = options.resources.find((r) => r.type === "aws:apigateway/stage:Stage" && r.inputs.stageName === stage.name && r.name.startsWith(api.kind === "public" ? "api-" : "internal-rest-"));
  const cache = createStageCache<Answer>({
    now,
    ...(stageResource?.inputs.cacheClusterSize !== undefined ? { capacityBytes: cacheClusterBytes(String(stageResource.inputs.cacheClusterSize)) } : {}),
  });
  const authorizerCache = new Map<string, { expires: number; principalId: string; context: Record<string, unknown>; policy: unknown }>();
  let port = 0;

  const gatewayResponse = (type: GatewayResponseType, context: Record<string, unknown>, message = DEFAULT_MESSAGE[type]): Answer => {
    const definition = gatewayResponses[type] ?? gatewayResponses[DEFAULT_STATUS[type] >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX"] ?? {};
    const status = Number(definition.statusCode ?? DEFAULT_STATUS[type]);
    const template = definition.responseTemplates?.["application/json"] ?? '{"message":$context.error.messageString}';
    const errorContext = { ...context, error: { message, messageString: JSON.stringify(message), responseType: type } };
    const body = renderGatewayResponse(template, { context: errorContext, stageVariables: stage.variables });
    const headers: Record<string, string> = { "content-type": "application/json", "x-amzn-errortype": type };
    for (const [key, value] of Object.entries(definition.responseParameters ?? {})) {
      const name = key.replace(/^gatewayresponse\.header\./, "");
      if (/^'.*'$/.test(value)) headers[name.toLowerCase()] = value.slice(1, -1);
    }
    return { status, headers, body, errorMessage: message, errorType: type };
  };

  const authorize = async (
    operation: Record<string, unknown>,
    headers: Record<string, string>,
    methodArn: string,
    context: Record<string, unknown>,
    request: { resource: string; path: string; method: string; query: Record<string, string>; pathParameters: Readonly<Record<string, string>>; variables: Readonly<Record<string, string>> },
  ): Promise<{ answer?: Answer; authorizer?: Record<string, unknown> }> => {
    const security = (operation.security as Record<string, string[]>[] | undefined) ?? [];
    const requirement = security[0] ?? {};
    const header = (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    for (const scheme of Object.keys(requirement)) {
      if (scheme === "api_key") continue;
      const definition = schemes[scheme] ?? {};
      const authType = definition["x-amazon-apigateway-authtype"];
      if (authType === "awsSigv4") {
        // The twin has no IAM: it requires a SigV4 Authorization header but cannot check the signature.
        if (!header("authorization")?.startsWith("AWS4-HMAC-SHA256 ")) return { answer: gatewayResponse("MISSING_AUTHENTICATION_TOKEN", context) };
      } else if (authType === "cognito_user_pools") {
        const token = header("authorization")?.replace(/^Bearer\s+/i, "");
        const claims = token ? await options.tokens.verify(token) : undefined;
        if (!claims) return { answer: gatewayResponse("UNAUTHORIZED", context) };
        const scopes = requirement[scheme] ?? [];
        const granted = String(claims.scope ?? "").split(" ");
        if (scopes.length > 0 && !scopes.some((s) => granted.includes(s))) return { answer: gatewayResponse("UNAUTHORIZED", context) };
        return { authorizer: { claims } };
      } else if (authType === "custom") {
        const config = definition["x-amazon-apigateway-authorizer"] as { type: string; authorizerUri: string; authorizerResultTtlInSeconds?: number; identitySource?: string };
        const functionName = /:function:([A-Za-z0-9_-]+)/.exec(config.authorizerUri)?.[1] as string;
        // The identity: one header (TOKEN), or the listed request parameters (REQUEST); API Gateway answers
        // 401 without calling the function when one is missing, and caches the answer by their values.
        const sources = String(config.identitySource ?? "method.request.header.Authorization").split(",").map((x) => x.trim()).filter((x) => x !== "");
        const identity = sources.map((source) => {
          const [, where, name] = /^(?:method\.request\.)?(header|querystring|stageVariables|context)\.(.+)$/.exec(source) ?? [];
          if (where === "header") return header(name as string);
          if (where === "querystring") return request.query[name as string];
          if (where === "stageVariables") return request.variables[name as string];
          return undefined;
        });
        if (identity.some((v) => v === undefined || v === "")) return { answer: gatewayResponse("UNAUTHORIZED", context) };
        const token = identity.join(",");
        const ttl = (config.authorizerResultTtlInSeconds ?? 300) * 1000;
        let cached = authorizerCache.get(`${scheme}:${token}`);
        if (!cached || cached.expires < now()) {
          const event =
            config.type === "request"
              ? {
                  type: "REQUEST",
                  methodArn,
                  resource: request.resource,
                  path: request.path,
                  httpMethod: request.method,
                  headers,
                  queryStringParameters: request.query,
                  pathParameters: request.pathParameters,
                  stageVariables: request.variables,
                  requestContext: context,
                }
              : { type: "TOKEN", authorizationToken: token, methodArn };
          try {
            const result = (await options.invoker.invoke(functionName, event)) as {
              principalId: string;
              policyDocument: unknown;
              context?: Record<string, unknown>;
            };
            cached = { expires: now() + ttl, principalId: result.principalId, context: result.context ?? {}, policy: result.policyDocument };
            if (ttl > 0) authorizerCache.set(`${scheme}:${token}`, cached);
          } catch (error) {
            if ((error as Error).message === "Unauthorized") return { answer: gatewayResponse("UNAUTHORIZED", context) };
            return { answer: gatewayResponse("INTEGRATION_FAILURE", context, "AuthorizerConfigurationException") };
          }
        }
        if (!policyAllows(cached.policy, methodArn)) return { answer: gatewayResponse("ACCESS_DENIED", context) };
        return { authorizer: { principalId: cached.principalId, ...cached.context } };
      }
    }
    return {};
  };

  const handle = async (req: IncomingMessage, started: number): Promise<{ answer: Answer; context: Record<string, unknown> }> => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const [, stageName, ...rest] = url.pathname.split("/");
    const resourcePathOnly = `/${rest.join("/")}`;
    const method = (req.method ?? "GET").toUpperCase();
    const requestId = randomUUID();
    const { single: headers, multi: multiValueHeaders } = headerMap(req);
    const sourceIp = req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1";
    const baseContext: Record<string, unknown> = {
      requestId,
      extendedRequestId: requestId,
      httpMethod: method,
      path: url.pathname,
      stage: stage.name,
      apiId: options.apiId,
      accountId: options.account,
      domainName: `127.0.0.1:${port}`,
      protocol: `HTTP/${req.httpVersion}`,
      requestTimeEpoch: started,
      requestTime: new Date(started).toUTCString(),
      identity: { sourceIp, userAgent: headers["user-agent"] ?? headers["User-Agent"] ?? "" },
    };
    if (stageName !== stage.name) return { answer: gatewayResponse("MISSING_AUTHENTICATION_TOKEN", baseContext), context: baseContext };
    const match = matchRoute(paths, method, resourcePathOnly);
    if (!match) return { answer: gatewayResponse("MISSING_AUTHENTICATION_TOKEN", baseContext), context: baseContext };
    const context = { ...baseContext, resourcePath: match.resource };
    const methodArn = `arn:aws:execute-api:${options.region}:${options.account}:${options.apiId}/${stage.name}/${method}${resourcePathOnly}`;
    const authorizerQuery: Record<string, string> = Object.fromEntries(url.searchParams);
    const variables = stageVariablesFor(stage, (options.random ?? Math.random)()).variables;
    // API keys and usage plans come before the authorizer, as in API Gateway: a missing or unknown key is
    // a 403, a plan's throttle or quota (and the method's and stage's limits) a 429.
    const requirement = ((match.operation.security as Record<string, string[]>[] | undefined) ?? [])[0] ?? {};
    const keyHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === "x-api-key")?.[1];
    if ("api_key" in requirement && (keyHeader === undefined || !Object.values(options.apiKeys).includes(keyHeader) || throttler.planOf(stage.name, keyHeader) === undefined)) {
      return { answer: gatewayResponse("INVALID_API_KEY", context), context };
    }
    const decision = throttler.take({ stage: stage.name, method, resourcePath: match.resource, now: now(), ...("api_key" in requirement && keyHeader ? { apiKey: keyHeader } : {}) });
    if (!decision.allowed && options.throttling !== false) return { answer: gatewayResponse(decision.type, context), context };
    const auth = await authorize(match.operation, headers, methodArn, context, {
      resource: match.resource,
      path: resourcePathOnly,
      method,
      query: authorizerQuery,
      pathParameters: match.pathParameters,
      variables,
    });
    if (auth.answer) return { answer: auth.answer, context };
    const fullContext = { ...context, ...(auth.authorizer ? { authorizer: auth.authorizer } : {}) };
    const body = await readBody(req);
    const query: Record<string, string> = {};
    const multiQuery: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) {
      query[k] = v;
      (multiQuery[k] ??= []).push(v);
    }
    const header = (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
    const invalid = validateRequest(document, match.operation, { headers, query, contentType: header("content-type"), body: body.toString("utf8"), pathParameters: match.pathParameters });
    if (invalid) return { answer: gatewayResponse(invalid.type, fullContext, invalid.message), context: fullContext };
    const integration = match.operation["x-amazon-apigateway-integration"] as Record<string, unknown>;
    // The stage cache: GET methods with caching on; Cache-Control: max-age=0 invalidates only for a caller
    // allowed execute-api:InvalidateCache (the twin has no IAM: a SigV4-signed request counts as allowed).
    const cacheSettings = methodCacheSettings(options.resources, stage.name, method, match.resource, { restApi: api.name });
    let cacheKey: string | undefined;
    let cacheWarning = false;
    if (cacheSettings.enabled) {
      const directive = cacheDirective(headers, cacheSettings, header("authorization")?.startsWith("AWS4-HMAC-SHA256 ") === true);
      if (directive.action === "forbidden") return { answer: gatewayResponse("ACCESS_DENIED", fullContext), context: fullContext };
      cacheKey = cache.key(`${method} ${match.resource}`, match.pathParameters, query, headers, (integration.cacheKeyParameters as string[] | undefined) ?? []);
      if (directive.action === "invalidate") cache.invalidate(cacheKey);
      cacheWarning = directive.action === "ignore-with-header";
      const cached = cache.get(cacheKey);
      if (cached) return { answer: { ...cached, cache: "hit", ...(cacheWarning ? { headers: { ...cached.headers, [CACHE_CONTROL_IGNORED_HEADER.name]: CACHE_CONTROL_IGNORED_HEADER.value } } : {}) }, context: fullContext };
    }
    const integrationStarted = Date.now();
    const timeoutMs = Number(integration.timeoutInMillis ?? 29000);
    const answer = await integrate(integration, {
      method,
      resource: match.resource,
      path: resourcePathOnly,
      headers,
      multiValueHeaders,
      query,
      multiQuery,
      pathParameters: match.pathParameters,
      body,
      context: fullContext,
      timeoutMs,
      variables,
    });
    if (cacheKey !== undefined && answer.status >= 200 && answer.status < 300) cache.set(cacheKey, answer, cacheSettings.ttlSeconds);
    const headersOut = cacheWarning ? { ...answer.headers, [CACHE_CONTROL_IGNORED_HEADER.name]: CACHE_CONTROL_IGNORED_HEADER.value } : answer.headers;
    return {
      answer: { ...answer, headers: headersOut, integrationLatencyMs: Date.now() - integrationStarted, ...(cacheKey !== undefined ? { cache: "miss" as const } : {}) },
      context: fullContext,
    };
  };

  interface IntegrationRequest {
    method: string;
    resource: string;
    path: string;
    headers: Record<string, string>;
    multiValueHeaders: Record<string, string[]>;
    query: Record<string, string>;
    multiQuery: Record<string, string[]>;
    pathParameters: Readonly<Record<string, string>>;
    body: Buffer;
    context: Record<string, unknown>;
    timeoutMs: number;
    variables: Readonly<Record<string, string>>;
  }

  const integrate = async (integration: Record<string, unknown>, r: IntegrationRequest): Promise<Answer> => {
    const type = String(integration.type);
    const uri = substituteStageVariables(String(integration.uri ?? ""), r.variables);
    if (type === "aws_proxy") {
      const functionName = /:function:([A-Za-z0-9_-]+)/.exec(uri)?.[1];
      const qualifier = /:function:[A-Za-z0-9_-]+:([^/]+)\/invocations$/.exec(uri)?.[1];
      if (!functionName) return gatewayResponse("INTEGRATION_FAILURE", r.context);
      const event = {
        resource: r.resource,
        path: r.path,
        httpMethod: r.method,
        headers: r.headers,
        multiValueHeaders: r.multiValueHeaders,
        queryStringParameters: Object.keys(r.query).length > 0 ? r.query : null,
        multiValueQueryStringParameters: Object.keys(r.multiQuery).length > 0 ? r.multiQuery : null,
        pathParameters: Object.keys(r.pathParameters).length > 0 ? r.pathParameters : null,
        stageVariables: Object.keys(r.variables).length > 0 ? r.variables : null,
        requestContext: { ...r.context, resourceId: r.resource, resourcePath: r.resource },
        body: r.body.length > 0 ? r.body.toString("utf8") : null,
        isBase64Encoded: false,
      };
      try {
        const result = (await options.invoker.invoke(functionName, event, { timeoutMs: r.timeoutMs, ...(qualifier ? { qualifier } : {}) })) as {
          statusCode?: number;
          headers?: Record<string, string>;
          multiValueHeaders?: Record<string, string[]>;
          body?: string;
          isBase64Encoded?: boolean;
        };
        if (!result || typeof result.statusCode !== "number") return gatewayResponse("INTEGRATION_FAILURE", r.context, "Internal server error");
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
        for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) headers[k.toLowerCase()] = v.join(",");
        const body = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : (result.body ?? "");
        return { status: result.statusCode, headers, body };
      } catch (error) {
        if (error instanceof FunctionTimeout) return gatewayResponse("INTEGRATION_TIMEOUT", r.context);
        return gatewayResponse("INTEGRATION_FAILURE", r.context, "Internal server error");
      }
    }
    if (type === "mock") {
      const requestTemplate = (integration.requestTemplates as Record<string, string> | undefined)?.["application/json"] ?? '{"statusCode": 200}';
      const templateRequest = { body: r.body.toString("utf8"), headers: r.headers, queryString: r.query, pathParameters: r.pathParameters, context: r.context, stageVariables: r.variables };
      let status = 200;
      try {
        status = Number((JSON.parse(render(requestTemplate, templateRequest)) as { statusCode?: number }).statusCode ?? 200);
      } catch {
        return gatewayResponse("INTEGRATION_FAILURE", r.context);
      }
      const selected = selectIntegrationResponse(integration.responses as Record<string, IntegrationResponseEntry> | undefined, String(status));
      const template = selected?.responseTemplates?.["application/json"];
      const rendered = template ? renderWithOverrides(template, { ...templateRequest, body: "" }) : undefined;
      // $context.responseOverride in the response template wins over the integration response's settings.
      const headers = integrationResponseHeaders(selected, rendered?.overrides.response.header);
      return { status: rendered?.overrides.response.status ?? Number(selected?.statusCode ?? status), headers, body: rendered?.output ?? "" };
    }
    if (type === "aws" && uri.includes(":lambda:path/")) {
      // A Lambda (non-proxy) integration: the request template makes the event; the integration response
      // whose selection pattern matches the function's error message maps an error, the default one a
      // result, and an error no pattern matches too (AWS: unmapped Lambda errors answer 200 OK by default).
      const functionName = /:function:([A-Za-z0-9_-]+)/.exec(uri)?.[1] as string;
      const qualifier = /:function:[A-Za-z0-9_-]+:([^/]+)\/invocations$/.exec(uri)?.[1];
      const templateRequest = { body: r.body.toString("utf8"), headers: r.headers, queryString: r.query, pathParameters: r.pathParameters, context: r.context, stageVariables: r.variables };
      const requestTemplate = (integration.requestTemplates as Record<string, string> | undefined)?.["application/json"];
      let payload: unknown;
      try {
        payload = requestTemplate !== undefined ? JSON.parse(render(requestTemplate, templateRequest)) : JSON.parse(r.body.length > 0 ? r.body.toString("utf8") : "{}");
      } catch {
        return gatewayResponse("BAD_REQUEST_BODY", r.context);
      }
      let result: unknown;
      let errorMessage: string | undefined;
      try {
        result = await options.invoker.invoke(functionName, payload, { timeoutMs: r.timeoutMs, ...(qualifier ? { qualifier } : {}) });
      } catch (error) {
        if (error instanceof FunctionTimeout) return gatewayResponse("INTEGRATION_TIMEOUT", r.context);
        errorMessage = (error as Error).message;
        result = { errorMessage, errorType: (error as { errorType?: string }).errorType ?? "Error" };
      }
      const responses = (integration.responses as Record<string, IntegrationResponseEntry> | undefined) ?? {};
      const selected =
        (errorMessage !== undefined ? Object.entries(responses).find(([pattern]) => pattern !== "default" && new RegExp(`^${pattern}$`).test(errorMessage as string))?.[1] : undefined) ??
        responses.default;
      if (!selected) return gatewayResponse("INTEGRATION_FAILURE", r.context);
      return integrationAnswer(selected, templateRequest, JSON.stringify(result));
    }
    if (type === "aws" && (uri.includes(":sqs:path/") || uri.includes(":states:action/StartExecution"))) {
      // SQS SendMessage and Step Functions StartExecution reach the twin's stand-ins, which record what they
      // receive and answer as the services do; the integration's templates shape the request and the answer.
      const templateRequest = { body: r.body.toString("utf8"), headers: r.headers, queryString: r.query, pathParameters: r.pathParameters, context: r.context, stageVariables: r.variables };
      const requestTemplate = (integration.requestTemplates as Record<string, string> | undefined)?.["application/json"] ?? "";
      let serviceAnswer: unknown;
      try {
        const payload = render(requestTemplate, templateRequest);
        serviceAnswer = uri.includes(":sqs:path/") ? standIns.sendMessage(uri.replace(/^.*:sqs:path\//, ""), payload) : standIns.startExecution(payload);
      } catch (error) {
        return { status: 400, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: "bad_request", message: (error as Error).message }) };
      }
      const selected = (integration.responses as Record<string, IntegrationResponseEntry> | undefined)?.default ?? { statusCode: "200" };
      return integrationAnswer(selected, templateRequest, JSON.stringify(serviceAnswer));
    }
    if (type === "aws" && uri.includes(":s3:path/")) {
      const [bucket, ...keyParts] = (/:s3:path\/(.+)$/.exec(uri)?.[1] ?? "").split("/");
      const folder = bucket ? options.buckets[bucket] : undefined;
      const key = keyParts.join("/").replace(/\{key\}/, r.pathParameters.key ?? "");
      if (!folder) return gatewayResponse("INTEGRATION_FAILURE", r.context, "the twin has no folder for this bucket");
      const file = path.resolve(folder, key);
      if (!file.startsWith(folder + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        // S3 answers 403 AccessDenied to a missing key without s3:ListBucket; the integration's responses map it.
        const selected = selectIntegrationResponse(integration.responses as Record<string, IntegrationResponseEntry> | undefined, "403");
        if (!selected) return gatewayResponse("INTEGRATION_FAILURE", r.context);
        const templateRequest = { headers: r.headers, queryString: r.query, pathParameters: r.pathParameters, context: r.context, stageVariables: r.variables };
        return integrationAnswer(selected, templateRequest, S3_ACCESS_DENIED);
      }
      return { status: 200, headers: { "content-type": contentType(path.basename(file)) }, body: fs.readFileSync(file) };
    }
    if ((type === "http_proxy" || type === "http") && integration.connectionType !== "VPC_LINK") {
      const target = localTarget(uri, r.pathParameters, options.httpBackends ?? {});
      const templateRequest = { body: r.body.toString("utf8"), headers: r.headers, queryString: r.query, pathParameters: r.pathParameters, context: r.context, stageVariables: r.variables };
      // Request parameters: static values ('x') and the method request's headers, query strings and path.
      const mapped: Record<string, string> = {};
      for (const [to, from] of Object.entries((integration.requestParameters as Record<string, string> | undefined) ?? {})) {
        const name = /^integration\.request\.header\.(.+)$/.exec(to)?.[1];
        if (!name) continue;
        const value = /^'(.*)'$/.exec(from)?.[1] ?? methodRequestValue(from, r);
        if (value !== undefined) mapped[name.toLowerCase()] = value;
      }
      const requestTemplate = type === "http" ? (integration.requestTemplates as Record<string, string> | undefined)?.["application/json"] : undefined;
      const renderedRequest = requestTemplate !== undefined ? renderWithOverrides(requestTemplate, templateRequest) : undefined;
      // $context.requestOverride.header.<name> in the request template sets that integration request header.
      for (const [name, value] of Object.entries(renderedRequest?.overrides.request.header ?? {})) mapped[name.toLowerCase()] = ([] as string[]).concat(value).join(",");
      const outgoingBody = renderedRequest ? renderedRequest.output : r.body.length > 0 ? r.body : undefined;
      const method = type === "http_proxy" ? r.method : String(integration.httpMethod ?? r.method);
      try {
        const response = await fetch(target, {
          method: method === "ANY" ? r.method : method,
          headers: {
            ...(type === "http_proxy" ? Object.fromEntries(Object.entries(r.headers).filter(([k]) => !["host", "content-length", "connection"].includes(k.toLowerCase()))) : {}),
            ...mapped,
          },
          ...(outgoingBody !== undefined && !["GET", "HEAD"].includes(method) ? { body: outgoingBody } : {}),
          signal: AbortSignal.timeout(r.timeoutMs),
        });
        const bodyText = Buffer.from(await response.arrayBuffer());
        if (type === "http_proxy") {
          const headers: Record<string, string> = {};
          response.headers.forEach((v, k) => {
            if (!["content-encoding", "transfer-encoding", "connection", "content-length"].includes(k)) headers[k] = v;
          });
          return { status: response.status, headers, body: bodyText };
        }
        // A non-proxy HTTP integration: the integration response whose selection pattern matches the backend's
        // status (else the default) sets the status, and its template reshapes the backend's body.
        const selected = selectIntegrationResponse(integration.responses as Record<string, IntegrationResponseEntry> | undefined, String(response.status));
        const template = selected?.responseTemplates?.["application/json"];
        const rendered = template ? renderWithOverrides(template, { ...templateRequest, body: bodyText.toString("utf8") }) : undefined;
        return {
          status: rendered?.overrides.response.status ?? Number(selected?.statusCode ?? response.status),
          headers: integrationResponseHeaders(selected, rendered?.overrides.response.header),
          body: rendered?.output ?? bodyText,
        };
      } catch (error) {
        if ((error as Error).name === "TimeoutError") return gatewayResponse("INTEGRATION_TIMEOUT", r.context);
        return gatewayResponse("INTEGRATION_FAILURE", r.context, `the twin could not reach ${new URL(target).host}; point it at a local server with --backend ${new URL(target).host}=http://127.0.0.1:<port>`);
      }
    }
    return {
      status: 502,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ error: "not_served_locally", message: `the local twin cannot serve this ${integration.connectionType === "VPC_LINK" ? "private (VPC link)" : type} integration` }),
      errorMessage: "not served locally",
    };
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "GET" && req.url === "/_twin/metrics") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(metrics.toJson());
      return;
    }
    if (req.method === "GET" && req.url === "/_twin/stand-ins") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(standIns.recorded(), null, 2));
      return;
    }
    const started = Date.now();
    handle(req, started)
      .catch((error: unknown) => ({ answer: gatewayResponse("INTEGRATION_FAILURE", {}, (error as Error).message), context: {} as Record<string, unknown> }))
      .then(({ answer, context }) => {
        res.writeHead(answer.status, { ...answer.headers, "x-amzn-requestid": String(context.requestId ?? "") });
        res.end(answer.body);
        const values: Record<string, unknown> = {
          "$context.requestId": context.requestId,
          "$context.extendedRequestId": context.extendedRequestId,
          "$context.requestTimeEpoch": started,
          "$context.identity.sourceIp": (context.identity as { sourceIp?: string } | undefined)?.sourceIp,
          "$context.identity.userAgent": (context.identity as { userAgent?: string } | undefined)?.userAgent,
          "$context.httpMethod": context.httpMethod,
          "$context.resourcePath": context.resourcePath,
          "$context.path": context.path,
          "$context.protocol": context.protocol,
          "$context.stage": stage.name,
          "$context.status": answer.status,
          "$context.responseLength": Buffer.byteLength(answer.body),
          "$context.responseLatency": Date.now() - started,
          "$context.integrationLatency": answer.integrationLatencyMs,
          "$context.error.message": answer.errorMessage,
          "$context.error.responseType": answer.errorType,
        };
        log(JSON.stringify(Object.fromEntries(Object.entries(REST_ACCESS_LOG_FIELDS).map(([field, variable]) => [field, values[variable] ?? "-"]))));
        // Requests outside the stage never reach it: CloudWatch counts them nowhere.
        if (new URL(req.url ?? "/", "http://twin").pathname.split("/")[1] === stage.name) {
          metrics.record({
            resourcePath: context.resourcePath as string | undefined,
            method: req.method ?? "GET",
            status: answer.status,
            latencyMs: values["$context.responseLatency"] as number,
            integrationLatencyMs: answer.integrationLatencyMs,
            ...(answer.cache ? { cache: answer.cache } : {}),
          });
        }
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/${stage.name}`,
    port,
    metrics,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
