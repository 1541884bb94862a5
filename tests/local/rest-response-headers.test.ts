import { lambdaUri, proxyOperation, rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * The headers API Gateway adds to a REST API's answers. Recorded from AWS in LocalStack's
 * test_apigateway_common.snapshot.json, TestApiGatewayCommon::test_invocation_trace_id (validated against
 * AWS): a MOCK's answer carries `x-amz-apigw-id` and `x-amzn-requestid` and no `x-amzn-trace-id`; an
 * AWS_PROXY answer carries `x-amzn-trace-id` too. API Gateway's own error answers carry `x-amz-apigw-id`
 * and `x-amzn-RequestId` without a trace id (test_apigateway_integrations.snapshot.json,
 * test_apigateway_header_remapping_aws[AWS], the refused mappings).
 */

const document = {
  openapi: "3.0.1",
  paths: {
    "/mock": {
      get: {
        security: [],
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: { default: { statusCode: "200" } },
        },
      },
    },
    "/proxy": { get: proxyOperation("echo") },
    "/unsendable": {
      get: {
        security: [],
        "x-amazon-apigateway-integration": {
          type: "aws",
          httpMethod: "POST",
          uri: lambdaUri("echo"),
          requestTemplates: { "application/json": "{}" },
          responses: {
            default: {
              statusCode: "200",
              responseTemplates: { "application/json": "#set($context.responseOverride.header.X-Bad = $util.urlDecode('a%0D%0Ab')){}" },
            },
          },
        },
      },
    },
  },
};

describe("the headers API Gateway adds to every answer", () => {
  let rest: RestHarness;
  const invoker = scriptedInvoker({ echo: () => ({ statusCode: 200, body: "ok" }) });
  beforeAll(async () => {
    rest = await serveRest(restApiFrom(document), invoker);
  });
  afterAll(() => rest.close());

  test("a MOCK's answer: x-amzn-requestid and x-amz-apigw-id, no trace id", async () => {
    const res = await rawRequest(`${rest.url}/mock`);
    expect([typeof res.headers["x-amzn-requestid"], res.headers["x-amz-apigw-id"]?.length, res.headers["x-amzn-trace-id"]]).toEqual(["string", 16, undefined]);
  });

  test("an AWS_PROXY answer: the request's trace id, and x-amz-apigw-id as the event's extendedRequestId", async () => {
    const res = await rawRequest(`${rest.url}/proxy`);
    const event = invoker.calls.at(-1)!.event;
    expect([res.headers["x-amzn-trace-id"], res.headers["x-amz-apigw-id"], res.headers["x-amzn-requestid"]]).toEqual([
      event.headers["X-Amzn-Trace-Id"],
      event.requestContext.extendedRequestId,
      event.requestContext.requestId,
    ]);
  });

  test("an integration's answer that cannot be sent becomes API Gateway's own 502: no trace id", async () => {
    const res = await rawRequest(`${rest.url}/unsendable`);
    expect([res.status, res.headers["x-amz-apigw-id"]?.length, res.headers["x-amzn-trace-id"]]).toEqual([502, 16, undefined]);
  });

  test("API Gateway's own error: x-amz-apigw-id, no trace id", async () => {
    const res = await rawRequest(`${rest.url}/nowhere`);
    expect([res.status, res.headers["x-amz-apigw-id"]?.length, res.headers["x-amzn-trace-id"]]).toEqual([403, 16, undefined]);
  });
});
