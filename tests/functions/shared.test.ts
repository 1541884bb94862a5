import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { httpErrorOf } from "../helpers/http-error";
import { MAX_BODY_BYTES, parseJsonObjectBody } from "../../functions/shared/body";
import { documentClient } from "../../functions/shared/clients";
import { requireEnv } from "../../functions/shared/env";
import { httpHandler } from "../../functions/shared/handler";
import { getHeader } from "../../functions/shared/headers";
import { errorResponse, HttpError, json, noContent } from "../../functions/shared/http";
import { singleQueryParam } from "../../functions/shared/query";
import { apiGatewayEvent, lambdaContext } from "../helpers/api-gateway-event";
import { setEnv } from "../helpers/dynamodb-local";
import { captureLogs, type LogCapture } from "./log-capture";

const post = (options: { body?: string | null; headers?: Record<string, string>; isBase64Encoded?: boolean }) =>
  apiGatewayEvent({ method: "POST", resource: "/items", ...options });

describe("requireEnv", () => {
  const saved = process.env.SHARED_TEST_VAR;
  afterEach(() => {
    if (saved === undefined) delete process.env.SHARED_TEST_VAR;
    else process.env.SHARED_TEST_VAR = saved;
  });

  it("returns the value when set", () => {
    process.env.SHARED_TEST_VAR = "items-table";
    expect(requireEnv("SHARED_TEST_VAR")).toBe("items-table");
  });

  it("throws naming the variable when unset or empty", () => {
    delete process.env.SHARED_TEST_VAR;
    expect(() => requireEnv("SHARED_TEST_VAR")).toThrow(new Error("missing required environment variable SHARED_TEST_VAR"));
    process.env.SHARED_TEST_VAR = "";
    expect(() => requireEnv("SHARED_TEST_VAR")).toThrow(new Error("missing required environment variable SHARED_TEST_VAR"));
  });
});

describe("documentClient", () => {
  let restore: () => void = () => undefined;
  beforeAll(() => {
    restore = setEnv({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_REGION: "us-east-1" });
  });
  afterAll(() => restore());

  it("is created once and reused", () => {
    const first = documentClient();
    expect(first).toBeInstanceOf(DynamoDBDocumentClient);
    expect(documentClient()).toBe(first);
  });

  it("removes undefined values when marshalling", () => {
    expect(documentClient().config.translateConfig?.marshallOptions).toEqual({ removeUndefinedValues: true });
  });
});

describe("http responses", () => {
  it("json sets status, content type, extra headers and body", () => {
    expect(json(201, { a: 1 }, { ETag: '"1"' })).toEqual({
      statusCode: 201,
      headers: { "content-type": "application/json", ETag: '"1"' },
      body: '{"a":1}',
    });
  });

  it("errorResponse has exactly error and message", () => {
    expect(errorResponse(404, "not_found", "item x not found")).toEqual({
      statusCode: 404,
      headers: { "content-type": "application/json" },
      body: '{"error":"not_found","message":"item x not found"}',
    });
  });

  it("noContent is an empty 204", () => {
    expect(noContent()).toEqual({ statusCode: 204, headers: {}, body: "" });
  });
});

describe("getHeader", () => {
  it("ignores the case of header names", () => {
    const event = apiGatewayEvent({ method: "GET", resource: "/items", headers: { "iF-MaTcH": '"3"' } });
    expect(getHeader(event, "If-Match")).toBe('"3"');
    expect(getHeader(event, "if-match")).toBe('"3"');
    expect(getHeader(event, "x-missing")).toBeUndefined();
  });

  it("copes with null headers", () => {
    const event = { ...apiGatewayEvent({ method: "GET", resource: "/items" }), headers: null as unknown as Record<string, string> };
    expect(getHeader(event, "content-type")).toBeUndefined();
  });
});

describe("singleQueryParam", () => {
  it("returns the value, undefined when absent, and rejects repeats", () => {
    expect(singleQueryParam(apiGatewayEvent({ method: "GET", resource: "/items", query: { limit: "5" } }), "limit", "invalid_limit")).toBe("5");
    expect(singleQueryParam(apiGatewayEvent({ method: "GET", resource: "/items" }), "limit", "invalid_limit")).toBeUndefined();
    expect(
      httpErrorOf(() => singleQueryParam(apiGatewayEvent({ method: "GET", resource: "/items", query: { limit: ["5", "6"] } }), "limit", "invalid_limit")),
    ).toEqual({ status: 400, code: "invalid_limit", message: "query parameter limit must be given at most once" });
  });
});

describe("parseJsonObjectBody", () => {
  const jsonHeaders = { "Content-Type": "application/json" };

  it("parses a JSON object", () => {
    expect(parseJsonObjectBody(post({ body: '{"name":"a","n":[1,2]}', headers: jsonHeaders }))).toEqual({ name: "a", n: [1, 2] });
  });

  it("accepts a utf-8 charset and any header-name case", () => {
    expect(parseJsonObjectBody(post({ body: "{}", headers: { "CONTENT-TYPE": "Application/JSON; Charset=UTF-8" } }))).toEqual({});
  });

  it("decodes a base64 body", () => {
    const body = Buffer.from('{"name":"caf\u00e9"}', "utf8").toString("base64");
    expect(parseJsonObjectBody(post({ body, isBase64Encoded: true, headers: jsonHeaders }))).toEqual({ name: "caf\u00e9" });
  });

  it("accepts extra media types when the route allows them", () => {
    const event = post({ body: "{}", headers: { "content-type": "application/merge-patch+json" } });
    expect(parseJsonObjectBody(event, ["application/json", "application/merge-patch+json"])).toEqual({});
    expect(httpErrorOf(() => parseJsonObjectBody(event))).toEqual({
      status: 415,
      code: "unsupported_media_type",
      message: "content-type must be application/json",
    });
  });

  it.each([null, ""])("rejects a missing body (%p) with 400", (body) => {
    expect(httpErrorOf(() => parseJsonObjectBody(post({ body, headers: jsonHeaders })))).toEqual({
      status: 400,
      code: "missing_body",
      message: "request body is required",
    });
  });

  it.each([
    ["no content type", {}],
    ["text/plain", { "Content-Type": "text/plain" }],
    ["application/jsonx", { "Content-Type": "application/jsonx" }],
    ["form", { "Content-Type": "application/x-www-form-urlencoded" }],
  ])("rejects %s with 415", (_, headers) => {
    expect(httpErrorOf(() => parseJsonObjectBody(post({ body: "{}", headers })))).toEqual({
      status: 415,
      code: "unsupported_media_type",
      message: "content-type must be application/json",
    });
  });

  it("rejects a charset other than utf-8 with 415", () => {
    expect(httpErrorOf(() => parseJsonObjectBody(post({ body: "{}", headers: { "content-type": "application/json; charset=iso-8859-1" } })))).toEqual({
      status: 415,
      code: "unsupported_media_type",
      message: "content-type charset must be utf-8",
    });
  });

  it("measures the limit in bytes of the decoded body", () => {
    const fits = `{"d":"${"a".repeat(MAX_BODY_BYTES - 8)}"}`;
    expect(Buffer.byteLength(fits)).toBe(65536);
    expect(parseJsonObjectBody(post({ body: fits, headers: jsonHeaders }))).toEqual({ d: "a".repeat(65528) });

    const tooBig = `{"d":"${"a".repeat(MAX_BODY_BYTES - 7)}"}`;
    const tooBigError = { status: 413, code: "payload_too_large", message: "request body must be at most 65536 bytes" };
    expect(httpErrorOf(() => parseJsonObjectBody(post({ body: tooBig, headers: jsonHeaders })))).toEqual(tooBigError);

    // 33000 two-byte characters: 33008 UTF-16 units but 66008 bytes.
    const multiByte = `{"d":"${"\u00e9".repeat(33000)}"}`;
    expect(Buffer.byteLength(multiByte)).toBe(66008);
    expect(multiByte.length).toBeLessThan(MAX_BODY_BYTES);
    expect(httpErrorOf(() => parseJsonObjectBody(post({ body: multiByte, headers: jsonHeaders })))).toEqual(tooBigError);

    // Base64 inflates by 4/3: the encoded string is over the limit, the decoded body is not.
    const encoded = Buffer.from(fits).toString("base64");
    expect(encoded.length).toBeGreaterThan(MAX_BODY_BYTES);
    expect(parseJsonObjectBody(post({ body: encoded, isBase64Encoded: true, headers: jsonHeaders }))).toEqual({ d: "a".repeat(65528) });
  });

  it.each(['{"name":', "{'a':1}", "nope", '{"a":1}}'])("rejects malformed JSON %p with 400", (body) => {
    expect(httpErrorOf(() => parseJsonObjectBody(post({ body, headers: jsonHeaders })))).toEqual({
      status: 400,
      code: "invalid_json",
      message: "request body is not valid JSON",
    });
  });

  it("rejects a base64 body that is not UTF-8 with 400", () => {
    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]).toString("base64");
    expect(httpErrorOf(() => parseJsonObjectBody(post({ body, isBase64Encoded: true, headers: jsonHeaders })))).toEqual({
      status: 400,
      code: "invalid_json",
      message: "request body is not valid JSON",
    });
  });

  it.each(["[]", "null", "42", '"text"', "true"])("rejects the non-object JSON %p with 400", (body) => {
    expect(httpErrorOf(() => parseJsonObjectBody(post({ body, headers: jsonHeaders })))).toEqual({
      status: 400,
      code: "invalid_body",
      message: "request body must be a JSON object",
    });
  });
});

describe("httpHandler", () => {
  // The exact lines (every key, levels, leaks, configuration) are tested in logging.test.ts.
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.stop());

  it("passes a route's response through and logs its completion at INFO", async () => {
    const handler = httpHandler(async () => json(200, { ok: true }));
    expect(await handler(apiGatewayEvent({ method: "GET", resource: "/x" }), lambdaContext())).toEqual({
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: '{"ok":true}',
    });
    expect(logs.lines()).toMatchObject([{ level: "INFO", message: "request completed", statusCode: 200, route: "/x", method: "GET" }]);
  });

  it("passes the Lambda context to the route", async () => {
    const route = jest.fn(async () => noContent());
    const event = apiGatewayEvent({ method: "DELETE", resource: "/x" });
    const context = lambdaContext({ awsRequestId: "ctx-1" });
    await httpHandler(route)(event, context);
    expect(route).toHaveBeenCalledWith(event, context);
  });

  it("turns an HttpError into its status and body, logged at WARN with the code and not the message", async () => {
    const handler = httpHandler(async () => {
      throw new HttpError(409, "conflict", "already there");
    });
    expect(await handler(apiGatewayEvent({ method: "GET", resource: "/x" }), lambdaContext())).toEqual({
      statusCode: 409,
      headers: { "content-type": "application/json" },
      body: '{"error":"conflict","message":"already there"}',
    });
    const lines = logs.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "WARN", statusCode: 409, errorCode: "conflict" });
    expect(lines[0]).not.toHaveProperty("error");
    expect(logs.text()).not.toContain("already there");
  });

  it("answers any other error with a generic 500 and logs one ERROR line with the error, without the body", async () => {
    const secret = "card-4111111111111111";
    const handler = httpHandler(async () => {
      throw new TypeError("service exploded");
    });
    const event = apiGatewayEvent({ method: "POST", resource: "/items", json: { name: secret } });

    const result = await handler(event, lambdaContext());

    expect(result).toEqual({
      statusCode: 500,
      headers: { "content-type": "application/json" },
      body: '{"error":"internal","message":"internal error"}',
    });
    const text = logs.text();
    expect(text.split("\n").filter((line) => line !== "")).toHaveLength(1);
    expect(text).not.toContain(secret);
    expect(logs.lines()[0]).toMatchObject({
      level: "ERROR",
      message: "request completed",
      function_request_id: "lambda-request-1",
      apiGatewayRequestId: event.requestContext.requestId,
      method: "POST",
      route: "/items",
      statusCode: 500,
      errorCode: "internal",
      error: { name: "TypeError", message: "service exploded", stack: expect.stringContaining("TypeError: service exploded") },
    });
  });

  it("handles a thrown non-Error value", async () => {
    const handler = httpHandler(async () => Promise.reject("plain string"));
    const result = await handler(apiGatewayEvent({ method: "GET", resource: "/x" }), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(result.body).toBe('{"error":"internal","message":"internal error"}');
    expect(logs.lines()[0]).toMatchObject({ level: "ERROR", error: { name: "string", message: "plain string" } });
  });
});
