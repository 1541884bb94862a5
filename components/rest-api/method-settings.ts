import type { HttpMethod, RouteConfig, StageCache, StageConfig, StageThrottling } from "../../config";
import type { UnauthorizedCacheControlStrategy } from "../../config/constants";
import type { PolicyDocument } from "../lambda/role-policy";

/** The settings of one method path of a stage, as `aws.apigateway.MethodSettings` takes them. */
export interface MethodSettingsValues {
  readonly loggingLevel: string;
  readonly dataTraceEnabled: boolean;
  readonly metricsEnabled: boolean;
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
  readonly cachingEnabled?: boolean;
  readonly cacheTtlInSeconds?: number;
  readonly cacheDataEncrypted?: boolean;
  readonly requireAuthorizationForCacheControl?: boolean;
  readonly unauthorizedCacheControlHeaderStrategy?: string;
}

export interface MethodSettingsEntry {
  /** `*\/*`, or the resource path with `/` written `~1`, then the method: `~1items~1{id}/GET`. */
  readonly methodPath: string;
  /** The route it overrides, or undefined for the stage-wide defaults. */
  readonly route: RouteConfig | undefined;
  readonly settings: MethodSettingsValues;
}

export function methodSettingsPath(method: HttpMethod, path: string): string {
  return `${path.replace(/\//g, "~1")}/${method}`;
}

/** Only GET responses are cached: any other method's response depends on a body the cache key leaves out. */
export function routeCaches(route: RouteConfig, stage: StageConfig): boolean {
  return stage.cache !== undefined && route.method === "GET" && (route.cache?.enabled ?? true);
}

/**
 * Cache settings. Invalidation by `Cache-Control: max-age=0` needs `execute-api:InvalidateCache`
 * unless the stack explicitly lets anyone invalidate; `strategy` is what an unauthorized request gets
 * (every strategy keeps the cache: AWS, "Invalidate an API Gateway cache entry").
 */
export function cacheSettings(cache: StageCache, cachingEnabled: boolean, ttlSeconds = cache.ttlSeconds, strategy = cache.unauthorizedStrategy) {
  const authorized = cache.invalidation === "authorized";
  return {
    cachingEnabled,
    cacheTtlInSeconds: ttlSeconds,
    cacheDataEncrypted: cache.encrypted,
    requireAuthorizationForCacheControl: authorized,
    unauthorizedCacheControlHeaderStrategy: authorized ? strategy : "SUCCEED_WITHOUT_RESPONSE_HEADER",
  } as const;
}

/**
 * A method's unauthorized-invalidation strategy: its own, else for a public GET (no authorization, no
 * API key: what browsers load, and a browser's reload sends `Cache-Control: max-age=0`) one that serves
 * the cached answer, else the stage's. FAIL_WITH_403 there would answer every reload with 403.
 */
export function unauthorizedStrategy(route: RouteConfig, cache: StageCache): UnauthorizedCacheControlStrategy {
  if (route.cache?.unauthorizedStrategy !== undefined) return route.cache.unauthorizedStrategy;
  const browserFacing = route.method === "GET" && route.authorization === "none" && !route.apiKeyRequired;
  return browserFacing ? "SUCCEED_WITH_RESPONSE_HEADER" : cache.unauthorizedStrategy;
}

function baseSettings(stage: StageConfig, throttling: StageThrottling): MethodSettingsValues {
  return {
    loggingLevel: stage.logging.executionLevel,
    dataTraceEnabled: stage.logging.dataTrace,
    metricsEnabled: stage.logging.metrics,
    throttlingRateLimit: throttling.rateLimit,
    throttlingBurstLimit: throttling.burstLimit,
  };
}

/**
 * The stage-wide defaults on `*\/*` (the cache's security settings included, but caching off), then
 * one entry per route that caches or throttles differently. A method entry replaces the defaults for
 * that method, so it repeats the logging and throttling it inherits.
 */
export function stageMethodSettings(stage: StageConfig, routes: readonly RouteConfig[]): MethodSettingsEntry[] {
  const defaults: MethodSettingsValues = {
    ...baseSettings(stage, stage.throttling),
    ...(stage.cache ? cacheSettings(stage.cache, false) : {}),
  };
  const entries: MethodSettingsEntry[] = [{ methodPath: "*/*", route: undefined, settings: defaults }];
  for (const route of routes) {
    const caches = routeCaches(route, stage);
    if (!caches && !route.throttling) continue;
    entries.push({
      methodPath: methodSettingsPath(route.method, route.path),
      route,
      settings: {
        ...baseSettings(stage, route.throttling ?? stage.throttling),
        ...(stage.cache ? cacheSettings(stage.cache, caches, route.cache?.ttlSeconds ?? stage.cache.ttlSeconds, unauthorizedStrategy(route, stage.cache)) : {}),
      },
    });
  }
  return entries;
}

/** The execute-api ARN of one method of a stage; path parameters match any value. */
export function methodArn(executionArn: string, stage: string, method: HttpMethod, path: string): string {
  const resource = path.slice(1).replace(/\{[^}]+\}/g, "*");
  return `${executionArn}/${stage}/${method === "ANY" ? "*" : method}/${resource}`;
}

/** Lets its holders invalidate exactly the cached methods of one stage, and nothing else. */
export function invalidateCachePolicy(executionArn: string, stage: StageConfig, routes: readonly RouteConfig[]): PolicyDocument {
  const resources = routes.filter((r) => routeCaches(r, stage)).map((r) => methodArn(executionArn, stage.name, r.method, r.path));
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["execute-api:InvalidateCache"], Resource: resources }] };
}
