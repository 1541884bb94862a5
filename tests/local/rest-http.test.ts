import { createServer, type IncomingHttpHeaders, type Server } from "http";
import type { AddressInfo } from "net";
import { rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * What an HTTP or HTTP_PROXY integration's backend receives, and what the client gets back. Sources,
 * recorded from AWS (LocalStack snapshots marked validated against AWS):
 * - [http-headers] test_apigateway_http.snapshot.json, test_http_integration_with_lambda[HTTP]: the
 *   backend of a non-proxy integration gets `accept: application/json`, `user-agent:
 *   AmazonAPIGateway_<api id>`, the client's `content-type`, `x-amzn-apigateway-api-id`,
 *   `x-amzn-trace-id`, `x-forwarded-for`, `-port` and `-proto`, not the client's Accept or User-Agent;
 * - [proxy-headers] the same test, [HTTP_PROXY]: the client's headers (its accept, user-agent) with
 *   `x-amzn-apigateway-api-id`; the client gets the backend's Connection, Content-Length, Date and
 *   x-amzn-RequestId as `x-amzn-remapped-*`;
 * - [proxy-mappings] test_apigateway_http.snapshot.json, test_http_proxy_integration_request_data_mappings:
 *   a proxy applies its request parameters too: mapped headers added, a mapped query string appended to
 *   the client's values (`testQs` = `bar,foo`);
 * - [remap-server] test_apigateway_integrations.snapshot.json,
 *   TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_http[HTTP_PROXY]: the backend's
 *   Server header arrives as `x-amzn-Remapped-Server`;
 * - [mapping-doc] AWS, "Parameter mapping source reference for REST APIs": `method.request.path|querystring|
 *   header.<name>`, `stageVariables.<name>`, `context.<name>` and static `'value'` sources;
 * - [override-doc] AWS, "Override your API's request and response parameters and status codes":
 *   `$context.requestOverride.querystring.<name>` sets the integration request's query string;
 * - [no-match] a backend status no integration response selects, without a default response: AWS's
 *   "Execution failed due to configuration error: No match for output mapping and no default output
 *   mapping configured" (the execution log LocalStack's integration response handler reproduces), a 500
 *   with `x-amzn-ErrorType: InternalServerErrorException` as configuration errors are recorded from AWS
 *   (test_apigateway_integrations.snapshot.json, test_apigateway_header_remapping_aws[AWS]).
 */

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

function echoBackend(): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const status = req.url?.startsWith("/status/418") ? 418 : 200;
      res.writeHead(status, {
        "content-type": "application/json",
        "content-length": "11",
        server: "echo/1.0",
        "x-amzn-RequestId": "backend-request-1",
        "x-backend": "yes",
      });
      res.end('{"ok":true}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received })),
  );
}

const document = {
  openapi: "3.0.1",
  paths: {
    "/items/{id}": {
      post: {
        security: [],
        "x-amazon-apigateway-integration": {
          type: "http",
          httpMethod: "POST",
          uri: "http://backend.example.com/items/{itemId}",
          requestParameters: {
            "integration.request.path.itemId": "method.request.path.id",
            "integration.request.querystring.q": "method.request.querystring.search",
            "integration.request.querystring.source": "stageVariables.sourceSystem",
            "integration.request.header.x-tenant": "method.request.header.tenant",
            "integration.request.header.x-stage": "context.stage",
            "integration.request.header.x-fixed": "'fixed value'",
          },
          requestTemplates: { "application/json": '#set($context.requestOverride.querystring.page = "2")$input.body' },
          responses: { default: { statusCode: "200" } },
        },
      },
    },
    "/status/{code}": {
      get: {
        security: [],
        "x-amazon-apigateway-integration": {
          type: "http",
          httpMethod: "GET",
          uri: "http://backend.example.com/status/{code}",
          requestParameters: { "integration.request.path.code": "method.request.path.code" },
          responses: { "2\\d{2}": { statusCode: "200" } },
        },
      },
    },
    "/proxy/{proxy+}": {
      "x-amazon-apigateway-any-method": {
        security: [],
        "x-amazon-apigateway-integration": {
          type: "http_proxy",
          httpMethod: "ANY",
          uri: "http://backend.example.com/{proxy}",
          requestParameters: {
            "integration.request.path.proxy": "method.request.path.proxy",
            "integration.request.querystring.testQs": "method.request.querystring.testQueryString",
            "integration.request.header.headerVar": "method.request.header.foobar",
          },
        },
      },
    },
  },
};

describe("HTTP integrations: the request the backend gets, the answer the client gets", () => {
  let rest: RestHarness;
  let backend: Awaited<ReturnType<typeof echoBackend>>;
  beforeAll(async () => {
    backend = await echoBackend();
    rest = await serveRest(restApiFrom(document, { stage: { variables: { sourceSystem: "twin" } } }), scriptedInvoker({}), {
      httpBackends: { "backend.example.com": backend.base },
    });
  });
  afterAll(async () => {
    await rest.close();
    backend.server.close();
  });

  test("a non-proxy integration sends its mapped path, query strings and headers, and API Gateway's own headers [http-headers, mapping-doc, override-doc]", async () => {
    const res = await rawRequest(`${rest.url}/items/7?search=lamp&other=1`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/xml", "User-Agent": "test/integration", tenant: "t1" },
      body: '{"message":"hello world"}',
    });
    expect(res.status).toBe(200);
    const sent = backend.received.at(-1)!;
    expect([sent.method, sent.url, sent.body]).toEqual(["POST", "/items/7?q=lamp&source=twin&page=2", '{"message":"hello world"}']);
    const h = sent.headers;
    expect([h["x-amzn-trace-id"], h["x-forwarded-for"], h["x-forwarded-port"]]).toEqual([
      expect.stringMatching(/^Root=1-/),
      "127.0.0.1",
      String(rest.twin.port),
    ]);
    expect({
      accept: h.accept,
      "user-agent": h["user-agent"],
      "content-type": h["content-type"],
      "x-forwarded-proto": h["x-forwarded-proto"],
      "x-tenant": h["x-tenant"],
      "x-stage": h["x-stage"],
      "x-fixed": h["x-fixed"],
      "x-amzn-apigateway-api-id": h["x-amzn-apigateway-api-id"],
      tenant: h.tenant,
    }).toEqual({
      accept: "application/json",
      "user-agent": "AmazonAPIGateway_twinrest01",
      "content-type": "application/json",
      "x-forwarded-proto": "http",
      "x-tenant": "t1",
      "x-stage": "dev",
      "x-fixed": "fixed value",
      "x-amzn-apigateway-api-id": "twinrest01",
      tenant: undefined,
    });
  });

  test("a proxy sends the client's headers and query strings with the mapped ones added [proxy-headers, proxy-mappings]", async () => {
    const res = await rawRequest(`${rest.url}/proxy/a/b?testQs=bar&testQueryString=foo`, {
      headers: { Accept: "application/xml", "User-Agent": "test/integration", foobar: "mapped-value" },
    });
    expect(res.status).toBe(200);
    const sent = backend.received.at(-1)!;
    expect([sent.method, sent.url]).toEqual(["GET", "/a/b?testQs=bar&testQs=foo&testQueryString=foo"]);
    expect([sent.headers.accept, sent.headers["user-agent"], sent.headers.foobar, sent.headers.headervar, sent.headers["x-amzn-apigateway-api-id"]]).toEqual([
      "application/xml",
      "test/integration",
      "mapped-value",
      "mapped-value",
      "twinrest01",
    ]);
  });

  test("a proxy's answer: Connection, Content-Length, Date, Server and x-amzn-RequestId come remapped [proxy-headers, remap-server]", async () => {
    const res = await rawRequest(`${rest.url}/proxy/x`);
    expect(res.headers["x-amzn-remapped-server"]).toBe("echo/1.0");
    expect(res.headers["x-amzn-remapped-x-amzn-requestid"]).toBe("backend-request-1");
    expect(res.headers["x-amzn-remapped-content-length"]).toBe("11");
    expect(res.headers["x-amzn-remapped-connection"]).toBe("keep-alive");
    expect(res.headers["x-amzn-remapped-date"]).toEqual(expect.stringMatching(/GMT$/));
    expect([res.headers.server, res.headers["x-backend"], res.headers["x-amzn-requestid"]]).toEqual([undefined, "yes", expect.not.stringMatching(/^backend/)]);
  });

  test("a backend status no integration response selects, without a default: 500 Internal server error [no-match]", async () => {
    const res = await rawRequest(`${rest.url}/status/418`);
    expect([res.status, res.headers["x-amzn-errortype"], res.text]).toEqual([500, "InternalServerErrorException", '{"message": "Internal server error"}']);
    expect((await rawRequest(`${rest.url}/status/200`)).status).toBe(200);
  });
});
