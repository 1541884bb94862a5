import { apiGatewayAccountLoggingRole as rule } from "../../policies/rules/api-gateway-account-logging-role";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(o: T): T };
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const FIX =
  "Declare one aws.apigateway.Account with cloudwatchRoleArn set to a role that apigateway.amazonaws.com can assume, with the AmazonAPIGatewayPushToCloudWatchLogs managed policy, in exactly one stack per account and region; in every other stack set this policy's roleManagedOutsideStack: true.";
const ROLE_ARN = "arn:aws:iam::123456789012:role/apigateway-cloudwatch";
const account = (cloudwatchRoleArn: unknown = ROLE_ARN) => fake("aws:apigateway/account:Account", "account", { cloudwatchRoleArn });

const wsStage = (name: string, settings: Record<string, unknown>) => {
  const api = fake("aws:apigatewayv2/api:Api", `${name}-api`, { name, protocolType: "WEBSOCKET" });
  return [api, fake("aws:apigatewayv2/stage:Stage", `${name}-prod`, { apiId: "abc123", name: "prod", ...settings }, { from: { apiId: [api] } })];
};

describe("api-gateway-account-logging-role", () => {
  test("passes: a logging REST stage and the Account with its role", async () => {
    const { stage, settings } = restStage();
    expect(await check(rule, [stage, settings, account()])).toEqual([]);
  });

  test("passes: nothing logs to CloudWatch through the account, so no role is needed", async () => {
    const { stage, settings } = restStage("prod", { accessLogSettings: undefined }, { loggingLevel: "OFF" });
    const http = fake("aws:apigatewayv2/stage:Stage", "http-prod", { apiId: "h1", name: "prod", defaultRouteSettings: { throttlingRateLimit: 10 } });
    expect(await check(rule, [stage, settings, http])).toEqual([]);
  });

  test("passes: another stack owns the role (roleManagedOutsideStack: true)", async () => {
    const { stage, settings } = restStage();
    expect(await check(rule, [stage, settings], { "api-gateway-account-logging-role": { roleManagedOutsideStack: true } })).toEqual([]);
  });

  test("passes: during preview, a role ARN unknown until the role exists", async () => {
    const { stage, settings } = restStage();
    const pending = fake("aws:apigateway/account:Account", "account", unknownCheckingProxy({ cloudwatchRoleArn: UNKNOWN_STRING }));
    expect(await check(rule, [stage, settings, pending])).toEqual([]);
  });

  test("fails: a logging REST stage and no Account; one violation for the stack", async () => {
    const { stage, settings } = restStage();
    expect(await check(rule, [stage, settings])).toEqual([
      {
        policy: "api-gateway-account-logging-role",
        enforcementLevel: "mandatory",
        resource: null,
        message: `The stack sends execution or access logs to CloudWatch from 1 stage, but no aws.apigateway.Account in it sets the account's CloudWatch role (cloudwatchRoleArn is unset), so API Gateway cannot write those logs. ${FIX}`,
      },
    ]);
  });

  test("fails: an Account with an empty role", async () => {
    const { stage, settings } = restStage();
    expect(await messages(rule, [stage, settings, account("")])).toEqual([
      `The stack sends execution or access logs to CloudWatch from 1 stage, but its aws.apigateway.Account does not set the account's CloudWatch role (cloudwatchRoleArn is ""), so API Gateway cannot write those logs. ${FIX}`,
    ]);
  });

  test("fails: counts REST stages (by any method settings), stages outside the stack, and v2 stages (default or route settings)", async () => {
    const a = restStage("a");
    const b = restStage("b", { accessLogSettings: undefined }, { loggingLevel: "OFF" });
    const bMethod = fake(
      "aws:apigateway/methodSettings:MethodSettings",
      "b-items",
      { restApi: "a1b2c3d4e5", stageName: "b", methodPath: "items/GET", settings: { loggingLevel: "INFO" } },
      { from: { stageName: [b.stage] } },
    );
    const imported = fake("aws:apigateway/methodSettings:MethodSettings", "legacy", {
      restApi: "zzz",
      stageName: "legacy",
      methodPath: "*/*",
      settings: { loggingLevel: "ERROR" },
    });
    const quiet = restStage("c", { accessLogSettings: undefined }, { loggingLevel: "OFF" });
    const wsDefault = wsStage("chat", { defaultRouteSettings: { loggingLevel: "ERROR" } });
    const wsRoute = wsStage("feed", { defaultRouteSettings: { loggingLevel: "OFF" }, routeSettings: [{ routeKey: "$connect", loggingLevel: "INFO" }] });
    const resources = [a.stage, a.settings, b.stage, b.settings, bMethod, imported, quiet.stage, quiet.settings, ...wsDefault, ...wsRoute];
    expect(await messages(rule, resources)).toEqual([
      `The stack sends execution or access logs to CloudWatch from 5 stages, but no aws.apigateway.Account in it sets the account's CloudWatch role (cloudwatchRoleArn is unset), so API Gateway cannot write those logs. ${FIX}`,
    ]);
  });

  test("fails: access logs alone need the role too (REST and WebSocket), not an HTTP API's", async () => {
    const { stage, settings } = restStage("prod", {}, { loggingLevel: "OFF" });
    expect(await messages(rule, [stage, settings])).toEqual([
      `The stack sends execution or access logs to CloudWatch from 1 stage, but no aws.apigateway.Account in it sets the account's CloudWatch role (cloudwatchRoleArn is unset), so API Gateway cannot write those logs. ${FIX}`,
    ]);
    const accessLogSettings = { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:/x", format: "{}" };
    expect(await check(rule, wsStage("chat", { accessLogSettings }))).toHaveLength(1);
    const httpApi = fake("aws:apigatewayv2/api:Api", "h-api", { name: "h", protocolType: "HTTP" });
    const http = fake("aws:apigatewayv2/stage:Stage", "h-prod", { apiId: "h1", name: "prod", accessLogSettings }, { from: { apiId: [httpApi] } });
    expect(await check(rule, [httpApi, http])).toEqual([]);
  });

  test("fails: roleManagedOutsideStack false is the default, and explicit false still checks", async () => {
    const ws = wsStage("chat", { defaultRouteSettings: { loggingLevel: "INFO" } });
    expect(await check(rule, ws, { "api-gateway-account-logging-role": { roleManagedOutsideStack: false } })).toHaveLength(1);
  });
});
