import { restStageMethodSettings as rule } from "../../policies/rules/rest-stage-method-settings";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const ROLE = "Execution logging needs the account-level CloudWatch role (aws.apigateway.Account cloudwatchRoleArn, see api-gateway-account-logging-role).";
const CACHING = {
  cachingEnabled: true,
  cacheDataEncrypted: true,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
};
const CACHE_FIELDS = "requireAuthorizationForCacheControl: true (with any unauthorizedCacheControlHeaderStrategy) and cacheDataEncrypted: true";

// MethodSettings in @pulumi/aws: a stage's logging, throttling and caching settings are a separate resource per method
// path; "*/*" applies to every method of the stage (UpdateStage patch paths /*/*/…, API Gateway API reference).
describe("rest-stage-method-settings", () => {
  test("passes: the harness's stage with its */* settings; a cached stage whose */* settings cache as required", async () => {
    expect(await check(rule, Object.values(restStage()))).toEqual([]);
    expect(await check(rule, Object.values(restStage("prod", { cacheClusterEnabled: true }, CACHING)))).toEqual([]);
  });

  test("fails: a stage with no */* method settings", async () => {
    expect(await check(rule, [restStage().stage])).toEqual([
      {
        policy: "rest-stage-method-settings",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/stage:Stage::api-prod",
        message: `REST stage "prod" has no "*/*" method settings, so it has no stage-wide execution logging or throttling (no aws.apigateway.MethodSettings on methodPath "*/*" targets it). Add one with settings.loggingLevel "ERROR" or "INFO" and throttlingRateLimit and throttlingBurstLimit above 0. ${ROLE}`,
      },
    ]);
  });

  test("fails: a cache cluster with no */* method settings names the cache fields too", async () => {
    expect(await messages(rule, [restStage("prod", { cacheClusterEnabled: true }).stage])).toEqual([
      `REST stage "prod" has no "*/*" method settings, so it has no stage-wide execution logging or throttling, and nothing requires authorization to invalidate or encryption of its cache cluster (no aws.apigateway.MethodSettings on methodPath "*/*" targets it). Add one with settings.loggingLevel "ERROR" or "INFO" and throttlingRateLimit and throttlingBurstLimit above 0, ${CACHE_FIELDS}. ${ROLE}`,
    ]);
  });

  test("fails: a cache cluster whose */* settings neither cache nor require authorization nor encrypt", async () => {
    const { stage, settings } = restStage("prod", { cacheClusterEnabled: true });
    expect(await check(rule, [stage, settings])).toEqual([
      {
        policy: "rest-stage-method-settings",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/methodSettings:MethodSettings::api-prod-settings",
        message: `REST stage "prod" has a cache cluster, but its "*/*" method settings let any client invalidate the cache or leave cached data unencrypted (requireAuthorizationForCacheControl is unset; cacheDataEncrypted is unset). Set ${CACHE_FIELDS} in its "*/*" method settings, and grant execute-api:InvalidateCache only to the callers that may flush the cache.`,
      },
    ]);
  });

  test("caching */* settings are left to the resource rules", async () => {
    expect(await check(rule, Object.values(restStage("prod", { cacheClusterEnabled: true }, { cachingEnabled: true })))).toEqual([]);
  });

  test("settings are joined to their stage by API id and stage name when no dependency links them", async () => {
    const { stage } = restStage("prod", { cacheClusterEnabled: true });
    const loose = fake("aws:apigateway/methodSettings:MethodSettings", "loose", {
      restApi: "a1b2c3d4e5",
      stageName: "prod",
      methodPath: "*/*",
      settings: CACHING,
    });
    const otherApi = fake("aws:apigateway/methodSettings:MethodSettings", "other", {
      restApi: "zzzzzzzzzz",
      stageName: "prod",
      methodPath: "*/*",
      settings: CACHING,
    });
    expect(await check(rule, [stage, loose])).toEqual([]);
    expect((await check(rule, [stage, otherApi])).map((v) => v.resource)).toEqual(["aws:apigateway/stage:Stage::api-prod"]);
  });

  test("at a first preview, unknown API ids join through the stageName dependency, and never by value", async () => {
    const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const stage = fake("aws:apigateway/stage:Stage", "api-prod", { restApi: UNKNOWN_STRING, stageName: "prod", cacheClusterEnabled: true });
    const linked = fake(
      "aws:apigateway/methodSettings:MethodSettings",
      "linked",
      { restApi: UNKNOWN_STRING, stageName: UNKNOWN_STRING, methodPath: "*/*", settings: CACHING },
      { from: { stageName: [stage] } },
    );
    const unlinked = fake("aws:apigateway/methodSettings:MethodSettings", "unlinked", {
      restApi: UNKNOWN_STRING,
      stageName: UNKNOWN_STRING,
      methodPath: "*/*",
      settings: CACHING,
    });
    expect(await check(rule, [stage, linked])).toEqual([]);
    expect((await check(rule, [stage, unlinked])).map((v) => [v.enforcementLevel, v.resource])).toEqual([
      ["mandatory", "aws:apigateway/stage:Stage::api-prod"],
    ]);
  });
});
