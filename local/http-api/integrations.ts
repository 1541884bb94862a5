import { randomBytes, randomUUID } from "node:crypto";
import type { TwinHttpIntegration, TwinHttpRoute } from "../http-api-capture";
import { invokeWithin } from "../invoke";
import type { FunctionInvoker } from "../model";
import { requestTime } from "../times";
import { gatewayError, notServed, type HttpRequest, type Outcome } from "./outcome";
import { bodyIsText, eventPath, lambdaResponse } from "./payload";

/** What the HTTP API's integrations need besides the request. */
export interface HttpIntegrationDeps {
  readonly invoker: FunctionInvoker;
  readonly account: string;
  readonly apiId: string;
  readonly port: number;
  readonly httpBackends: Readonly<Record<string, string>>;
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "host",
  "upgrade",
  "te",
  "trailer",
  "proxy-authorization",
]);

/** The payload 2.0 event of a request (AWS's structure: lower-case header names, cookies apart). */
export function lambdaEvent(
  route: TwinHttpRoute,
  pathParameters: Readonly<Record<string, string>>,
  authorizer: Record<string, unknown> | undefined,
  r: HttpRequest,
  body: Buffer,
  deps: HttpIntegrationDeps,
): Record<string, unknown> {
  const headers = { ...r.headers };
  const cookies = headers.cookie
    ?.split(";")
    .map((c) => c.trim())
    .filter((c) => c !== "");
  delete headers.cookie;
  headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${r.sourceIp}` : r.sourceIp;
  headers["x-forwarded-port"] = String(deps.port);
  headers["x-forwarded-proto"] = "http";
  headers["x-amzn-trace-id"] ??= `Root=1-${Math.floor(r.started / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(r.rawQueryString)) query[k] = k in query ? `${query[k]},${v}` : v;
  const text = bodyIsText(headers["content-type"], body);
  const path = eventPath(r.rawPath);
  return {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath: path,
    rawQueryString: r.rawQueryString,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: deps.account,
      apiId: deps.apiId,
      ...(authorizer ? { authorizer } : {}),
      domainName: r.domainName,
      domainPrefix: r.domainName.split(".")[0]?.split(":")[0] ?? r.domainName,
      http: { method: r.method, path, protocol: "HTTP/1.1", sourceIp: r.sourceIp, userAgent: r.headers["user-agent"] ?? "" },
      requestId: r.requestId,
      routeKey: route.routeKey,
      stage: "$default",
      time: requestTime(r.started),
      timeEpoch: r.started,
    },
    ...(body.length > 0 ? { body: text ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

/** A Lambda integration (payload 2.0): 500 for a function error or a response that is not one, 503 when the integration times out. */
export async function invokeLambda(
  integration: Extract<TwinHttpIntegration, { kind: "lambda" }>,
  route: TwinHttpRoute,
  pathParameters: Readonly<Record<string, string>>,
  authorizer: Record<string, unknown> | undefined,
  r: HttpRequest,
  body: Buffer,
  deps: HttpIntegrationDeps,
): Promise<Outcome> {
  const routeKey = route.routeKey;
  if (integration.payloadFormatVersion !== "2.0") return notServed(`payload format ${integration.payloadFormatVersion} Lambda integration`, routeKey);
  const event = lambdaEvent(route, pathParameters, authorizer, r, body, deps);
  const integrationRequestId = randomUUID();
  const call = await invokeWithin(deps.invoker, integration.functionName, event, { timeoutMs: integration.timeoutMs, qualifier: integration.qualifier });
  const base = { routeKey, integrationLatencyMs: call.latencyMs, integrationRequestId };
  if (call.outcome === "timeout")
    return gatewayError("INTEGRATION_TIMEOUT", { ...base, integrationError: `the integration timed out after ${integration.timeoutMs} ms` });
  if (call.outcome !== "result") {
    const why = call.outcome === "too-large" ? "the event is larger than Lambda accepts (6 MB)" : `${call.errorType}: ${call.message}`;
    return gatewayError("INTEGRATION_FAILURE", { ...base, integrationStatus: 200, integrationError: why });
  }
  const answer = lambdaResponse(call.value);
  if (!answer)
    return gatewayError("INTEGRATION_FAILURE", { ...base, integrationStatus: 200, integrationError: "the function's response is not a valid 2.0 response" });
  return { ...answer, ...base, integrationStatus: answer.status };
}

/**
 * Where an HTTP_PROXY request goes: the URL with the path parameters (or, for the `$default` route, with
 * the request's whole path after the URL's own), a local server for its host when given, the query appended.
 */
function proxyTarget(
  url: string,
  pathParameters: Readonly<Record<string, string>>,
  r: HttpRequest,
  isDefaultRoute: boolean,
  backends: Readonly<Record<string, string>>,
): string {
  let target = url;
  for (const [name, value] of Object.entries(pathParameters)) target = target.split(`{${name}}`).join(encodeURI(value));
  if (isDefaultRoute) {
    // "Create routes for HTTP APIs": "When the $default route receives a request, API Gateway sends the full request path to the integration."
    const parsed = new URL(target);
    parsed.pathname = `${parsed.pathname.replace(/\/$/, "")}${r.rawPath}`;
    target = parsed.toString();
  }
  const local = backends[new URL(target).host];
  if (local) {
    const parsed = new URL(target);
    target = `${local.replace(/\/$/, "")}${parsed.pathname}${parsed.search}`;
  }
  return r.rawQueryString ? `${target}${target.includes("?") ? "&" : "?"}${r.rawQueryString}` : target;
}

/** An HTTP_PROXY integration: the request forwarded, the backend's answer passed through. */
export async function forward(
  integration: Extract<TwinHttpIntegration, { kind: "http" }>,
  routeKey: string,
  pathParameters: Readonly<Record<string, string>>,
  r: HttpRequest,
  body: Buffer,
  deps: HttpIntegrationDeps,
): Promise<Outcome> {
  const target = proxyTarget(integration.url, pathParameters, r, routeKey === "$default", deps.httpBackends);
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
    const host = new URL(target).host;
    if ((error as Error).name === "TimeoutError")
      return gatewayError("INTEGRATION_TIMEOUT", {
        routeKey,
        integrationLatencyMs: latency,
        integrationError: `${host} did not answer in ${integration.timeoutMs} ms`,
      });
    return gatewayError("INTEGRATION_FAILURE", {
      routeKey,
      integrationLatencyMs: latency,
      integrationError: `the twin could not reach ${host}: ${(error as Error).message}`,
    });
  }
}
