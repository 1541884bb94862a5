import { formatPath, formatValue } from "./format";
import type { GatewayInput } from "./schema";
import { corsProblems } from "./shared/cors";
import { routeProblems, type HttpApiRouteKey } from "./shared/http-api-routes";

const at = (...path: (string | number)[]) => formatPath(["gateway", "httpApi", ...path]);
const list = (names: Iterable<string>) => [...names].sort().join(", ") || "none";

/** The HTTP API's routes, targets, authorizer, CORS and domain mapping. */
export function checkHttpApi(input: GatewayInput): string[] {
  const http = input.httpApi;
  if (!http) return [];
  const problems: string[] = [];
  const functions = input.functions ?? {};
  const backends = Object.keys(input.backends ?? {});
  for (const [i, route] of http.routes.entries()) {
    const targets = [route.function, route.url, route.backend].filter((t) => t !== undefined);
    if (targets.length !== 1) problems.push(`${at("routes", i)}: give exactly one of function, url or backend`);
    if (route.alias !== undefined && route.function === undefined) problems.push(`${at("routes", i, "alias")}: goes with function`);
    if (route.function !== undefined) {
      const fn = functions[route.function];
      if (!fn) problems.push(`${at("routes", i, "function")}: ${formatValue(route.function)} is not a function in gateway.functions (defined: ${list(Object.keys(functions))})`);
      else if (route.alias !== undefined && !(route.alias in (fn.aliases ?? {}))) {
        problems.push(`${at("routes", i, "alias")}: ${formatValue(route.alias)} is not an alias of function "${route.function}" (aliases: ${list(Object.keys(fn.aliases ?? {}))})`);
      }
    }
    if (route.url !== undefined && !/^https?:\/\/[^\s]+$/.test(route.url)) problems.push(`${at("routes", i, "url")}: ${formatValue(route.url)} must be an http:// or https:// URL`);
    if (route.backend !== undefined && !backends.includes(route.backend)) {
      problems.push(`${at("routes", i, "backend")}: ${formatValue(route.backend)} is not a backend in gateway.backends (defined: ${list(backends)})`);
    }
  }
  const jwt = http.jwt ?? (http.routes.some((r) => r.authorization === "jwt") ? "cognito" : undefined);
  if (jwt === "cognito" && !input.cognito) problems.push(`${at("jwt")}: "cognito" (the default for jwt routes) needs gateway.cognito; or give { issuer, audiences }`);
  if (typeof jwt === "object" && !/^https:\/\/[^\s]+$/.test(jwt.issuer)) problems.push(`${at("jwt", "issuer")}: ${formatValue(jwt.issuer)} must be an https:// URL`);
  const shaped: HttpApiRouteKey[] = http.routes.map((r) => ({
    method: r.method,
    path: r.path,
    authorization: r.authorization,
    ...(r.scopes ? { scopes: r.scopes } : {}),
  }));
  problems.push(...routeProblems(shaped, { hasJwt: jwt !== undefined }).map((p) => `gateway.httpApi.${p}`));
  if (http.cors) problems.push(...corsProblems(http.cors).map((p) => `gateway.httpApi.${p}`));
  if (http.domainBasePath !== undefined) {
    const domains = input.domains ?? [];
    if (domains.length === 0) problems.push(`${at("domainBasePath")}: the stack has no gateway.domains to map the HTTP API on`);
    for (const [i, d] of domains.entries()) {
      if (http.domainBasePath in d.basePaths) problems.push(`${at("domainBasePath")}: ${formatValue(http.domainBasePath)} is already a REST base path of gateway.domains[${i}]`);
      if ((d.endpointType ?? input.api?.endpointType) === "EDGE") problems.push(`${at("domainBasePath")}: gateway.domains[${i}] is EDGE; HTTP APIs map only on REGIONAL domains`);
    }
  }
  return problems;
}
