import type { RestAnswer } from "../context";
import { renderRequestTemplate, responseAnswer, selectResponse, type IntegrationContext } from "../integration";
import type { HttpDescription } from "../../../components/rest-api/integrations/http";
import type { HttpProxyDescription } from "../../../components/rest-api/integrations/http-proxy";
import type { RestIntegration } from "../model";
import { substituteStageVariables } from "../stage-variables";
import { integrationHeaders, integrationPath, integrationQuery, mappedParameters } from "./http-request";

type HttpIntegration = RestIntegration<HttpDescription | HttpProxyDescription>;
const isProxy = (integration: HttpIntegration) => integration.description.type === "http_proxy";

/**
 * Where the twin sends an HTTP integration's request: the URI with its path parameters filled in, and
 * its host replaced by a local base URL when one is given for it (`--backend legacy.example.com=http://127.0.0.1:4000`).
 */
export function localTarget(uri: string, pathParameters: Readonly<Record<string, string>>, backends: Readonly<Record<string, string>>): string {
  let target = uri;
  for (const [name, value] of Object.entries(pathParameters)) target = target.split(`{${name}}`).join(encodeURI(value));
  const url = new URL(target);
  const local = backends[url.host];
  return local ? `${local.replace(/\/$/, "")}${url.pathname}${url.search}` : target;
}

/**
 * A proxy's answer headers as API Gateway passes them on (recorded from AWS in LocalStack's
 * test_apigateway_http.snapshot.json, test_http_integration_with_lambda[HTTP_PROXY], and
 * test_apigateway_integrations.snapshot.json, test_apigateway_header_remapping_http[HTTP_PROXY]): the
 * backend's Connection, Content-Length, Date, Server and x-amzn-RequestId come as
 * `x-amzn-Remapped-<name>` (API Gateway sends its own); Transfer-Encoding, Content-Encoding (the body is
 * passed decoded) and Via are dropped.
 */
const REMAPPED: Readonly<Record<string, string>> = {
  connection: "x-amzn-Remapped-Connection",
  "content-length": "x-amzn-Remapped-Content-Length",
  date: "x-amzn-Remapped-Date",
  server: "x-amzn-Remapped-Server",
  "x-amzn-requestid": "x-amzn-Remapped-x-amzn-RequestId",
};
const DROPPED = new Set(["transfer-encoding", "content-encoding", "via", "keep-alive", "set-cookie"]);

function proxyAnswerHeaders(response: Response): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (!DROPPED.has(name)) out[REMAPPED[name] ?? name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  return out;
}

/**
 * HTTP and HTTP_PROXY integrations to the stage variables' hosts (or a local server for a host). A
 * proxy passes the backend's answer through; a non-proxy integration selects its integration response
 * by the backend's status and renders its template over the backend's body. A backend that does not
 * answer within the integration timeout is 504; one the twin cannot reach is 502, with how to point
 * the twin at a local server.
 */
export async function http(ctx: IntegrationContext, integration: HttpIntegration): Promise<RestAnswer> {
  const proxy = isProxy(integration);
  const rendered = !proxy && integration.requestTemplate ? renderRequestTemplate(ctx, integration.requestTemplate) : undefined;
  const overrides = rendered?.overrides.request;
  const mapped = mappedParameters(ctx, integration.description.requestParameters);
  const uri = localTarget(substituteStageVariables(integration.description.uri, ctx.variables), integrationPath(mapped, overrides), ctx.deps.httpBackends);
  const query = integrationQuery(ctx, proxy, mapped, overrides);
  const target = query === "" ? uri : `${uri}${uri.includes("?") ? "&" : "?"}${query}`;
  const method = proxy || integration.description.httpMethod === "ANY" ? ctx.req.method : integration.description.httpMethod;
  const payloadOut = rendered ? rendered.output : ctx.body.length > 0 ? ctx.body : undefined;
  const body = payloadOut !== undefined && method !== "GET" && method !== "HEAD" ? payloadOut : undefined;
  const headers = integrationHeaders(ctx, proxy, mapped, overrides, body !== undefined);
  const started = performance.now();
  let response: Response;
  let payload: Buffer;
  try {
    response = await fetch(target, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      redirect: "manual",
      signal: AbortSignal.timeout(integration.timeoutMs),
    });
    payload = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    if ((error as Error).name === "TimeoutError") return ctx.error("INTEGRATION_TIMEOUT", { status: 504 });
    const host = new URL(target).host;
    return ctx.error("INTEGRATION_FAILURE", {
      status: 502,
      message: `the twin could not reach ${host}; point it at a local server with --backend ${host}=http://127.0.0.1:<port>`,
    });
  }
  const latency = Math.round(performance.now() - started);
  if (proxy)
    return { status: response.status, headers: proxyAnswerHeaders(response), body: payload, integrationLatencyMs: latency, integrationStatus: response.status };
  const selected = selectResponse(integration.responses, String(response.status));
  // "No match for output mapping and no default output mapping configured": a configuration error.
  if (!selected) return { ...ctx.error("API_CONFIGURATION_ERROR", { status: 500 }), integrationLatencyMs: latency, integrationStatus: response.status };
  const backendHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (backendHeaders[name] = value));
  return responseAnswer(ctx, selected, payload, { status: response.status, latencyMs: latency }, backendHeaders);
}
