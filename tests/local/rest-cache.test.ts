import {
  CACHE_CONTROL_IGNORED_HEADER,
  cacheClusterBytes,
  cacheDirective,
  createStageCache,
  methodCacheSettings,
  requestsInvalidation,
  restApiIdOf,
  type CacheControlSettings,
  type CapturedResource,
  type UnauthorizedCacheControlHeaderStrategy,
} from "../../local/rest-cache";

/** The prod stack's public API, as `npm run preview -- --stack prod --json` captures it (trimmed). */
const CACHE_SETTINGS = {
  cacheDataEncrypted: true,
  dataTraceEnabled: false,
  loggingLevel: "ERROR",
  metricsEnabled: true,
  requireAuthorizationForCacheControl: true,
  throttlingBurstLimit: 1000,
  throttlingRateLimit: 500,
  unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
};
const API = "dxfo9qihsq";
const INTERNAL = "ddn7ta6ubg";
const PROD: CapturedResource[] = [
  { type: "aws:apigateway/restApi:RestApi", name: "api-api", inputs: { name: "microservice-gateway-prod" } },
  { type: "aws:apigateway/restApi:RestApi", name: "internal-rest-api", inputs: { name: "microservice-gateway-prod-internal" } },
  { type: "aws:apigateway/stage:Stage", name: "internal-rest-prod-stage", inputs: { restApi: INTERNAL, stageName: "prod" } },
  {
    type: "aws:apigateway/methodSettings:MethodSettings",
    name: "internal-rest-prod-settings",
    inputs: {
      methodPath: "*/*",
      restApi: INTERNAL,
      stageName: "prod",
      settings: { loggingLevel: "ERROR", throttlingBurstLimit: 1000, throttlingRateLimit: 500 },
    },
  },
  {
    type: "aws:apigateway/stage:Stage",
    name: "api-prod-stage",
    inputs: { cacheClusterEnabled: true, cacheClusterSize: "0.5", restApi: API, stageName: "prod" },
  },
  {
    type: "aws:apigateway/methodSettings:MethodSettings",
    name: "api-prod-settings",
    inputs: { methodPath: "*/*", restApi: API, stageName: "prod", settings: { ...CACHE_SETTINGS, cacheTtlInSeconds: 300, cachingEnabled: false } },
  },
  {
    type: "aws:apigateway/methodSettings:MethodSettings",
    name: "api-prod-settings-GET-/items",
    inputs: { methodPath: "~1items/GET", restApi: API, stageName: "prod", settings: { ...CACHE_SETTINGS, cacheTtlInSeconds: 30, cachingEnabled: true } },
  },
  {
    type: "aws:apigateway/methodSettings:MethodSettings",
    name: "api-prod-settings-GET-/docs/{key+}",
    inputs: {
      methodPath: "~1docs~1{key+}/GET",
      restApi: API,
      stageName: "prod",
      settings: { ...CACHE_SETTINGS, cacheTtlInSeconds: 300, cachingEnabled: true },
    },
  },
];

const FAIL_403 = { requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403" } as const;

describe("a stage's response cache", () => {
  test("the key: the method, then each cache key parameter's value (sorted; headers any case; null when absent)", () => {
    const cache = createStageCache();
    expect(cache.key("GET /items/{id}", { id: "42" }, { limit: "5" }, {}, ["method.request.path.id"])).toBe('GET /items/{id} {"method.request.path.id":"42"}');
    expect(
      cache.key("GET /items", {}, { limit: "10" }, { accept: "text/html" }, [
        "method.request.querystring.limit",
        "method.request.querystring.cursor",
        "method.request.header.Accept",
      ]),
    ).toBe('GET /items {"method.request.header.Accept":"text/html","method.request.querystring.cursor":null,"method.request.querystring.limit":"10"}');
    expect(cache.key("GET /docs", {}, { v: "1" }, {}, [])).toBe("GET /docs {}");
    expect(cache.key("GET /search", {}, { q: "" }, {}, ["querystring.q"])).toBe('GET /search {"method.request.querystring.q":""}');
  });

  test("entries live for their TTL; hits and misses are counted", () => {
    let now = 1_000_000;
    const cache = createStageCache({ ttlSeconds: 300, now: () => now });
    const response = { status: 200, headers: { "content-type": "application/json" }, body: '{"items":[]}' };
    expect(cache.get("k")).toBeUndefined();
    expect(cache.set("k", response, 30)).toBe(true);
    now += 29_999;
    expect(cache.get("k")).toBe(response);
    now += 1;
    expect(cache.get("k")).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
    expect(cache.set("k", response)).toBe(true);
    now += 299_999;
    expect(cache.get("k")).toBe(response);
    expect(cache.metrics()).toEqual({ CacheHitCount: 2, CacheMissCount: 2 });
  });

  test("invalidate drops one entry: the next get is a miss; flush drops them all", () => {
    const cache = createStageCache({ now: () => 0 });
    const response = { status: 200, headers: {}, body: Buffer.from("abc") };
    cache.set("a", response);
    cache.set("b", response);
    expect(cache.invalidate("a")).toBe(true);
    expect(cache.invalidate("a")).toBe(false);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(response);
    cache.flush();
    expect(cache.get("b")).toBeUndefined();
    expect(cache.metrics()).toEqual({ CacheHitCount: 1, CacheMissCount: 2 });
  });

  test("not cached: TTL 0, a body over 1 MB", () => {
    const cache = createStageCache({ now: () => 0 });
    expect(cache.set("k", { status: 200, headers: {}, body: "x" }, 0)).toBe(false);
    expect(cache.set("k", { status: 200, headers: {}, body: Buffer.alloc(1_048_577) })).toBe(false);
    expect(cache.set("k", { status: 200, headers: {}, body: Buffer.alloc(1_048_576) })).toBe(true);
    expect(cache.size.entries).toBe(1);
  });

  test("a full cache drops the least recently used entries", () => {
    let now = 0;
    // Each entry: 10 bytes of body + a 1-byte key.
    const cache = createStageCache({ capacityBytes: 33, now: () => now });
    const r = (s: string) => ({ status: 200, headers: {}, body: s.repeat(10) });
    cache.set("a", r("a"));
    cache.set("b", r("b"));
    cache.set("c", r("c"));
    now = 1;
    cache.get("a");
    cache.set("d", r("d"));
    expect(["a", "b", "c", "d"].map((k) => cache.get(k)?.body ?? null)).toEqual(["aaaaaaaaaa", null, "cccccccccc", "dddddddddd"]);
    expect(cache.size).toEqual({ entries: 3, bytes: 33 });
    expect(cacheClusterBytes("0.5")).toBe(536_870_912);
    expect(cacheClusterBytes(237)).toBe(254_476_812_288);
  });
});

describe("Cache-Control: max-age=0 (per-key invalidation)", () => {
  test("which requests ask for it", () => {
    expect(requestsInvalidation({ "Cache-Control": "max-age=0" })).toBe(true);
    expect(requestsInvalidation({ "cache-control": "no-cache, MAX-AGE = 0" })).toBe(true);
    expect(requestsInvalidation({ "cache-control": 'max-age="0"' })).toBe(true);
    expect(requestsInvalidation({ "cache-control": "max-age=10" })).toBe(false);
    expect(requestsInvalidation({ "cache-control": "no-cache" })).toBe(false);
    expect(requestsInvalidation({ pragma: "max-age=0" })).toBe(false);
  });

  const strategies: UnauthorizedCacheControlHeaderStrategy[] = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"];
  test.each([
    // requireAuthorization, strategy, callerMayInvalidate, header → action
    [true, "FAIL_WITH_403", false, undefined, "use"],
    [true, "FAIL_WITH_403", true, "max-age=0", "invalidate"],
    [true, "FAIL_WITH_403", false, "max-age=0", "forbidden"],
    [true, "SUCCEED_WITH_RESPONSE_HEADER", false, "max-age=0", "ignore-with-header"],
    [true, "SUCCEED_WITHOUT_RESPONSE_HEADER", false, "max-age=0", "ignore"],
    [false, "FAIL_WITH_403", false, "max-age=0", "invalidate"],
    [false, "SUCCEED_WITH_RESPONSE_HEADER", false, "max-age=0", "invalidate"],
    [true, "SUCCEED_WITHOUT_RESPONSE_HEADER", true, "max-age=0", "invalidate"],
    [true, "FAIL_WITH_403", false, "max-age=60", "use"],
  ] as const)("authorization required %s, %s, caller may invalidate %s, Cache-Control %s → %s", (required, strategy, mayInvalidate, header, action) => {
    const settings: CacheControlSettings = { requireAuthorizationForCacheControl: required, unauthorizedCacheControlHeaderStrategy: strategy };
    expect(strategies).toContain(strategy);
    expect(cacheDirective(header ? { "Cache-Control": header } : {}, settings, mayInvalidate)).toEqual({ action });
  });

  test("the warning header the twin adds when it ignores the header", () => {
    expect(CACHE_CONTROL_IGNORED_HEADER).toEqual({
      name: "warning",
      value: '199 - "Cache-Control: max-age=0 ignored: the caller may not invalidate the cache (execute-api:InvalidateCache)"',
    });
  });
});

describe("a method's effective cache settings, from the captured MethodSettings", () => {
  const prod = (method: string, path: string) => methodCacheSettings(PROD, "prod", method, path, { restApi: "microservice-gateway-prod" });

  test("the method's own entry over the stage's", () => {
    expect(prod("GET", "/items")).toEqual({ enabled: true, ttlSeconds: 30, ...FAIL_403 });
    expect(prod("get", "/docs/{key+}")).toEqual({ enabled: true, ttlSeconds: 300, ...FAIL_403 });
  });

  test("methods without an entry take the stage's (caching off)", () => {
    expect(prod("GET", "/hello")).toEqual({ enabled: false, ttlSeconds: 300, ...FAIL_403 });
    expect(prod("POST", "/items")).toEqual({ enabled: false, ttlSeconds: 300, ...FAIL_403 });
  });

  test("the API may be named by id, resource name or name; several APIs with the stage and none named: an error", () => {
    expect(restApiIdOf(PROD, "api-api")).toBe(API);
    expect(restApiIdOf(PROD, "microservice-gateway-prod-internal")).toBe(INTERNAL);
    expect(restApiIdOf(PROD, API)).toBe(API);
    expect(methodCacheSettings(PROD, "prod", "GET", "/items", { restApi: API })).toEqual(prod("GET", "/items"));
    expect(methodCacheSettings(PROD, "prod", "GET", "/items", { restApi: "internal-rest-api" })).toEqual({
      enabled: false,
      ttlSeconds: 300,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
    });
    expect(() => methodCacheSettings(PROD, "prod", "GET", "/items")).toThrow(
      "stage prod exists on 2 REST APIs (ddn7ta6ubg, dxfo9qihsq); name one with options.restApi: " +
        "microservice-gateway-prod (dxfo9qihsq), microservice-gateway-prod-internal (ddn7ta6ubg)",
    );
  });

  const stage = (settings: Record<string, unknown>, own?: Record<string, unknown>, cluster = true): CapturedResource[] => [
    { type: "aws:apigateway/stage:Stage", name: "s", inputs: { stageName: "dev", ...(cluster ? { cacheClusterEnabled: true } : {}) } },
    { type: "aws:apigateway/methodSettings:MethodSettings", name: "m", inputs: { stageName: "dev", methodPath: "*/*", settings } },
    ...(own ? [{ type: "aws:apigateway/methodSettings:MethodSettings", name: "o", inputs: { stageName: "dev", methodPath: "~1/POST", settings: own } }] : []),
  ];

  test("stage-wide caching caches GET methods only; a method's own entry may cache another method", () => {
    const resources = stage({ cachingEnabled: true, cacheTtlInSeconds: 60 }, { cachingEnabled: true });
    expect(methodCacheSettings(resources, "dev", "GET", "/anything")).toEqual({
      enabled: true,
      ttlSeconds: 60,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
    });
    expect(methodCacheSettings(resources, "dev", "DELETE", "/anything").enabled).toBe(false);
    expect(methodCacheSettings(resources, "dev", "POST", "/")).toMatchObject({ enabled: true, ttlSeconds: 60 });
  });

  test("no cache cluster, or TTL 0: nothing is cached", () => {
    expect(methodCacheSettings(stage({ cachingEnabled: true }, undefined, false), "dev", "GET", "/x").enabled).toBe(false);
    expect(methodCacheSettings(stage({ cachingEnabled: true, cacheTtlInSeconds: 0 }), "dev", "GET", "/x")).toMatchObject({ enabled: false, ttlSeconds: 0 });
  });

  test("anyone may invalidate when authorization is not required", () => {
    const settings = methodCacheSettings(
      stage({ cachingEnabled: true, requireAuthorizationForCacheControl: false, unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITHOUT_RESPONSE_HEADER" }),
      "dev",
      "GET",
      "/x",
    );
    expect(cacheDirective({ "cache-control": "max-age=0" }, settings, false)).toEqual({ action: "invalidate" });
  });
});
