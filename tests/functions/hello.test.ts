import { aliasFromArn, handler } from "../../functions/hello";
import { shownStageVariables } from "../../functions/hello/stage-variables";
import { apiGatewayEvent, bodyOf, lambdaContext } from "../helpers/api-gateway-event";
import { captureLogs, type LogCapture } from "./log-capture";

describe("aliasFromArn", () => {
  it.each([
    ["arn:aws:lambda:us-east-1:123456789012:function:hello:PROD", "PROD"],
    ["arn:aws:lambda:eu-west-1:123456789012:function:hello:TEST", "TEST"],
    ["arn:aws:lambda:us-east-1:123456789012:function:hello", null],
    ["arn:aws:lambda:us-east-1:123456789012:function:hello:$LATEST", null],
    ["arn:aws:lambda:us-east-1:123456789012:function:hello:7", null],
  ])("%s -> %p", (arn, alias) => expect(aliasFromArn(arn)).toBe(alias));
});

describe("shownStageVariables", () => {
  test("only lambdaAlias, the variable that picks the alias: others can name backends or carry their keys", () => {
    expect(shownStageVariables({ lambdaAlias: "PROD", legacyHost: "legacy.example.com", backendKey: "k-1" })).toEqual({ lambdaAlias: "PROD" });
    expect(shownStageVariables({ legacyHost: "legacy.example.com" })).toEqual({});
    expect(shownStageVariables(null)).toEqual({});
    expect(shownStageVariables(undefined)).toEqual({});
  });
});

describe("hello handler", () => {
  const saved = process.env.GREETING;
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => {
    logs.stop();
    if (saved === undefined) delete process.env.GREETING;
    else process.env.GREETING = saved;
  });

  it("reports the alias, version and stage it was invoked through", async () => {
    process.env.GREETING = "bonjour";
    const result = await handler(
      apiGatewayEvent({ method: "GET", resource: "/hello", stage: "prod", stageVariables: { lambdaAlias: "PROD", legacyHost: "legacy.example.com" } }),
      lambdaContext({ functionName: "gateway-hello", functionVersion: "12", qualifier: "PROD" }),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers).toEqual({ "content-type": "application/json" });
    expect(bodyOf(result)).toEqual({
      message: "hello from PROD",
      functionName: "gateway-hello",
      functionVersion: "12",
      alias: "PROD",
      stage: "prod",
      stageVariables: { lambdaAlias: "PROD" },
      greeting: "bonjour",
    });
    // Every key of the line is checked in logging.test.ts.
    expect(logs.lines()).toMatchObject([
      { level: "INFO", message: "request completed", function_name: "gateway-hello", function_version: "12", stage: "prod", route: "/hello", statusCode: 200 },
    ]);
  });

  it("answers for $LATEST when invoked unqualified, with the default greeting", async () => {
    delete process.env.GREETING;
    const result = await handler(apiGatewayEvent({ method: "GET", resource: "/hello", stage: "dev" }), lambdaContext());
    expect(bodyOf(result)).toEqual({
      message: "hello from $LATEST",
      functionName: "hello",
      functionVersion: "$LATEST",
      alias: null,
      stage: "dev",
      stageVariables: {},
      greeting: "hello",
    });
  });

  it("names the version when invoked through a version number", async () => {
    delete process.env.GREETING;
    const result = await handler(
      apiGatewayEvent({ method: "GET", resource: "/hello", stage: "test" }),
      lambdaContext({ functionVersion: "3", qualifier: "3" }),
    );
    expect(bodyOf(result)).toEqual({
      message: "hello from 3",
      functionName: "hello",
      functionVersion: "3",
      alias: null,
      stage: "test",
      stageVariables: {},
      greeting: "hello",
    });
  });

  it("answers a generic 500 and logs the error when it fails", async () => {
    const result = await handler(apiGatewayEvent({ method: "GET", resource: "/hello" }), {
      ...lambdaContext(),
      invokedFunctionArn: undefined as unknown as string,
    });
    expect(result).toEqual({
      statusCode: 500,
      headers: { "content-type": "application/json" },
      body: '{"error":"internal","message":"internal error"}',
    });
    expect(logs.lines()).toMatchObject([{ level: "ERROR", statusCode: 500, errorCode: "internal", error: { name: "TypeError" } }]);
  });
});
