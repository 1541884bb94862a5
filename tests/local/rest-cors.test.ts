import { buildOpenApiDocument } from "../../components/rest-api/openapi";
import type { ApiConfig, CorsConfig } from "../../config";
import type { FunctionInvoker } from "../../local/model";
import type { RestTwin } from "../../local/rest-api";
import { routeConfig as route } from "../helpers/route-config";
import { restApiFrom, serveRest } from "./rest-harness";

const APP = "https://app.example.com";
const ADMIN = "https://admin.example.com";
const EVIL = "https://evil.example.com";
const FN = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;
const cors: CorsConfig = {
  allowOrigins: [APP, ADMIN],
  allowMethods: undefined,
  allowHeaders: ["Content-Type", "Authorization"],
  exposeHeaders: ["X-Total"],
  maxAgeSeconds: 600,
  allowCredentials: false,
};
const api: ApiConfig = {
  name: "cors-api",
  description: "",
  version: "1.0.0",
  endpointType: "REGIONAL",
  longIntegrationTimeouts: false,
  privateAccess: undefined,
  imported: undefined,
};

/** The twin serves exactly what the document says: the document is the one the stack would deploy. */
const routes = [
  route("GET", "/items/{id}", { cors }),
  route("PUT", "/items/{id}", { authorization: "iam", cors }),
  route("GET", "/examples/{id}", { integration: { type: "mock", statusCode: 200, template: undefined, headers: { "X-Mock": "'true'" } }, cors }),
  route("POST", "/quotes", {
    integration: {
      type: "lambda",
      function: "quote",
      target: { kind: "unqualified" },
      requestTemplate: undefined,
      responseTemplate: "quote.vtl",
      responses: [],
    },
    cors,
  }),
];
const document = buildOpenApiDocument(api, routes, [{ uri: FN("items") }, { uri: FN("items") }, {}, { uri: FN("quote") }], {
  "quote.vtl": "{\"quote\": $input.json('$.price')}",
});
const twinApi = restApiFrom(document as unknown as Record<string, unknown>);

const preflight = (url: string, origin: string) => fetch(url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "GET" } });
const corsOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("access-control-") || name === "vary"));

describe("the twin answers CORS as the document says", () => {
  let twin: RestTwin;
  const invoked: string[] = [];
  beforeAll(async () => {
    const invoker: FunctionInvoker = {
      async invoke(name) {
        invoked.push(name);
        return name === "quote" ? { price: 12 } : { statusCode: 200, body: "{}" };
      },
      async close() {},
    };
    twin = (await serveRest(twinApi, invoker, { apiId: "corsapi001" })).twin;
  });
  afterAll(() => twin.close());

  // AWS, "CORS for REST APIs in API Gateway": the OPTIONS method's MOCK integration answers the preflight.
  test("a preflight from a listed origin gets that origin and the path's methods, without authorization or a function", async () => {
    const response = await preflight(`${twin.url}/items/42`, ADMIN);
    expect([response.status, corsOf(response)]).toEqual([
      200,
      {
        "access-control-allow-headers": "Content-Type,Authorization",
        "access-control-allow-methods": "GET,PUT,OPTIONS",
        "access-control-allow-origin": ADMIN,
        "access-control-max-age": "600",
        vary: "Origin",
      },
    ]);
    expect(invoked).toEqual([]);
  });

  test("a preflight from another origin gets no Access-Control-Allow-Origin (the browser then refuses the request)", async () => {
    const response = await preflight(`${twin.url}/items/42`, EVIL);
    expect([response.status, response.headers.get("access-control-allow-origin"), response.headers.get("access-control-allow-methods")]).toEqual([
      200,
      null,
      "GET,PUT,OPTIONS",
    ]);
  });

  test("a mock's answer and a Lambda (non-proxy) integration's carry the origin and the exposed headers", async () => {
    const example = await fetch(`${twin.url}/examples/1`, { headers: { origin: APP } });
    expect([example.status, corsOf(example), example.headers.get("x-mock")]).toEqual([
      200,
      { "access-control-allow-origin": APP, "access-control-expose-headers": "X-Total", vary: "Origin" },
      "true",
    ]);
    const quote = await fetch(`${twin.url}/quotes`, { method: "POST", headers: { origin: ADMIN, "content-type": "application/json" }, body: "{}" });
    expect([quote.status, await quote.json(), corsOf(quote)]).toEqual([
      200,
      { quote: 12 },
      { "access-control-allow-origin": ADMIN, "access-control-expose-headers": "X-Total", vary: "Origin" },
    ]);
    const other = await fetch(`${twin.url}/examples/1`, { headers: { origin: EVIL } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  // AWS, "CORS for REST APIs in API Gateway": gateway responses need the header for a browser to read them.
  // With several origins a gateway response answers * (it cannot compare the Origin with a list).
  test("API Gateway's own errors carry Access-Control-Allow-Origin: an unknown path, an unsigned IAM call", async () => {
    const unknown = await fetch(`${twin.url}/nothing-here`, { headers: { origin: APP } });
    expect([unknown.status, unknown.headers.get("x-amzn-errortype"), unknown.headers.get("access-control-allow-origin")]).toEqual([
      403,
      "MissingAuthenticationTokenException",
      "*",
    ]);
    const unsigned = await fetch(`${twin.url}/items/42`, { method: "PUT", headers: { origin: APP, "content-type": "application/json" }, body: "{}" });
    expect([unsigned.status, unsigned.headers.get("access-control-allow-origin")]).toEqual([403, "*"]);
  });
});
