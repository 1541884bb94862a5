import { cacheInvalidationRequiresAuthorization as rule } from "../../policies/rules/cache-invalidation-authorization";
import { noWildcardCacheInvalidationGrant as grantRule } from "../../policies/rules/no-wildcard-cache-invalidation-grant";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const FIX =
  "Set requireAuthorizationForCacheControl: true in the method settings (with any unauthorizedCacheControlHeaderStrategy: each keeps the cache), and grant execute-api:InvalidateCache only to the callers that may flush the cache.";
const CACHING = { cachingEnabled: true, cacheDataEncrypted: true, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403" };

describe("cache-invalidation-requires-authorization", () => {
  test("passes: a cached stage requiring authorization to invalidate", async () => {
    const { stage, settings } = restStage("prod", { cacheClusterEnabled: true, cacheClusterSize: "0.5" }, CACHING);
    expect(await check(rule, [stage, settings])).toEqual([]);
  });

  test("passes: no cache at all", async () => {
    const { stage, settings } = restStage();
    expect(await check(rule, [stage, settings])).toEqual([]);
  });

  test("fails: caching without requiring authorization", async () => {
    const { stage, settings } = restStage("prod", { cacheClusterEnabled: true }, { ...CACHING, requireAuthorizationForCacheControl: false });
    const violations = await check(rule, [stage, settings]);
    expect(violations).toEqual([
      {
        policy: "cache-invalidation-requires-authorization",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/methodSettings:MethodSettings::api-prod-settings",
        message: `Method settings "*/*" of REST stage "prod" cache responses, but any client can invalidate the cache with "Cache-Control: max-age=0" (requireAuthorizationForCacheControl is false). ${FIX}`,
      },
    ]);
  });

  // AWS, "Invalidate an API Gateway cache entry": with authorization required, each strategy ignores an
  // unauthorized request's Cache-Control header (403, or the cached answer with or without a warning).
  test("passes: authorization required, whichever strategy answers the unauthorized request", async () => {
    for (const strategy of ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"]) {
      const { stage, settings } = restStage("prod", {}, { ...CACHING, unauthorizedCacheControlHeaderStrategy: strategy });
      expect([strategy, await messages(rule, [stage, settings])]).toEqual([strategy, []]);
    }
  });

  test("fails: a strategy API Gateway does not have", async () => {
    const { stage, settings } = restStage("prod", {}, { ...CACHING, unauthorizedCacheControlHeaderStrategy: "IGNORE" });
    expect(await messages(rule, [stage, settings])).toEqual([
      `Method settings "*/*" of REST stage "prod" cache responses, but any client can invalidate the cache with "Cache-Control: max-age=0" (unauthorizedCacheControlHeaderStrategy is "IGNORE", not one of FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER, SUCCEED_WITHOUT_RESPONSE_HEADER). ${FIX}`,
    ]);
  });

  test("fails: a per-method cache override with neither field", async () => {
    const { stage, settings } = restStage();
    const method = fake(
      "aws:apigateway/methodSettings:MethodSettings",
      "api-prod-items-get",
      { restApi: "a1b2c3d4e5", stageName: "prod", methodPath: "items/GET", settings: { cachingEnabled: true, cacheTtlInSeconds: 60 } },
      { from: { stageName: [stage] } },
    );
    expect(await messages(rule, [stage, settings, method])).toEqual([
      `Method settings "items/GET" of REST stage "prod" cache responses, but any client can invalidate the cache with "Cache-Control: max-age=0" (requireAuthorizationForCacheControl is unset). ${FIX}`,
    ]);
  });

  test("fails: a cache cluster with no stage-wide method settings", async () => {
    const { stage } = restStage("prod", { cacheClusterEnabled: true });
    expect(await check(rule, [stage])).toEqual([
      {
        policy: "cache-invalidation-requires-authorization",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/stage:Stage::api-prod",
        message: `REST stage "prod" has a cache cluster but no "*/*" method settings, so nothing requires authorization to invalidate its cache. Add method settings on "*/*". ${FIX}`,
      },
    ]);
  });

  test("fails: a cache cluster whose stage-wide settings do not cache nor require authorization", async () => {
    const { stage, settings } = restStage("prod", { cacheClusterEnabled: true });
    expect(await messages(rule, [stage, settings])).toEqual([
      `REST stage "prod" has a cache cluster, but its "*/*" method settings let any client invalidate the cache (requireAuthorizationForCacheControl is unset). ${FIX}`,
    ]);
  });

  test("settings are joined to their stage by API id and stage name when no dependency links them", async () => {
    const { stage } = restStage("prod", { cacheClusterEnabled: true });
    const settings = fake("aws:apigateway/methodSettings:MethodSettings", "loose", {
      restApi: "a1b2c3d4e5",
      stageName: "prod",
      methodPath: "*/*",
      settings: CACHING,
    });
    const otherApi = fake("aws:apigateway/methodSettings:MethodSettings", "other", {
      restApi: "zzzzzzzzzz",
      stageName: "prod",
      methodPath: "*/*",
      settings: { cachingEnabled: true },
    });
    expect(await check(rule, [stage, settings])).toEqual([]);
    expect((await check(rule, [stage, otherApi])).map((v) => v.resource)).toEqual(["aws:apigateway/stage:Stage::api-prod"]);
  });
});

describe("no-wildcard-cache-invalidation-grant", () => {
  const doc = (action: unknown, resource: unknown, effect = "Allow") => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: effect, Action: action, Resource: resource }] });
  const STAGE_ARN = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/items";
  const REMEDY = "Grant execute-api:InvalidateCache only on the ARNs of the stages and methods that cache (arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>).";

  test("passes: invalidation granted on one stage's methods", async () => {
    expect(await check(grantRule, [fake("aws:iam/policy:Policy", "flushers", { policy: doc("execute-api:InvalidateCache", STAGE_ARN) })])).toEqual([]);
  });

  test("passes: a wildcard resource for other actions, or a Deny", async () => {
    expect(await check(grantRule, [fake("aws:iam/policy:Policy", "p", { policy: doc("execute-api:Invoke", "*") })])).toEqual([]);
    expect(await check(grantRule, [fake("aws:iam/policy:Policy", "d", { policy: doc("execute-api:InvalidateCache", "*", "Deny") })])).toEqual([]);
  });

  test("fails: InvalidateCache on *", async () => {
    expect(await check(grantRule, [fake("aws:iam/policy:Policy", "flushers", { policy: doc("execute-api:InvalidateCache", "*") })])).toEqual([
      {
        policy: "no-wildcard-cache-invalidation-grant",
        enforcementLevel: "mandatory",
        resource: "aws:iam/policy:Policy::flushers",
        message: `Policy "flushers" allows "execute-api:InvalidateCache" on "*", which lets its holder flush the cache of every API and stage. ${REMEDY}`,
      },
    ]);
  });

  test("fails: a wildcard action that covers InvalidateCache, on every API's ARN, in a role policy", async () => {
    const p = fake("aws:iam/rolePolicy:RolePolicy", "ops", { role: "ops", policy: doc(["execute-api:Invoke", "execute-api:*"], ["arn:aws:execute-api:*:123456789012:*/*"]) });
    expect(await messages(grantRule, [p])).toEqual([
      `RolePolicy "ops" allows "execute-api:*" on "arn:aws:execute-api:*:123456789012:*/*", which lets its holder flush the cache of every API and stage. ${REMEDY}`,
    ]);
  });

  test("fails: a role's inline policy and a REST API resource policy (objects, not JSON text)", async () => {
    const role = fake("aws:iam/role:Role", "admin", { inlinePolicies: [{ name: "all", policy: doc("*", "*") }] });
    const api = fake("aws:apigateway/restApi:RestApi", "api", { policy: { Statement: { Effect: "Allow", Action: "execute-api:invalidatecache", Resource: "*" } } });
    expect(await messages(grantRule, [role, api])).toEqual([
      `Role "admin" allows "*" on "*", which lets its holder flush the cache of every API and stage. ${REMEDY}`,
      `RestApi "api" allows "execute-api:invalidatecache" on "*", which lets its holder flush the cache of every API and stage. ${REMEDY}`,
    ]);
  });
});

describe("joining method settings to stages during a first preview", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(o: T): T };
  const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

  test("unknown API ids join through the stageName dependency, and never by value", async () => {
    const stage = fake("aws:apigateway/stage:Stage", "api-prod", unknownCheckingProxy({ restApi: UNKNOWN_STRING, stageName: "prod", cacheClusterEnabled: true }));
    const linked = fake(
      "aws:apigateway/methodSettings:MethodSettings",
      "linked",
      unknownCheckingProxy({ restApi: UNKNOWN_STRING, stageName: UNKNOWN_STRING, methodPath: "*/*", settings: CACHING }),
      { from: { stageName: [stage] } },
    );
    const unlinked = fake(
      "aws:apigateway/methodSettings:MethodSettings",
      "unlinked",
      unknownCheckingProxy({ restApi: UNKNOWN_STRING, stageName: UNKNOWN_STRING, methodPath: "*/*", settings: { cachingEnabled: true } }),
    );
    expect(await check(rule, [stage, linked])).toEqual([]);
    expect((await check(rule, [stage, unlinked])).map((v) => v.resource)).toEqual(["aws:apigateway/stage:Stage::api-prod"]);
  });
});
