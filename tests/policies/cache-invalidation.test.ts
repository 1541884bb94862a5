import { cacheInvalidationRequiresAuthorization as rule } from "../../policies/rules/cache-invalidation-authorization";
import { noWildcardCacheInvalidationGrant as grantRule } from "../../policies/rules/no-wildcard-cache-invalidation-grant";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const FIX =
  "Set requireAuthorizationForCacheControl: true in the method settings (with any unauthorizedCacheControlHeaderStrategy: each keeps the cache), and grant execute-api:InvalidateCache only to the callers that may flush the cache.";
const CACHING = {
  cachingEnabled: true,
  cacheDataEncrypted: true,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
};

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

  test("fails: caching method settings of a stage not declared in this stack (a resource rule needs no stage)", async () => {
    const orphan = fake("aws:apigateway/methodSettings:MethodSettings", "beta-items", {
      restApi: "zzzzzzzzzz",
      stageName: "beta",
      methodPath: "items/GET",
      settings: { cachingEnabled: true, cacheDataEncrypted: true },
    });
    expect(await check(rule, [orphan])).toEqual([
      {
        policy: "cache-invalidation-requires-authorization",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/methodSettings:MethodSettings::beta-items",
        message: `Method settings "items/GET" of REST stage "beta" cache responses, but any client can invalidate the cache with "Cache-Control: max-age=0" (requireAuthorizationForCacheControl is unset). ${FIX}`,
      },
    ]);
  });

  test("a stage's cache cluster is left to rest-stage-method-settings, which joins it to its settings", async () => {
    expect(await check(rule, [restStage("prod", { cacheClusterEnabled: true }).stage])).toEqual([]);
  });

  test("settings unknown during preview give an advisory; known ones are still judged", async () => {
    const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const ms = fake("aws:apigateway/methodSettings:MethodSettings", "pending", {
      restApi: UNKNOWN_STRING,
      stageName: "prod",
      methodPath: "*/*",
      settings: { cachingEnabled: true, requireAuthorizationForCacheControl: UNKNOWN_STRING, unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_401" },
    });
    expect((await check(rule, [ms])).map((v) => [v.enforcementLevel, v.message])).toEqual([
      [
        "mandatory",
        `Method settings "*/*" of REST stage "prod" cache responses, but any client can invalidate the cache with "Cache-Control: max-age=0" (unauthorizedCacheControlHeaderStrategy is "FAIL_WITH_401", not one of FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER, SUCCEED_WITHOUT_RESPONSE_HEADER). ${FIX}`,
      ],
      [
        "advisory",
        `can't run during preview: MethodSettings "pending": cannot check who may invalidate its cache until settings.requireAuthorizationForCacheControl is known (unknown during preview); the rule checks it again with the resolved value when the update creates the resource.`,
      ],
    ]);
  });
});

describe("no-wildcard-cache-invalidation-grant", () => {
  const doc = (action: unknown, resource: unknown, effect = "Allow") =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: effect, Action: action, Resource: resource }] });
  const STAGE_ARN = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/items";
  const REMEDY =
    "Grant execute-api:InvalidateCache only on the ARNs of the stages and methods that cache (arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>).";

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
    const p = fake("aws:iam/rolePolicy:RolePolicy", "ops", {
      role: "ops",
      policy: doc(["execute-api:Invoke", "execute-api:*"], ["arn:aws:execute-api:*:123456789012:*/*"]),
    });
    expect(await messages(grantRule, [p])).toEqual([
      `RolePolicy "ops" allows "execute-api:*" on "arn:aws:execute-api:*:123456789012:*/*", which lets its holder flush the cache of every API and stage. ${REMEDY}`,
    ]);
  });

  test("fails: a role's inline policy and a REST API resource policy (objects, not JSON text)", async () => {
    const role = fake("aws:iam/role:Role", "admin", { inlinePolicies: [{ name: "all", policy: doc("*", "*") }] });
    const api = fake("aws:apigateway/restApi:RestApi", "api", {
      policy: { Statement: { Effect: "Allow", Action: "execute-api:invalidatecache", Resource: "*" } },
    });
    expect(await messages(grantRule, [role, api])).toEqual([
      `Role "admin" allows "*" on "*", which lets its holder flush the cache of every API and stage. ${REMEDY}`,
      `RestApi "api" allows "execute-api:invalidatecache" on "*", which lets its holder flush the cache of every API and stage. ${REMEDY}`,
    ]);
  });

  test("fails: a NotAction statement that covers InvalidateCache, and a NotResource statement that covers every other API", async () => {
    const notAction = fake("aws:iam/policy:Policy", "most", {
      policy: JSON.stringify({ Statement: [{ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }] }),
    });
    const notResource = fake("aws:iam/policy:Policy", "others", {
      policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "execute-api:InvalidateCache", NotResource: [STAGE_ARN] }] }),
    });
    const excluded = fake("aws:iam/policy:Policy", "none", {
      policy: JSON.stringify({ Statement: [{ Effect: "Allow", NotAction: "execute-api:*", Resource: "*" }] }),
    });
    expect(await messages(grantRule, [notAction, notResource, excluded])).toEqual([
      `Policy "most" allows NotAction ["iam:*"] on "*", which lets its holder flush the cache of every API and stage. ${REMEDY}`,
      `Policy "others" allows "execute-api:InvalidateCache" on NotResource ["${STAGE_ARN}"], which lets its holder flush the cache of every API and stage. ${REMEDY}`,
    ]);
  });

  // "How API Gateway resource policies affect authorization workflow" (API Gateway developer guide): an Allow for
  // Principal "*" in the API's resource policy grants the action to every caller.
  test("fails: a resource policy (RestApiPolicy or RestApi.policy) granting InvalidateCache to Principal *", async () => {
    const invokeOnly = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };
    const everything = { Effect: "Allow", Principal: "*", Action: "execute-api:*", Resource: "execute-api:/*" };
    const flushers = { Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["execute-api:InvalidateCache"], Resource: "execute-api:/*" };
    expect(
      await check(grantRule, [
        fake("aws:apigateway/restApiPolicy:RestApiPolicy", "ok", { restApiId: "a1", policy: JSON.stringify({ Statement: [invokeOnly] }) }),
      ]),
    ).toEqual([]);
    expect(
      await messages(grantRule, [
        fake("aws:apigateway/restApiPolicy:RestApiPolicy", "open", { restApiId: "a1", policy: JSON.stringify({ Statement: [invokeOnly, everything] }) }),
        fake("aws:apigateway/restApi:RestApi", "api", { policy: JSON.stringify({ Statement: [flushers] }) }),
      ]),
    ).toEqual([
      'RestApiPolicy "open" allows "execute-api:*" to every principal (Principal is "*"), so any caller may flush the API\'s cache with "Cache-Control: max-age=0". Allow only execute-api:Invoke to "*", and grant execute-api:InvalidateCache to the IAM principals that may flush the cache.',
      'RestApi "api" allows "execute-api:InvalidateCache" to every principal (Principal is {"AWS":["*"]}), so any caller may flush the API\'s cache with "Cache-Control: max-age=0". Allow only execute-api:Invoke to "*", and grant execute-api:InvalidateCache to the IAM principals that may flush the cache.',
    ]);
  });

  // AWS Managed Policy Reference: AdministratorAccess allows "*" on "*"; PowerUserAccess allows NotAction
  // ["iam:*", "organizations:*", "account:*"] on "*"; AmazonAPIGatewayInvokeFullAccess allows only execute-api:Invoke
  // and execute-api:ManageConnections.
  test("fails: an AWS managed policy that covers InvalidateCache, attached by ARN; passes: AmazonAPIGatewayInvokeFullAccess", async () => {
    const attach = (name: string, arn: string) => fake("aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, { role: "ops", policyArn: arn });
    const role = fake("aws:iam/role:Role", "ops", { assumeRolePolicy: "{}", managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"] });
    expect(
      await check(grantRule, [
        attach("invoke", "arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess"),
        attach("mine", "arn:aws:iam::123456789012:policy/x"),
      ]),
    ).toEqual([]);
    expect(await messages(grantRule, [attach("admin", "arn:aws:iam::aws:policy/AdministratorAccess"), role])).toEqual([
      `RolePolicyAttachment "admin" allows "*" on "*" (the AWS managed policy AdministratorAccess, attached as arn:aws:iam::aws:policy/AdministratorAccess), which lets its holder flush the cache of every API and stage. ${REMEDY}`,
      `Role "ops" allows NotAction ["iam:*","organizations:*","account:*"] on "*" (the AWS managed policy PowerUserAccess, attached as arn:aws:iam::aws:policy/PowerUserAccess), which lets its holder flush the cache of every API and stage. ${REMEDY}`,
    ]);
  });
});
