import { usagePlanLimits as rule } from "../../policies/rules/usage-plan-limits";
import { check, fake } from "../helpers/policy-harness";

const plan = (inputs: Record<string, unknown>) =>
  fake("aws:apigateway/usagePlan:UsagePlan", "partners", {
    name: "partners",
    apiStages: [{ apiId: "a1b2c3d4e5", stage: "prod" }],
    throttleSettings: { rateLimit: 50, burstLimit: 100 },
    quotaSettings: { limit: 100000, period: "MONTH" },
    ...inputs,
  });

// "Usage plans and API keys for REST APIs" (API Gateway developer guide): a plan's throttling and quota limits apply to
// each API key on it.
describe("usage-plan-limits", () => {
  test("passes: throttling and a quota; either alone; per-stage throttles alone", async () => {
    expect(await check(rule, [plan({})])).toEqual([]);
    expect(await check(rule, [plan({ quotaSettings: undefined })])).toEqual([]);
    expect(await check(rule, [plan({ throttleSettings: undefined })])).toEqual([]);
    const perStage = plan({
      throttleSettings: undefined,
      quotaSettings: undefined,
      apiStages: [{ apiId: "a", stage: "prod", throttles: [{ path: "/items/GET", rateLimit: 5, burstLimit: 10 }] }],
    });
    expect(await check(rule, [perStage])).toEqual([]);
  });

  test("fails (advisory): neither throttling nor a quota", async () => {
    expect(await check(rule, [plan({ throttleSettings: undefined, quotaSettings: undefined })])).toEqual([
      {
        policy: "usage-plan-limits",
        enforcementLevel: "advisory",
        resource: "aws:apigateway/usagePlan:UsagePlan::partners",
        message:
          'UsagePlan "partners" sets neither throttling nor a quota (throttleSettings and quotaSettings are unset), so every API key on it may use the stage\'s whole capacity. Set throttleSettings { rateLimit, burstLimit } and/or quotaSettings { limit, period }.',
      },
    ]);
  });

  test("fails (advisory): limits of 0 limit nothing", async () => {
    expect((await check(rule, [plan({ throttleSettings: { rateLimit: 0 }, quotaSettings: { limit: 0, period: "DAY" } })])).map((v) => v.resource)).toEqual([
      "aws:apigateway/usagePlan:UsagePlan::partners",
    ]);
  });
});
