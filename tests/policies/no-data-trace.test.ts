import { noDataTrace as rule } from "../../policies/rules/no-data-trace";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const WHY = "which writes whole requests and responses (headers, bodies, tokens, personal data) to CloudWatch Logs";
const FIX =
  'Set dataTraceEnabled: false (or leave it out) and rely on access logs and execution logging at "ERROR" or "INFO"; turn data trace on only briefly, in a non-production stage, to debug.';

const v2Stage = (inputs: Record<string, unknown> = {}) =>
  fake("aws:apigatewayv2/stage:Stage", "chat-prod", {
    apiId: "abc123",
    name: "prod",
    defaultRouteSettings: { loggingLevel: "ERROR", dataTraceEnabled: false },
    routeSettings: [{ routeKey: "sendMessage", loggingLevel: "INFO" }],
    ...inputs,
  });

describe("no-data-trace: REST method settings", () => {
  test('passes: the harness\'s "*/*" settings (dataTraceEnabled false), and settings that leave it out', async () => {
    const { stage, settings } = restStage();
    expect(await check(rule, [stage, settings])).toEqual([]);
    expect(await check(rule, [restStage("prod", {}, { dataTraceEnabled: undefined }).settings])).toEqual([]);
  });

  test('fails: data trace on "*/*"', async () => {
    const { stage, settings } = restStage("prod", {}, { dataTraceEnabled: true });
    expect(await check(rule, [stage, settings])).toEqual([
      {
        policy: "no-data-trace",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/methodSettings:MethodSettings::api-prod-settings",
        message: `Method settings "*/*" of REST stage "prod" log full requests and responses (dataTraceEnabled is true), ${WHY}. ${FIX}`,
      },
    ]);
  });

  test("fails: data trace on one method", async () => {
    const method = fake("aws:apigateway/methodSettings:MethodSettings", "api-prod-login", {
      restApi: "a1b2c3d4e5",
      stageName: "prod",
      methodPath: "auth/login/POST",
      settings: { loggingLevel: "INFO", dataTraceEnabled: true },
    });
    expect(await messages(rule, [method])).toEqual([
      `Method settings "auth/login/POST" of REST stage "prod" log full requests and responses (dataTraceEnabled is true), ${WHY}. ${FIX}`,
    ]);
  });

  test("the dev stack's pack config lowers it to advisory", async () => {
    const { settings } = restStage("dev", {}, { dataTraceEnabled: true });
    expect((await check(rule, [settings], { "no-data-trace": "advisory" })).map((v) => v.enforcementLevel)).toEqual(["advisory"]);
    expect((await check(rule, [settings], { "no-data-trace": { enforcementLevel: "advisory" } })).map((v) => v.enforcementLevel)).toEqual(["advisory"]);
  });
});

describe("no-data-trace: API Gateway v2 stages", () => {
  test("passes: no data trace anywhere, or no settings at all", async () => {
    expect(await check(rule, [v2Stage()])).toEqual([]);
    expect(await check(rule, [v2Stage({ defaultRouteSettings: undefined, routeSettings: undefined })])).toEqual([]);
  });

  test("fails: data trace in defaultRouteSettings", async () => {
    expect(await check(rule, [v2Stage({ defaultRouteSettings: { loggingLevel: "INFO", dataTraceEnabled: true } })])).toEqual([
      {
        policy: "no-data-trace",
        enforcementLevel: "mandatory",
        resource: "aws:apigatewayv2/stage:Stage::chat-prod",
        message: `API Gateway v2 stage "prod" logs full requests and responses (defaultRouteSettings.dataTraceEnabled is true), ${WHY}. ${FIX}`,
      },
    ]);
  });

  test("fails: data trace on one route", async () => {
    const routes = [{ routeKey: "$connect" }, { routeKey: "sendMessage", dataTraceEnabled: true }];
    expect(await messages(rule, [v2Stage({ routeSettings: routes })])).toEqual([
      `API Gateway v2 stage "prod" logs full requests and responses (routeSettings[1].dataTraceEnabled is true for route "sendMessage"), ${WHY}. ${FIX}`,
    ]);
  });

  test("both places in one violation", async () => {
    const stage = v2Stage({ defaultRouteSettings: { dataTraceEnabled: true }, routeSettings: [{ routeKey: "$default", dataTraceEnabled: true }] });
    expect(await messages(rule, [stage])).toEqual([
      `API Gateway v2 stage "prod" logs full requests and responses (defaultRouteSettings.dataTraceEnabled is true; routeSettings[0].dataTraceEnabled is true for route "$default"), ${WHY}. ${FIX}`,
    ]);
  });
});
