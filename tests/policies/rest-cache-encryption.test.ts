import { restCacheEncryption as rule } from "../../policies/rules/rest-cache-encryption";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const FIX = 'Set cacheDataEncrypted: true in the method settings of every method that caches (and in the stage-wide "*/*" settings).';
const ENCRYPTED_CACHE = {
  cachingEnabled: true,
  cacheDataEncrypted: true,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
};
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

  test("a stage's cache cluster is left to rest-stage-method-settings, which joins it to its settings", async () => {
    expect(await check(rule, [restStage("prod", CLUSTER).stage])).toEqual([]);
    expect(await check(rule, [...Object.values(restStage("prod", CLUSTER, { cacheDataEncrypted: false }))])).toEqual([]);
  });

  test("an unencrypted caching */* of a stage with a cache cluster is reported once", async () => {
    const { stage, settings } = restStage("prod", CLUSTER, { cachingEnabled: true });
    expect((await check(rule, [stage, settings])).map((v) => v.resource)).toEqual(["aws:apigateway/methodSettings:MethodSettings::api-prod-settings"]);
  });
});
