import { stageAccessLogs as rule } from "../../policies/rules/stage-access-logs";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

// The real CLI's preview wraps inputs so that reading an unknown value throws; the tests use the same proxy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(o: T): T };
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/shop/prod";
const HTTP_FORMAT = {
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  method: "$context.httpMethod",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLatency: "$context.responseLatency",
};
const WS_FORMAT = {
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  routeKey: "$context.routeKey",
  eventType: "$context.eventType",
  status: "$context.status",
  integrationLatency: "$context.integrationLatency",
};

function v2(protocolType: "HTTP" | "WEBSOCKET", format: unknown, stage: Record<string, unknown> = {}) {
  const api = fake("aws:apigatewayv2/api:Api", `${protocolType.toLowerCase()}-api`, { name: "shop", protocolType });
  const stageResource = fake(
    "aws:apigatewayv2/stage:Stage",
    `${protocolType.toLowerCase()}-prod`,
    {
      apiId: "abc123",
      name: "prod",
      accessLogSettings: { destinationArn: LOG_GROUP, format: typeof format === "string" ? format : JSON.stringify(format) },
      // Execution logging is a WebSocket-only setting ("Supported only for WebSocket APIs", RouteSettings, API Gateway v2 API reference).
      ...(protocolType === "WEBSOCKET" ? { defaultRouteSettings: { loggingLevel: "ERROR" } } : {}),
      ...stage,
    },
    { from: { apiId: [api] } },
  );
  return { api, stage: stageResource };
}

const restWithFormat = (format: unknown) =>
  restStage("prod", { accessLogSettings: { destinationArn: LOG_GROUP, format: typeof format === "string" ? format : JSON.stringify(format) } }).stage;

const REST_EXAMPLE =
  '{"requestId":"$context.requestId","sourceIp":"$context.identity.sourceIp","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLatency":"$context.responseLatency"}';
const WS_EXAMPLE =
  '{"requestId":"$context.requestId","sourceIp":"$context.identity.sourceIp","routeKey":"$context.routeKey","eventType":"$context.eventType","status":"$context.status","integrationLatency":"$context.integrationLatency"}';
const ARN_SHAPE = "arn:<partition>:logs:<region>:<account>:log-group:<name>";

describe("stage-access-logs: REST stages", () => {
  test("passes: the harness's REST stage (JSON, every field, a log group ARN)", async () => {
    const { stage, settings } = restStage();
    expect(await check(rule, [stage, settings])).toEqual([]);
  });

  test("passes: alternatives ($context.path, $context.integrationLatency), nested values, a trailing :* and another partition", async () => {
    const stage = restStage("prod", {
      accessLogSettings: {
        destinationArn: "arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:api-access_logs#1:*",
        format: JSON.stringify({
          id: "$context.requestId",
          caller: { ip: "$context.identity.sourceIp" },
          request: "$context.httpMethod $context.path",
          status: "$context.status",
          timings: ["$context.integrationLatency"],
        }),
      },
    }).stage;
    expect(await check(rule, [stage])).toEqual([]);
  });

  test("fails: no accessLogSettings", async () => {
    const { stage } = restStage("prod", { accessLogSettings: undefined });
    expect(await check(rule, [stage])).toEqual([
      {
        policy: "stage-access-logs",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/stage:Stage::api-prod",
        message: `REST stage "prod" writes no access logs (accessLogSettings is unset). Set accessLogSettings with destinationArn the ARN of a CloudWatch Logs log group (${ARN_SHAPE}) and format one line of JSON such as ${REST_EXAMPLE}.`,
      },
    ]);
  });

  // AccessLogSettings.destinationArn (API Gateway API reference): "the ARN of the CloudWatch Logs log group or Kinesis
  // Data Firehose delivery stream to receive access logs … the stream name must begin with amazon-apigateway-".
  test("passes: a Firehose stream named amazon-apigateway-* (REST)", async () => {
    const firehose = "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-shop";
    expect(await check(rule, [restStage("prod", { accessLogSettings: { destinationArn: firehose, format: REST_EXAMPLE } }).stage])).toEqual([]);
  });

  test("fails: a Firehose stream whose name does not begin with amazon-apigateway-", async () => {
    const firehose = "arn:aws:firehose:us-east-1:123456789012:deliverystream/shop-access";
    const { stage } = restStage("prod", { accessLogSettings: { destinationArn: firehose, format: REST_EXAMPLE } });
    expect(await messages(rule, [stage])).toEqual([
      `REST stage "prod" sends its access logs to a Firehose stream whose name does not begin with "amazon-apigateway-" (accessLogSettings.destinationArn is "${firehose}"), which API Gateway refuses. Name the stream amazon-apigateway-<name>, or send the logs to a CloudWatch Logs log group (${ARN_SHAPE}).`,
    ]);
  });

  test("fails: a log group ARN without an account, and no destination at all", async () => {
    const bad = "arn:aws:logs:us-east-1::log-group:/aws/apigateway/shop";
    expect(await messages(rule, [restStage("prod", { accessLogSettings: { destinationArn: bad, format: REST_EXAMPLE } }).stage])).toEqual([
      `REST stage "prod" does not send its access logs to a CloudWatch Logs log group or a Kinesis Data Firehose stream named amazon-apigateway-<name> (accessLogSettings.destinationArn is "${bad}"). Set destinationArn to the ARN of a log group (${ARN_SHAPE}), e.g. the arn of an aws.cloudwatch.LogGroup.`,
    ]);
    expect(await messages(rule, [restStage("prod", { accessLogSettings: { format: REST_EXAMPLE } }).stage])).toEqual([
      `REST stage "prod" does not send its access logs to a CloudWatch Logs log group or a Kinesis Data Firehose stream named amazon-apigateway-<name> (accessLogSettings.destinationArn is unset). Set destinationArn to the ARN of a log group (${ARN_SHAPE}), e.g. the arn of an aws.cloudwatch.LogGroup.`,
    ]);
  });

  test("fails: a CLF format, and a JSON format with unquoted variables", async () => {
    const clf = "$context.identity.sourceIp [$context.requestTime] $context.httpMethod $context.resourcePath $context.status $context.requestId";
    expect(await messages(rule, [restWithFormat(clf)])).toEqual([
      `REST stage "prod" access log format is not a JSON object (accessLogSettings.format is ${JSON.stringify(clf)}). Write the format as one line of JSON whose values are quoted $context variables, e.g. ${REST_EXAMPLE}.`,
    ]);
    const unquoted = '{"requestId":"$context.requestId","status":$context.status}';
    expect(await messages(rule, [restWithFormat(unquoted)])).toEqual([
      `REST stage "prod" access log format is not a JSON object (accessLogSettings.format is ${JSON.stringify(unquoted)}). Write the format as one line of JSON whose values are quoted $context variables, e.g. ${REST_EXAMPLE}.`,
    ]);
  });

  test("fails: a JSON array is not an object", async () => {
    expect(await messages(rule, [restWithFormat('["$context.requestId"]')])).toEqual([
      `REST stage "prod" access log format is not a JSON object (accessLogSettings.format is "[\\"$context.requestId\\"]"). Write the format as one line of JSON whose values are quoted $context variables, e.g. ${REST_EXAMPLE}.`,
    ]);
  });

  const FULL = JSON.parse(REST_EXAMPLE) as Record<string, string>;
  const without = (key: string) => Object.fromEntries(Object.entries(FULL).filter(([k]) => k !== key));
  test.each([
    ["requestId", "request id", "has no $context.requestId", '{"requestId":"$context.requestId"}'],
    ["sourceIp", "source IP", "has no $context.identity.sourceIp", '{"sourceIp":"$context.identity.sourceIp"}'],
    ["httpMethod", "method", "has no $context.httpMethod", '{"httpMethod":"$context.httpMethod"}'],
    ["resourcePath", "path", "has none of $context.resourcePath, $context.path", '{"resourcePath":"$context.resourcePath"}'],
    ["status", "status", "has no $context.status", '{"status":"$context.status"}'],
    [
      "responseLatency",
      "latency",
      "has none of $context.responseLatency, $context.integrationLatency, $context.integration.latency",
      '{"responseLatency":"$context.responseLatency"}',
    ],
  ])("fails: the format lacks %s", async (key, label, detail, example) => {
    expect(await messages(rule, [restWithFormat(without(key))])).toEqual([
      `REST stage "prod" access logs omit ${label} (accessLogSettings.format ${detail}). Add each to the JSON format as a quoted value, e.g. ${example}.`,
    ]);
  });

  test("fails: several missing fields in one message; variables match whole ($context.statusX is not $context.status)", async () => {
    const format = { requestId: "$context.requestId", ip: "$context.identity.sourceIp", status: "$context.statusX", literal: "httpMethod" };
    expect(await messages(rule, [restWithFormat(format)])).toEqual([
      `REST stage "prod" access logs omit method, path, status, latency (accessLogSettings.format has no $context.httpMethod; has none of $context.resourcePath, $context.path; has no $context.status; has none of $context.responseLatency, $context.integrationLatency, $context.integration.latency). Add each to the JSON format as a quoted value, e.g. {"httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLatency":"$context.responseLatency"}.`,
    ]);
  });

  test("a destination and a format can both be wrong: two violations", async () => {
    const { stage } = restStage("prod", { accessLogSettings: { destinationArn: "my-logs", format: "CLF" } });
    expect((await messages(rule, [stage])).map((m) => m.split(" (")[0])).toEqual([
      'REST stage "prod" does not send its access logs to a CloudWatch Logs log group or a Kinesis Data Firehose stream named amazon-apigateway-<name>',
      'REST stage "prod" access log format is not a JSON object',
    ]);
  });
});

describe("stage-access-logs: HTTP API stages", () => {
  test("passes: an HTTP stage logging $context.routeKey for the path", async () => {
    const { api, stage } = v2("HTTP", HTTP_FORMAT);
    expect(await check(rule, [api, stage])).toEqual([]);
  });

  test("passes: $context.path instead of $context.routeKey", async () => {
    const { routeKey: _r, ...rest } = HTTP_FORMAT;
    const { api, stage } = v2("HTTP", { ...rest, path: "$context.path" });
    expect(await check(rule, [api, stage])).toEqual([]);
  });

  test("fails: HTTP APIs have no $context.resourcePath", async () => {
    const { routeKey: _r, ...rest } = HTTP_FORMAT;
    const { api, stage } = v2("HTTP", { ...rest, path: "$context.resourcePath" });
    expect(await check(rule, [api, stage])).toEqual([
      {
        policy: "stage-access-logs",
        enforcementLevel: "mandatory",
        resource: "aws:apigatewayv2/stage:Stage::http-prod",
        message:
          'HTTP API stage "prod" access logs omit path (accessLogSettings.format has none of $context.path, $context.routeKey). Add each to the JSON format as a quoted value, e.g. {"path":"$context.path"}.',
      },
    ]);
  });

  test("fails: no accessLogSettings", async () => {
    const { api, stage } = v2("HTTP", HTTP_FORMAT, { accessLogSettings: undefined });
    expect(await messages(rule, [api, stage])).toEqual([
      `HTTP API stage "prod" writes no access logs (accessLogSettings is unset). Set accessLogSettings with destinationArn the ARN of a CloudWatch Logs log group (${ARN_SHAPE}) and format one line of JSON such as {"requestId":"$context.requestId","sourceIp":"$context.identity.sourceIp","httpMethod":"$context.httpMethod","path":"$context.path","status":"$context.status","responseLatency":"$context.responseLatency"}.`,
    ]);
  });

  test("a v2 stage whose API is not in the stack is read by its own inputs: a WebSocket format makes it a WebSocket stage", async () => {
    const api = fake("aws:apigatewayv2/api:Api", "elsewhere", { name: "x", protocolType: "WEBSOCKET" });
    const stage = v2("WEBSOCKET", WS_FORMAT, { defaultRouteSettings: {} }).stage;
    expect(await check(rule, [stage])).toEqual([]);
    expect(api.type).toBe("aws:apigatewayv2/api:Api");
  });

  test("a v2 stage whose inputs say nothing of its protocol is checked as an HTTP API stage", async () => {
    const { stage } = v2("HTTP", { requestId: "$context.requestId" });
    expect(await messages(rule, [stage])).toEqual([
      'HTTP API stage "prod" access logs omit source IP, method, path, status, latency (accessLogSettings.format has no $context.identity.sourceIp; has no $context.httpMethod; has none of $context.path, $context.routeKey; has no $context.status; has none of $context.responseLatency, $context.integrationLatency, $context.integration.latency). Add each to the JSON format as a quoted value, e.g. {"sourceIp":"$context.identity.sourceIp","httpMethod":"$context.httpMethod","path":"$context.path","status":"$context.status","responseLatency":"$context.responseLatency"}.',
    ]);
  });

  // Api.target (CreateApi): "Quick create produces an API with an integration, a default catch-all route, and a default
  // stage which is configured to automatically deploy changes" (API Gateway v2 API reference).
  test("fails: a quick-created HTTP API (target on the Api): its implicit $default stage has no access logs", async () => {
    const quick = fake("aws:apigatewayv2/api:Api", "quick", {
      name: "shop-quick",
      protocolType: "HTTP",
      target: "arn:aws:lambda:us-east-1:123456789012:function:items",
    });
    expect(await check(rule, [quick])).toEqual([
      {
        policy: "stage-access-logs",
        enforcementLevel: "mandatory",
        resource: "aws:apigatewayv2/api:Api::quick",
        message:
          'HTTP API "shop-quick" is quick-created (target is set), so API Gateway gives it a "$default" stage that writes no access logs and that this program does not declare, so cannot configure. Remove target; declare the integration, the route and an aws.apigatewayv2.Stage with accessLogSettings (a log group ARN and a JSON format).',
      },
    ]);
    expect(await check(rule, [fake("aws:apigatewayv2/api:Api", "plain", { name: "shop", protocolType: "HTTP" })])).toEqual([]);
  });
});

describe("stage-access-logs: WebSocket API stages", () => {
  test("passes: route key, event type and integration latency instead of method, path and response latency", async () => {
    const { api, stage } = v2("WEBSOCKET", WS_FORMAT);
    expect(await check(rule, [api, stage])).toEqual([]);
  });

  test("passes: $context.integration.latency", async () => {
    const { integrationLatency: _l, ...rest } = WS_FORMAT;
    const { api, stage } = v2("WEBSOCKET", { ...rest, latency: "$context.integration.latency" });
    expect(await check(rule, [api, stage])).toEqual([]);
  });

  test("fails: no accessLogSettings", async () => {
    const { api, stage } = v2("WEBSOCKET", WS_FORMAT, { accessLogSettings: undefined });
    expect(await messages(rule, [api, stage])).toEqual([
      `WebSocket API stage "prod" writes no access logs (accessLogSettings is unset). Set accessLogSettings with destinationArn the ARN of a CloudWatch Logs log group (${ARN_SHAPE}) and format one line of JSON such as ${WS_EXAMPLE}.`,
    ]);
  });

  const without = (key: string) => Object.fromEntries(Object.entries(WS_FORMAT).filter(([k]) => k !== key));
  test.each([
    ["requestId", "request id", "has no $context.requestId", '{"requestId":"$context.requestId"}'],
    ["ip", "source IP", "has no $context.identity.sourceIp", '{"sourceIp":"$context.identity.sourceIp"}'],
    ["routeKey", "route key", "has no $context.routeKey", '{"routeKey":"$context.routeKey"}'],
    ["eventType", "event type", "has no $context.eventType", '{"eventType":"$context.eventType"}'],
    ["status", "status", "has no $context.status", '{"status":"$context.status"}'],
    [
      "integrationLatency",
      "latency",
      "has none of $context.integrationLatency, $context.integration.latency",
      '{"integrationLatency":"$context.integrationLatency"}',
    ],
  ])("fails: the format lacks %s", async (key, label, detail, example) => {
    const { api, stage } = v2("WEBSOCKET", without(key));
    expect(await messages(rule, [api, stage])).toEqual([
      `WebSocket API stage "prod" access logs omit ${label} (accessLogSettings.format ${detail}). Add each to the JSON format as a quoted value, e.g. ${example}.`,
    ]);
  });

  test("fails: $context.responseLatency does not exist for WebSocket APIs", async () => {
    const { integrationLatency: _l, ...rest } = WS_FORMAT;
    const { api, stage } = v2("WEBSOCKET", { ...rest, latency: "$context.responseLatency" });
    expect(await messages(rule, [api, stage])).toEqual([
      'WebSocket API stage "prod" access logs omit latency (accessLogSettings.format has none of $context.integrationLatency, $context.integration.latency). Add each to the JSON format as a quoted value, e.g. {"integrationLatency":"$context.integrationLatency"}.',
    ]);
  });

  test("fails: a non-JSON format and a bad destination", async () => {
    const { api, stage } = v2("WEBSOCKET", "$context.requestId $context.routeKey", {
      accessLogSettings: { destinationArn: "", format: "$context.requestId $context.routeKey" },
      defaultRouteSettings: { loggingLevel: "ERROR" },
    });
    expect(await messages(rule, [api, stage])).toEqual([
      `WebSocket API stage "prod" does not send its access logs to a CloudWatch Logs log group (accessLogSettings.destinationArn is ""). Set destinationArn to the ARN of a log group (${ARN_SHAPE}), e.g. the arn of an aws.cloudwatch.LogGroup.`,
      `WebSocket API stage "prod" access log format is not a JSON object (accessLogSettings.format is "$context.requestId $context.routeKey"). Write the format as one line of JSON whose values are quoted $context variables, e.g. ${WS_EXAMPLE}.`,
    ]);
  });
});

describe("stage-access-logs during preview (values unknown until the log group exists)", () => {
  const CANNOT = (name: string, paths: string, verb = "is") =>
    `can't run during preview: Stage "${name}": cannot check its access logs until ${paths} ${verb} known (unknown during preview); the rule checks it again with the resolved value when the update creates the resource.`;

  test("an unknown destinationArn gives an advisory; the known format is still checked and reported first", async () => {
    const stage = fake("aws:apigateway/stage:Stage", "api-prod", {
      restApi: "a1b2c3d4e5",
      stageName: "prod",
      accessLogSettings: { destinationArn: UNKNOWN_STRING, format: '{"requestId":"$context.requestId"}' },
    });
    expect((await check(rule, [stage])).map((v) => [v.enforcementLevel, v.message])).toEqual([
      [
        "mandatory",
        'REST stage "prod" access logs omit source IP, method, path, status, latency (accessLogSettings.format has no $context.identity.sourceIp; has no $context.httpMethod; has none of $context.resourcePath, $context.path; has no $context.status; has none of $context.responseLatency, $context.integrationLatency, $context.integration.latency). Add each to the JSON format as a quoted value, e.g. {"sourceIp":"$context.identity.sourceIp","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLatency":"$context.responseLatency"}.',
      ],
      ["advisory", CANNOT("api-prod", "accessLogSettings.destinationArn")],
    ]);
  });

  test("one stage's unknown value does not stop the rule checking the others", async () => {
    const pending = fake(
      "aws:apigateway/stage:Stage",
      "api-new",
      unknownCheckingProxy({ restApi: "a1b2c3d4e5", stageName: "new", accessLogSettings: UNKNOWN_STRING }),
    );
    const { stage: bare } = restStage("old", { accessLogSettings: undefined });
    expect((await check(rule, [pending, bare])).map((v) => [v.enforcementLevel, v.resource])).toEqual([
      ["advisory", "aws:apigateway/stage:Stage::api-new"],
      ["mandatory", "aws:apigateway/stage:Stage::api-old"],
    ]);
  });

  test("an unknown quick-create target is an advisory", async () => {
    const quick = fake("aws:apigatewayv2/api:Api", "quick", { name: "q", protocolType: "HTTP", target: UNKNOWN_STRING });
    expect(await messages(rule, [quick])).toEqual([
      `can't run during preview: Api "quick": cannot check its access logs until target is known (unknown during preview); the rule checks it again with the resolved value when the update creates the resource.`,
    ]);
  });
});
