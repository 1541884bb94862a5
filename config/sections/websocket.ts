import { z } from "zod";
import { CONNECTION_METHODS, REQUIRED_WEBSOCKET_ROUTES, WEBSOCKET_ROUTE_KEY_PATTERN, type ConnectionMethod } from "../constants";
import { formatValue, gatewayPath as at, nameList as list } from "../format";
import type { GatewayInput } from "../gateway";
import type { StackContext } from "../types";

/** A WebSocket API (API Gateway v2): its routes' functions, the connection table, the $connect authorizer. */

export const websocketSchema = z.strictObject({
  /** The WebSocket API's name. @default `<project>-<stack>-ws` */
  name: z.string().min(1).max(128).optional(),
  /** The WebSocket API's description. */
  description: z.string().optional(),
  /** A key of gateway.tables keyed by connection id (the handlers keep connections there). */
  connectionsTable: z.string(),
  /** Route key (`$connect`, `$disconnect`, `$default` or an action name) → its function and the `@connections` methods it uses. */
  routes: z.record(z.string(), z.strictObject({ function: z.string(), connections: z.array(z.enum(CONNECTION_METHODS)).optional() })),
  /** A function key: a REQUEST authorizer on `$connect` reading the `token` query string. */
  authorizer: z.string().optional(),
});

export interface WebSocketRouteConfig {
  readonly routeKey: string;
  readonly function: string;
  /** The `@connections` methods the function may call, on this API's stages only. */
  readonly connections: readonly ConnectionMethod[];
}

export interface WebSocketConfig {
  readonly name: string;
  readonly description: string;
  readonly connectionsTable: string;
  readonly routes: readonly WebSocketRouteConfig[];
  readonly authorizer: string | undefined;
}

export function resolveWebSocket(ctx: StackContext, ws: GatewayInput["websocket"]): WebSocketConfig | undefined {
  return (
    ws && {
      name: ws.name ?? `${ctx.project}-${ctx.stack}-ws`,
      description: ws.description ?? "",
      connectionsTable: ws.connectionsTable,
      routes: Object.entries(ws.routes).map(([routeKey, r]) => ({ routeKey, function: r.function, connections: r.connections ?? [] })),
      authorizer: ws.authorizer,
    }
  );
}

/** The WebSocket API's routes, functions, connection table and authorizer. */
export function checkWebSocket(input: GatewayInput): string[] {
  const ws = input.websocket;
  if (!ws) return [];
  const problems: string[] = [];
  const functions = Object.keys(input.functions ?? {});
  const tables = Object.keys(input.tables ?? {});
  const fnProblem = (key: string, where: (string | number)[]) =>
    functions.includes(key) ? [] : [`${at(...where)}: ${formatValue(key)} is not a function in gateway.functions (defined: ${list(functions)})`];

  if (!tables.includes(ws.connectionsTable)) {
    problems.push(`${at("websocket", "connectionsTable")}: ${formatValue(ws.connectionsTable)} is not a table in gateway.tables (defined: ${list(tables)})`);
  }
  for (const required of REQUIRED_WEBSOCKET_ROUTES) {
    if (!(required in ws.routes))
      problems.push(
        `${at("websocket", "routes")}: ${required} is required (the connection store needs $connect and $disconnect; $default answers unknown actions)`,
      );
  }
  for (const [key, route] of Object.entries(ws.routes)) {
    if (!WEBSOCKET_ROUTE_KEY_PATTERN.test(key)) {
      problems.push(
        `${at("websocket", "routes", key)}: route key must be $connect, $disconnect, $default or an action name matching [A-Za-z][A-Za-z0-9_]{0,63}`,
      );
    }
    problems.push(...fnProblem(route.function, ["websocket", "routes", key, "function"]));
    if ((key === "$connect" || key === "$disconnect") && (route.connections ?? []).length > 0) {
      problems.push(`${at("websocket", "routes", key, "connections")}: ${key} cannot use @connections (the connection is not open yet, or no longer)`);
    }
    const methods = route.connections ?? [];
    if (new Set(methods).size !== methods.length) problems.push(`${at("websocket", "routes", key, "connections")}: lists a method twice`);
  }
  if (ws.authorizer !== undefined) {
    const fnProblems = fnProblem(ws.authorizer, ["websocket", "authorizer"]);
    problems.push(...fnProblems);
    const env = input.functions?.[ws.authorizer]?.environment ?? {};
    if (fnProblems.length === 0 && !input.cognito && !(env.JWT_ISSUER && env.JWT_AUDIENCE)) {
      problems.push(
        `${at("websocket", "authorizer")}: function ${formatValue(ws.authorizer)} needs a token issuer: set gateway.cognito (its tokens), or JWT_ISSUER and JWT_AUDIENCE in the function's environment`,
      );
    }
  }
  return problems;
}
