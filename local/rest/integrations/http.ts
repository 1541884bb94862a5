import type { RestAnswer } from "../context";
import { renderRequestTemplate, responseAnswer, selectResponse, type IntegrationContext } from "../integration";
import type { HttpDescription } from "../../../components/rest-api/integrations/http";
import type { HttpProxyDescription } from "../../../components/rest-api/integrations/http-proxy";
import type { RestIntegration } from "../model";
import { substituteStageVariables } from "../stage-variables";

type HttpIntegration = RestIntegration<HttpDescription | HttpProxyDescription>;
const isProxy = (integration: HttpIntegration) => integration.description.type === "http_proxy";

/** Hop-by-hop headers that are not forwarded either way. */
const HOP_BY_HOP = new Set(["host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization"]);

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

/** A `method.request.<where>.<name>` mapping expression's value for a request. */
function methodRequestValue(ctx: IntegrationContext, expression: string): string | undefined {
  const [, where, name = ""] = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(expression) ?? [];
  if (where === "header") return ctx.req.header(name);
  if (where === "querystring") return ctx.req.query[name];
  if (where === "path") return ctx.pathParameters[name];
  return undefined;
}

/** The integration request's headers: the caller's (proxy only), the request parameters, the template's overrides. */
function outgoingHeaders(
  ctx: IntegrationContext,
  integration: HttpIntegration,
  overrides: Readonly<Record<string, string | readonly string[]>>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (isProxy(integration)) for (const [k, v] of Object.entries(ctx.req.headers)) if (!HOP_BY_HOP.has(k.toLowerCase())) headers[k.toLowerCase()] = v;
  for (const [to, from] of Object.entries(integration.description.requestParameters)) {
    const name = /^integration\.request\.header\.(.+)$/.exec(to)?.[1];
    if (!name) continue;
    const value = /^'(.*)'$/s.exec(from)?.[1] ?? methodRequestValue(ctx, from);
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  for (const [name, value] of Object.entries(overrides)) headers[name.toLowerCase()] = ([] as string[]).concat(value).join(",");
  return headers;
}

/**
 * HTTP and HTTP_PROXY integrations to the stage variables' hosts (or a local server for a host). A
 * proxy passes the backend's answer through; a non-proxy integration selects its integration response
 * by the backend's status and renders its template over the backend's body. A backend that does not
 * answer within the integration timeout is 504; one the twin cannot reach is 502, with how to point
 * the twin at a local server.
 */
export async function http(ctx: IntegrationContext, integration: HttpIntegration): Promise<RestAnswer> {
  const target = localTarget(substituteStageVariables(integration.description.uri, ctx.variables), ctx.pathParameters, ctx.deps.httpBackends);
  const rendered = !isProxy(integration) && integration.requestTemplate ? renderRequestTemplate(ctx, integration.requestTemplate) : undefined;
  const headers = outgoingHeaders(ctx, integration, rendered?.overrides.request.header ?? {});
  const method = isProxy(integration) || integration.description.httpMethod === "ANY" ? ctx.req.method : integration.description.httpMethod;
  const body = rendered ? rendered.output : ctx.body.length > 0 ? ctx.body : undefined;
  const started = performance.now();
  let response: Response;
  let payload: Buffer;
  try {
    response = await fetch(target, {
      method,
      headers,
      ...(body !== undefined && !["GET", "HEAD"].includes(method) ? { body } : {}),
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
  if (isProxy(integration)) {
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name) && name !== "content-encoding" && name !== "set-cookie") out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) out["set-cookie"] = cookies;
    return { status: response.status, headers: out, body: payload, integrationLatencyMs: latency, integrationStatus: response.status };
  }
  const selected = selectResponse(integration.responses, String(response.status));
  if (!selected)
    return {
      status: response.status,
      headers: { "content-type": "application/json" },
      body: payload,
      integrationLatencyMs: latency,
      integrationStatus: response.status,
    };
  return { ...responseAnswer(ctx, selected, payload), integrationLatencyMs: latency, integrationStatus: response.status };
}
