import { lambdaUri, rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * Which request template a non-proxy integration applies, by the request's Content-Type, and the
 * passthrough behaviors. Sources:
 * - [passthrough] AWS, "Method request behavior for payloads without mapping templates for REST APIs in
 *   API Gateway" (integration-passthrough-behaviors): Example 1 (one template, for application/json) and
 *   Example 2 (one template, for application/xml): a request without Content-Type is read as
 *   application/json; WHEN_NO_MATCH passes an unmapped content type through untransformed,
 *   WHEN_NO_TEMPLATES and NEVER refuse it with "HTTP 415 Unsupported Media Type";
 * - [api-ref] AWS API reference, Integration.passthroughBehavior: WHEN_NO_TEMPLATES passes the body
 *   through "when no mapping template is defined"; NEVER refuses "when either the method request content
 *   type does not match ... or no mapping template is defined";
 * - [ls-415] LocalStack's next_gen gateway_response.py: UNSUPPORTED_MEDIA_TYPE is sent with
 *   `x-amzn-ErrorType: BadRequestException` (an entry without "TODO validate", checked against AWS),
 *   status 415; the body `{"message": "Unsupported Media Type"}`, with a space as AWS writes the
 *   execution's errors (local/gateway-errors.ts, defaultResponseTemplate; the same bytes an AWS-hosted
 *   API answered a body-less POST with, as fyta's client library checks them).
 */

const JSON_TEMPLATE = '{"via": "json template", "body": $input.json(\'$\')}';
const XML_TEMPLATE = '{"via": "xml template"}';

const route = (passthroughBehavior: string | undefined, requestTemplates: Record<string, string> | undefined) => ({
  post: {
    security: [],
    "x-amazon-apigateway-integration": {
      type: "aws",
      httpMethod: "POST",
      uri: lambdaUri("echo"),
      ...(passthroughBehavior ? { passthroughBehavior } : {}),
      ...(requestTemplates ? { requestTemplates } : {}),
      responses: { default: { statusCode: "200", responseTemplates: { "application/json": "$input.json('$')" } } },
    },
  },
});

const document = {
  openapi: "3.0.1",
  paths: {
    "/json/default": route(undefined, { "application/json": JSON_TEMPLATE }),
    "/json/when_no_match": route("when_no_match", { "application/json": JSON_TEMPLATE }),
    "/json/when_no_templates": route("when_no_templates", { "application/json": JSON_TEMPLATE }),
    "/json/never": route("never", { "application/json": JSON_TEMPLATE }),
    "/xml/when_no_match": route("when_no_match", { "application/xml": XML_TEMPLATE }),
    "/xml/when_no_templates": route("when_no_templates", { "application/xml": XML_TEMPLATE }),
    "/xml/never": route("never", { "application/xml": XML_TEMPLATE }),
    "/none/when_no_match": route("when_no_match", undefined),
    "/none/when_no_templates": route("when_no_templates", undefined),
    "/none/never": route("never", undefined),
  },
};

const TRANSFORMED_JSON = '{"via":"json template","body":{"a":1}}';
const TRANSFORMED_XML = '{"via":"xml template"}';
const PASSED = '{"a":1}';
const UNSUPPORTED = { status: 415, errorType: "BadRequestException", body: '{"message": "Unsupported Media Type"}' };

describe("request templates by Content-Type, and the passthrough behaviors", () => {
  let rest: RestHarness;
  const invoker = scriptedInvoker({ echo: (event) => event });
  beforeAll(async () => {
    rest = await serveRest(restApiFrom(document), invoker);
  });
  afterAll(() => rest.close());

  const post = async (path: string, contentType: string | undefined) => {
    const res = await rawRequest(`${rest.url}${path}`, {
      method: "POST",
      headers: contentType === undefined ? {} : { "content-type": contentType },
      body: '{"a":1}',
    });
    return res.status === 200 ? res.text : { status: res.status, errorType: res.headers["x-amzn-errortype"], body: res.text };
  };

  test.each([
    // Example 1 [passthrough]: one template, for application/json (the default behavior is WHEN_NO_MATCH [api-ref]).
    ["/json/default", undefined, TRANSFORMED_JSON],
    ["/json/default", "application/xml", PASSED],
    ["/json/when_no_match", undefined, TRANSFORMED_JSON],
    ["/json/when_no_match", "application/json", TRANSFORMED_JSON],
    ["/json/when_no_match", "application/xml", PASSED],
    ["/json/when_no_templates", undefined, TRANSFORMED_JSON],
    ["/json/when_no_templates", "application/json", TRANSFORMED_JSON],
    ["/json/when_no_templates", "application/xml", UNSUPPORTED],
    ["/json/never", undefined, TRANSFORMED_JSON],
    ["/json/never", "application/json", TRANSFORMED_JSON],
    ["/json/never", "application/xml", UNSUPPORTED],
    // Example 2 [passthrough]: one template, for application/xml.
    ["/xml/when_no_match", undefined, PASSED],
    ["/xml/when_no_match", "application/json", PASSED],
    ["/xml/when_no_match", "application/xml", TRANSFORMED_XML],
    ["/xml/when_no_templates", undefined, UNSUPPORTED],
    ["/xml/when_no_templates", "application/json", UNSUPPORTED],
    ["/xml/when_no_templates", "application/xml", TRANSFORMED_XML],
    ["/xml/never", undefined, UNSUPPORTED],
    ["/xml/never", "application/json", UNSUPPORTED],
    ["/xml/never", "application/xml", TRANSFORMED_XML],
    // No template at all [api-ref]: only NEVER refuses.
    ["/none/when_no_match", "application/json", PASSED],
    ["/none/when_no_templates", "application/json", PASSED],
    ["/none/never", "application/json", UNSUPPORTED],
  ])("POST %s with Content-Type %s", async (path, contentType, expected) => {
    expect(await post(path, contentType)).toEqual(expected);
  });

  test("a refused request never reaches the function [passthrough: 'The request is rejected']", async () => {
    const before = invoker.calls.length;
    await post("/json/never", "text/plain");
    expect(invoker.calls.length).toBe(before);
  });
});
