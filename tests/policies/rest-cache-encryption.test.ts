import { restCacheEncryption as rule } from "../../policies/rules/rest-cache-encryption";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const FIX = 'Set cacheDataEncrypted: true in the method settings of every method that caches (and in the stage-wide "*/*" settings).';
const ENCRYPTED_CACHE = { cachingEnabled: true, cacheDataEncrypted: true, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403" };
const CLUSTER = { cacheClusterEnabled: true, cacheClusterSize: "0.5" };

describe("rest-cache-encryption", () => {
  test("passes: a stage with a cache cluster whose */* settings cache encrypted", async () => {
    const { stage, settings } = restStage("prod", CLUSTER, ENCRYPTED_CACHE);
    expect(await check(rule, [stage, settings])).toEqual([]);
  });

  test("passes: no cache at all", async () => {
    const { stage, settings } = restStage();
    expect(await check(rule, [stage, settings])).toEqual([]);
  });

  test("passes: a cache cluster whose */* settings encrypt without caching every method", async () => {
    const { stage, settings } = restStage("prod", CLUSTER, { cacheDataEncrypted: true });
    expect(await check(rule, [stage, settings])).toEqual([]);
  });

  test("fails: */* settings that cache without encryption", async () => {
    const { stage, settings } = restStage("prod", CLUSTER, { ...ENCRYPTED_CACHE, cacheDataEncrypted: false });
    expect(await check(rule, [stage, settings])).toEqual([
      {
        policy: "rest-cache-encryption",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/methodSettings:MethodSettings::api-prod-settings",
        message: `Method settings "*/*" of REST stage "prod" cache responses unencrypted at rest (cacheDataEncrypted is false). ${FIX}`,
      },
    ]);
  });

  test("fails: a per-method cache override without cacheDataEncrypted, even where the stage is not in the stack", async () => {
    const { stage, settings } = restStage();
    const method = fake(
      "aws:apigateway/methodSettings:MethodSettings",
      "api-prod-items-get",
      { restApi: "a1b2c3d4e5", stageName: "prod", methodPath: "items/GET", settings: { cachingEnabled: true, cacheTtlInSeconds: 60 } },
      { from: { stageName: [stage] } },
    );
    const orphan = fake("aws:apigateway/methodSettings:MethodSettings", "beta-items", {
      restApi: "zzzzzzzzzz",
      stageName: "beta",
      methodPath: "items/GET",
      settings: { cachingEnabled: true },
    });
    expect(await messages(rule, [stage, settings, method, orphan])).toEqual([
      `Method settings "items/GET" of REST stage "prod" cache responses unencrypted at rest (cacheDataEncrypted is unset). ${FIX}`,
      `Method settings "items/GET" of REST stage "beta" cache responses unencrypted at rest (cacheDataEncrypted is unset). ${FIX}`,
    ]);
  });

  test("fails: a cache cluster with no */* method settings", async () => {
    const { stage } = restStage("prod", CLUSTER);
    expect(await check(rule, [stage])).toEqual([
      {
        policy: "rest-cache-encryption",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/stage:Stage::api-prod",
        message:
          'REST stage "prod" has a cache cluster but no "*/*" method settings, so nothing requires its cache to be encrypted (cacheDataEncrypted is unset). Add method settings on "*/*" with cacheDataEncrypted: true.',
      },
    ]);
  });

  test("fails: a cache cluster whose */* settings neither cache nor encrypt", async () => {
    const { stage, settings } = restStage("prod", CLUSTER, { cacheDataEncrypted: false });
    expect(await messages(rule, [stage, settings])).toEqual([
      `REST stage "prod" has a cache cluster, but its "*/*" method settings do not encrypt cached data (cacheDataEncrypted is false). ${FIX}`,
    ]);
  });

  test("an unencrypted caching */* of a stage with a cache cluster is reported once", async () => {
    const { stage, settings } = restStage("prod", CLUSTER, { cachingEnabled: true });
    expect((await check(rule, [stage, settings])).map((v) => v.resource)).toEqual(["aws:apigateway/methodSettings:MethodSettings::api-prod-settings"]);
  });
});
