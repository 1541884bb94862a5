import type { CapturedResource } from "../../local/rest-cache";
import {
  createThrottler,
  quotaWindow,
  settingsFromResources,
  THROTTLE_RESPONSES,
  usagePlanPath,
  type StageThrottleSettings,
  type ThrottleRequest,
} from "../../local/rest-throttle";
import { capturedStack } from "../helpers/captured-stack";

const T0 = Date.UTC(2026, 2, 4, 12, 0, 0); // Wednesday 4 March 2026, 12:00 UTC

const stageSettings = (overrides: Partial<StageThrottleSettings>): { stages: Record<string, StageThrottleSettings> } => ({
  stages: { dev: { defaults: undefined, methods: {}, plans: {}, keys: {}, ...overrides } },
});

/** Sends `count` requests at `now` and returns what each got. */
function burst(take: (r: ThrottleRequest) => ReturnType<ReturnType<typeof createThrottler>["take"]>, request: ThrottleRequest, count: number): string[] {
  return Array.from({ length: count }, () => {
    const d = take(request);
    return d.allowed ? "ok" : d.type;
  });
}

describe("quota periods, in UTC", () => {
  const iso = (w: { start: number; end: number }) => [new Date(w.start).toISOString(), new Date(w.end).toISOString()];

  test.each([
    ["DAY", 0, T0, "2026-03-04T00:00:00.000Z", "2026-03-05T00:00:00.000Z"],
    ["WEEK", 0, T0, "2026-03-01T00:00:00.000Z", "2026-03-08T00:00:00.000Z"],
    ["WEEK", 1, T0, "2026-03-02T00:00:00.000Z", "2026-03-09T00:00:00.000Z"],
    ["WEEK", 3, T0, "2026-03-04T00:00:00.000Z", "2026-03-11T00:00:00.000Z"],
    ["WEEK", 4, T0, "2026-02-26T00:00:00.000Z", "2026-03-05T00:00:00.000Z"],
    ["MONTH", 0, T0, "2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
    ["MONTH", 3, T0, "2026-03-04T00:00:00.000Z", "2026-04-04T00:00:00.000Z"],
    ["MONTH", 14, T0, "2026-02-15T00:00:00.000Z", "2026-03-15T00:00:00.000Z"],
    ["MONTH", 27, Date.UTC(2026, 0, 3), "2025-12-28T00:00:00.000Z", "2026-01-28T00:00:00.000Z"],
    ["MONTH", 0, Date.UTC(2026, 11, 31, 23, 59, 59, 999), "2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
  ] as const)("%s offset %i at %i → [%s, %s)", (period, offset, now, start, end) => {
    expect(iso(quotaWindow(period, offset, now))).toEqual([start, end]);
  });
});

describe("token buckets, as API Gateway throttles", () => {
  test("a burst, then refill at the rate", () => {
    const throttler = createThrottler(stageSettings({ defaults: { rateLimit: 2, burstLimit: 3 } }));
    const at = (now: number): ThrottleRequest => ({ stage: "dev", method: "GET", resourcePath: "/items", now });
    expect(burst(throttler.take, at(T0), 4)).toEqual(["ok", "ok", "ok", "THROTTLED"]);
    expect(burst(throttler.take, at(T0 + 499), 1)).toEqual(["THROTTLED"]);
    expect(burst(throttler.take, at(T0 + 500), 2)).toEqual(["ok", "THROTTLED"]);
    // 10 s later the bucket is full again: the burst, not 20 requests.
    expect(burst(throttler.take, at(T0 + 10_500), 4)).toEqual(["ok", "ok", "ok", "THROTTLED"]);
    expect(THROTTLE_RESPONSES.THROTTLED).toEqual({ statusCode: 429, message: "Too Many Requests" });
  });

  test("the stage's limits apply to each method separately; a method's own limits replace them", () => {
    const throttler = createThrottler(
      stageSettings({
        defaults: { rateLimit: 10, burstLimit: 3 },
        methods: { "~1items/GET": { rateLimit: 1, burstLimit: 1 }, "~1open/GET": { rateLimit: -1, burstLimit: -1 } },
      }),
    );
    const req = (method: string, resourcePath: string): ThrottleRequest => ({ stage: "dev", method, resourcePath, now: T0 });
    expect(burst(throttler.take, req("GET", "/items"), 2)).toEqual(["ok", "THROTTLED"]);
    expect(burst(throttler.take, req("POST", "/items"), 4)).toEqual(["ok", "ok", "ok", "THROTTLED"]);
    expect(burst(throttler.take, req("GET", "/items/{id}"), 4)).toEqual(["ok", "ok", "ok", "THROTTLED"]);
    expect(burst(throttler.take, req("GET", "/open"), 50).every((d) => d === "ok")).toBe(true);
    expect(throttler.take({ ...req("GET", "/items"), now: T0 + 1000 })).toEqual({ allowed: true });
  });

  test("no limits, or a stage the settings do not know: everything passes", () => {
    const throttler = createThrottler(stageSettings({}));
    expect(burst(throttler.take, { stage: "dev", method: "GET", resourcePath: "/", now: T0 }, 100).every((d) => d === "ok")).toBe(true);
    expect(throttler.take({ stage: "prod", method: "GET", resourcePath: "/" })).toEqual({ allowed: true });
  });
});

describe("usage plans: throttles and quotas per API key", () => {
  const PLANS = stageSettings({
    defaults: { rateLimit: 100, burstLimit: 100 },
    plans: {
      partners: {
        throttle: { rateLimit: 1, burstLimit: 4 },
        quota: { limit: 6, period: "DAY", offset: 0 },
        methods: { "/items/GET": { rateLimit: 1, burstLimit: 2 } },
      },
      free: { throttle: undefined, quota: { limit: 2, period: "WEEK", offset: 1 }, methods: {} },
    },
    keys: { "key-a": "partners", "key-b": "partners", "key-c": "free" },
  });

  test("a per-method plan throttle below the plan's; the plan's throttle still covers every method of the key", () => {
    const throttler = createThrottler(PLANS);
    const req = (resourcePath: string, apiKey = "key-a"): ThrottleRequest => ({ stage: "dev", method: "GET", resourcePath, apiKey, now: T0 });
    expect(burst(throttler.take, req("/items"), 3)).toEqual(["ok", "ok", "THROTTLED"]);
    expect(burst(throttler.take, req("/search"), 3)).toEqual(["ok", "ok", "THROTTLED"]);
    // Another key of the same plan has buckets of its own.
    expect(burst(throttler.take, req("/items", "key-b"), 3)).toEqual(["ok", "ok", "THROTTLED"]);
  });

  test("throttled requests do not count against the quota; the quota runs out, then resets at the next period", () => {
    const throttler = createThrottler(PLANS);
    const req = (now: number): ThrottleRequest => ({ stage: "dev", method: "POST", resourcePath: "/orders", apiKey: "key-a", now });
    expect(burst(throttler.take, req(T0), 5)).toEqual(["ok", "ok", "ok", "ok", "THROTTLED"]);
    expect(throttler.quota("dev", "key-a", T0)).toEqual({
      plan: "partners",
      limit: 6,
      used: 4,
      remaining: 2,
      start: Date.UTC(2026, 2, 4),
      end: Date.UTC(2026, 2, 5),
    });
    expect(burst(throttler.take, req(T0 + 10_000), 4)).toEqual(["ok", "ok", "QUOTA_EXCEEDED", "QUOTA_EXCEEDED"]);
    const lastMs = Date.UTC(2026, 2, 4, 23, 59, 59, 999);
    expect(burst(throttler.take, req(lastMs), 1)).toEqual(["QUOTA_EXCEEDED"]);
    expect(burst(throttler.take, req(Date.UTC(2026, 2, 5)), 1)).toEqual(["ok"]);
    expect(throttler.quota("dev", "key-a", Date.UTC(2026, 2, 5))).toMatchObject({ used: 1, remaining: 5 });
    expect(THROTTLE_RESPONSES.QUOTA_EXCEEDED).toEqual({ statusCode: 429, message: "Limit Exceeded" });
  });

  test("a weekly quota starting on Monday", () => {
    const throttler = createThrottler(PLANS);
    const req = (now: number): ThrottleRequest => ({ stage: "dev", method: "GET", resourcePath: "/items", apiKey: "key-c", now });
    const sunday = Date.UTC(2026, 2, 8, 23, 0);
    expect(burst(throttler.take, req(sunday), 3)).toEqual(["ok", "ok", "QUOTA_EXCEEDED"]);
    expect(burst(throttler.take, req(Date.UTC(2026, 2, 9)), 3)).toEqual(["ok", "ok", "QUOTA_EXCEEDED"]);
  });

  test("an unknown key: no plan (the caller answers 403); only the stage's limits apply", () => {
    const throttler = createThrottler(PLANS);
    expect(throttler.planOf("dev", "nope")).toBeUndefined();
    expect(throttler.planOf("dev", "key-c")).toBe("free");
    expect(throttler.planOf("prod", "key-c")).toBeUndefined();
    expect(throttler.quota("dev", "nope", T0)).toBeUndefined();
    const req: ThrottleRequest = { stage: "dev", method: "GET", resourcePath: "/items", apiKey: "nope", now: T0 };
    expect(burst(throttler.take, req, 101)).toEqual([...Array(100).fill("ok"), "THROTTLED"]);
    expect(usagePlanPath("/", "get")).toBe("/GET");
    expect(usagePlanPath("/items/{id}", "DELETE")).toBe("/items/{id}/DELETE");
  });
});

describe("settings from the captured resources", () => {
  const RESOURCES: CapturedResource[] = [
    { type: "aws:apigateway/stage:Stage", name: "api-dev-stage", inputs: { stageName: "dev" } },
    {
      type: "aws:apigateway/methodSettings:MethodSettings",
      name: "api-dev-settings",
      inputs: { methodPath: "*/*", stageName: "dev", settings: { loggingLevel: "INFO", throttlingBurstLimit: 100, throttlingRateLimit: 50 } },
    },
    {
      type: "aws:apigateway/methodSettings:MethodSettings",
      name: "api-dev-settings-GET-/search",
      inputs: { methodPath: "~1search/GET", stageName: "dev", settings: { throttlingBurstLimit: 5 } },
    },
    { type: "aws:apigateway/apiKey:ApiKey", name: "usage-key-acme", inputs: { name: "gw-dev-acme", enabled: true } },
    { type: "aws:apigateway/apiKey:ApiKey", name: "usage-key-old", inputs: { name: "gw-dev-old", enabled: false } },
    { type: "aws:apigateway/apiKey:ApiKey", name: "usage-key-imported", inputs: { name: "gw-dev-imported", value: "imported-secret" } },
    {
      type: "aws:apigateway/usagePlan:UsagePlan",
      name: "usage-plan-partners",
      inputs: {
        name: "gw-dev-partners",
        apiStages: [{ stage: "dev", throttles: [{ path: "/items/GET", rateLimit: 20, burstLimit: 40 }] }],
        throttleSettings: { rateLimit: 50, burstLimit: 100 },
        quotaSettings: { limit: 1000, period: "WEEK", offset: 1 },
      },
    },
    { type: "aws:apigateway/usagePlan:UsagePlan", name: "usage-plan-other", inputs: { name: "gw-dev-other", apiStages: [{ stage: "test" }] } },
    // The mocks give an ApiKey the id `<resource name>-<hash>`; a resource name is accepted too.
    {
      type: "aws:apigateway/usagePlanKey:UsagePlanKey",
      name: "k1",
      inputs: { keyId: "usage-key-acme", keyType: "API_KEY", usagePlanId: "usage-plan-partners" },
    },
    {
      type: "aws:apigateway/usagePlanKey:UsagePlanKey",
      name: "k2",
      inputs: { keyId: "usage-key-old", keyType: "API_KEY", usagePlanId: "usage-plan-partners" },
    },
    {
      type: "aws:apigateway/usagePlanKey:UsagePlanKey",
      name: "k3",
      inputs: { keyId: "usage-key-imported", keyType: "API_KEY", usagePlanId: "usage-plan-partners" },
    },
    { type: "aws:apigateway/usagePlanKey:UsagePlanKey", name: "k4", inputs: { keyId: "usage-key-acme", keyType: "API_KEY", usagePlanId: "usage-plan-other" } },
  ];

  test("stage and method throttling, plans of the stage, enabled keys under their values", () => {
    expect(settingsFromResources(RESOURCES, "dev", { "gw-dev-acme": "twin-acme-1", "gw-dev-old": "twin-old-1" })).toEqual({
      stages: {
        dev: {
          defaults: { rateLimit: 50, burstLimit: 100 },
          methods: { "~1search/GET": { rateLimit: 50, burstLimit: 5 } },
          plans: {
            "gw-dev-partners": {
              throttle: { rateLimit: 50, burstLimit: 100 },
              quota: { limit: 1000, period: "WEEK", offset: 1 },
              methods: { "/items/GET": { rateLimit: 20, burstLimit: 40 } },
            },
          },
          keys: { "twin-acme-1": "gw-dev-partners", "imported-secret": "gw-dev-partners" },
        },
      },
    });
  });

  test("a stage that was not captured", () => {
    expect(() => settingsFromResources(RESOURCES, "qa")).toThrow("no REST stage named qa among the captured resources");
  });

  test("the prod stack as the program registers it", async () => {
    const run = await capturedStack("prod");
    const settings = settingsFromResources(run.resources, "prod", { "microservice-gateway-prod-acme": "twin-acme" }, { restApi: "microservice-gateway-prod" });
    const limits = { rateLimit: 500, burstLimit: 1000 };
    expect(settings).toEqual({
      stages: {
        prod: {
          defaults: limits,
          methods: { "~1items/GET": limits, "~1docs/GET": limits, "~1docs~1{key+}/GET": limits, "~1search/GET": limits },
          plans: {
            "microservice-gateway-prod-partners": {
              throttle: { rateLimit: 50, burstLimit: 100 },
              quota: { limit: 100000, period: "MONTH", offset: 0 },
              methods: { "/items/GET": { rateLimit: 20, burstLimit: 40 } },
            },
          },
          keys: { "twin-acme": "microservice-gateway-prod-partners" },
        },
      },
    });
    const throttler = createThrottler(settings);
    const req: ThrottleRequest = { stage: "prod", method: "GET", resourcePath: "/items", apiKey: "twin-acme", now: T0 };
    expect(burst(throttler.take, req, 41)).toEqual([...Array(40).fill("ok"), "THROTTLED"]);
    expect(() => settingsFromResources(run.resources, "prod")).toThrow(/^stage prod exists on 2 REST APIs/);
    expect(settingsFromResources(run.resources, "prod", {}, { restApi: "internal-rest-api" }).stages.prod).toEqual({
      defaults: limits,
      methods: {},
      plans: {},
      keys: {},
    });
  });
});
