import { stableId } from "../../preview/mock-state";
import { matchPath } from "../path-match";
import { CACHE_CONTROL_IGNORED_HEADER, cacheDirective, type StageCache } from "../rest-cache";
import type { Throttler } from "../rest-throttle";
import { validateRequest } from "../rest-validation";
import type { RestError } from "../gateway-errors";
import { restError } from "../gateway-errors";
import type { RestAnswer } from "./context";
import type { RestRoute, TwinRestStage } from "./model";
import type { RestRequest } from "./request";
import { isSigV4Signed } from "./sigv4-header";

/**
 * The REST request path's steps before and around the integration, each small and pure (or over its
 * own state): route match, API key, usage plan throttles, request validation, the stage cache.
 */

/** The route a request reaches (routes are sorted most specific first; the exact method before ANY). */
export function matchRoute(
  routes: readonly RestRoute[],
  method: string,
  segments: readonly string[],
): { route: RestRoute; pathParameters: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method && route.method !== "ANY") continue;
    const pathParameters = matchPath(route.pattern, segments, { emptyInGreedy: true });
    if (pathParameters) return { route, pathParameters };
  }
  return undefined;
}

export interface ApiKeyStepResult {
  readonly error?: RestError;
  /** The key the request used on a route that requires one (`$context.identity.apiKey`, `apiKeyId`). */
  readonly apiKey?: { readonly value: string; readonly id: string };
}

const NO_API_KEY: ApiKeyStepResult = {};

/**
 * The API key of a route that requires one: a key in a usage plan of the stage, else 403 Forbidden. The
 * key is read before the authorizer (its context carries it) and refused after it: API Gateway verifies
 * the usage plan after the authorizer (AWS Knowledge Center, "How can I use Amazon API Gateway logs for
 * troubleshooting?").
 */
export function apiKeyStep(
  req: RestRequest,
  route: RestRoute,
  stage: TwinRestStage,
  throttler: Throttler,
  byValue: ReadonlyMap<string, string>,
): ApiKeyStepResult {
  if (!route.apiKeyRequired) return NO_API_KEY;
  const value = req.header("x-api-key");
  const name = value === undefined ? undefined : byValue.get(value);
  if (value === undefined || name === undefined || throttler.planOf(stage.name, value) === undefined) return { error: restError("INVALID_API_KEY") };
  return { apiKey: { value, id: stableId(`apikey-${name}`, 10) } };
}

/** The usage plan's throttle and quota (for the route's key), its per-method throttles and the stage's and method's limits: 429. */
export function throttleStep(
  req: RestRequest,
  route: RestRoute,
  stage: TwinRestStage,
  throttler: Throttler,
  apiKey: ApiKeyStepResult["apiKey"],
  now: number,
): RestError | undefined {
  const decision = throttler.take({
    stage: stage.name,
    method: req.method,
    resourcePath: route.resource,
    now,
    ...(apiKey ? { apiKey: apiKey.value } : {}),
  });
  return decision.allowed ? undefined : restError(decision.type);
}

/** Required parameters and the body's model, as the route's request validator says; undefined when it passes. */
export function validationStep(
  document: Readonly<Record<string, unknown>>,
  req: RestRequest,
  route: RestRoute,
  pathParameters: Readonly<Record<string, string>>,
  body: Buffer,
): RestError | undefined {
  const invalid = validateRequest(document, route.operation, {
    headers: req.headers,
    query: req.query,
    contentType: req.header("content-type"),
    body: body.toString("utf8"),
    pathParameters,
  });
  return invalid ? restError(invalid.type, { message: invalid.message }) : undefined;
}

export type CacheLookup =
  | { readonly kind: "off" }
  | { readonly kind: "forbidden" }
  | { readonly kind: "hit"; readonly answer: RestAnswer }
  | { readonly kind: "miss"; readonly key: string; readonly ttlSeconds: number; readonly warn: boolean };

/**
 * The stage cache for a route with caching on: `Cache-Control: max-age=0` invalidates only for a
 * caller allowed `execute-api:InvalidateCache` (the twin has no IAM: a SigV4-signed request counts as
 * allowed), else the method's strategy decides (403, or serve and add a warning header).
 */
export function cacheLookup(
  cache: StageCache<RestAnswer>,
  stage: TwinRestStage,
  req: RestRequest,
  route: RestRoute,
  pathParameters: Readonly<Record<string, string>>,
): CacheLookup {
  const settings = stage.cache[`${route.method} ${route.resource}`];
  if (!settings?.enabled) return { kind: "off" };
  const directive = cacheDirective(req.headers, settings, isSigV4Signed(req));
  if (directive.action === "forbidden") return { kind: "forbidden" };
  const key = cache.key(`${req.method} ${route.resource}`, pathParameters, req.query, req.headers, route.cacheKeyParameters);
  if (directive.action === "invalidate") cache.invalidate(key);
  const warn = directive.action === "ignore-with-header";
  const cached = cache.get(key);
  if (cached) return { kind: "hit", answer: { ...cached, cache: "hit", ...(warn ? { headers: withWarning(cached.headers) } : {}) } };
  return { kind: "miss", key, ttlSeconds: settings.ttlSeconds, warn };
}

export function withWarning(headers: RestAnswer["headers"]): RestAnswer["headers"] {
  return { ...headers, [CACHE_CONTROL_IGNORED_HEADER.name]: CACHE_CONTROL_IGNORED_HEADER.value };
}
