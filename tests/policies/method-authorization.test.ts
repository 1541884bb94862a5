import { methodAuthorization as rule } from "../../policies/rules/method-authorization";
import { stringify } from "yaml";
import { check, fake, messages } from "../helpers/policy-harness";

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const REST_FIX = "Give the operation a security requirement naming an authorizer or an awsSigv4 scheme, or declare it public with security: [].";
const INTEGRATION = {
  type: "aws_proxy",
  httpMethod: "POST",
  uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:items/invocations",
};
const AUTHORIZED = { security: [{ cognito: [] }], "x-amazon-apigateway-integration": INTEGRATION };

/** A body like the one components/rest-api/openapi.ts writes, every operation authorized or declared public. */
const document = (overrides: Record<string, unknown> = {}, root: Record<string, unknown> = {}) => ({
  openapi: "3.0.1",
  info: { title: "shop", version: "1.0.0" },
  paths: {
    "/health": { get: { security: [], "x-amazon-apigateway-integration": INTEGRATION } },
    "/items": { get: AUTHORIZED, post: AUTHORIZED, options: { security: [], "x-amazon-apigateway-integration": { type: "mock" } } },
    "/items/{id}": {
      "x-amazon-apigateway-any-method": { "x-amazon-apigateway-auth": { type: "aws_iam" }, "x-amazon-apigateway-integration": INTEGRATION },
      ...overrides,
    },
  },
  components: { securitySchemes: { cognito: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "cognito_user_pools" } } },
  ...root,
});
const restApi = (body: unknown) =>
  fake("aws:apigateway/restApi:RestApi", "shop", { name: "shop", body: typeof body === "string" ? body : JSON.stringify(body) });
const method = (inputs: Record<string, unknown>) =>
  fake("aws:apigateway/method:Method", "items-get", { restApi: "a1b2c3d4e5", resourceId: "r1", httpMethod: "GET", authorization: "AWS_IAM", ...inputs });
const httpApi = fake("aws:apigatewayv2/api:Api", "http", { name: "shop-http", protocolType: "HTTP" });
const wsApi = fake("aws:apigatewayv2/api:Api", "ws", { name: "shop-ws", protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
const route = (name: string, api: ReturnType<typeof fake> | undefined, inputs: Record<string, unknown>) =>
  fake("aws:apigatewayv2/route:Route", name, { apiId: "h1t2t3p4a5", ...inputs }, api ? { from: { apiId: [api] } } : {});

describe("method-authorization: REST API body", () => {
  test("passes: every operation authorized (security, x-amazon-apigateway-auth) or declared public (security: [])", async () => {
    expect(await check(rule, [restApi(document())])).toEqual([]);
  });

  // AWS, "Enable CORS on a resource using the API Gateway import API": its OPTIONS example has a MOCK
  // integration and no security; a preflight carries no credentials (Fetch standard, "CORS-preflight request").
  test("passes: a MOCK OPTIONS without security (a CORS preflight); fails: an OPTIONS that reaches a backend", async () => {
    const preflight = {
      "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' }, passthroughBehavior: "never" },
    };
    expect(await check(rule, [restApi(document({ options: preflight }))])).toEqual([]);
    expect(await messages(rule, [restApi(document({ options: { "x-amazon-apigateway-integration": INTEGRATION } }))])).toEqual([
      `RestApi "shop" leaves "OPTIONS /items/{id}" open to anyone (security is unset). ${REST_FIX}`,
    ]);
  });

  test("passes: the project's own document with its CORS preflights (security: [] on each OPTIONS)", async () => {
    const { buildOpenApiDocument } = await import("../../components/rest-api/openapi");
    const { routeConfig } = await import("../helpers/route-config");
    const cors = {
      allowOrigins: ["https://app.example.com"],
      allowMethods: undefined,
      allowHeaders: ["Authorization"],
      exposeHeaders: [],
      maxAgeSeconds: undefined,
      allowCredentials: false,
    };
    const routes = [routeConfig("PUT", "/items/{id}", { authorization: "iam", cors }), routeConfig("GET", "/items/{id}", { authorization: "iam", cors })];
    const api = {
      name: "shop",
      description: "",
      version: "1.0.0",
      endpointType: "REGIONAL" as const,
      longIntegrationTimeouts: false,
      privateAccess: undefined,
      imported: undefined,
    };
    const body = buildOpenApiDocument(api, routes, [{ uri: "u1" }, { uri: "u2" }]);
    expect(Object.keys(body.paths["/items/{id}"]!)).toEqual(["get", "options", "put"]);
    expect(await check(rule, [restApi(body)])).toEqual([]);
  });

  test("passes: an API without a body", async () => {
    expect(await check(rule, [fake("aws:apigateway/restApi:RestApi", "classic", { name: "classic" })])).toEqual([]);
  });

  test("fails: an operation with no security, naming the method and path", async () => {
    expect(await check(rule, [restApi(document({ delete: { "x-amazon-apigateway-integration": INTEGRATION } }))])).toEqual([
      {
        policy: "method-authorization",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/restApi:RestApi::shop",
        message: `RestApi "shop" leaves "DELETE /items/{id}" open to anyone (security is unset). ${REST_FIX}`,
      },
    ]);
  });

  test("fails: an operation relying on the document-level security, which API Gateway does not apply", async () => {
    const body = document({ delete: { "x-amazon-apigateway-integration": INTEGRATION } }, { security: [{ cognito: [] }] });
    expect(await messages(rule, [restApi(body)])).toEqual([
      'RestApi "shop" leaves "DELETE /items/{id}" open to anyone, since API Gateway does not apply a document-level security requirement to the methods it imports (security is unset on the operation; the document\'s is [{"cognito":[]}]). Repeat the security requirement on the operation, or declare it public with security: [].',
    ]);
  });

  test("passes: the document-level security when acceptDocumentSecurity is set", async () => {
    const body = document({ delete: { "x-amazon-apigateway-integration": INTEGRATION } }, { security: [{ cognito: [] }] });
    expect(await check(rule, [restApi(body)], { "method-authorization": { acceptDocumentSecurity: true } })).toEqual([]);
  });

  test("fails: an empty document-level security does not cover an operation", async () => {
    const body = document({ patch: { "x-amazon-apigateway-integration": INTEGRATION } }, { security: [] });
    expect(await messages(rule, [restApi(body)])).toEqual([`RestApi "shop" leaves "PATCH /items/{id}" open to anyone (security is unset). ${REST_FIX}`]);
  });

  test("fails: a body that is neither JSON nor YAML", async () => {
    expect(await messages(rule, [restApi("paths: [unclosed")])).toEqual([
      'RestApi "shop" has a body this policy cannot read, so the authorization of its methods cannot be checked (body is neither a JSON nor a YAML object). Give the body as an OpenAPI 3.0 document in JSON or YAML, or check this by hand and disable the policy for this stack.',
    ]);
  });

  // API Gateway imports OpenAPI definitions in JSON or YAML (PutRestApi/ImportRestApi body).
  test("passes: the same document written in YAML", async () => {
    expect(await check(rule, [restApi(stringify(document()))])).toEqual([]);
  });

  test("fails: an unauthorized operation of a YAML body", async () => {
    expect(await messages(rule, [restApi(stringify(document({ delete: { "x-amazon-apigateway-integration": INTEGRATION } })))])).toEqual([
      `RestApi "shop" leaves "DELETE /items/{id}" open to anyone (security is unset). ${REST_FIX}`,
    ]);
  });

  test("a body unknown during preview (it holds Lambda ARNs) is an advisory, checked at update", async () => {
    expect(await check(rule, [fake("aws:apigateway/restApi:RestApi", "shop", { name: "shop", body: UNKNOWN_STRING })])).toEqual([
      {
        policy: "method-authorization",
        enforcementLevel: "advisory",
        resource: "aws:apigateway/restApi:RestApi::shop",
        message:
          'can\'t run during preview: RestApi "shop": cannot check who may call it until body is known (unknown during preview); the rule checks it again with the resolved value when the update creates the resource.',
      },
    ]);
  });
});

describe("method-authorization: classic REST methods", () => {
  test("passes: IAM authorization, an API key, or an OPTIONS preflight", async () => {
    expect(
      await check(rule, [
        method({}),
        fake("aws:apigateway/method:Method", "keyed", { httpMethod: "POST", authorization: "NONE", apiKeyRequired: true }),
        fake("aws:apigateway/method:Method", "preflight", { httpMethod: "OPTIONS", authorization: "NONE" }),
      ]),
    ).toEqual([]);
  });

  test("fails: authorization NONE without an API key", async () => {
    expect(await check(rule, [method({ authorization: "NONE" })])).toEqual([
      {
        policy: "method-authorization",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/method:Method::items-get",
        message:
          'Method "items-get" lets anyone call GET (authorization is "NONE"). Set authorization to "AWS_IAM", "CUSTOM" or "COGNITO_USER_POOLS" with an authorizer, or require an API key with apiKeyRequired: true.',
      },
    ]);
  });

  test("fails: authorization NONE with apiKeyRequired false", async () => {
    expect(await messages(rule, [method({ authorization: "NONE", apiKeyRequired: false, httpMethod: "DELETE" })])).toEqual([
      'Method "items-get" lets anyone call DELETE (authorization is "NONE"). Set authorization to "AWS_IAM", "CUSTOM" or "COGNITO_USER_POOLS" with an authorizer, or require an API key with apiKeyRequired: true.',
    ]);
  });
});

describe("method-authorization: HTTP and WebSocket API routes", () => {
  const HTTP_FIX = 'Set authorizationType to "JWT", "AWS_IAM" or "CUSTOM" with an authorizer';

  test("passes: a JWT route, a public route listed in publicRouteKeys, and WebSocket routes after an authorized $connect", async () => {
    const resources = [
      httpApi,
      wsApi,
      route("items", httpApi, { routeKey: "GET /items", authorizationType: "JWT", authorizerId: "au1" }),
      route("health", httpApi, { routeKey: "GET /health", authorizationType: "NONE" }),
      route("connect", wsApi, { routeKey: "$connect", authorizationType: "CUSTOM", authorizerId: "au2" }),
      route("message", wsApi, { routeKey: "sendmessage" }),
      route("default", wsApi, { routeKey: "$default", authorizationType: "NONE" }),
    ];
    expect(await check(rule, resources, { "method-authorization": { publicRouteKeys: ["GET /health"] } })).toEqual([]);
  });

  test("fails: an HTTP API route with no authorization type", async () => {
    expect(await check(rule, [httpApi, route("items", httpApi, { routeKey: "GET /items" })])).toEqual([
      {
        policy: "method-authorization",
        enforcementLevel: "mandatory",
        resource: "aws:apigatewayv2/route:Route::items",
        message: `Route "items" (HTTP API route) lets anyone call "GET /items" (authorizationType is unset). ${HTTP_FIX}, or list "GET /items" in publicRouteKeys if it is public by design.`,
      },
    ]);
  });

  test("fails: an HTTP API route with authorization NONE not listed as public", async () => {
    expect(await messages(rule, [httpApi, route("health", httpApi, { routeKey: "GET /health", authorizationType: "NONE" })])).toEqual([
      `Route "health" (HTTP API route) lets anyone call "GET /health" (authorizationType is "NONE"). ${HTTP_FIX}, or list "GET /health" in publicRouteKeys if it is public by design.`,
    ]);
  });

  test("fails: a WebSocket $connect without authorization, whether or not its API is in the stack", async () => {
    const expected = [
      'Route "connect" (WebSocket API route) lets anyone call "$connect" (authorizationType is "NONE"). Set authorizationType to "AWS_IAM" or "CUSTOM" on "$connect", the only WebSocket route that can carry authorization, or list "$connect" in publicRouteKeys if it is public by design.',
    ];
    expect(await messages(rule, [wsApi, route("connect", wsApi, { routeKey: "$connect", authorizationType: "NONE" })])).toEqual(expected);
    expect(await messages(rule, [route("connect", undefined, { routeKey: "$connect", authorizationType: "NONE" })])).toEqual(expected);
  });

  test("a $default route is left to http-default-route-authorization, which reads its API", async () => {
    expect(await check(rule, [httpApi, route("catch-all", httpApi, { routeKey: "$default" })])).toEqual([]);
  });
});

describe("method-authorization: HTTP APIs imported from a body, and quick-created", () => {
  const HTTP_FIX = 'Set authorizationType to "JWT", "AWS_IAM" or "CUSTOM" with an authorizer';
  const JWT = [{ jwt: ["items:read"] }];
  const httpBody = (items: Record<string, unknown>) => ({
    openapi: "3.0.1",
    info: { title: "shop", version: "1" },
    paths: {
      "/items": items,
      "/health": { get: { "x-amazon-apigateway-integration": { type: "HTTP_PROXY", uri: "https://example.com", payloadFormatVersion: "1.0" } } },
    },
    components: {
      securitySchemes: { jwt: { type: "oauth2", "x-amazon-apigateway-authorizer": { type: "jwt", identitySource: "$request.header.Authorization" } } },
    },
  });
  const bodyApi = (body: unknown) =>
    fake("aws:apigatewayv2/api:Api", "imported", { name: "shop-http", protocolType: "HTTP", body: typeof body === "string" ? body : JSON.stringify(body) });

  test("passes: every imported operation names an authorizer, or its route key is public by design", async () => {
    expect(await check(rule, [bodyApi(httpBody({ get: { security: JWT } }))], { "method-authorization": { publicRouteKeys: ["GET /health"] } })).toEqual([]);
  });

  test("fails: an imported operation with no security requirement", async () => {
    expect(
      await messages(rule, [bodyApi(httpBody({ get: { security: JWT }, delete: {} }))], { "method-authorization": { publicRouteKeys: ["GET /health"] } }),
    ).toEqual([
      'HTTP API "shop-http" imports "DELETE /items" from its body with no authorization (the operation\'s security is unset). Give the operation a security requirement naming an authorizer from components.securitySchemes (x-amazon-apigateway-authorizer), or list "DELETE /items" in publicRouteKeys if it is public by design.',
    ]);
  });

  test("fails: a YAML body is read too, and an empty security is no authorization", async () => {
    expect(
      await messages(rule, [bodyApi(stringify(httpBody({ get: { security: [] } })))], { "method-authorization": { publicRouteKeys: ["GET /health"] } }),
    ).toEqual([
      'HTTP API "shop-http" imports "GET /items" from its body with no authorization (the operation\'s security is []). Give the operation a security requirement naming an authorizer from components.securitySchemes (x-amazon-apigateway-authorizer), or list "GET /items" in publicRouteKeys if it is public by design.',
    ]);
  });

  // CreateApi target (API Gateway v2 API reference): quick create makes "a default catch-all route" and a default stage.
  test("fails: a quick-created HTTP API (target), whose catch-all route has no authorization", async () => {
    const quick = fake("aws:apigatewayv2/api:Api", "quick", {
      name: "shop-quick",
      protocolType: "HTTP",
      target: "arn:aws:lambda:us-east-1:123456789012:function:items",
    });
    expect(await messages(rule, [quick])).toEqual([
      `HTTP API "shop-quick" is quick-created (target is set), so API Gateway creates its "$default" route with no authorization, which this program does not declare and cannot change. Remove target and declare the route; ${HTTP_FIX}, or list "$default" in publicRouteKeys if it is public by design.`,
    ]);
    expect(await check(rule, [quick], { "method-authorization": { publicRouteKeys: ["$default"] } })).toEqual([]);
  });
});
