import { restExecutionLogging as rule } from "../../policies/rules/rest-execution-logging";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const ROLE = "Execution logging needs the account-level CloudWatch role (aws.apigateway.Account cloudwatchRoleArn, see api-gateway-account-logging-role).";

function v2(protocolType: "HTTP" | "WEBSOCKET", stage: Record<string, unknown> = {}) {
  const api = fake("aws:apigatewayv2/api:Api", "api", { name: "chat", protocolType });
  const stageResource = fake(
    "aws:apigatewayv2/stage:Stage",
    "chat-prod",
    { apiId: "abc123", name: "prod", defaultRouteSettings: { loggingLevel: "ERROR", throttlingRateLimit: 100, throttlingBurstLimit: 50 }, ...stage },
    { from: { apiId: [api] } },
  );
  return [api, stageResource];
}

const methodSettings = (stage: ReturnType<typeof restStage>["stage"], methodPath: string, settings: Record<string, unknown>) =>
  fake(
    "aws:apigateway/methodSettings:MethodSettings",
    `api-prod-${methodPath.replace(/\W/g, "-")}`,
    { restApi: "a1b2c3d4e5", stageName: "prod", methodPath, settings },
    { from: { stageName: [stage] } },
  );

describe("rest-execution-logging: REST stages", () => {
  test('passes: "*/*" at ERROR, and at INFO', async () => {
    const error = restStage();
    expect(await check(rule, [error.stage, error.settings])).toEqual([]);
    const info = restStage("prod", {}, { loggingLevel: "INFO" });
    expect(await check(rule, [info.stage, info.settings])).toEqual([]);
  });

  test("passes: a per-method override that does not touch the level, or raises it to INFO", async () => {
    const { stage, settings } = restStage();
    const quiet = methodSettings(stage, "items/GET", { metricsEnabled: true });
    const verbose = methodSettings(stage, "items/POST", { loggingLevel: "INFO" });
    expect(await check(rule, [stage, settings, quiet, verbose])).toEqual([]);
  });

  test('fails: "*/*" logging OFF', async () => {
    const { stage, settings } = restStage("prod", {}, { loggingLevel: "OFF" });
    expect(await check(rule, [stage, settings])).toEqual([
      {
        policy: "rest-execution-logging",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/methodSettings:MethodSettings::api-prod-settings",
        message: `Method settings "*/*" of REST stage "prod" write no execution logs (loggingLevel is "OFF"). Set settings.loggingLevel to "ERROR" or "INFO". ${ROLE}`,
      },
    ]);
  });

  test('fails: "*/*" without a level', async () => {
    const { stage, settings } = restStage("prod", {}, { loggingLevel: undefined });
    expect(await messages(rule, [stage, settings])).toEqual([
      `Method settings "*/*" of REST stage "prod" write no execution logs (loggingLevel is unset). Set settings.loggingLevel to "ERROR" or "INFO". ${ROLE}`,
    ]);
  });

  test('a stage with no "*/*" method settings is left to rest-stage-method-settings', async () => {
    const { stage } = restStage();
    expect(await check(rule, [stage, methodSettings(stage, "items/GET", { metricsEnabled: true })])).toEqual([]);
  });

  test("fails: a per-method override switching logging off", async () => {
    const { stage, settings } = restStage();
    const off = methodSettings(stage, "health/GET", { loggingLevel: "OFF" });
    expect(await messages(rule, [stage, settings, off])).toEqual([
      'Method settings "health/GET" of REST stage "prod" switch execution logging off for their methods (loggingLevel is "OFF"). Set settings.loggingLevel to "ERROR" or "INFO", or leave it out to keep the stage\'s level.',
    ]);
  });
});

describe("rest-execution-logging: API Gateway v2 stages", () => {
  test("passes: a WebSocket stage at ERROR, with a route at INFO", async () => {
    expect(await check(rule, v2("WEBSOCKET", { routeSettings: [{ routeKey: "sendMessage", loggingLevel: "INFO" }] }))).toEqual([]);
  });

  test("passes: HTTP stages are skipped (HTTP APIs have no execution logging)", async () => {
    expect(await check(rule, v2("HTTP", { defaultRouteSettings: { throttlingRateLimit: 100 } }))).toEqual([]);
  });

  test("a v2 stage whose own inputs do not show it is WebSocket is left to v2-stage-api-settings, which reads its API", async () => {
    expect(await check(rule, v2("WEBSOCKET", { defaultRouteSettings: undefined }))).toEqual([]);
  });

  // RouteSettings.loggingLevel, dataTraceEnabled: "Supported only for WebSocket APIs" (API Gateway v2 API reference).
  test("fails: a WebSocket stage, known by its access log format, without defaultRouteSettings, whether or not its API is in the stack", async () => {
    const format = JSON.stringify({ requestId: "$context.requestId", eventType: "$context.eventType" });
    const [, stage] = v2("WEBSOCKET", {
      defaultRouteSettings: undefined,
      accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:x", format },
    });
    expect(await check(rule, [stage!])).toEqual([
      {
        policy: "rest-execution-logging",
        enforcementLevel: "mandatory",
        resource: "aws:apigatewayv2/stage:Stage::chat-prod",
        message: `WebSocket API stage "prod" writes no execution logs (defaultRouteSettings.loggingLevel is unset). Set defaultRouteSettings.loggingLevel to "ERROR" or "INFO". ${ROLE}`,
      },
    ]);
  });

  test("fails: a WebSocket stage logging OFF", async () => {
    expect(await messages(rule, v2("WEBSOCKET", { defaultRouteSettings: { loggingLevel: "OFF" } }))).toEqual([
      `WebSocket API stage "prod" writes no execution logs (defaultRouteSettings.loggingLevel is "OFF"). Set defaultRouteSettings.loggingLevel to "ERROR" or "INFO". ${ROLE}`,
    ]);
  });

  test("fails: a WebSocket route switching logging off", async () => {
    const routes = [{ routeKey: "$connect" }, { routeKey: "$disconnect", loggingLevel: "OFF" }];
    expect(await messages(rule, v2("WEBSOCKET", { routeSettings: routes }))).toEqual([
      'WebSocket API stage "prod" switches execution logging off for route "$disconnect" (routeSettings[1].loggingLevel is "OFF"). Set its loggingLevel to "ERROR" or "INFO", or leave it out to keep the stage\'s level.',
    ]);
  });
});
