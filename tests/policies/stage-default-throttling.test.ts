import { stageDefaultThrottling as rule } from "../../policies/rules/stage-default-throttling";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const ACCOUNT_ONLY = "unset or -1 leaves only the account-wide limit, shared by every API in the account and region";
const REST_FIX = 'Set throttlingRateLimit and throttlingBurstLimit above 0 in its "*/*" method settings.';
const V2_FIX = "Set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit above 0, or both limits in routeSettings for every route.";

const v2Stage = (defaultRouteSettings: Record<string, unknown> | undefined) =>
  fake("aws:apigatewayv2/stage:Stage", "http-prod", { apiId: "h1t2t3p4a5", name: "prod", autoDeploy: true, defaultRouteSettings });

describe("stage-default-throttling", () => {
  test("passes: a REST stage and a v2 stage with their own rate and burst limits", async () => {
    const { stage, settings } = restStage();
    expect(await check(rule, [stage, settings, v2Stage({ throttlingRateLimit: 50, throttlingBurstLimit: 100 })])).toEqual([]);
  });

  test("a REST stage without */* method settings is left to rest-stage-method-settings", async () => {
    expect(await check(rule, [restStage().stage])).toEqual([]);
  });

  test("fails: */* settings without a rate limit", async () => {
    const { stage, settings } = restStage("prod", {}, { throttlingRateLimit: undefined });
    expect(await check(rule, [stage, settings])).toEqual([
      {
        policy: "stage-default-throttling",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/methodSettings:MethodSettings::api-prod-settings",
        message: `REST stage "prod" has no stage-wide throttling of its own (throttlingRateLimit is unset; ${ACCOUNT_ONLY}). ${REST_FIX}`,
      },
    ]);
  });

  test("fails: */* settings whose burst limit is -1", async () => {
    const { stage, settings } = restStage("prod", {}, { throttlingBurstLimit: -1 });
    expect(await messages(rule, [stage, settings])).toEqual([
      `REST stage "prod" has no stage-wide throttling of its own (throttlingBurstLimit is -1; ${ACCOUNT_ONLY}). ${REST_FIX}`,
    ]);
  });

  test("fails: */* settings with both limits at 0", async () => {
    const { stage, settings } = restStage("prod", {}, { throttlingRateLimit: 0, throttlingBurstLimit: 0 });
    expect(await messages(rule, [stage, settings])).toEqual([
      `REST stage "prod" has no stage-wide throttling of its own (throttlingRateLimit is 0; throttlingBurstLimit is 0; ${ACCOUNT_ONLY}). ${REST_FIX}`,
    ]);
  });

  test("fails: a v2 stage without default route settings", async () => {
    expect(await check(rule, [v2Stage(undefined)])).toEqual([
      {
        policy: "stage-default-throttling",
        enforcementLevel: "mandatory",
        resource: "aws:apigatewayv2/stage:Stage::http-prod",
        message: `API Gateway v2 stage "prod" has no stage-wide throttling of its own (defaultRouteSettings.throttlingRateLimit is unset; defaultRouteSettings.throttlingBurstLimit is unset; ${ACCOUNT_ONLY}). ${V2_FIX}`,
      },
    ]);
  });

  test("fails: a v2 stage whose rate limit is -1", async () => {
    expect(await messages(rule, [v2Stage({ throttlingRateLimit: -1, throttlingBurstLimit: 100 })])).toEqual([
      `API Gateway v2 stage "prod" has no stage-wide throttling of its own (defaultRouteSettings.throttlingRateLimit is -1; ${ACCOUNT_ONLY}). ${V2_FIX}`,
    ]);
  });

  test("fails: a v2 stage whose burst limit is 0", async () => {
    expect(await messages(rule, [v2Stage({ throttlingRateLimit: 50, throttlingBurstLimit: 0 })])).toEqual([
      `API Gateway v2 stage "prod" has no stage-wide throttling of its own (defaultRouteSettings.throttlingBurstLimit is 0; ${ACCOUNT_ONLY}). ${V2_FIX}`,
    ]);
  });

  test("passes: no default limits, but routeSettings throttle (v2-stage-api-settings checks that every route is covered)", async () => {
    const stage = fake("aws:apigatewayv2/stage:Stage", "http-prod", {
      apiId: "h1t2t3p4a5",
      name: "$default",
      routeSettings: [{ routeKey: "GET /items", throttlingRateLimit: 10, throttlingBurstLimit: 20 }],
    });
    expect(await check(rule, [stage])).toEqual([]);
  });

  // CreateApi target (API Gateway v2 API reference): quick create makes a default stage this program does not declare.
  test("fails: a quick-created HTTP API, whose implicit $default stage has no throttling", async () => {
    const quick = fake("aws:apigatewayv2/api:Api", "quick", { name: "shop-quick", protocolType: "HTTP", target: "https://example.com" });
    expect(await messages(rule, [quick])).toEqual([
      `HTTP API "shop-quick" is quick-created (target is set), so API Gateway gives it a "$default" stage with no throttling of its own (${ACCOUNT_ONLY}), which this program does not declare and cannot change. Remove target; declare the integration, the route and an aws.apigatewayv2.Stage whose defaultRouteSettings set throttlingRateLimit and throttlingBurstLimit above 0.`,
    ]);
  });
});
