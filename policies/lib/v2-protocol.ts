/**
 * The protocol of an API Gateway v2 stage read from the stage's own inputs, for resource rules (which
 * see one resource) and for stages whose API is not in the stack. AWS's API reference says of
 * RouteSettings.loggingLevel and dataTraceEnabled, and of a stage's clientCertificateId, "Supported
 * only for WebSocket APIs"; $context.eventType and $context.connectionId exist only for WebSocket
 * APIs, $context.httpMethod only for REST and HTTP APIs; HTTP route keys are "METHOD /path".
 */
import { isObject } from "./api-openapi";
import { read, UNKNOWN } from "./unknown";

export type V2Protocol = "HTTP" | "WEBSOCKET";

const HTTP_ROUTE_KEY = /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \//;
const WEBSOCKET_ONLY_VARIABLES = /\$context\.(eventType|connectionId|messageId)\b/;
const HTTP_ONLY_VARIABLES = /\$context\.httpMethod\b/;

const isSet = (v: unknown): boolean => v !== undefined && v !== null && v !== UNKNOWN;

/** The protocol a route key implies: "METHOD /path" is HTTP, $connect and $disconnect WebSocket, $default either. */
export function protocolOfRouteKey(key: unknown): V2Protocol | undefined {
  if (typeof key !== "string" || key === "$default") return undefined;
  if (HTTP_ROUTE_KEY.test(key)) return "HTTP";
  return key.startsWith("$") || !key.includes(" ") ? "WEBSOCKET" : undefined;
}

/** What a v2 stage's inputs say of its API's protocol; undefined when they say nothing either way. */
export function protocolFromStageInputs(props: Record<string, unknown>): V2Protocol | undefined {
  const defaults = read(() => props.defaultRouteSettings);
  if (isObject(defaults) && (isSet(read(() => defaults.loggingLevel)) || isSet(read(() => defaults.dataTraceEnabled)))) return "WEBSOCKET";
  if (isSet(read(() => props.clientCertificateId))) return "WEBSOCKET";
  const routes = read(() => props.routeSettings);
  if (Array.isArray(routes)) {
    for (let i = 0; i < routes.length; i++) {
      const route = read(() => routes[i] as unknown);
      if (!isObject(route)) continue;
      if (isSet(read(() => route.loggingLevel)) || isSet(read(() => route.dataTraceEnabled))) return "WEBSOCKET";
      const byKey = protocolOfRouteKey(read(() => route.routeKey));
      if (byKey) return byKey;
    }
  }
  const logs = read(() => props.accessLogSettings);
  const format = isObject(logs) ? read(() => logs.format) : undefined;
  if (typeof format === "string") {
    if (WEBSOCKET_ONLY_VARIABLES.test(format)) return "WEBSOCKET";
    if (HTTP_ONLY_VARIABLES.test(format)) return "HTTP";
  }
  return undefined;
}
