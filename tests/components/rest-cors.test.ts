import {
  gatewayResponseCors,
  originOverrideTemplate,
  preflightIntegration,
  preflightMethods,
  withCorsHeaders,
  withGatewayResponseCors,
} from "../../components/rest-api/cors";
import { GATEWAY_RESPONSES } from "../../components/rest-api/gateway-responses";
import { integrationObject } from "../../components/rest-api/integrations";
import { buildOpenApiDocument } from "../../components/rest-api/openapi";
import { apiOperations } from "../../components/rest-api/operations";
import type { ApiConfig, CorsConfig } from "../../config";
import { renderWithOverrides } from "../../vtl";
import { routeConfig as route } from "../helpers/route-config";

const api: ApiConfig = {
  name: "shop-dev",
  description: "",
  version: "1.0.0",
  endpointType: "REGIONAL",
  longIntegrationTimeouts: false,
  privateAccess: undefined,
  imported: undefined,
};
const APP = "https://app.example.com";
const ADMIN = "https://admin.example.com";
const cors = (extra: Partial<CorsConfig> = {}): CorsConfig => ({
  allowOrigins: [APP],
  allowMethods: undefined,
  allowHeaders: ["Content-Type", "Authorization"],
  exposeHeaders: [],
  maxAgeSeconds: undefined,
  allowCredentials: false,
  ...extra,
});
const mock = { type: "mock", statusCode: 200, template: undefined, headers: {} } as const;
const string = { schema: { type: "string" } };

// AWS, "CORS for REST APIs in API Gateway" (and "Enable CORS on a resource using the API Gateway import
// API"): an OPTIONS method with a MOCK integration ({"statusCode": 200}, passthrough NEVER) whose 200
// integration response sets Access-Control-Allow-Headers, -Methods and -Origin, declared in the method response.
describe("the preflight", () => {
  test("one origin: every header a static value of the integration response", () => {
    expect(preflightIntegration(cors({ maxAgeSeconds: 600, allowCredentials: true }), ["GET", "PUT", "OPTIONS"])).toEqual({
      type: "mock",
      passthroughBehavior: "never",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      responses: {
        default: {
          statusCode: "200",
          responseParameters: {
            "method.response.header.Access-Control-Allow-Credentials": "'true'",
            "method.response.header.Access-Control-Allow-Headers": "'Content-Type,Authorization'",
            "method.response.header.Access-Control-Allow-Methods": "'GET,PUT,OPTIONS'",
            "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'",
            "method.response.header.Access-Control-Max-Age": "'600'",
            // MDN, "Access-Control-Allow-Origin": an explicit origin (not *) goes with Vary: Origin.
            "method.response.header.Vary": "'Origin'",
          },
        },
      },
    });
  });

  test("no request header allowed: no Access-Control-Allow-Headers at all", () => {
    expect(preflightIntegration(cors({ allowHeaders: [] }), ["GET", "OPTIONS"]).responses?.default?.responseParameters).toEqual({
      "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
      "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'",
      "method.response.header.Vary": "'Origin'",
    });
  });

  test("the * origin: no Vary", () => {
    const params = preflightIntegration(cors({ allowOrigins: ["*"] }), ["GET", "OPTIONS"]).responses?.default?.responseParameters;
    expect(params).toEqual({
      "method.response.header.Access-Control-Allow-Headers": "'Content-Type,Authorization'",
      "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
      "method.response.header.Access-Control-Allow-Origin": "'*'",
    });
  });

  // AWS, "Override your API's request and response parameters and status codes for REST APIs": a template
  // may set $context.responseOverride.header.<name>; a static parameter cannot depend on the request.
  test("several origins: the template answers the caller's own origin when it is listed, and no origin otherwise", () => {
    const integration = preflightIntegration(cors({ allowOrigins: [APP, ADMIN] }), ["GET", "OPTIONS"]);
    const response = integration.responses!.default!;
    expect(response.responseParameters).toEqual({
      "method.response.header.Access-Control-Allow-Headers": "'Content-Type,Authorization'",
      "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
      "method.response.header.Vary": "'Origin'",
    });
    expect(response.responseTemplates).toEqual({ "application/json": originOverrideTemplate([APP, ADMIN]) });
    const answer = (headers: Record<string, string>, queryString: Record<string, string> = {}) =>
      renderWithOverrides(response.responseTemplates!["application/json"]!, { headers, queryString }).overrides.response.header;
    expect(answer({ Origin: ADMIN })).toEqual({ "Access-Control-Allow-Origin": ADMIN });
    expect(answer({ origin: APP })).toEqual({ "Access-Control-Allow-Origin": APP });
    expect(answer({ origin: "https://evil.example.com" })).toEqual({});
    // A query string named Origin is not the request's Origin ($input.params('Origin') would read it first).
    expect(answer({}, { Origin: APP })).toEqual({});
  });

  test("its methods: the routes' own (ANY as each), and OPTIONS, unless allowMethods names them", () => {
    expect(preflightMethods([route("PUT", "/a", { cors: cors() }), route("GET", "/a", { cors: cors() })])).toEqual(["GET", "PUT", "OPTIONS"]);
    expect(preflightMethods([route("ANY", "/a", { cors: cors() })])).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
    expect(preflightMethods([route("GET", "/a", { cors: cors({ allowMethods: ["GET", "POST"] }) })])).toEqual(["GET", "POST"]);
  });
});

describe("the routes' answers", () => {
  test("a non-proxy integration's responses carry the origin, Vary, exposed headers and credentials", () => {
    const r = route("GET", "/m", {
      integration: { ...mock, headers: { "X-Mock": "'true'" } },
      cors: cors({ exposeHeaders: ["ETag", "X-Total"], allowCredentials: true }),
    });
    expect(withCorsHeaders(integrationObject(r, {}, {}), r.cors!, "GET /m").responses).toEqual({
      default: {
        statusCode: "200",
        responseParameters: {
          "method.response.header.X-Mock": "'true'",
          "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'",
          "method.response.header.Vary": "'Origin'",
          "method.response.header.Access-Control-Allow-Credentials": "'true'",
          "method.response.header.Access-Control-Expose-Headers": "'ETag,X-Total'",
        },
      },
    });
  });

  test("several origins: each response's template starts by answering the origin; a mock without one gets that alone", () => {
    const r = route("GET", "/m", { integration: mock, cors: cors({ allowOrigins: [APP, ADMIN] }) });
    expect(withCorsHeaders(integrationObject(r, {}, {}), r.cors!, "GET /m").responses).toEqual({
      default: {
        statusCode: "200",
        responseParameters: { "method.response.header.Vary": "'Origin'" },
        responseTemplates: { "application/json": originOverrideTemplate([APP, ADMIN]) },
      },
    });
    const http = route("GET", "/h", {
      integration: {
        type: "http",
        url: "https://x.example.com",
        httpMethod: "GET",
        requestTemplate: undefined,
        responseTemplate: "t.vtl",
        requestParameters: {},
        responses: [],
      },
      cors: r.cors,
    });
    expect(withCorsHeaders(integrationObject(http, {}, { "t.vtl": '{"a": 1}' }), r.cors!, "GET /h").responses?.default?.responseTemplates).toEqual({
      "application/json": `${originOverrideTemplate([APP, ADMIN])}{"a": 1}`,
    });
    const s3 = route("GET", "/f/{key}", { integration: { type: "s3", bucket: "docs", objectKey: undefined }, cors: r.cors });
    expect(() => withCorsHeaders(integrationObject(s3, { uri: "u", credentials: "c" }, { "integration-error.vtl": "{}" }), r.cors!, "GET /f/{key}")).toThrow(
      "GET /f/{key}: the default response has no mapping template to answer one of several CORS origins with",
    );
  });

  // AWS, "CORS for REST APIs in API Gateway": with a proxy integration the backend returns the headers.
  test("proxy integrations are left to their backend", () => {
    const r = route("GET", "/p", { cors: cors() });
    const integration = integrationObject(r, { uri: "arn" }, {});
    expect(withCorsHeaders(integration, r.cors!, "GET /p")).toBe(integration);
  });
});

describe("gateway responses", () => {
  // AWS, "CORS for REST APIs in API Gateway": API Gateway's own 4XX/5XX answers need the header too.
  test("one origin: every type, DEFAULT_4XX and DEFAULT_5XX included, answers it with Vary, and credentials when a route allows them", () => {
    const responses = withGatewayResponseCors(
      GATEWAY_RESPONSES,
      gatewayResponseCors([route("GET", "/a", { cors: cors() }), route("GET", "/b", { cors: cors({ allowCredentials: true }) })]),
    );
    expect(Object.keys(responses)).toEqual(Object.keys(GATEWAY_RESPONSES));
    for (const [type, response] of Object.entries(responses)) {
      expect([type, response]).toEqual([
        type,
        {
          ...GATEWAY_RESPONSES[type as keyof typeof GATEWAY_RESPONSES],
          responseParameters: {
            "gatewayresponse.header.Content-Type": "'application/json'",
            "gatewayresponse.header.Access-Control-Allow-Origin": "'https://app.example.com'",
            "gatewayresponse.header.Vary": "'Origin'",
            "gatewayresponse.header.Access-Control-Allow-Credentials": "'true'",
          },
        },
      ]);
    }
  });

  // A gateway response cannot compare the Origin with a list ("Set up a gateway response": its parameters
  // map a request value or a fixed one); * is readable only without credentials (Fetch standard).
  test("several origins (over all routes): *, without credentials; no CORS route: the responses as they are", () => {
    expect(
      gatewayResponseCors([route("GET", "/a", { cors: cors({ allowCredentials: true }) }), route("GET", "/b", { cors: cors({ allowOrigins: [ADMIN] }) })]),
    ).toEqual({ origin: "*", credentials: false });
    expect(gatewayResponseCors([route("GET", "/a", { cors: cors({ allowOrigins: ["*"] }) })])).toEqual({ origin: "*", credentials: false });
    const star = withGatewayResponseCors(GATEWAY_RESPONSES, { origin: "*", credentials: false });
    expect(star.DEFAULT_4XX.responseParameters).toEqual({
      "gatewayresponse.header.Content-Type": "'application/json'",
      "gatewayresponse.header.Access-Control-Allow-Origin": "'*'",
    });
    expect(gatewayResponseCors([route("GET", "/a")])).toBeUndefined();
    expect(withGatewayResponseCors(GATEWAY_RESPONSES, undefined)).toBe(GATEWAY_RESPONSES);
  });
});

describe("the document", () => {
  const routes = [
    route("GET", "/items/{id}", { cors: cors() }),
    route("PUT", "/items/{id}", { authorization: "iam", cors: cors() }),
    route("DELETE", "/items/{id}", { authorization: "iam" }),
    route("GET", "/examples", { integration: mock, cors: cors() }),
    route("GET", "/private"),
  ];
  const doc = buildOpenApiDocument(
    api,
    routes,
    routes.map(() => ({ uri: "arn:fn" })),
  );
  const paths = doc.paths as unknown as Record<string, Record<string, Record<string, unknown>>>;

  test("each path with a CORS route gets one OPTIONS, public, for the CORS routes' methods", () => {
    expect(Object.fromEntries(Object.entries(paths).map(([p, item]) => [p, Object.keys(item)]))).toEqual({
      "/examples": ["get", "options"],
      "/items/{id}": ["delete", "get", "options", "put"],
      "/private": ["get"],
    });
    expect(paths["/items/{id}"]!.options).toEqual({
      operationId: "optionsItemsId",
      summary: "CORS preflight, answered by API Gateway",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      // A preflight carries no credentials (Fetch standard, "CORS-preflight request"): no authorization.
      security: [],
      responses: {
        "200": {
          description: "The CORS preflight's answer",
          headers: { "Access-Control-Allow-Headers": string, "Access-Control-Allow-Methods": string, "Access-Control-Allow-Origin": string, Vary: string },
        },
      },
      "x-amazon-apigateway-integration": preflightIntegration(cors(), ["GET", "PUT", "OPTIONS"]),
    });
  });

  test("a non-proxy route declares the headers its responses set; a GET whose answer depends on the Origin is cached per Origin", () => {
    expect(paths["/examples"]!.get).toMatchObject({
      responses: { "200": { description: "HTTP 200", headers: { "Access-Control-Allow-Origin": string, Vary: string } } },
    });
    // One origin, a static header: the answer is the same for every caller.
    expect(paths["/examples"]!.get!.parameters).toBeUndefined();
    expect(paths["/examples"]!.get!["x-amazon-apigateway-integration"]).not.toHaveProperty("cacheKeyParameters");
    // The function answers a listed Origin with itself, and another with none.
    expect(paths["/items/{id}"]!.get!.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" } },
      { name: "Origin", in: "header", required: false, schema: { type: "string" } },
    ]);
    expect((paths["/items/{id}"]!.get!["x-amazon-apigateway-integration"] as { cacheKeyParameters: string[] }).cacheKeyParameters).toEqual([
      "method.request.path.id",
      "method.request.header.Origin",
    ]);
    // Several origins: the template answers the caller's own.
    const several = buildOpenApiDocument(api, [route("GET", "/m", { integration: mock, cors: cors({ allowOrigins: [APP, ADMIN] }) })], [{}]);
    expect((several.paths["/m"]!.get!["x-amazon-apigateway-integration"] as { cacheKeyParameters?: readonly string[] }).cacheKeyParameters).toEqual([
      "method.request.header.Origin",
    ]);
    expect(paths["/private"]!.get!.parameters).toBeUndefined();
  });

  test("the gateway responses carry the origin", () => {
    expect(doc["x-amazon-apigateway-gateway-responses"]).toEqual(withGatewayResponseCors(GATEWAY_RESPONSES, { origin: APP, credentials: false }));
  });

  // The resource policy allows anonymous callers exactly the methods that are not IAM-authorized; the
  // preflights are such methods, so a browser's OPTIONS is not denied when the API has a resource policy.
  test("the API's operations for its resource policy include the preflights, as open methods", () => {
    expect(apiOperations(routes, undefined)).toEqual([
      { method: "GET", path: "/items/{id}", iam: false },
      { method: "PUT", path: "/items/{id}", iam: true },
      { method: "DELETE", path: "/items/{id}", iam: true },
      { method: "GET", path: "/examples", iam: false },
      { method: "GET", path: "/private", iam: false },
      { method: "OPTIONS", path: "/items/{id}", iam: false },
      { method: "OPTIONS", path: "/examples", iam: false },
    ]);
  });
});
