import { aliasFromArn, handler } from "../../functions/hello";
import { apiGatewayEvent, bodyOf, lambdaContext } from "../helpers/api-gateway-event";

describe("aliasFromArn", () => {
  it.each([
    ["arn:aws:lambda:us-east-1:123456789012:function:hello:PROD", "PROD"],
    ["arn:aws:lambda:eu-west-1:123456789012:function:hello:TEST", "TEST"],
    ["arn:aws:lambda:us-east-1:123456789012:function:hello", null],
    ["arn:aws:lambda:us-east-1:123456789012:function:hello:$LATEST", null],
    ["arn:aws:lambda:us-east-1:123456789012:function:hello:7", null],
  ])("%s -> %p", (arn, alias) => expect(aliasFromArn(arn)).toBe(alias));
});

describe("hello handler", () => {
  const saved = process.env.GREETING;
  afterEach(() => {
    if (saved === undefined) delete process.env.GREETING;
    else process.env.GREETING = saved;
  });

  it("reports the alias, version and stage it was invoked through", async () => {
    process.env.GREETING = "bonjour";
    const result = await handler(
      apiGatewayEvent({ method: "GET", resource: "/hello", stage: "prod" }),
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
      greeting: "bonjour",
    });
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
      greeting: "hello",
    });
  });
});
