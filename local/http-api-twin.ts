import { readBody } from "./http-io";
import { isUtf8 } from "node:buffer";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HTTP_ACCESS_LOG_FIELDS } from "../components/http-api/access-log-format";
import type { TwinHttpApi, TwinHttpCors, TwinHttpIntegration, TwinHttpRoute, TwinHttpThrottle } from "./http-api-capture";
import { createStageMetrics, type StageMetrics } from "./metrics";
import type { FunctionInvoker } from "./model";
import type { Claims, TokenVerifier } from "./tokens";

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

/** The gateway's own answers. */
const GATEWAY_ERRORS = {
  NOT_FOUND: { status: 404, message: "Not Found" },
  UNAUTHORIZED: { status: 401, message: "Unauthorized" },
  FORBIDDEN: { status: 403, message: "Forbidden" },
  THROTTLED: { status: 429, message: "Too Many Requests" },
  INTEGRATION_FAILURE: { status: 500, message: "Internal Server Error" },
  INTEGRATION_TIMEOUT: { status: 503, message: "Service Unavailable" },
} as const;
type GatewayError = keyof typeof GATEWAY_ERRORS;

// ---------------------------------------------------------------------------------------------
// Routes

type Segment = { readonly kind: "literal"; readonly value: string } | { readonly kind: "param" | "greedy"; readonly name: string };

export interface RouteMatch {
  readonly route: TwinHttpRoute;
  readonly pathParameters: Readonly<Record<string, string>>;
}

const SEGMENT_RANK = { literal: 3, param: 2, greedy: 1 } as const;

function segmentsOf(path: string): Segment[] {
  return path
    .split("/")
    .slice(1)
    .map((part): Segment => {
      const greedy = /^\{([^}]+)\+\}$/.exec(part);
      if (greedy) return { kind: "greedy", name: greedy[1] as string };
      const param = /^\{([^}]+)\}$/.exec(part);
      return param ? { kind: "param", name: param[1] as string } : { kind: "literal", value: part };
    });
}

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** The path parameters when `segments` match the request path's parts, else undefined. */
function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (segment.kind === "greedy") {
      const rest = parts.slice(i);
      // A greedy variable takes one segment or more, none of them empty.
      if (rest.length === 0 || rest.some((p) => p === "")) return undefined;
      params[segment.name] = decode(rest.join("/"));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === "literal") {
      if (segment.value !== part) return undefined;
    } else {
      if (part === "") return undefined;
      params[segment.name] = decode(part);
    }
  }
  return segments.length === parts.length ? params : undefined;
}

/** Compares two routes' paths segment by segment: literal over `{param}` over `{proxy+}`; negative when `a` is more specific. */
function compareSpecificity(a: readonly Segment[], b: readonly Segment[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) return x ? -1 : 1;
    const diff = SEGMENT_RANK[y.kind] - SEGMENT_RANK[x.kind];
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The route an HTTP API selects for a request: the most specific path that matches (literal segments
 * over path variables over a greedy variable), the exact method over `ANY`, and `$default` when no
 * other route matches.
 */
export function matchHttpRoute(routes: readonly TwinHttpRoute[], method: string, path: string): RouteMatch | undefined {
  const parts = path.split("/").slice(1);
  const candidates: { route: TwinHttpRoute; segments: Segment[]; exact: boolean; pathParameters: Record<string, string> }[] = [];
  for (const route of routes) {
    if (route.routeKey === "$default") continue;
    const [routeMethod, routePath] = route.routeKey.split(" ") as [string, string | undefined];
    if (routePath === undefined || (routeMethod !== "ANY" && routeMethod !== method)) continue;
    const segments = segmentsOf(routePath);
    const pathParameters = matchSegments(segments, parts);
    if (pathParameters) candidates.push({ route, segments, exact: routeMethod === method, pathParameters });
  }
  candidates.sort((a, b) => compareSpecificity(a.segments, b.segments) || Number(b.exact) - Number(a.exact));
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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");
/** `12/Mar/2020:19:03:58 +0000`, as `requestContext.time`. */
export function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
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
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), integration.timeoutMs);
    });
    try {
      const result = await Promise.race([options.invoker.invoke(integration.functionName, event), timedOut]);
      const latency = Date.now() - started;
      if (result === "timeout") {
        return gatewayError("INTEGRATION_TIMEOUT", { routeKey, integrationLatencyMs: latency, integrationRequestId, integrationError: `the integration timed out after ${integration.timeoutMs} ms` });
      }
      const answer = lambdaResponse(result);
      if (!answer) {
        return gatewayError("INTEGRATION_FAILURE", { routeKey, integrationStatus: 200, integrationLatencyMs: latency, integrationRequestId, integrationError: "the function's response is not a valid 2.0 response" });
      }
      return { ...answer, routeKey, integrationStatus: answer.status, integrationLatencyMs: latency, integrationRequestId };
    } catch (error) {
      return gatewayError("INTEGRATION_FAILURE", { routeKey, integrationStatus: 200, integrationLatencyMs: Date.now() - started, integrationRequestId, integrationError: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
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

  const handle = async (req: IncomingMessage, r: Request): Promise<Outcome> => {
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
    const body = await readBody(req);
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
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://twin");
    if (req.method === "GET" && url.pathname === "/_twin/metrics") {
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
    handle(req, r)
      .catch((error: unknown) => gatewayError("INTEGRATION_FAILURE", { integrationError: (error as Error).message }))
      .then((outcome) => {
        const all = { ...outcome.headers, "apigw-requestid": requestId };
        const responseHeaders = outcome.preflight ? all : withCors(api.cors, headers.origin, all);
        res.writeHead(outcome.status, responseHeaders);
        res.end(outcome.body);
        const latency = Date.now() - started;
        const values: Record<string, unknown> = {
          "$context.requestId": requestId,
          "$context.extendedRequestId": requestId,
          "$context.requestTimeEpoch": started,
          "$context.identity.sourceIp": r.sourceIp,
          "$context.identity.userAgent": headers["user-agent"],
          "$context.authorizer.claims.sub": outcome.claims?.sub,
          "$context.domainName": r.domainName,
          "$context.httpMethod": r.method,
          "$context.routeKey": outcome.routeKey,
          "$context.path": r.rawPath,
          "$context.protocol": `HTTP/${req.httpVersion}`,
          "$context.stage": "$default",
          "$context.status": outcome.status,
          "$context.responseLength": Buffer.byteLength(outcome.body),
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
        log(JSON.stringify(Object.fromEntries(Object.entries(HTTP_ACCESS_LOG_FIELDS).map(([field, variable]) => [field, values[variable] ?? "-"]))));
        metrics.record({
          resourcePath: outcome.routeKey === undefined ? undefined : outcome.routeKey === "$default" ? "$default" : outcome.routeKey.slice(outcome.routeKey.indexOf(" ") + 1),
          method: r.method,
          status: outcome.status,
          latencyMs: latency,
          integrationLatencyMs: outcome.integrationLatencyMs,
        });
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
