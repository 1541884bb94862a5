import type { TwinHttpApi, TwinHttpRoute } from "./http-api-capture";
import type { TwinModel, TwinWebSocketApi } from "./model";
import { functionTarget } from "./rest/capture";
import type { RestAuth, RestIntegration, RestRoute, TwinRestStage } from "./rest/model";
import { substituteStageVariables } from "./rest/stage-variables";

/**
 * What `npm start` prints of each API it serves: one row per route (method, path, integration,
 * authorization), like `sam local start-api`'s "Mounting ..." lines, as a compact table. Functions
 * are named without the prefix all of the stack's function names share (`microservice-gateway-dev-`).
 */

export interface RouteRow {
  readonly method: string;
  readonly path: string;
  readonly integration: string;
  readonly authorization: string;
}

/** The longest `<word>-` prefix every function name shares: what the table leaves out. */
export function functionPrefix(names: readonly string[]): string {
  if (names.length < 2) return "";
  let prefix = names[0] as string;
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf("-") + 1);
}

const shortName = (name: string, prefix: string): string => (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name);

function lambdaTarget(uri: string, variables: Readonly<Record<string, string>>, prefix: string): string {
  const target = functionTarget(substituteStageVariables(uri, variables));
  if (!target) return "? (no function in its URI: 500)";
  return `${shortName(target.functionName, prefix)}${target.qualifier ? `:${target.qualifier}` : ""}`;
}

function restIntegration(integration: RestIntegration, variables: Readonly<Record<string, string>>, prefix: string): string {
  const d = integration.description;
  switch (d.type) {
    case "lambda_proxy":
      return `lambda-proxy ${lambdaTarget(d.uri, variables, prefix)}`;
    case "lambda":
      return `lambda ${lambdaTarget(d.uri, variables, prefix)}`;
    case "mock":
      return "mock";
    case "sqs":
      return `sqs ${d.queue} (stand-in)`;
    case "stepfunctions":
      return "step-functions (stand-in)";
    case "s3":
      return `s3 ${d.bucket}/${d.key}`;
    case "dynamodb":
      return `dynamodb ${d.action}`;
    case "http":
    case "http_proxy":
      return `${d.type === "http_proxy" ? "http-proxy" : "http"} ${d.httpMethod} ${substituteStageVariables(d.uri, variables)}`;
    case "vpc_link":
      return `vpc-link ${d.integrationType} (not served: 502)`;
    case "unsupported":
      return `${d.integrationType} (not served: 502)`;
    default: {
      const unknown: never = d;
      return String((unknown as { type?: unknown }).type);
    }
  }
}

function restAuthorization(route: RestRoute, prefix: string): string {
  const auth: RestAuth = route.auth;
  const text =
    auth.kind === "none"
      ? "none"
      : auth.kind === "iam"
        ? "iam (SigV4)"
        : auth.kind === "cognito"
          ? `cognito${auth.scopes.length > 0 ? ` ${auth.scopes.join(" ")}` : ""}`
          : `lambda ${auth.type} ${functionTarget(auth.uri) ? shortName((functionTarget(auth.uri) as { functionName: string }).functionName, prefix) : auth.name}`;
  return route.apiKeyRequired ? `${text} + api key` : text;
}

const METHOD_ORDER = ["ANY", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "WS"];

/** By path, then by method (GET, POST, PUT, PATCH, DELETE, ...). */
export function byPathAndMethod(a: RouteRow, b: RouteRow): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0);
}

/**
 * The REST stage's routes by path and method. An open OPTIONS route with a mock integration is a CORS
 * preflight: those are counted (`preflights`), not listed.
 */
export function restRows(routes: readonly RestRoute[], stage: Pick<TwinRestStage, "variables">, prefix = ""): { rows: RouteRow[]; preflights: number } {
  const isPreflight = (r: RestRoute) => r.method === "OPTIONS" && r.integration.description.type === "mock" && r.auth.kind === "none" && !r.apiKeyRequired;
  const rows = routes
    .filter((route) => !isPreflight(route))
    .map((route) => ({
      method: route.method,
      path: route.resource,
      integration: restIntegration(route.integration, stage.variables, prefix),
      authorization: restAuthorization(route, prefix),
    }));
  return { rows: rows.sort(byPathAndMethod), preflights: routes.filter(isPreflight).length };
}

function httpIntegration(route: TwinHttpRoute, prefix: string): string {
  const integration = route.integration;
  switch (integration.kind) {
    case "lambda":
      return `lambda ${shortName(integration.functionName, prefix)}${integration.qualifier ? `:${integration.qualifier}` : ""} (payload ${integration.payloadFormatVersion})`;
    case "http":
      return `http-proxy ${integration.method} ${integration.url}`;
    case "private":
      return "vpc-link (not served: 502)";
    case "unsupported":
      return `${integration.type} (not served: 502)`;
    default: {
      const unknown: never = integration;
      return String((unknown as { kind?: unknown }).kind);
    }
  }
}

function httpAuthorization(route: TwinHttpRoute): string {
  switch (route.authorizationType) {
    case "NONE":
      return "none";
    case "JWT":
      return `jwt${route.scopes.length > 0 ? ` ${route.scopes.join(" ")}` : ""}`;
    case "AWS_IAM":
      return "iam (SigV4)";
    default:
      return "custom (not checked here)";
  }
}

/** The HTTP API's routes: `$default` as it is, `GET /items` as method and path. */
export function httpRows(api: TwinHttpApi, prefix = ""): RouteRow[] {
  const rows = api.routes.map((route) => {
    const space = route.routeKey.indexOf(" ");
    return {
      method: space < 0 ? "*" : route.routeKey.slice(0, space),
      path: space < 0 ? route.routeKey : route.routeKey.slice(space + 1),
      integration: httpIntegration(route, prefix),
      authorization: httpAuthorization(route),
    };
  });
  return rows.sort(byPathAndMethod);
}

/** The WebSocket API's routes: the route key is the path; `$connect` carries the authorizer. */
export function websocketRows(api: TwinWebSocketApi, prefix = ""): RouteRow[] {
  const rank = (key: string) => ["$connect", "$disconnect", "$default"].indexOf(key) + 1 || 4;
  const routes = [...api.routes].sort((a, b) => rank(a.routeKey) - rank(b.routeKey) || (a.routeKey < b.routeKey ? -1 : 1));
  return routes.map((route) => ({
    method: "WS",
    path: route.routeKey,
    integration: `lambda ${shortName(route.functionName, prefix)}`,
    authorization: route.routeKey === "$connect" && api.authorizer ? `lambda request ${shortName(api.authorizer.functionName, prefix)}` : "none",
  }));
}

/** Rows as aligned columns under a header, each line indented by two spaces. */
export function formatRows(rows: readonly RouteRow[]): string[] {
  const header: RouteRow = { method: "METHOD", path: "PATH", integration: "INTEGRATION", authorization: "AUTHORIZATION" };
  const all = [header, ...rows];
  const width = (key: keyof RouteRow) => Math.max(...all.map((r) => r[key].length));
  const [m, p, i] = [width("method"), width("path"), width("integration")];
  return all.map((r) => `  ${r.method.padEnd(m)}  ${r.path.padEnd(p)}  ${r.integration.padEnd(i)}  ${r.authorization}`.trimEnd());
}

/** The route tables of what the twin serves for one stage: REST (public API), WebSocket and HTTP APIs. */
export function routeTables(
  model: TwinModel,
  stageName: string,
  served: { readonly rest: boolean; readonly websocket: boolean; readonly http: boolean },
): string[] {
  const prefix = functionPrefix(Object.keys(model.functions));
  const lines: string[] = [];
  const publicApi = model.restApis.find((a) => a.kind === "public");
  const stage = publicApi?.stages.find((s) => s.name === stageName);
  if (served.rest && publicApi && stage) {
    const { rows, preflights } = restRows(publicApi.routes, stage, prefix);
    lines.push(`REST API routes (stage ${stage.name}, under /${stage.name}):`, ...formatRows(rows));
    if (preflights > 0) lines.push(`  and OPTIONS on ${preflights} ${preflights === 1 ? "path" : "paths"}: the CORS preflight (mock)`);
  }
  if (served.websocket && model.websocket)
    lines.push(`WebSocket API routes (${model.websocket.routeSelectionExpression}):`, ...formatRows(websocketRows(model.websocket, prefix)));
  if (served.http && model.httpApi) lines.push("HTTP API routes:", ...formatRows(httpRows(model.httpApi, prefix)));
  if (prefix) lines.push(`(functions are named without their common prefix ${prefix})`);
  return lines;
}
