import { cacheSettings } from "../../components/rest-api/stage";
import { installMocks, type MockRecorder } from "../helpers/mocks";
import { baseGateway, parseForStack } from "../helpers/stack-config";

describe("stage cache settings", () => {
  test("authorized invalidation: Cache-Control: max-age=0 from an unauthorized caller fails with 403", () => {
    expect(cacheSettings({ sizeGb: 0.5, ttlSeconds: 300, encrypted: true, invalidation: "authorized" })).toEqual({
      cachingEnabled: true,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: true,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
    });
  });

  test("invalidation by anyone is expressible, and left to the policy pack to reject", () => {
    expect(cacheSettings({ sizeGb: 237, ttlSeconds: 0, encrypted: false, invalidation: "anyone" })).toEqual({
      cachingEnabled: true,
      cacheTtlInSeconds: 0,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: false,
      unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITHOUT_RESPONSE_HEADER",
    });
  });
});

describe("stage options under mocks", () => {
  let rec: MockRecorder;
  beforeAll(async () => {
    rec = await installMocks({ stack: "dev" });
    const raw = baseGateway() as { stages: Record<string, Record<string, unknown>> };
    raw.stages.dev!.cache = { sizeGb: 1.6, ttlSeconds: 60 };
    raw.stages.test!.logging = { accessLogs: false, executionLevel: "OFF" };
    const { createApp } = await import("../../app");
    createApp(parseForStack("dev", raw));
    await rec.settled();
  });

  test("a caching stage gets a cache cluster and stage-wide cache settings", () => {
    expect(rec.get("aws:apigateway/stage:Stage", "api-dev-stage").inputs).toMatchObject({ cacheClusterEnabled: true, cacheClusterSize: "1.6" });
    expect(rec.get("aws:apigateway/methodSettings:MethodSettings", "api-dev-settings").inputs.settings).toEqual({
      loggingLevel: "ERROR",
      dataTraceEnabled: false,
      metricsEnabled: true,
      throttlingRateLimit: 100,
      throttlingBurstLimit: 200,
      cachingEnabled: true,
      cacheTtlInSeconds: 60,
      cacheDataEncrypted: true,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
    });
  });

  test("a stage without cache or access logs has neither", () => {
    const test = rec.get("aws:apigateway/stage:Stage", "api-test-stage").inputs;
    expect(test.cacheClusterEnabled).toBeUndefined();
    expect(test.accessLogSettings).toBeUndefined();
    expect(rec.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.name).filter((n) => n.startsWith("api-")).sort()).toEqual([
      "api-dev-access-logs",
      "api-dev-execution-logs",
      "api-test-execution-logs",
    ]);
    expect(rec.get("aws:apigateway/methodSettings:MethodSettings", "api-test-settings").inputs.settings).toMatchObject({ loggingLevel: "OFF" });
  });

  test("no account role unless the stack owns it", () => {
    expect(rec.ofType("aws:apigateway/account:Account")).toEqual([]);
  });
});
