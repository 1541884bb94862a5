import { REQUIRED_WEBSOCKET_ROUTES, WEBSOCKET_ROUTE_KEY_PATTERN } from "./constants";
import { formatPath, formatValue } from "./format";
import type { GatewayInput } from "./schema";

const at = (...path: (string | number)[]) => formatPath(["gateway", ...path]);
const list = (names: Iterable<string>) => [...names].sort().join(", ") || "none";

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
    if (!(required in ws.routes)) problems.push(`${at("websocket", "routes")}: ${required} is required (the connection store needs $connect and $disconnect; $default answers unknown actions)`);
  }
  for (const [key, route] of Object.entries(ws.routes)) {
    if (!WEBSOCKET_ROUTE_KEY_PATTERN.test(key)) {
      problems.push(`${at("websocket", "routes", key)}: route key must be $connect, $disconnect, $default or an action name matching [A-Za-z][A-Za-z0-9_]{0,63}`);
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

/** Each table's index names are unique; index keys differ from the table's key. */
export function checkTableIndexes(input: GatewayInput): string[] {
  const problems: string[] = [];
  for (const [key, table] of Object.entries(input.tables ?? {})) {
    const partitionKey = table.partitionKey ?? "id";
    for (const [name, index] of Object.entries(table.indexes ?? {})) {
      if (index.partitionKey === partitionKey) {
        problems.push(`${at("tables", key, "indexes", name, "partitionKey")}: ${formatValue(index.partitionKey)} is the table's own key; an index needs another attribute`);
      }
    }
  }
  return problems;
}
