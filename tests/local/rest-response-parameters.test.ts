import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { lambdaUri, rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * Response header mappings beyond static values. Sources:
 * - [integration-doc] AWS, "x-amazon-apigateway-integration.responseParameters object": "You can map
 *   header, body, or static values to the header type of the method response", with the example
 *   `method.response.header.Location` ← `integration.response.body.redirect.url` and
 *   `method.response.header.x-user-id` ← `integration.response.header.x-userid`;
 * - [mapping-doc] AWS, "Parameter mapping source reference for REST APIs": `context.<variable>` and
 *   `stageVariables.<name>` as sources of method response headers;
 * - [gateway-doc] AWS, "x-amazon-apigateway-gateway-responses.responseParameters object": gateway
 *   response parameters are generated "from the incoming request parameters or using literal strings",
 *   with the example `gatewayresponse.header.from-request-header` ← `method.request.header.Accept`,
 *   `from-request-path` ← `method.request.path.petId`, `from-request-query` ← `method.request.querystring.qname`.
 */

function backend(): Promise<{ server: Server; base: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "x-userid": "user-42" });
    res.end('{"redirect":{"url":"https://example.com/next"}}');
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const RESPONSE_PARAMETERS = {
  "method.response.header.Location": "integration.response.body.redirect.url",
  "method.response.header.x-user-id": "integration.response.header.x-userid",
  "method.response.header.x-stage": "context.stage",
  "method.response.header.x-source": "stageVariables.sourceSystem",
  "method.response.header.x-static": "'static value'",
};

const document = {
  openapi: "3.0.1",
  paths: {
    "/http": {
      get: {
        security: [],
        "x-amazon-apigateway-integration": {
          type: "http",
          httpMethod: "GET",
          uri: "http://backend.example.com/",
          responses: { default: { statusCode: "200", responseParameters: RESPONSE_PARAMETERS } },
        },
      },
    },
    "/lambda": {
      get: {
        security: [],
        "x-amazon-apigateway-integration": {
          type: "aws",
          httpMethod: "POST",
          uri: lambdaUri("redirect"),
          responses: { default: { statusCode: "200", responseParameters: { "method.response.header.Location": "integration.response.body.redirect.url" } } },
        },
      },
    },
    "/pets/{petId}": {
      get: {
        security: [{ api_key: [] }],
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: { default: { statusCode: "200" } },
        },
      },
    },
  },
  components: { securitySchemes: { api_key: { type: "apiKey", name: "x-api-key", in: "header" } } },
  "x-amazon-apigateway-gateway-responses": {
    INVALID_API_KEY: {
      statusCode: "403",
      responseParameters: {
        "gatewayresponse.header.from-request-header": "method.request.header.Accept",
        "gatewayresponse.header.from-request-path": "method.request.path.petId",
        "gatewayresponse.header.from-request-query": "method.request.querystring.qname",
      },
      responseTemplates: { "application/json": '{"message":$context.error.messageString}' },
    },
    MISSING_AUTHENTICATION_TOKEN: {
      statusCode: "403",
      responseParameters: { "gatewayresponse.header.from-request-header": "method.request.header.Accept" },
      responseTemplates: { "application/json": '{"message":$context.error.messageString}' },
    },
  },
};

describe("response header mappings: from the integration's answer, and a gateway response's from the request", () => {
  let rest: RestHarness;
  let server: Awaited<ReturnType<typeof backend>>;
  beforeAll(async () => {
    server = await backend();
    const invoker = scriptedInvoker({ redirect: () => ({ redirect: { url: "https://example.com/from-lambda" } }) });
    rest = await serveRest(restApiFrom(document, { stage: { variables: { sourceSystem: "twin" } } }), invoker, {
      httpBackends: { "backend.example.com": server.base },
    });
  });
  afterAll(async () => {
    await rest.close();
    server.server.close();
  });

  test("an HTTP integration's response maps its body, its headers, the context, a stage variable and a static value [integration-doc, mapping-doc]", async () => {
    const res = await rawRequest(`${rest.url}/http`);
    const { location, "x-user-id": user, "x-stage": stage, "x-source": source, "x-static": fixed } = res.headers;
    expect({ status: res.status, location, user, stage, source, fixed }).toEqual({
      status: 200,
      location: "https://example.com/next",
      user: "user-42",
      stage: "dev",
      source: "twin",
      fixed: "static value",
    });
  });

  test("a Lambda integration's result maps to a header through integration.response.body [integration-doc]", async () => {
    expect((await rawRequest(`${rest.url}/lambda`)).headers.location).toBe("https://example.com/from-lambda");
  });

  test("a gateway response maps the request's header, path and query string [gateway-doc]", async () => {
    const res = await rawRequest(`${rest.url}/pets/7?qname=rex`, { headers: { Accept: "application/json" } });
    expect([res.status, res.headers["from-request-header"], res.headers["from-request-path"], res.headers["from-request-query"]]).toEqual([
      403,
      "application/json",
      "7",
      "rex",
    ]);
    const unknown = await rawRequest(`${rest.url}/nowhere`, { headers: { Accept: "text/html" } });
    expect([unknown.status, unknown.headers["from-request-header"]]).toEqual([403, "text/html"]);
  });
});
