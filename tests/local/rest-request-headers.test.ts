import { proxyOperation, rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * The request headers API Gateway drops before any integration sees them. Recorded from AWS in
 * LocalStack's test_apigateway_integrations.snapshot.json (validated against AWS):
 * TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_aws[AWS_PROXY] (the client's
 * Connection, Content-MD5, Expect, Max-Forwards, Proxy-Authenticate, Server, TE, Transfer-Encoding,
 * Trailer, Upgrade and WWW-Authenticate are not in the Lambda event's headers) and [AWS] (a template's
 * `$input.params().header` lacks the same ones, and Content-Length); test_apigateway_lambda.snapshot.json,
 * test_lambda_aws_proxy_integration (python-requests' `Connection: keep-alive` is not in the event).
 */

const HEADERS_TEMPLATE = "#set($h = $input.params().header)[$h.get('Connection')][$h.get('Content-Length')][$h.get('Max-Forwards')][$h.get('Pragma')]";

const document = {
  openapi: "3.0.1",
  paths: {
    "/proxy": { post: proxyOperation("echo") },
    "/template": {
      post: {
        security: [],
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: { default: { statusCode: "200", responseTemplates: { "application/json": HEADERS_TEMPLATE } } },
        },
      },
    },
  },
};

const SENT = {
  Connection: "keep-alive",
  "Content-MD5": "Q2hlY2sgSW50ZWdyaXR5IQ==",
  "Max-Forwards": "2",
  Pragma: "no-cache",
  "Proxy-Authenticate": "Basic",
  Server: "client",
  TE: "trailers",
  Trailer: "Expires",
  "WWW-Authenticate": "Basic",
  "Content-Type": "application/json",
};

describe("the request headers API Gateway drops", () => {
  let rest: RestHarness;
  const invoker = scriptedInvoker({ echo: () => ({ statusCode: 200, body: "ok" }) });
  beforeAll(async () => {
    rest = await serveRest(restApiFrom(document), invoker);
  });
  afterAll(() => rest.close());

  test("a Lambda proxy event has none of them; the others stay", async () => {
    await rawRequest(`${rest.url}/proxy`, { method: "POST", headers: SENT, body: "{}" });
    const names = Object.keys(invoker.calls.at(-1)!.event.headers as Record<string, string>);
    expect(names.filter((n) => n !== "Host" && !n.startsWith("X-"))).toEqual(["Pragma", "Content-Type"]);
    expect(Object.keys(invoker.calls.at(-1)!.event.multiValueHeaders as Record<string, string[]>)).toEqual(names);
  });

  test("a template's $input.params().header has none of them", async () => {
    const res = await rawRequest(`${rest.url}/template`, { method: "POST", headers: SENT, body: "{}" });
    expect(res.text).toBe("[][][][no-cache]");
  });
});
