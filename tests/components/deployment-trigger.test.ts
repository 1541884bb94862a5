import { currentDeployment } from "../helpers/deployments";
import { capturedStack, capturedVariants, type CapturedStack } from "../helpers/captured-stack";
import { stackFileGateway } from "../helpers/stack-config";

type Raw = { routes: { method: string; path: string; function: string; authorization: string; summary?: string }[]; api?: Record<string, unknown> };

const trigger = (rec: CapturedStack) => (currentDeployment(rec).inputs.triggers as { documentHash: string }).documentHash;
const prodRaw = () => structuredClone(stackFileGateway("prod")) as Raw;

/** The prod config, and changed copies of it, each run by the program (one child process for all). */
const variants = {
  unchanged: prodRaw(),
  reordered: (() => {
    const raw = prodRaw();
    raw.routes.reverse();
    return raw;
  })(),
  pathChanged: (() => {
    const raw = prodRaw();
    raw.routes[0]!.path = "/greeting";
    return raw;
  })(),
  routeAdded: (() => {
    const raw = prodRaw();
    raw.routes.push({ method: "HEAD", path: "/items", function: "itemsList", authorization: "none" });
    return raw;
  })(),
  summaryChanged: (() => {
    const raw = prodRaw();
    raw.routes[1]!.summary = "Create one item";
    return raw;
  })(),
};
/** The prod config, with the mocks answering version 2 for every function a deployment publishes. */
const publishedV2 = { gateway: prodRaw(), lambdaVersion: "2" };

let captures: Promise<CapturedStack[]> | undefined;
/** Every capture of this file: the variants, then publishedV2. */
const capturesOnce = () => (captures ??= capturedVariants("prod", [...Object.values(variants).map((gateway) => ({ gateway })), publishedV2]));

describe("deployment triggers", () => {
  let baseline: string;
  let triggers: Record<keyof typeof variants, string>;
  beforeAll(async () => {
    baseline = trigger(await capturedStack("prod"));
    const all = await capturesOnce();
    triggers = Object.fromEntries(Object.keys(variants).map((name, i) => [name, trigger(all[i] as CapturedStack)])) as typeof triggers;
  }, 120_000);

  test("an unchanged config keeps the same hash, so nothing is redeployed", () => {
    expect(triggers.unchanged).toBe(baseline);
  });

  test("reordering routes keeps the same hash", () => {
    expect(triggers.reordered).toBe(baseline);
  });

  test("changing a route's path changes the hash", () => {
    expect(triggers.pathChanged).not.toBe(baseline);
  });

  test("adding a route changes the hash", () => {
    expect(triggers.routeAdded).not.toBe(baseline);
  });

  test("changing a route's summary changes the hash (documentation is deployed too)", () => {
    expect(triggers.summaryChanged).not.toBe(baseline);
  });
});

describe("the prod stack", () => {
  test("every log group is encrypted with the stack's own rotated KMS key, usable only by CloudWatch Logs for this account", async () => {
    const rec = await capturedStack("prod");
    const key = rec.get("aws:kms/key:Key", "logs-key");
    expect(key.inputs).toMatchObject({
      description: "Encrypts the CloudWatch log groups of microservice-gateway-prod-logs",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
    expect(JSON.parse(key.inputs.policy as string).Statement[1].Condition).toEqual({
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:log-group:*" },
    });
    expect(rec.get("aws:kms/alias:Alias", "logs-alias").inputs.name).toBe("alias/microservice-gateway-prod-logs");
    const groups = rec.ofType("aws:cloudwatch/logGroup:LogGroup");
    // Functions (8 REST, 7 WebSocket); each REST API's stage access and execution logs and its canary's two;
    // the WebSocket stage's two; the state machine; the ECS service.
    expect(groups).toHaveLength(15 + 2 * (2 + 2) + 2 + 1 + 1 + 1); // ... and the HTTP API's access logs
    const keyArn = expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
    for (const g of groups) expect([g.name, g.inputs.kmsKeyId]).toEqual([g.name, keyArn]);
  });

  test("PROD routes 95% to version 1 and 5% to the version this deployment published", async () => {
    const rec = (await capturesOnce())[Object.keys(variants).length] as CapturedStack;
    expect(rec.get("aws:lambda/alias:Alias", "hello-PROD").inputs).toEqual({
      name: "PROD",
      description: "Version 1, with 5% of traffic on the newest version",
      functionName: "microservice-gateway-prod-hello",
      functionVersion: "1",
      routingConfig: { additionalVersionWeights: { "2": 0.05 } },
    });
    expect(rec.get("aws:lambda/alias:Alias", "hello-TEST").inputs.functionVersion).toBe("2");
  });

  test("one prod stage reaching PROD, its canary NEXT; data protected; logs kept a year", async () => {
    const rec = await capturedStack("prod");
    const variables = { lambdaAlias: "PROD", legacyHost: "legacy.example.com", searchHost: "search.example.com", partnerHost: "partners.example.com" };
    const stages = rec.ofType("aws:apigateway/stage:Stage").sort((a, b) => a.name.localeCompare(b.name));
    expect(stages.map((s) => [s.name, s.inputs.stageName, s.inputs.variables])).toEqual([
      ["api-prod-stage", "prod", variables],
      ["internal-rest-prod-stage", "prod", variables],
    ]);
    // The REST API's /hello reaches the aliases through lambdaAlias; its /me calls the function unqualified.
    const helloGrants = rec
      .ofType("aws:lambda/permission:Permission")
      .filter((p) => p.name.startsWith("api-") && p.inputs.function === "microservice-gateway-prod-hello");
    expect(helloGrants.map((p) => p.inputs.qualifier ?? "(unqualified)").sort()).toEqual(["(unqualified)", "NEXT", "PROD"]);
    expect(rec.get("aws:dynamodb/table:Table", "items-table").inputs).toMatchObject({
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
    });
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "hello-logs").inputs.retentionInDays).toBe(365);
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "api-prod-access-logs").inputs.retentionInDays).toBe(365);
    expect(rec.get("aws:apigateway/methodSettings:MethodSettings", "api-prod-settings").inputs.settings).toEqual({
      loggingLevel: "ERROR",
      dataTraceEnabled: false,
      metricsEnabled: true,
      throttlingRateLimit: 500,
      throttlingBurstLimit: 1000,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: true,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
    });
    expect(rec.get("aws:apigateway/methodSettings:MethodSettings", "api-prod-settings-GET-/items").inputs).toMatchObject({
      methodPath: "~1items/GET",
      settings: { cachingEnabled: true, cacheTtlInSeconds: 30, throttlingRateLimit: 500 },
    });
    // */* and the GET routes that cache: the docs, /items and /search; the internal API has */* only.
    expect(
      rec
        .ofType("aws:apigateway/methodSettings:MethodSettings")
        .map((m) => m.inputs.methodPath)
        .sort(),
    ).toEqual(["*/*", "*/*", "~1docs/GET", "~1docs~1{key+}/GET", "~1items/GET", "~1search/GET"]);
    expect(rec.get("aws:apigateway/stage:Stage", "api-prod-stage").inputs).toMatchObject({
      cacheClusterEnabled: true,
      cacheClusterSize: "0.5",
      canarySettings: { percentTraffic: 5, stageVariableOverrides: { lambdaAlias: "NEXT" }, useStageCache: false },
    });
    expect(rec.get("aws:apigateway/usagePlan:UsagePlan", "usage-plan-partners").inputs).toMatchObject({
      throttleSettings: { rateLimit: 50, burstLimit: 100 },
      quotaSettings: { limit: 100000, period: "MONTH", offset: 0 },
    });
    const body = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);
    expect(body.paths["/items"].post.security).toEqual([{ sigv4: [] }]);
    expect(body.paths["/items"].get.security).toEqual([{ api_key: [] }]);
    expect(body.paths["/items/{id}"].get.security).toEqual([]);
  });
});
