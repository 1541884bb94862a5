/**
 * A REST stage's response cache, as API Gateway keeps it: one cache per stage, entries keyed by the
 * method (resource and HTTP method) and the values of the method's cache key parameters
 * (`method.request.path|querystring|header.<name>`, the integration's `cacheKeyParameters`), each
 * kept for its method's TTL. Pure (no HTTP); the twin decides what to cache:
 *
 *   auth → API key / throttling → validation → `cacheDirective` → `get` → integration → `set`
 *
 * - Only methods whose effective settings (`methodCacheSettings`) enable caching with a TTL > 0 are
 *   cached; the stage-wide `*\/*` setting enables GET methods only (AWS: "only GET methods have caching
 *   enabled by default"); a method's own entry may enable any method.
 * - API Gateway caches the integration's answer whatever its status; gateway responses (auth,
 *   throttling, validation errors) are never cached because they never reach this step.
 * - `Cache-Control: max-age=0` asks to invalidate the entry (`cacheDirective`): on `invalidate`, call
 *   `invalidate(key)` then proceed as on a miss (`get` counts it), and `set` the fresh answer.
 * - Responses over 1 MB are not cached; when the cluster is full, least recently used entries go.
 */
import { DEFAULT_MOCK_ENVIRONMENT, mockResourceState } from "../preview/mock-state";

/** A resource as the program registered it under mocks (`RecordedResource`, or a preview JSON row). */
export interface CapturedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The resource's URN and its parent's, when captured with them (orders resources as the program created them). */
  readonly urn?: string;
  readonly parentUrn?: string | undefined;
}

export const METHOD_SETTINGS_TYPE = "aws:apigateway/methodSettings:MethodSettings";
export const STAGE_TYPE = "aws:apigateway/stage:Stage";
export const REST_API_TYPE = "aws:apigateway/restApi:RestApi";

/** API Gateway's default cache TTL. */
export const DEFAULT_CACHE_TTL_SECONDS = 300;
/** The largest response API Gateway caches. */
export const MAX_CACHED_RESPONSE_BYTES = 1_048_576;

/**
 * The id (as the mocks gave it, which MethodSettings, Stage and UsagePlan inputs carry) of a REST API
 * named by its id, its resource name (`api-api`) or its `name` input (`microservice-gateway-prod`,
 * `TwinRestApi.name`). A value that names no captured API is taken as an id.
 */
export function restApiIdOf(resources: readonly CapturedResource[], restApi: string): string {
  for (const r of resources) {
    if (r.type !== REST_API_TYPE) continue;
    const id = mockResourceState(r.type, r.name, { ...r.inputs }, DEFAULT_MOCK_ENVIRONMENT).id;
    if (restApi === id || restApi === r.name || restApi === r.inputs.name) return id;
  }
  return restApi;
}

/**
 * The REST API id the resources of one stage belong to: the given API's, else the only one that has a
 * stage of that name; throws when several APIs have such a stage and none was named.
 */
export function stageRestApiId(resources: readonly CapturedResource[], stageName: string, restApi: string | undefined): string | undefined {
  if (restApi !== undefined) return restApiIdOf(resources, restApi);
  const ids = new Set<string>();
  for (const r of resources) {
    if ((r.type === METHOD_SETTINGS_TYPE || r.type === STAGE_TYPE) && r.inputs.stageName === stageName && typeof r.inputs.restApi === "string")
      ids.add(r.inputs.restApi);
  }
  if (ids.size > 1) {
    const names = resources.filter((r) => r.type === REST_API_TYPE).map((r) => `${String(r.inputs.name ?? r.name)} (${restApiIdOf(resources, r.name)})`);
    throw new Error(`stage ${stageName} exists on ${ids.size} REST APIs (${[...ids].sort().join(", ")}); name one with options.restApi: ${names.join(", ")}`);
  }
  return [...ids][0];
}

const ofStage = (r: CapturedResource, stageName: string, restApiId: string | undefined) =>
  r.inputs.stageName === stageName && (restApiId === undefined || r.inputs.restApi === undefined || r.inputs.restApi === restApiId);

/** The `MethodSettings` method path of a resource path: `/items/{id}` → `~1items~1{id}`. */
export function encodeMethodPath(resourcePath: string): string {
  return resourcePath.replace(/\//g, "~1");
}

/**
 * A stage's method settings for one method, as API Gateway applies them: the `*\/*` entry, then the
 * method's own entry (`~1path/METHOD`, or `/ANY`, `/*`) over it, field by field.
 */
export function effectiveMethodSettings(
  resources: readonly CapturedResource[],
  stageName: string,
  method: string,
  resourcePath: string,
  options: { readonly restApi?: string } = {},
): { readonly stageWide: Readonly<Record<string, unknown>>; readonly own: Readonly<Record<string, unknown>> | undefined } {
  const restApiId = stageRestApiId(resources, stageName, options.restApi);
  const entries = new Map<string, Readonly<Record<string, unknown>>>();
  for (const r of resources) {
    if (r.type !== METHOD_SETTINGS_TYPE || !ofStage(r, stageName, restApiId)) continue;
    const settings = r.inputs.settings;
    if (typeof r.inputs.methodPath === "string" && typeof settings === "object" && settings !== null)
      entries.set(r.inputs.methodPath, settings as Record<string, unknown>);
  }
  const base = encodeMethodPath(resourcePath);
  const upper = method.toUpperCase();
  const own = [`${base}/${upper}`, `${base}/ANY`, `${base}/*`].map((p) => entries.get(p)).find((s) => s !== undefined);
  return { stageWide: entries.get("*/*") ?? {}, own };
}

export type UnauthorizedCacheControlHeaderStrategy = "FAIL_WITH_403" | "SUCCEED_WITH_RESPONSE_HEADER" | "SUCCEED_WITHOUT_RESPONSE_HEADER";

export interface CacheControlSettings {
  readonly requireAuthorizationForCacheControl: boolean;
  readonly unauthorizedCacheControlHeaderStrategy: UnauthorizedCacheControlHeaderStrategy;
}

export interface MethodCacheSettings extends CacheControlSettings {
  /** Whether responses of this method are cached (caching on, the stage has a cache, TTL > 0). */
  readonly enabled: boolean;
  readonly ttlSeconds: number;
}

const STRATEGIES: readonly UnauthorizedCacheControlHeaderStrategy[] = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"];

/**
 * The effective cache settings of one method of a stage, from the captured `MethodSettings` inputs
 * (`*\/*`, then `~1path/METHOD`). `resources` may hold every captured resource: a `Stage` of that
 * name without `cacheClusterEnabled` disables caching. Unset fields take API Gateway's defaults
 * (TTL 300 s, authorization required, SUCCEED_WITH_RESPONSE_HEADER). `options.restApi` names the API
 * (id, resource name or name) when several have a stage of that name.
 */
export function methodCacheSettings(
  resources: readonly CapturedResource[],
  stageName: string,
  method: string,
  resourcePath: string,
  options: { readonly restApi?: string } = {},
): MethodCacheSettings {
  const restApiId = stageRestApiId(resources, stageName, options.restApi);
  const { stageWide, own } = effectiveMethodSettings(resources, stageName, method, resourcePath, {
    ...(restApiId !== undefined ? { restApi: restApiId } : {}),
  });
  const merged: Record<string, unknown> = { ...stageWide };
  for (const [k, v] of Object.entries(own ?? {})) if (v !== undefined) merged[k] = v;
  const ttl = typeof merged.cacheTtlInSeconds === "number" ? merged.cacheTtlInSeconds : DEFAULT_CACHE_TTL_SECONDS;
  // The stage-wide switch caches GET methods only; a method's own entry decides for itself.
  const ownSwitch = own?.cachingEnabled;
  const switched = typeof ownSwitch === "boolean" ? ownSwitch : stageWide.cachingEnabled === true && method.toUpperCase() === "GET";
  const stage = resources.find((r) => r.type === STAGE_TYPE && ofStage(r, stageName, restApiId));
  const hasCluster = stage === undefined || stage.inputs.cacheClusterEnabled === true;
  const strategy = merged.unauthorizedCacheControlHeaderStrategy;
  return {
    enabled: switched && hasCluster && ttl > 0,
    ttlSeconds: ttl,
    requireAuthorizationForCacheControl: merged.requireAuthorizationForCacheControl !== false,
    unauthorizedCacheControlHeaderStrategy: STRATEGIES.includes(strategy as UnauthorizedCacheControlHeaderStrategy)
      ? (strategy as UnauthorizedCacheControlHeaderStrategy)
      : "SUCCEED_WITH_RESPONSE_HEADER",
  };
}

export type CacheAction = "use" | "invalidate" | "forbidden" | "ignore-with-header" | "ignore";

/** Whether the request carries `Cache-Control: max-age=0` (any case, among other directives). */
export function requestsInvalidation(headers: Readonly<Record<string, string>>): boolean {
  return Object.entries(headers).some(
    ([name, value]) =>
      name.toLowerCase() === "cache-control" &&
      value.split(",").some((directive) => {
        const m = /^\s*max-age\s*=\s*"?(\d+)"?\s*$/i.exec(directive);
        return m !== null && Number(m[1]) === 0;
      }),
  );
}

/**
 * What a request's `Cache-Control` asks of the cache, as AWS documents per-key invalidation:
 * - no `max-age=0`: `use` the cache;
 * - `max-age=0` from a caller who may invalidate (`execute-api:InvalidateCache` on the method), or on a
 *   method that does not require authorization for it: `invalidate` (fetch from the integration and
 *   replace the entry);
 * - otherwise by `unauthorizedCacheControlHeaderStrategy`: FAIL_WITH_403 → `forbidden` (answer 403);
 *   SUCCEED_WITH_RESPONSE_HEADER → `ignore-with-header` (serve as `use`, add `CACHE_CONTROL_IGNORED_HEADER`);
 *   SUCCEED_WITHOUT_RESPONSE_HEADER → `ignore` (serve as `use`).
 */
export function cacheDirective(
  headers: Readonly<Record<string, string>>,
  settings: CacheControlSettings,
  callerMayInvalidate: boolean,
): { readonly action: CacheAction } {
  if (!requestsInvalidation(headers)) return { action: "use" };
  if (!settings.requireAuthorizationForCacheControl || callerMayInvalidate) return { action: "invalidate" };
  switch (settings.unauthorizedCacheControlHeaderStrategy) {
    case "FAIL_WITH_403":
      return { action: "forbidden" };
    case "SUCCEED_WITH_RESPONSE_HEADER":
      return { action: "ignore-with-header" };
    case "SUCCEED_WITHOUT_RESPONSE_HEADER":
      return { action: "ignore" };
  }
}

/**
 * The warning the twin adds on `ignore-with-header`. AWS does not document the header's exact text;
 * this is the twin's (an HTTP `Warning` with the miscellaneous-warning code 199).
 */
export const CACHE_CONTROL_IGNORED_HEADER = {
  name: "warning",
  value: '199 - "Cache-Control: max-age=0 ignored: the caller may not invalidate the cache (execute-api:InvalidateCache)"',
} as const;

export interface CachedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer | string;
}

export interface StageCacheOptions {
  /** The stage's TTL, used when `set` is given none. @default 300 */
  readonly ttlSeconds?: number;
  /** The cluster's capacity (see `cacheClusterBytes`); unlimited when undefined. */
  readonly capacityBytes?: number;
  /** The largest body cached. @default 1 MB (API Gateway's limit) */
  readonly maxEntryBytes?: number;
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

export interface CacheMetrics {
  readonly CacheHitCount: number;
  readonly CacheMissCount: number;
}

export interface StageCache<R extends CachedResponse = CachedResponse> {
  /**
   * The entry key of a request: `methodId` (e.g. `GET /items/{id}`: the HTTP method and the matched
   * resource) and the value of each cache key parameter (sorted; header names any case; `null` when the
   * request lacks it): `GET /items/{id} {"method.request.path.id":"42"}`.
   */
  key(
    methodId: string,
    pathParameters: Readonly<Record<string, string>>,
    query: Readonly<Record<string, string>>,
    headers: Readonly<Record<string, string>>,
    cacheKeyParameters: readonly string[],
  ): string;
  /** The live entry (counted as a hit), or undefined (counted as a miss; an expired entry is dropped). */
  get(key: string): R | undefined;
  /** Stores a response for `ttlSeconds` (default the stage's); false when not stored (TTL <= 0, too large). */
  set(key: string, response: R, ttlSeconds?: number): boolean;
  /** Drops one entry; true when there was one. */
  invalidate(key: string): boolean;
  /** Drops every entry (FlushStageCache). */
  flush(): void;
  metrics(): CacheMetrics;
  /** Live and expired entries still held, and their bytes. */
  readonly size: { readonly entries: number; readonly bytes: number };
}

/** A cluster size as the Stage input writes it (`"0.5"` GB) in bytes. */
export function cacheClusterBytes(sizeGb: string | number): number {
  return Math.round(Number(sizeGb) * 1024 ** 3);
}

function responseBytes(response: CachedResponse): number {
  let bytes = typeof response.body === "string" ? Buffer.byteLength(response.body) : response.body.length;
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of typeof value === "string" ? [value] : value) bytes += Buffer.byteLength(name) + Buffer.byteLength(one);
  }
  return bytes;
}

/** `method.request.querystring.limit` or `querystring.limit` → its value in the request, or null. */
function parameterValue(
  parameter: string,
  pathParameters: Readonly<Record<string, string>>,
  query: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
): string | null {
  const m = /^(?:method\.request\.)?(path|querystring|header)\.(.+)$/.exec(parameter);
  if (!m) return null;
  const [, where, name] = m as unknown as [string, "path" | "querystring" | "header", string];
  const own = (o: Readonly<Record<string, string>>, k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? (o[k] as string) : null);
  if (where === "path") return own(pathParameters, name);
  if (where === "querystring") return own(query, name);
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return found ? found[1] : null;
}

export function createStageCache<R extends CachedResponse = CachedResponse>(options: StageCacheOptions = {}): StageCache<R> {
  const defaultTtl = options.ttlSeconds ?? DEFAULT_CACHE_TTL_SECONDS;
  const maxEntry = options.maxEntryBytes ?? MAX_CACHED_RESPONSE_BYTES;
  const capacity = options.capacityBytes ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? Date.now;
  // Insertion order is recency order: a hit moves its entry to the end.
  const entries = new Map<string, { response: R; expires: number; bytes: number }>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const drop = (key: string): boolean => {
    const entry = entries.get(key);
    if (!entry) return false;
    entries.delete(key);
    bytes -= entry.bytes;
    return true;
  };

  return {
    key(methodId, pathParameters, query, headers, cacheKeyParameters) {
      const names = [...new Set(cacheKeyParameters.map((p) => (p.startsWith("method.request.") ? p : `method.request.${p}`)))].sort();
      const values = Object.fromEntries(names.map((p) => [p, parameterValue(p, pathParameters, query, headers)]));
      return `${methodId} ${JSON.stringify(values)}`;
    },
    get(key) {
      const entry = entries.get(key);
      if (entry && entry.expires > now()) {
        entries.delete(key);
        entries.set(key, entry);
        hits++;
        return entry.response;
      }
      if (entry) drop(key);
      misses++;
      return undefined;
    },
    set(key, response, ttlSeconds = defaultTtl) {
      drop(key);
      const body = typeof response.body === "string" ? Buffer.byteLength(response.body) : response.body.length;
      const size = responseBytes(response) + Buffer.byteLength(key);
      if (ttlSeconds <= 0 || body > maxEntry || size > capacity) return false;
      const at = now();
      for (const [k, e] of entries) if (e.expires <= at) drop(k);
      for (const k of entries.keys()) {
        if (bytes + size <= capacity) break;
        drop(k);
      }
      entries.set(key, { response, expires: at + ttlSeconds * 1000, bytes: size });
      bytes += size;
      return true;
    },
    invalidate: drop,
    flush() {
      entries.clear();
      bytes = 0;
    },
    metrics: () => ({ CacheHitCount: hits, CacheMissCount: misses }),
    get size() {
      return { entries: entries.size, bytes };
    },
  };
}
