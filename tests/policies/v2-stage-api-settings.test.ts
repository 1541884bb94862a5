import { v2StageApiSettings as rule } from "../../policies/rules/v2-stage-api-settings";
import { check, fake, messages } from "../helpers/policy-harness";

const ROLE = "Execution logging needs the account-level CloudWatch role (aws.apigateway.Account cloudwatchRoleArn, see api-gateway-account-logging-role).";
const api = (protocolType: string) => fake("aws:apigatewayv2/api:Api", `${protocolType.toLowerCase()}-api`, { name: "shop", protocolType });
const route = (a: ReturnType<typeof api>, routeKey: string) =>
  fake(
    "aws:apigatewayv2/route:Route",
    `route-${routeKey.replace(/\W/g, "")}`,
    { apiId: "abc123", routeKey, authorizationType: "JWT" },
    { from: { apiId: [a] } },
  );
const stage = (a: ReturnType<typeof api> | undefined, inputs: Record<string, unknown>) =>
  fake("aws:apigatewayv2/stage:Stage", "stage", { apiId: "abc123", name: "prod", ...inputs }, a ? { from: { apiId: [a] } } : {});
const throttle = (routeKey: string) => ({ routeKey, throttlingRateLimit: 10, throttlingBurstLimit: 20 });

// RouteSettings (API Gateway v2 API reference): throttling per route key; loggingLevel "Supported only for WebSocket APIs".
describe("v2-stage-api-settings: per-route throttling", () => {
  test("passes: throttling set on an HTTP API's only route", async () => {
    const http = api("HTTP");
    expect(await check(rule, [http, route(http, "GET /items"), stage(http, { routeSettings: [throttle("GET /items")] })])).toEqual([]);
  });

  test("passes: stage-wide limits, whatever the routes", async () => {
    const http = api("HTTP");
    expect(
      await check(rule, [http, route(http, "GET /items"), stage(http, { defaultRouteSettings: { throttlingRateLimit: 1, throttlingBurstLimit: 2 } })]),
    ).toEqual([]);
  });

  test("fails: per-route limits that leave a route of the API out", async () => {
    const http = api("HTTP");
    const resources = [
      http,
      route(http, "GET /items"),
      route(http, "POST /items"),
      route(http, "$default"),
      stage(http, { routeSettings: [throttle("GET /items")] }),
    ];
    expect(await check(rule, resources)).toEqual([
      {
        policy: "v2-stage-api-settings",
        enforcementLevel: "mandatory",
        resource: "aws:apigatewayv2/stage:Stage::stage",
        message:
          'HTTP API stage "prod" throttles only some routes of its API and no stage-wide limit covers the others ("POST /items", "$default" have no routeSettings with throttlingRateLimit and throttlingBurstLimit above 0). Set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit above 0, or add routeSettings for each of them.',
      },
    ]);
  });
});

describe("v2-stage-api-settings: WebSocket execution logging known only through the API", () => {
  test("passes: a WebSocket stage logging at ERROR; an HTTP stage; a stage whose API is not in the stack", async () => {
    const ws = api("WEBSOCKET");
    const http = api("HTTP");
    const limits = { throttlingRateLimit: 1, throttlingBurstLimit: 2 };
    expect(await check(rule, [ws, stage(ws, { defaultRouteSettings: { loggingLevel: "ERROR", ...limits } })])).toEqual([]);
    expect(await check(rule, [http, stage(http, { defaultRouteSettings: limits })])).toEqual([]);
    expect(await check(rule, [stage(undefined, { defaultRouteSettings: limits })])).toEqual([]);
  });

  test("fails: a stage of a WebSocket API whose inputs set no execution logging", async () => {
    const ws = api("WEBSOCKET");
    expect(await messages(rule, [ws, stage(ws, { defaultRouteSettings: { throttlingRateLimit: 1, throttlingBurstLimit: 2 } })])).toEqual([
      `WebSocket API stage "prod" writes no execution logs (defaultRouteSettings.loggingLevel is unset). Set defaultRouteSettings.loggingLevel to "ERROR" or "INFO". ${ROLE}`,
    ]);
  });
});
