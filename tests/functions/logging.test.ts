import type { APIGatewayProxyEvent } from "aws-lambda";
import { performance } from "perf_hooks";
import { apiGatewayEvent, bodyOf, lambdaContext } from "../helpers/api-gateway-event";
import { setEnv } from "../helpers/dynamodb-local";
import { captureLogs, freshContainer, type LogCapture, type LogLine } from "./log-capture";

/** A new container's modules: everything a test uses comes from one registry (see `freshContainer`). */
function container(env: Record<string, string | undefined> = {}) {
  return freshContainer(
    () => ({
      ...(require("../../functions/shared/handler") as typeof import("../../functions/shared/handler")),
      ...(require("../../functions/shared/http") as typeof import("../../functions/shared/http")),
      ...(require("../../functions/shared/body") as typeof import("../../functions/shared/body")),
      ...(require("../../functions/shared/logger") as typeof import("../../functions/shared/logger")),
      validateItem: (require("../../functions/items/validation") as typeof import("../../functions/items/validation")).validateItem,
      createHandler: (require("../../functions/items/create") as typeof import("../../functions/items/create")).handler,
      helloHandler: (require("../../functions/hello") as typeof import("../../functions/hello")).handler,
    }),
    env,
  );
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const GENERIC_500 = '{"error":"internal","message":"internal error"}';

const context = (awsRequestId: string, functionVersion = "7") => lambdaContext({ functionName: "gateway-items", functionVersion, awsRequestId });

/** The keys every line of an invocation carries: Lambda context, then API Gateway request. */
function invocationKeys(event: APIGatewayProxyEvent, awsRequestId: string, coldStart: boolean, functionVersion = "7") {
  return {
    service: "microservice-gateway",
    cold_start: coldStart,
    function_arn: "arn:aws:lambda:us-east-1:123456789012:function:gateway-items",
    function_memory_size: "256",
    function_name: "gateway-items",
    function_request_id: awsRequestId,
    function_version: functionVersion,
    sampling_rate: 0,
    apiGatewayRequestId: event.requestContext.requestId,
    route: event.resource,
    method: event.httpMethod,
    stage: event.requestContext.stage,
  };
}

const PER_INVOCATION_KEYS = ["function_version", "apiGatewayRequestId", "route", "method", "stage", "statusCode", "durationMs"];

let logs: LogCapture;
let restoreEnv: () => void = () => undefined;
/** The clock the handler times its routes on (performance.now): it moves only when a route moves it. */
let clock = 0;

beforeEach(() => {
  // Read on every line (trace id, time zone), so they are pinned for the whole test, not only at load.
  restoreEnv = setEnv({
    _X_AMZN_TRACE_ID: undefined,
    TZ: undefined,
    ITEMS_TABLE_NAME: undefined,
    AWS_REGION: "us-east-1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
  logs = captureLogs();
  clock = 1_000;
  jest.spyOn(performance, "now").mockImplementation(() => clock);
});

afterEach(() => {
  jest.restoreAllMocks();
  logs.stop();
  restoreEnv();
});

describe("the completion line", () => {
  it("is one INFO line with exactly the Lambda context, the API Gateway request, status and duration", async () => {
    const { httpHandler, json } = container();
    const handler = httpHandler(async () => {
      clock += 12.5;
      return json(201, { id: "x" });
    });
    const event = apiGatewayEvent({ method: "POST", resource: "/items", stage: "prod", json: { name: "lamp" } });

    const result = await handler(event, context("lambda-req-a"));

    expect(result.statusCode).toBe(201);
    const lines = logs.lines();
    expect(lines).toEqual([
      {
        level: "INFO",
        message: "request completed",
        timestamp: expect.stringMatching(ISO_TIMESTAMP),
        ...invocationKeys(event, "lambda-req-a", true),
        statusCode: 201,
        durationMs: 12.5,
      },
    ]);
    expect(event.requestContext.requestId).toMatch(/^req-\d+$/);
  });

  it("reports a cold start only for the container's first invocation", async () => {
    const { httpHandler, json } = container();
    const handler = httpHandler(async () => json(200, {}));
    await handler(apiGatewayEvent({ method: "GET", resource: "/items" }), context("first"));
    await handler(apiGatewayEvent({ method: "GET", resource: "/items" }), context("second"));
    await handler(apiGatewayEvent({ method: "GET", resource: "/items" }), context("third"));
    expect(logs.lines().map((line) => [line.function_request_id, line.cold_start])).toEqual([
      ["first", true],
      ["second", false],
      ["third", false],
    ]);
  });

  it("measures the route in milliseconds, to a hundredth", async () => {
    const { httpHandler, noContent } = container();
    const handler = httpHandler(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      clock += 40.126;
      return noContent();
    });
    await handler(apiGatewayEvent({ method: "DELETE", resource: "/items/{id}", pathParameters: { id: "a" } }), context("slow"));
    const [line] = logs.lines();
    expect(line).toMatchObject({ statusCode: 204, level: "INFO", durationMs: 40.13 });
  });

  it("is at WARN with only the error code for an HttpError; the client still gets the message", async () => {
    const { httpHandler, HttpError } = container();
    const quoted = 'tags must be distinct: "hunter2-from-the-body" appears more than once';
    const handler = httpHandler(async () => {
      throw new HttpError(400, "validation_failed", quoted);
    });
    const event = apiGatewayEvent({ method: "POST", resource: "/items", json: { tags: ["hunter2-from-the-body"] } });

    const result = await handler(event, context("lambda-req-400"));

    expect(bodyOf(result)).toEqual({ error: "validation_failed", message: quoted });
    expect(logs.lines()).toEqual([
      {
        level: "WARN",
        message: "request completed",
        timestamp: expect.stringMatching(ISO_TIMESTAMP),
        ...invocationKeys(event, "lambda-req-400", true),
        statusCode: 400,
        durationMs: expect.any(Number),
        errorCode: "validation_failed",
      },
    ]);
    expect(logs.text()).not.toContain("hunter2");
  });

  it("is at WARN, without an error code, for a 4xx the route returns instead of throwing", async () => {
    const { httpHandler, errorResponse } = container();
    const handler = httpHandler(async () => errorResponse(404, "not_found", "item secret-id not found"));
    await handler(apiGatewayEvent({ method: "GET", resource: "/items/{id}" }), context("r404"));
    const [line] = logs.lines();
    expect(line).toMatchObject({ level: "WARN", statusCode: 404 });
    expect(line).not.toHaveProperty("errorCode");
    expect(logs.text()).not.toContain("secret-id");
  });

  it("is at ERROR with the error's name, message and stack for a 500, and the body stays generic", async () => {
    const { httpHandler } = container();
    const handler = httpHandler(async () => {
      throw new TypeError("service exploded");
    });
    const event = apiGatewayEvent({ method: "PUT", resource: "/items/{id}", pathParameters: { id: "a1" }, stage: "test" });

    const result = await handler(event, context("lambda-req-500"));

    expect(result).toEqual({ statusCode: 500, headers: { "content-type": "application/json" }, body: GENERIC_500 });
    expect(logs.lines()).toEqual([
      {
        level: "ERROR",
        message: "request completed",
        timestamp: expect.stringMatching(ISO_TIMESTAMP),
        ...invocationKeys(event, "lambda-req-500", true),
        statusCode: 500,
        durationMs: expect.any(Number),
        errorCode: "internal",
        error: {
          name: "TypeError",
          message: "service exploded",
          stack: expect.stringMatching(/^TypeError: service exploded\n\s+at /),
        },
      },
    ]);
    expect(result.body).not.toContain("exploded");
  });

  it("logs only name, message and stack of an error that carries more, such as an SDK error with the stored item", async () => {
    const { httpHandler } = container();
    const handler = httpHandler(async () => {
      const error = Object.assign(new Error("The conditional request failed"), {
        name: "ConditionalCheckFailedException",
        $metadata: { httpStatusCode: 400, requestId: "sdk-req" },
        Item: { id: { S: "a1" }, description: { S: "item-content-secret" } },
      });
      throw error;
    });

    const result = await handler(apiGatewayEvent({ method: "DELETE", resource: "/items/{id}" }), context("sdk"));

    expect(result.body).toBe(GENERIC_500);
    const [line] = logs.lines();
    expect(line!.error).toEqual({
      name: "ConditionalCheckFailedException",
      message: "The conditional request failed",
      stack: expect.stringContaining("The conditional request failed"),
    });
    expect(logs.text()).not.toContain("item-content-secret");
    expect(logs.text()).not.toContain("sdk-req");
  });

  it("describes a thrown non-Error value by its type and string", async () => {
    const { httpHandler } = container();
    const handler = httpHandler(async () => Promise.reject("plain string"));
    const result = await handler(apiGatewayEvent({ method: "GET", resource: "/x" }), context("str"));
    expect(result.body).toBe(GENERIC_500);
    expect(logs.lines()[0]).toMatchObject({ level: "ERROR", errorCode: "internal", error: { name: "string", message: "plain string" } });
    expect(logs.lines()[0]!.error).toEqual({ name: "string", message: "plain string" });
  });
});

describe("what is never logged", () => {
  const BODY_SECRET = "card-4111111111111111";
  const SECRETS = {
    Authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.authz-secret",
    Cookie: "session=cookie-secret",
    "x-api-key": "apikey-secret-0123456789",
  };
  const secretsIn = (text: string): string[] =>
    [BODY_SECRET, ...Object.values(SECRETS), "authz-secret", "cookie-secret", "apikey-secret"].filter((s) => text.includes(s));

  it("a secret in the body and the Authorization, Cookie and x-api-key headers, whatever the outcome", async () => {
    const c = container();
    const { httpHandler, json, parseJsonObjectBody, validateItem } = c;
    // The real parsing and validation, answering 201 with the secret in the response, 400 when it
    // names the secret as an unknown field, and 500 from the real create handler without its table.
    const echo = httpHandler(async (event) => json(201, { ...validateItem(parseJsonObjectBody(event)) }));
    const ok = apiGatewayEvent({ method: "POST", resource: "/items", headers: SECRETS, json: { name: BODY_SECRET } });
    const bad = apiGatewayEvent({ method: "POST", resource: "/items", headers: SECRETS, json: { name: "x", [BODY_SECRET]: 1 } });
    const failing = apiGatewayEvent({ method: "POST", resource: "/items", headers: SECRETS, json: { name: BODY_SECRET } });

    const created = await echo(ok, context("ok"));
    const rejected = await echo(bad, context("bad"));
    const failed = await c.createHandler(failing, context("fail"));

    // The secrets did reach the handlers, and the first two answers quote them back to the client.
    expect(created.statusCode).toBe(201);
    expect(created.body).toContain(BODY_SECRET);
    expect(rejected.statusCode).toBe(400);
    expect(rejected.body).toContain(BODY_SECRET);
    expect(failed.body).toBe(GENERIC_500);

    const lines = logs.lines();
    expect(lines.map((line) => [line.level, line.function_request_id, line.statusCode, line.errorCode])).toEqual([
      ["INFO", "ok", 201, undefined],
      ["WARN", "bad", 400, "validation_failed"],
      ["ERROR", "fail", 500, "internal"],
    ]);
    expect(lines[2]!.error).toMatchObject({ message: "missing required environment variable ITEMS_TABLE_NAME" });
    expect(secretsIn(logs.text())).toEqual([]);
    for (const line of lines) {
      for (const key of Object.keys(line)) expect(["body", "headers", "authorization", "cookie", "x-api-key"]).not.toContain(key.toLowerCase());
    }
  });

  it("the event, even with POWERTOOLS_LOGGER_LOG_EVENT=true: the wrapper never asks Powertools to log it", async () => {
    const { httpHandler, json } = container({ POWERTOOLS_LOGGER_LOG_EVENT: "true" });
    const handler = httpHandler(async () => json(200, {}));
    await handler(apiGatewayEvent({ method: "POST", resource: "/items", headers: SECRETS, json: { name: BODY_SECRET } }), context("ev"));
    expect(logs.lines()).toHaveLength(1);
    expect(logs.lines()[0]!.message).toBe("request completed");
    expect(secretsIn(logs.text())).toEqual([]);
  });

  it("sensitive keys, should later code log them: the logger redacts them wherever they appear", () => {
    const { logger, REDACTED } = container();
    logger.info("debugging", {
      headers: SECRETS,
      body: JSON.stringify({ name: BODY_SECRET }),
      request: { Authorization: SECRETS.Authorization, cookie: SECRETS.Cookie, "X-Api-Key": SECRETS["x-api-key"], path: "/items" },
      Item: { name: BODY_SECRET },
      event: { body: BODY_SECRET },
    });
    const [line] = logs.lines();
    expect(line).toMatchObject({
      message: "debugging",
      headers: REDACTED,
      body: REDACTED,
      request: { Authorization: REDACTED, cookie: REDACTED, "X-Api-Key": REDACTED, path: "/items" },
      Item: REDACTED,
      event: REDACTED,
    });
    expect(secretsIn(logs.text())).toEqual([]);
  });
});

describe("per-invocation keys", () => {
  it("do not leak into the next invocation of a warm container, nor outside one", async () => {
    const { httpHandler, json, logger } = container();
    const first = httpHandler(async () => {
      logger.appendKeys({ itemId: "item-from-first" });
      logger.info("working on it");
      throw new Error("boom");
    });
    const second = httpHandler(async () => {
      logger.info("working on it");
      return json(200, {});
    });
    const firstEvent = apiGatewayEvent({ method: "PATCH", resource: "/items/{id}", pathParameters: { id: "a" }, stage: "prod" });
    // A direct invocation: no route, method or stage, so none may be left over from the first request.
    const secondEvent = {
      ...apiGatewayEvent({ method: "GET", resource: "/hello" }),
      resource: undefined,
      httpMethod: undefined,
      requestContext: undefined,
    } as unknown as APIGatewayProxyEvent;

    await first(firstEvent, context("req-A", "7"));
    logger.info("between invocations");
    await second(secondEvent, context("req-B", "8"));

    const lines = logs.lines();
    expect(lines.map((line) => [line.message, line.function_request_id, line.level])).toEqual([
      ["working on it", "req-A", "INFO"],
      ["request completed", "req-A", "ERROR"],
      ["between invocations", "req-A", "INFO"],
      ["working on it", "req-B", "INFO"],
      ["request completed", "req-B", "INFO"],
    ]);
    // The route's own line carries the invocation's keys and the one it appended.
    expect(lines[0]).toEqual({
      level: "INFO",
      message: "working on it",
      timestamp: expect.stringMatching(ISO_TIMESTAMP),
      ...invocationKeys(firstEvent, "req-A", true, "7"),
      itemId: "item-from-first",
    });
    expect(lines[1]).toMatchObject({ itemId: "item-from-first", stage: "prod", statusCode: 500 });
    for (const key of [...PER_INVOCATION_KEYS, "itemId", "error", "errorCode"]) expect(lines[2]).not.toHaveProperty(key);
    for (const line of lines.slice(3)) {
      for (const key of ["itemId", "apiGatewayRequestId", "route", "method", "stage", "error", "errorCode"]) expect(line).not.toHaveProperty(key);
      expect(line).toMatchObject({ function_request_id: "req-B", function_version: "8", cold_start: false });
    }
    expect(lines[4]).toEqual({
      level: "INFO",
      message: "request completed",
      timestamp: expect.stringMatching(ISO_TIMESTAMP),
      service: "microservice-gateway",
      cold_start: false,
      function_arn: "arn:aws:lambda:us-east-1:123456789012:function:gateway-items",
      function_memory_size: "256",
      function_name: "gateway-items",
      function_request_id: "req-B",
      function_version: "8",
      sampling_rate: 0,
      statusCode: 200,
      durationMs: expect.any(Number),
    });
  });

  it("temporary keys appended outside an invocation (say, while the module loads) are not attributed to it", async () => {
    const { httpHandler, json, logger } = container();
    logger.appendKeys({ loadedWith: "init-only" });
    await httpHandler(async () => json(200, {}))(apiGatewayEvent({ method: "GET", resource: "/items" }), context("after-init"));
    expect(logs.lines()).toHaveLength(1);
    expect(logs.lines()[0]).not.toHaveProperty("loadedWith");
  });
});

describe("hello", () => {
  it("logs its completion line like the items handlers", async () => {
    const { helloHandler } = container();
    const event = apiGatewayEvent({ method: "GET", resource: "/hello", stage: "prod" });
    const result = await helloHandler(
      event,
      lambdaContext({ functionName: "gateway-hello", functionVersion: "12", qualifier: "PROD", awsRequestId: "hello-req" }),
    );

    expect(result.statusCode).toBe(200);
    expect(logs.lines()).toEqual([
      {
        level: "INFO",
        message: "request completed",
        timestamp: expect.stringMatching(ISO_TIMESTAMP),
        service: "microservice-gateway",
        cold_start: true,
        function_arn: "arn:aws:lambda:us-east-1:123456789012:function:gateway-hello:PROD",
        function_memory_size: "256",
        function_name: "gateway-hello",
        function_request_id: "hello-req",
        function_version: "12",
        sampling_rate: 0,
        apiGatewayRequestId: event.requestContext.requestId,
        route: "/hello",
        method: "GET",
        stage: "prod",
        statusCode: 200,
        durationMs: expect.any(Number),
      },
    ]);
  });
});

describe("logger configuration", () => {
  const run = async (env: Record<string, string | undefined>): Promise<LogLine[]> => {
    const { httpHandler, json, HttpError } = container(env);
    const ok = httpHandler(async () => json(200, {}));
    const rejected = httpHandler(async () => {
      throw new HttpError(404, "not_found", "no");
    });
    const broken = httpHandler(async () => {
      throw new Error("broken");
    });
    for (const handler of [ok, rejected, broken]) await handler(apiGatewayEvent({ method: "GET", resource: "/x" }), context("cfg"));
    return logs.lines();
  };

  it("takes the service name from POWERTOOLS_SERVICE_NAME", async () => {
    expect((await run({ POWERTOOLS_SERVICE_NAME: "items-api" })).map((line) => line.service)).toEqual(["items-api", "items-api", "items-api"]);
  });

  it("defaults the service name when POWERTOOLS_SERVICE_NAME is empty", async () => {
    expect((await run({ POWERTOOLS_SERVICE_NAME: "" })).map((line) => line.service)).toEqual([
      "microservice-gateway",
      "microservice-gateway",
      "microservice-gateway",
    ]);
  });

  it("logs INFO and above by default", async () => {
    expect((await run({})).map((line) => line.level)).toEqual(["INFO", "WARN", "ERROR"]);
  });

  it("honours POWERTOOLS_LOG_LEVEL", async () => {
    expect((await run({ POWERTOOLS_LOG_LEVEL: "WARN" })).map((line) => line.level)).toEqual(["WARN", "ERROR"]);
  });

  it("lets Lambda's AWS_LAMBDA_LOG_LEVEL win over POWERTOOLS_LOG_LEVEL", async () => {
    const lines = await run({ AWS_LAMBDA_LOG_LEVEL: "ERROR", POWERTOOLS_LOG_LEVEL: "DEBUG" });
    expect(lines.map((line) => [line.level, line.statusCode])).toEqual([["ERROR", 500]]);
  });
});
