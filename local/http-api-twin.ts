import { isUtf8 } from "node:buffer";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { HTTP_ACCESS_LOG_FIELDS } from "../components/http-api/access-log-format";
import { HTTP_API_ERRORS, type HttpApiErrorType } from "./gateway-errors";
import type { TwinHttpApi, TwinHttpCors, TwinHttpIntegration, TwinHttpRoute, TwinHttpThrottle } from "./http-api-capture";
import { invokeWithin } from "./invoke";
import { createStageMetrics, type StageMetrics } from "./metrics";
import type { FunctionInvoker } from "./model";
import { compareSpecificity, compilePath, matchPath, type PathPattern } from "./path-match";
import { accessLogLine, closeServer, listen, readBody, refuseTooLarge, sendReply } from "./server-kit";
import { requestTime } from "./times";
import type { Claims, TokenVerifier } from "./tokens";

export { requestTime };

/** HTTP APIs' payload limit (10 MB, "Quotas for HTTP APIs"). */
export const HTTP_API_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * The local twin of the stack's HTTP API (API Gateway v2): its `$default` stage served at the root of
 * 127.0.0.1:port, as AWS documents HTTP APIs:
 * - routes by route key, most specific first: literal segments over `{param}` over `{proxy+}`, then
 *   the exact method over `ANY`, then `$default`; no match is 404 `{"message":"Not Found"}`;
 * - CORS (when the API has a configuration): preflight requests (OPTIONS with Origin and
 *   Access-Control-Request-Method) are answered 204 by the gateway, whatever the routes; responses to
 *   an allowed origin get the configured headers, and the integrations' own CORS headers are dropped;
 * - JWT routes: the token (`Bearer ` optional) verified by the twin's own issuer, which stands in for
 *   the stack's user pool; missing or invalid 401, none of the route's scopes 403; the claims (values
 *   as strings, as HTTP APIs pass them) and scopes in `requestContext.authorizer.jwt`;
 * - IAM routes: a SigV4 Authorization header (or presigned query) is required, not verified (no IAM);
 * - Lambda (payload 2.0) integrations: the 2.0 event, the 2.0 response rules, 500 on a function
 *   error, 503 when the integration times out (30 s at most);
 * - HTTP_PROXY to public URLs forwarded; VPC-link (private) integrations answer 502;
 * - the stage's throttling (token buckets per route, full at start): 429;
 * - one JSON access-log line per request (components/http-api/access-log-format.ts) and the
 *   stage's metrics at `GET /_twin/metrics`.
 */

export interface HttpApiTwinOptions {
  readonly api: TwinHttpApi;
  readonly invoker: FunctionInvoker;
  /** Verifies the JWT routes' tokens (the twin's issuer replaces the stack's). */
  readonly tokens: TokenVerifier;
  readonly region: string;
  readonly account: string;
  /** The API's id in `requestContext.apiId`. */
  readonly apiId: string;
  /** @default 0 (ephemeral) */
  readonly port?: number;
  /** One access-log line per request. @default stdout */
  readonly log?: (line: string) => void;
  /** The twin's own diagnostics. @default stderr */
  readonly warn?: (line: string) => void;
  /** Local base URLs for HTTP_PROXY integration hosts, by host (as `npm start -- --backend host=URL`). @default {} */
  readonly httpBackends?: Readonly<Record<string, string>>;
  /** Epoch ms, for the throttle's buckets. @default Date.now */
  readonly now?: () => number;
}

export interface HttpApiTwin {
  /** `http://127.0.0.1:<port>`: the `$default` stage has no path prefix. */
  readonly url: string;
  readonly port: number;
  /** What CloudWatch would count for the stage; also served at `GET /_twin/metrics`. */
  readonly metrics: StageMetrics;
  close(): Promise<void>;
}

type GatewayError = HttpApiErrorType;
const GATEWAY_ERRORS = HTTP_API_ERRORS;

// ---------------------------------------------------------------------------------------------
// Routes

export interface RouteMatch {
  readonly route: TwinHttpRoute;
  readonly pathParameters: Readonly<Record<string, string>>;
}

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Route paths compiled once per route list. */
const compiled = new WeakMap<TwinHttpRoute, PathPattern>();
function patternOf(route: TwinHttpRoute, path: string): PathPattern {
  let pattern = compiled.get(route);
  if (!pattern) {
    pattern = compilePath(path);
    compiled.set(route, pattern);
  }
  return pattern;
}

/**
 * The route an HTTP API selects for a request: the most specific path that matches (literal segments
 * over path variables over a greedy variable), the exact method over `ANY`, and `$default` when no
 * other route matches.
 */
export function matchHttpRoute(routes: readonly TwinHttpRoute[], method: string, path: string): RouteMatch | undefined {
  const parts = path.split("/").slice(1);
  const candidates: { route: TwinHttpRoute; pattern: PathPattern; exact: boolean; pathParameters: Record<string, string> }[] = [];
  for (const route of routes) {
    if (route.routeKey === "$default") continue;
    const [routeMethod, routePath] = route.routeKey.split(" ") as [string, string | undefined];
    if (routePath === undefined || (routeMethod !== "ANY" && routeMethod !== method)) continue;
    const pattern = patternOf(route, routePath);
    const raw = matchPath(pattern, parts, { emptyInGreedy: false });
    if (raw) candidates.push({ route, pattern, exact: routeMethod === method, pathParameters: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decode(v)])) });
  }
  candidates.sort((a, b) => compareSpecificity(a.pattern, b.pattern) || Number(b.exact) - Number(a.exact));
  const best = candidates[0];
  if (best) return { route: best.route, pathParameters: best.pathParameters };
  const fallback = routes.find((r) => r.routeKey === "$default");
  return fallback ? { route: fallback, pathParameters: {} } : undefined;
}

// ---------------------------------------------------------------------------------------------
// CORS

/** The `access-control-allow-origin` value for `origin`, or undefined when the configuration does not allow it. */
export function allowedOrigin(cors: TwinHttpCors, origin: string): string | undefined {
  for (const allowed of cors.allowOrigins) {
    if (allowed === "*") return "*";
    const pattern = new RegExp(`^${allowed.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
    if (pattern.test(origin)) return origin;
  }
  return undefined;
}

/** The headers a preflight request from an allowed origin gets (none for another origin). */
export function preflightHeaders(cors: TwinHttpCors, origin: string): Record<string, string> {
  const allow = allowedOrigin(cors, origin);
  if (allow === undefined) return {};
  return {
    "access-control-allow-origin": allow,
    ...(cors.allowMethods.length > 0 ? { "access-control-allow-methods": cors.allowMethods.join(",") } : {}),
    ...(cors.allowHeaders.length > 0 ? { "access-control-allow-headers": cors.allowHeaders.join(",") } : {}),
    ...(cors.maxAge !== undefined ? { "access-control-max-age": String(cors.maxAge) } : {}),
    ...(cors.allowCredentials ? { "access-control-allow-credentials": "true" } : {}),
  };
}

/** A response's headers as the API sends them: the integration's CORS headers replaced by the configured ones. */
function withCors(cors: TwinHttpCors | undefined, origin: string | undefined, headers: Record<string, string | string[]>): Record<string, string | string[]> {
  if (!cors) return headers;
  const out = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith("access-control-")));
  const allow = origin === undefined ? undefined : allowedOrigin(cors, origin);
  if (allow === undefined) return out;
  return {
    ...out,
    "access-control-allow-origin": allow,
    ...(cors.exposeHeaders.length > 0 ? { "access-control-expose-headers": cors.exposeHeaders.join(",") } : {}),
    ...(cors.allowCredentials ? { "access-control-allow-credentials": "true" } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Throttling

/** Token buckets per route key: capacity the burst limit, refilled at the rate limit, full at start. */
function createBuckets(api: TwinHttpApi, now: () => number): (routeKey: string) => boolean {
  const buckets = new Map<string, { tokens: number; at: number; limits: TwinHttpThrottle }>();
  return (routeKey) => {
    const limits = api.routeThrottling[routeKey] ?? api.throttling;
    if (!limits) return true;
    const t = now();
    let bucket = buckets.get(routeKey);
    if (!bucket) {
      bucket = { tokens: limits.burstLimit, at: t, limits };
      buckets.set(routeKey, bucket);
    }
    bucket.tokens = Math.min(limits.burstLimit, bucket.tokens + ((t - bucket.at) / 1000) * limits.rateLimit);
    bucket.at = t;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}

// ---------------------------------------------------------------------------------------------
// The Lambda payload 2.0

const TEXT_CONTENT = /^(text\/|application\/(json|xml|javascript|ecmascript|x-javascript|graphql)\b|[^;]*\+(json|xml)\b)/i;

/** Whether a request body reaches the function as text (else base64): text media types, or no type and UTF-8. */
function bodyIsText(contentType: string | undefined, body: Buffer): boolean {
  if (contentType === undefined) return isUtf8(body);
  return TEXT_CONTENT.test(contentType.trim()) && isUtf8(body);
}

/** Claims as HTTP APIs hand them to integrations: every value a string (numbers as digits, lists as `[a b]`). */
export function claimStrings(claims: Claims): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      typeof value === "string" ? value : Array.isArray(value) ? `[${value.map(String).join(" ")}]` : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value),
    ]),
  );
}

/** The scopes a token carries (`scope`, space-separated, or `scp`). */
export function tokenScopes(claims: Claims): string[] {
  const raw = claims.scope ?? claims.scp;
  if (Array.isArray(raw)) return raw.map(String);
  return typeof raw === "string" ? raw.split(" ").filter((s) => s !== "") : [];
}

export interface IntegrationAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer | string;
}

/**
 * A function's result under the 2.0 rules: an object with `statusCode` is the response (headers,
 * cookies as set-cookie headers, body, isBase64Encoded); any other value is 200, `content-type:
 * application/json`, with the value as the body (a string as it is, anything else as its JSON).
 * Undefined when the result cannot be a response (a bad statusCode): the gateway answers 500.
 */
export function lambdaResponse(result: unknown): IntegrationAnswer | undefined {
  if (typeof result === "object" && result !== null && !Array.isArray(result) && "statusCode" in result) {
    const r = result as { statusCode: unknown; headers?: Record<string, unknown>; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
    const status = Number(r.statusCode);
    if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(r.headers ?? {})) headers[name.toLowerCase()] = String(value);
    if (Array.isArray(r.cookies) && r.cookies.length > 0) headers["set-cookie"] = r.cookies.map(String);
    const text = r.body === undefined || r.body === null ? "" : typeof r.body === "string" ? r.body : JSON.stringify(r.body);
    return { status, headers, body: r.isBase64Encoded === true ? Buffer.from(text, "base64") : text };
  }
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: typeof result === "string" ? result : JSON.stringify(result ?? null),
  };
}

// ---------------------------------------------------------------------------------------------
// The server

interface Outcome {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer | string;
  readonly routeKey?: string;
  readonly claims?: Claims;
  readonly authorizerError?: string;
  readonly errorMessage?: string;
  readonly errorType?: string;
  readonly integrationStatus?: number;
  readonly integrationLatencyMs?: number;
  readonly integrationRequestId?: string;
  readonly integrationError?: string;
  /** The gateway's answer to a CORS preflight: its headers are final. */
  readonly preflight?: boolean;
}


/** Request headers with lower-case names, repeated ones joined with commas (as payload 2.0 has them). */
function joinedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    const value = req.rawHeaders[i + 1] as string;
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return headers;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host", "upgrade", "te", "trailer", "proxy-authorization"]);

/** Starts the HTTP API's `$default` stage on 127.0.0.1. */
export async function startHttpApiTwin(options: HttpApiTwinOptions): Promise<HttpApiTwin> {
  const { api } = options;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const take = createBuckets(api, now);
  const metrics = createStageMetrics(api.name, "$default");
  let port = 0;

  const gatewayError = (type: GatewayError, extra: Partial<Outcome> = {}, headers: Record<string, string> = {}): Outcome => {
    const { status, message } = GATEWAY_ERRORS[type];
    return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ message }), errorMessage: message, errorType: type, ...extra };
  };

  const notServed = (what: string, routeKey: string): Outcome => ({
    status: 502,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ error: "not_served_locally", message: `the local twin cannot serve this ${what}` }),
    routeKey,
    errorMessage: "not served locally",
    errorType: "INTEGRATION_FAILURE",
  });

  interface Request {
    readonly method: string;
    readonly rawPath: string;
    readonly rawQueryString: string;
    readonly headers: Record<string, string>;
    readonly requestId: string;
    readonly started: number;
    readonly sourceIp: string;
    readonly domainName: string;
  }

  /** 401/403 for a refused request; the authorizer's context for an accepted one. */
  const authorize = async (route: TwinHttpRoute, r: Request): Promise<{ refused?: Outcome; authorizer?: Record<string, unknown>; claims?: Claims }> => {
    const routeKey = route.routeKey;
    if (route.authorizationType === "JWT") {
      const source = api.jwt?.identitySource ?? "$request.header.Authorization";
      const [, where, name = ""] = /^\$request\.(header|querystring)\.(.+)$/.exec(source) ?? [];
      const value = where === "querystring" ? (new URLSearchParams(r.rawQueryString).get(name) ?? undefined) : r.headers[name.toLowerCase()];
      if (!value) return { refused: gatewayError("UNAUTHORIZED", { routeKey, authorizerError: "the token is missing" }) };
      const claims = await options.tokens.verify(value.replace(/^Bearer\s+/i, "").trim());
      if (!claims) {
        return {
          refused: gatewayError("UNAUTHORIZED", { routeKey, authorizerError: "the token is not valid" }, { "www-authenticate": 'Bearer scope="" error="invalid_token" error_description="the token is not valid"' }),
        };
      }
      const scopes = tokenScopes(claims);
      if (route.scopes.length > 0 && !route.scopes.some((s) => scopes.includes(s))) {
        return {
          refused: gatewayError(
            "FORBIDDEN",
            { routeKey, claims, authorizerError: "insufficient scope" },
            { "www-authenticate": `Bearer scope="${route.scopes.join(" ")}" error="insufficient_scope" error_description="expected scopes: [${route.scopes.join(" ")}]"` },
          ),
        };
      }
      return { claims, authorizer: { jwt: { claims: claimStrings(claims), scopes: scopes.length > 0 ? scopes : null } } };
    }
    if (route.authorizationType === "AWS_IAM") {
      // The twin has no IAM: a SigV4 signature is required but not checked.
      const header = r.headers.authorization ?? "";
      const query = new URLSearchParams(r.rawQueryString);
      const signed = header.startsWith("AWS4-HMAC-SHA256 ") || query.get("X-Amz-Algorithm") === "AWS4-HMAC-SHA256";
      if (!signed) return { refused: gatewayError("FORBIDDEN", { routeKey, authorizerError: "the request is not signed (SigV4)" }) };
      const accessKey = /Credential=([^/]+)\//.exec(header)?.[1] ?? query.get("X-Amz-Credential")?.split("/")[0] ?? null;
      return { authorizer: { iam: { accessKey, accountId: null, callerId: null, cognitoIdentity: null, principalOrgId: null, userArn: null, userId: null } } };
    }
    return {};
  };

  const invokeLambda = async (
    integration: Extract<TwinHttpIntegration, { kind: "lambda" }>,
    route: TwinHttpRoute,
    pathParameters: Readonly<Record<string, string>>,
    authorizer: Record<string, unknown> | undefined,
    r: Request,
    body: Buffer,
  ): Promise<Outcome> => {
    const routeKey = route.routeKey;
    if (integration.payloadFormatVersion !== "2.0") return notServed(`payload format ${integration.payloadFormatVersion} Lambda integration`, routeKey);
    const headers = { ...r.headers };
    const cookies = headers.cookie?.split(";").map((c) => c.trim()).filter((c) => c !== "");
    delete headers.cookie;
    headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${r.sourceIp}` : r.sourceIp;
    headers["x-forwarded-port"] = String(port);
    headers["x-forwarded-proto"] = "http";
    headers["x-amzn-trace-id"] ??= `Root=1-${Math.floor(r.started / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
    const query: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(r.rawQueryString)) query[k] = k in query ? `${query[k]},${v}` : v;
    const text = bodyIsText(headers["content-type"], body);
    const event = {
      version: "2.0",
      routeKey,
      rawPath: r.rawPath,
      rawQueryString: r.rawQueryString,
      ...(cookies && cookies.length > 0 ? { cookies } : {}),
      headers,
      ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
      ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
      requestContext: {
        accountId: options.account,
        apiId: options.apiId,
        ...(authorizer ? { authorizer } : {}),
        domainName: r.domainName,
        domainPrefix: r.domainName.split(".")[0]?.split(":")[0] ?? r.domainName,
        http: { method: r.method, path: r.rawPath, protocol: "HTTP/1.1", sourceIp: r.sourceIp, userAgent: r.headers["user-agent"] ?? "" },
        requestId: r.requestId,
        routeKey,
        stage: "$default",
        time: requestTime(r.started),
        timeEpoch: r.started,
      },
      ...(body.length > 0 ? { body: text ? body.toString("utf8") : body.toString("base64") } : {}),
      isBase64Encoded: body.length > 0 && !text,
    };
    const integrationRequestId = randomUUID();
    const call = await invokeWithin(options.invoker, integration.functionName, event, { timeoutMs: integration.timeoutMs, qualifier: integration.qualifier });
    const latency = call.latencyMs;
    if (call.outcome === "timeout") {
      return gatewayError("INTEGRATION_TIMEOUT", { routeKey, integrationLatencyMs: latency, integrationRequestId, integrationError: `the integration timed out after ${integration.timeoutMs} ms` });
    }
    if (call.outcome !== "result") {
      const why = call.outcome === "too-large" ? "the event is larger than Lambda accepts (6 MB)" : `${call.errorType}: ${call.message}`;
      return gatewayError("INTEGRATION_FAILURE", { routeKey, integrationStatus: 200, integrationLatencyMs: latency, integrationRequestId, integrationError: why });
    }
    const answer = lambdaResponse(call.value);
    if (!answer) {
      return gatewayError("INTEGRATION_FAILURE", { routeKey, integrationStatus: 200, integrationLatencyMs: latency, integrationRequestId, integrationError: "the function's response is not a valid 2.0 response" });
    }
    return { ...answer, routeKey, integrationStatus: answer.status, integrationLatencyMs: latency, integrationRequestId };
  };

  const forward = async (
    integration: Extract<TwinHttpIntegration, { kind: "http" }>,
    routeKey: string,
    pathParameters: Readonly<Record<string, string>>,
    r: Request,
    body: Buffer,
  ): Promise<Outcome> => {
    let target = integration.url;
    for (const [name, value] of Object.entries(pathParameters)) target = target.split(`{${name}}`).join(encodeURI(value));
    const local = options.httpBackends?.[new URL(target).host];
    if (local) {
      const url = new URL(target);
      target = `${local.replace(/\/$/, "")}${url.pathname}${url.search}`;
    }
    if (r.rawQueryString) target += `${target.includes("?") ? "&" : "?"}${r.rawQueryString}`;
    const method = integration.method === "ANY" ? r.method : integration.method;
    const headers = Object.fromEntries(Object.entries(r.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
    headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${r.sourceIp}` : r.sourceIp;
    const started = Date.now();
    try {
      const response = await fetch(target, {
        method,
        headers,
        ...(body.length > 0 && !["GET", "HEAD"].includes(method) ? { body } : {}),
        redirect: "manual",
        signal: AbortSignal.timeout(integration.timeoutMs),
      });
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name) && name !== "set-cookie") out[name] = value;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) out["set-cookie"] = cookies;
      const payload = Buffer.from(await response.arrayBuffer());
      return { status: response.status, headers: out, body: payload, routeKey, integrationStatus: response.status, integrationLatencyMs: Date.now() - started };
    } catch (error) {
      const latency = Date.now() - started;
      if ((error as Error).name === "TimeoutError") {
        return gatewayError("INTEGRATION_TIMEOUT", { routeKey, integrationLatencyMs: latency, integrationError: `${new URL(target).host} did not answer in ${integration.timeoutMs} ms` });
      }
      return gatewayError("INTEGRATION_FAILURE", { routeKey, integrationLatencyMs: latency, integrationError: `the twin could not reach ${new URL(target).host}: ${(error as Error).message}` });
    }
  };

  const handle = async (body: Buffer, r: Request): Promise<Outcome> => {
    const origin = r.headers.origin;
    // CORS preflight: answered by the gateway itself, before any route, authorizer or throttle.
    if (api.cors && r.method === "OPTIONS" && origin !== undefined && r.headers["access-control-request-method"] !== undefined) {
      return { status: 204, headers: preflightHeaders(api.cors, origin), body: "", preflight: true };
    }
    const match = matchHttpRoute(api.routes, r.method, r.rawPath);
    if (!match) return gatewayError("NOT_FOUND");
    const { route, pathParameters } = match;
    if (!take(route.routeKey)) return gatewayError("THROTTLED", { routeKey: route.routeKey });
    if (route.authorizationType === "CUSTOM") return notServed("Lambda authorizer", route.routeKey);
    const auth = await authorize(route, r);
    if (auth.refused) return auth.refused;
    const integration = route.integration;
    const withClaims = (o: Outcome): Outcome => (auth.claims ? { ...o, claims: auth.claims } : o);
    switch (integration.kind) {
      case "lambda":
        return withClaims(await invokeLambda(integration, route, pathParameters, auth.authorizer, r, body));
      case "http":
        return withClaims(await forward(integration, route.routeKey, pathParameters, r, body));
      case "private":
        return withClaims(notServed("private integration: it reaches its backend through a VPC link", route.routeKey));
      case "unsupported":
        return withClaims(notServed(`${integration.type} integration`, route.routeKey));
      default: {
        const unknown: never = integration;
        throw new Error(`unknown integration ${JSON.stringify(unknown)}`);
      }
    }
  };

  const record = (req: IncomingMessage, r: Request, outcome: Outcome, sent: { status: number; body: Buffer | string }): void => {
    const latency = Date.now() - r.started;
    const values: Record<string, unknown> = {
      "$context.requestId": r.requestId,
      "$context.extendedRequestId": r.requestId,
      "$context.requestTimeEpoch": r.started,
      "$context.identity.sourceIp": r.sourceIp,
      "$context.identity.userAgent": r.headers["user-agent"],
      "$context.authorizer.claims.sub": outcome.claims?.sub,
      "$context.domainName": r.domainName,
      "$context.httpMethod": r.method,
      "$context.routeKey": outcome.routeKey,
      "$context.path": r.rawPath,
      "$context.protocol": `HTTP/${req.httpVersion}`,
      "$context.stage": "$default",
      "$context.status": sent.status,
      "$context.responseLength": Buffer.byteLength(sent.body),
      "$context.responseLatency": latency,
      "$context.integration.status": outcome.integrationStatus,
      "$context.integration.latency": outcome.integrationLatencyMs,
      "$context.integration.requestId": outcome.integrationRequestId,
      "$context.integration.error": outcome.integrationError,
      "$context.integrationErrorMessage": outcome.integrationError,
      "$context.authorizer.error": outcome.authorizerError,
      "$context.error.message": outcome.errorMessage,
      "$context.error.responseType": outcome.errorType,
    };
    log(accessLogLine(HTTP_ACCESS_LOG_FIELDS, values));
    metrics.record({
      resourcePath: outcome.routeKey === undefined ? undefined : outcome.routeKey === "$default" ? "$default" : outcome.routeKey.slice(outcome.routeKey.indexOf(" ") + 1),
      method: r.method,
      status: sent.status,
      latencyMs: latency,
      integrationLatencyMs: outcome.integrationLatencyMs,
    });
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, r: Request): Promise<void> => {
    const read = await readBody(req, HTTP_API_MAX_BODY_BYTES);
    if (!read.ok) {
      if (read.reason === "too-large") refuseTooLarge(req, res, HTTP_API_MAX_BODY_BYTES);
      return;
    }
    const outcome = await handle(read.body, r).catch((error: unknown) => gatewayError("INTEGRATION_FAILURE", { integrationError: (error as Error).message }));
    const all = { ...outcome.headers, "apigw-requestid": r.requestId };
    const headers = outcome.preflight ? all : withCors(api.cors, r.headers.origin, all);
    const sent = sendReply(res, { status: outcome.status, headers, body: outcome.body }, (reason) => {
      warn(`the twin answered 500 for ${r.method} ${r.rawPath}: the integration's response cannot be sent (${reason})`);
      const failure = gatewayError("INTEGRATION_FAILURE", { integrationError: reason });
      return { status: failure.status, headers: { ...failure.headers, "apigw-requestid": r.requestId }, body: failure.body };
    });
    record(req, r, outcome, sent);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    if (req.method === "GET" && req.url === "/_twin/metrics") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(metrics.toJson());
      return;
    }
    const requestId = randomBytes(11).toString("base64");
    const headers = joinedHeaders(req);
    const rawTarget = req.url ?? "/";
    const q = rawTarget.indexOf("?");
    const r: Request = {
      method: (req.method ?? "GET").toUpperCase(),
      rawPath: q === -1 ? rawTarget : rawTarget.slice(0, q),
      rawQueryString: q === -1 ? "" : rawTarget.slice(q + 1),
      headers,
      requestId,
      started,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
      domainName: headers.host ?? `127.0.0.1:${port}`,
    };
    serve(req, res, r).catch((error: unknown) => {
      warn(`the HTTP API twin failed to answer: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.destroy();
    });
  });
  port = await listen(server, options.port ?? 0, "HTTP API", (error) => warn(`HTTP API server error: ${error.message}`));
  return { url: `http://127.0.0.1:${port}`, port, metrics, close: () => closeServer(server) };
}
