import type { TwinHttpApi, TwinHttpRoute, TwinHttpThrottle } from "../http-api-capture";
import { compareSpecificity, compilePath, matchPath, type PathPattern } from "../path-match";

/**
 * How an HTTP API picks a route and throttles it (AWS, "Working with routes for HTTP APIs"): the most
 * specific path that matches (literal segments over path variables over a greedy variable), the exact
 * method over `ANY`, and `$default` when no other route matches; token buckets per route key.
 */

export interface RouteMatch {
  readonly route: TwinHttpRoute;
  readonly pathParameters: Readonly<Record<string, string>>;
}

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Route paths compiled once per route list. */
const compiled = new WeakMap<TwinHttpRoute, PathPattern>();
function patternOf(route: TwinHttpRoute, path: string): PathPattern {
  let pattern = compiled.get(route);
  if (!pattern) {
    pattern = compilePath(path);
    compiled.set(route, pattern);
  }
  return pattern;
}

/**
 * The route an HTTP API selects for a request: the most specific path that matches (literal segments
 * over path variables over a greedy variable), the exact method over `ANY`, and `$default` when no
 * other route matches.
 */
export function matchHttpRoute(routes: readonly TwinHttpRoute[], method: string, path: string): RouteMatch | undefined {
  const parts = path.split("/").slice(1);
  const candidates: { route: TwinHttpRoute; pattern: PathPattern; exact: boolean; pathParameters: Record<string, string> }[] = [];
  for (const route of routes) {
    if (route.routeKey === "$default") continue;
    const [routeMethod, routePath] = route.routeKey.split(" ") as [string, string | undefined];
    if (routePath === undefined || (routeMethod !== "ANY" && routeMethod !== method)) continue;
    const pattern = patternOf(route, routePath);
    const raw = matchPath(pattern, parts, { emptyInGreedy: false });
    if (raw)
      candidates.push({
        route,
        pattern,
        exact: routeMethod === method,
        pathParameters: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decode(v)])),
      });
  }
  candidates.sort((a, b) => compareSpecificity(a.pattern, b.pattern) || Number(b.exact) - Number(a.exact));
  const best = candidates[0];
  if (best) return { route: best.route, pathParameters: best.pathParameters };
  const fallback = routes.find((r) => r.routeKey === "$default");
  return fallback ? { route: fallback, pathParameters: {} } : undefined;
}

/** Token buckets per route key: capacity the burst limit, refilled at the rate limit, full at start. */
export function createBuckets(api: TwinHttpApi, now: () => number): (routeKey: string) => boolean {
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
