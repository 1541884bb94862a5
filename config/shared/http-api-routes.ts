import { pathSyntaxProblem, resourceShape } from "../route-paths";

/**
 * The HTTP API's route keys and their checks, shared by the stack configuration (config/) and the
 * HTTP API component (components/http-api/), which both check them.
 */

/** The methods an HTTP API route matches; `ANY` matches every method no more specific route takes. */
export const HTTP_API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export type HttpApiMethod = (typeof HTTP_API_METHODS)[number];

/** `none`: public; `jwt`: the API's JWT authorizer (with the route's scopes); `iam`: SigV4-signed callers (AWS_IAM). */
export const HTTP_API_AUTHORIZATIONS = ["none", "jwt", "iam"] as const;
export type HttpApiAuthorization = (typeof HTTP_API_AUTHORIZATIONS)[number];

/** The path of the catch-all route: its route key is `$default` (its method must be `ANY`). */
export const DEFAULT_ROUTE_PATH = "$default";

/** What a route's key and authorization checks read of a route (the component's `HttpApiRoute` has these). */
export interface HttpApiRouteKey {
  readonly method: HttpApiMethod;
  readonly path: string;
  readonly authorization: HttpApiAuthorization;
  readonly scopes?: readonly string[];
}

/** `GET /items/{id}`, `ANY /{proxy+}`, or `$default` for the catch-all route. */
export function routeKey(route: Pick<HttpApiRouteKey, "method" | "path">): string {
  return route.path === DEFAULT_ROUTE_PATH ? DEFAULT_ROUTE_PATH : `${route.method} ${route.path}`;
}

/** The part of a route's child resource names that identifies it: `GET-/items/{id}`, or `$default`. */
export function routeResourceName(route: Pick<HttpApiRouteKey, "method" | "path">): string {
  return route.path === DEFAULT_ROUTE_PATH ? DEFAULT_ROUTE_PATH : `${route.method}-${route.path}`;
}

const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * Problems with the routes' keys and authorization (empty when they are valid): unknown methods or
 * authorizations, bad paths, duplicate keys or keys matching the same requests, a `jwt` route on an
 * API without a JWT authorizer, scopes on a route that is not `jwt`.
 */
export function routeProblems(routes: readonly HttpApiRouteKey[], api: { readonly hasJwt: boolean }): string[] {
  const problems: string[] = [];
  if (routes.length === 0) problems.push("routes: at least one route is required");
  const byShape = new Map<string, { index: number; key: string }>();
  routes.forEach((route, i) => {
    const at = `routes[${i}]`;
    if (!(HTTP_API_METHODS as readonly string[]).includes(route.method)) {
      problems.push(`${at}.method: ${JSON.stringify(route.method)} is not one of ${HTTP_API_METHODS.join(", ")}`);
      return;
    }
    if (route.path === DEFAULT_ROUTE_PATH) {
      if (route.method !== "ANY") problems.push(`${at}.method: ${JSON.stringify(route.method)} is not allowed with path "$default" (only ANY)`);
    } else {
      const problem = pathSyntaxProblem(route.path);
      if (problem) {
        problems.push(`${at}.path: ${problem}`);
        return;
      }
    }
    const key = routeKey(route);
    const shape = route.path === DEFAULT_ROUTE_PATH ? key : `${route.method} ${resourceShape(route.path)}`;
    const earlier = byShape.get(shape);
    if (earlier) {
      problems.push(
        earlier.key === key
          ? `${at}: route key ${JSON.stringify(key)} is already routes[${earlier.index}]'s`
          : `${at}: route key ${JSON.stringify(key)} matches the same requests as routes[${earlier.index}]'s ${JSON.stringify(earlier.key)}`,
      );
    } else {
      byShape.set(shape, { index: i, key });
    }

    if (!(HTTP_API_AUTHORIZATIONS as readonly string[]).includes(route.authorization)) {
      problems.push(`${at}.authorization: ${JSON.stringify(route.authorization)} is not one of ${HTTP_API_AUTHORIZATIONS.join(", ")}`);
    } else if (route.authorization === "jwt" && !api.hasJwt) {
      problems.push(`${at}.authorization: "jwt" needs the API's JWT authorizer (the jwt argument, with issuer and audiences)`);
    }
    const scopes = route.scopes ?? [];
    if (scopes.length > 0 && route.authorization !== "jwt") {
      problems.push(`${at}.scopes: only "jwt" routes take scopes (this one is ${JSON.stringify(route.authorization)})`);
    }
    scopes.forEach((scope, j) => {
      if (!SCOPE.test(scope))
        problems.push(`${at}.scopes[${j}]: ${JSON.stringify(scope)} is not a scope (printable characters, no spaces, quotes or backslashes)`);
    });
  });
  return problems;
}
