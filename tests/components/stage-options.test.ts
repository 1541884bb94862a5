import { cacheSettings, unauthorizedStrategy } from "../../components/rest-api/method-settings";
import { routeConfig } from "../helpers/route-config";
import { installMocks, type MockRecorder } from "../helpers/mocks";
import { baseGateway, parseForStack } from "../helpers/stack-config";

describe("stage cache settings", () => {
  test("authorized invalidation: Cache-Control: max-age=0 from an unauthorized caller fails with 403", () => {
    expect(
      cacheSettings(
        { sizeGb: 0.5, ttlSeconds: 300, encrypted: true, invalidation: "authorized", unauthorizedStrategy: "FAIL_WITH_403", invalidators: [] },
        true,
      ),
    ).toEqual({
      cachingEnabled: true,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: true,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
    });
  });

  test("invalidation by anyone is expressible, and left to the policy pack to reject", () => {
    expect(
      cacheSettings({ sizeGb: 237, ttlSeconds: 0, encrypted: false, invalidation: "anyone", unauthorizedStrategy: "FAIL_WITH_403", invalidators: [] }, true),
    ).toEqual({
      cachingEnabled: true,
      cacheTtlInSeconds: 0,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: false,
      unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITHOUT_RESPONSE_HEADER",
    });
  });
});

describe("what an unauthorized Cache-Control: max-age=0 gets, per method", () => {
  const cache = { sizeGb: 0.5, ttlSeconds: 300, encrypted: true, invalidation: "authorized", unauthorizedStrategy: "FAIL_WITH_403", invalidators: [] } as const;

  test("a public GET serves the cached answer with a warning header; other methods and authorized or keyed GETs take the stage's", () => {
    expect([
      unauthorizedStrategy(routeConfig("GET", "/docs"), cache),
      unauthorizedStrategy(routeConfig("GET", "/me", { authorization: "cognito" }), cache),
      unauthorizedStrategy(routeConfig("GET", "/partner", { apiKeyRequired: true }), cache),
      unauthorizedStrategy(routeConfig("GET", "/s", { authorization: "iam" }), { ...cache, unauthorizedStrategy: "SUCCEED_WITHOUT_RESPONSE_HEADER" }),
    ]).toEqual(["SUCCEED_WITH_RESPONSE_HEADER", "FAIL_WITH_403", "FAIL_WITH_403", "SUCCEED_WITHOUT_RESPONSE_HEADER"]);
  });

  test("a route's own choice wins, also FAIL_WITH_403 on a public GET", () => {
    const route = routeConfig("GET", "/docs", { cache: { enabled: true, ttlSeconds: undefined, keyParameters: [], unauthorizedStrategy: "FAIL_WITH_403" } });
    expect(unauthorizedStrategy(route, cache)).toBe("FAIL_WITH_403");
    expect(cacheSettings(cache, true, 300, unauthorizedStrategy(route, cache)).requireAuthorizationForCacheControl).toBe(true);
  });
});

describe("stage options under mocks", () => {
  let rec: MockRecorder;
  let apiId: string;
  beforeAll(async () => {
    rec = await installMocks({ stack: "dev" });
    const raw = baseGateway() as {
      stages: Record<string, Record<string, unknown>>;
      routes: Record<string, unknown>[];
      functions: Record<string, { aliases?: Record<string, unknown> }>;
      usagePlans?: unknown;
      apiKeys?: unknown;
    };
    raw.functions.hello!.aliases!.NEXT = { version: "current" };
    raw.stages.dev!.cache = { sizeGb: 1.6, ttlSeconds: 60, invalidators: ["support-engineers"] };
    raw.stages.dev!.canary = { percentTraffic: 5, variables: { lambdaAlias: "NEXT" }, useStageCache: false };
    raw.stages.test!.logging = { accessLogs: false, executionLevel: "OFF" };
    raw.routes[1]!.cache = { ttlSeconds: 30, keyParameters: ["querystring.fields", "header.Accept-Language"] };
    raw.routes[1]!.throttling = { rateLimit: 20, burstLimit: 40 };
    raw.routes[1]!.apiKeyRequired = true;
    raw.usagePlans = {
      partners: {
        description: "Partner access",
        stages: ["dev", "test"],
        throttle: { rateLimit: 10, burstLimit: 20 },
        quota: { limit: 10000, period: "MONTH", offset: 1 },
        methodThrottles: { "GET /items/{id}": { rateLimit: 5, burstLimit: 10 } },
        apiKeys: ["acme"],
      },
    };
    raw.apiKeys = { acme: { description: "ACME Corp" } };
    const { createApp } = await import("../../app");
    createApp(parseForStack("dev", raw));
    await rec.settled();
    apiId = String(rec.get("aws:apigateway/stage:Stage", "api-dev-stage").inputs.restApi);
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
  });

  const settings = (name: string) => rec.get("aws:apigateway/methodSettings:MethodSettings", name).inputs;
  const CACHE_SECURITY = { cacheDataEncrypted: true, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403" };

  test("a caching stage: a cache cluster, stage-wide security settings, caching only on GET routes", () => {
    expect(rec.get("aws:apigateway/stage:Stage", "api-dev-stage").inputs).toMatchObject({ cacheClusterEnabled: true, cacheClusterSize: "1.6" });
    expect(settings("api-dev-settings")).toEqual({
      restApi: apiId,
      stageName: "dev",
      methodPath: "*/*",
      settings: {
        loggingLevel: "ERROR",
        dataTraceEnabled: false,
        metricsEnabled: true,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 200,
        cachingEnabled: false,
        cacheTtlInSeconds: 60,
        ...CACHE_SECURITY,
      },
    });
    expect(settings("api-dev-settings-GET-/hello")).toEqual({
      restApi: apiId,
      stageName: "dev",
      methodPath: "~1hello/GET",
      // A public GET: a browser's reload (Cache-Control: max-age=0) gets the cached page, not a 403.
      settings: {
        loggingLevel: "ERROR",
        dataTraceEnabled: false,
        metricsEnabled: true,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 200,
        cachingEnabled: true,
        cacheTtlInSeconds: 60,
        ...CACHE_SECURITY,
        unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
      },
    });
    expect(settings("api-dev-settings-GET-/items/{id}")).toEqual({
      restApi: apiId,
      stageName: "dev",
      methodPath: "~1items~1{id}/GET",
      settings: {
        loggingLevel: "ERROR",
        dataTraceEnabled: false,
        metricsEnabled: true,
        throttlingRateLimit: 20,
        throttlingBurstLimit: 40,
        cachingEnabled: true,
        cacheTtlInSeconds: 30,
        ...CACHE_SECURITY,
      },
    });
  });

  test("cache keys are declared on the method and named in the integration", () => {
    const body = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);
    const get = body.paths["/items/{id}"].get;
    expect(get.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" } },
      { name: "fields", in: "query", required: false, schema: { type: "string" } },
      { name: "Accept-Language", in: "header", required: false, schema: { type: "string" } },
    ]);
    expect(get["x-amazon-apigateway-integration"].cacheKeyParameters).toEqual([
      "method.request.path.id",
      "method.request.querystring.fields",
      "method.request.header.Accept-Language",
    ]);
    expect(get.security).toEqual([{ sigv4: [], api_key: [] }]);
    expect(body["x-amazon-apigateway-api-key-source"]).toBe("HEADER");
    expect(body.components.securitySchemes.api_key).toEqual({ type: "apiKey", name: "x-api-key", in: "header" });
  });

  test("only the configured roles may invalidate, and only the cached methods of the stage", () => {
    const policy = rec.get("aws:iam/policy:Policy", "api-dev-invalidate-cache");
    expect(JSON.parse(policy.inputs.policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["execute-api:InvalidateCache"],
          Resource: [
            `arn:aws:execute-api:us-east-1:123456789012:${apiId}/dev/GET/hello`,
            `arn:aws:execute-api:us-east-1:123456789012:${apiId}/dev/GET/items/*`,
          ],
        },
      ],
    });
    expect(rec.get("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "api-dev-invalidate-cache-support-engineers").inputs).toEqual({
      role: "support-engineers",
      policyArn: expect.stringMatching(/^arn:aws:iam::123456789012:policy\/api-dev-invalidate-cache-/),
    });
  });

  test("a canary: 5 % of the stage's traffic on the same deployment, reaching the NEXT alias", () => {
    const stage = rec.get("aws:apigateway/stage:Stage", "api-dev-stage").inputs;
    expect(stage.canarySettings).toEqual({
      deploymentId: stage.deployment,
      percentTraffic: 5,
      stageVariableOverrides: { lambdaAlias: "NEXT" },
      useStageCache: false,
    });
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "api-dev-canary-execution-logs").inputs).toMatchObject({
      name: `API-Gateway-Execution-Logs_${apiId}/dev/Canary`,
      retentionInDays: 30,
    });
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "api-dev-canary-access-logs").inputs).toMatchObject({
      name: "/aws/apigateway/microservice-gateway-dev/dev/access/Canary",
      retentionInDays: 30,
    });
    const grants = rec.ofType("aws:lambda/permission:Permission").filter((p) => p.inputs.function === "microservice-gateway-dev-hello");
    expect(grants.map((p) => p.inputs.qualifier).sort()).toEqual(["DEV", "NEXT", "TEST"]);
  });

  test("a stage without cache or access logs has neither", () => {
    const test = rec.get("aws:apigateway/stage:Stage", "api-test-stage").inputs;
    expect(test.cacheClusterEnabled).toBeUndefined();
    expect(test.accessLogSettings).toBeUndefined();
    expect(test.canarySettings).toBeUndefined();
    expect(settings("api-test-settings").settings).toMatchObject({ loggingLevel: "OFF" });
    expect(settings("api-test-settings-GET-/items/{id}").settings).toEqual({
      loggingLevel: "OFF",
      dataTraceEnabled: false,
      metricsEnabled: true,
      throttlingRateLimit: 20,
      throttlingBurstLimit: 40,
    });
    expect(
      rec
        .ofType("aws:cloudwatch/logGroup:LogGroup")
        .map((g) => g.name)
        .filter((n) => n.startsWith("api-"))
        .sort(),
    ).toEqual(["api-dev-access-logs", "api-dev-canary-access-logs", "api-dev-canary-execution-logs", "api-dev-execution-logs", "api-test-execution-logs"]);
  });

  test("a usage plan with throttle, quota and per-method throttles on both stages, and its key", () => {
    const plan = rec.get("aws:apigateway/usagePlan:UsagePlan", "usage-plan-partners").inputs;
    const throttles = [{ path: "/items/{id}/GET", rateLimit: 5, burstLimit: 10 }];
    expect(plan).toEqual({
      name: "microservice-gateway-dev-partners",
      description: "Partner access",
      apiStages: [
        { apiId, stage: "dev", throttles },
        { apiId, stage: "test", throttles },
      ],
      throttleSettings: { rateLimit: 10, burstLimit: 20 },
      quotaSettings: { limit: 10000, period: "MONTH", offset: 1 },
      tags: { project: "microservice-gateway", stack: "dev", environment: "dev", owner: "platform-team" },
    });
    expect(rec.get("aws:apigateway/apiKey:ApiKey", "usage-key-acme").inputs).toEqual({
      name: "microservice-gateway-dev-acme",
      description: "ACME Corp",
      enabled: true,
      tags: { project: "microservice-gateway", stack: "dev", environment: "dev", owner: "platform-team" },
    });
    expect(rec.get("aws:apigateway/usagePlanKey:UsagePlanKey", "usage-plan-partners-acme").inputs).toEqual({
      keyId: expect.stringMatching(/^usage-key-acme-/),
      keyType: "API_KEY",
      usagePlanId: expect.stringMatching(/^usage-plan-partners-/),
    });
  });

  test("documentation: parts from the descriptions, a documentation version kept as history", () => {
    const body = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);
    expect(body["x-amazon-apigateway-documentation"]).toEqual({ version: "1.0.0", documentationParts: [] });
    expect(rec.get("aws:apigateway/documentationVersion:DocumentationVersion", "api-docs-1.0.0").inputs).toEqual({
      restApiId: apiId,
      version: "1.0.0",
      description: "Documentation of microservice-gateway-dev 1.0.0",
    });
  });

  test("no account role unless the stack owns it", () => {
    expect(rec.ofType("aws:apigateway/account:Account")).toEqual([]);
  });
});
