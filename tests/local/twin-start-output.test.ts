import { parseEnvFile } from "../../local/env-file";
import type { TwinHttpApi } from "../../local/http-api-capture";
import type { TwinModel } from "../../local/model";
import { shortRequestLog } from "../../local/request-log";
import type { RestRoute } from "../../local/rest/model";
import { formatRows, functionPrefix, httpRows, restRows, routeTables, websocketRows } from "../../local/route-table";
import { lambdaUri } from "./rest-harness";

/** What `npm start` prints: the route tables, the short request lines, and what --env-file accepts. */

const P = "gw-dev-";
/** A route whose integration is what the inverse of its builder describes (components/rest-api/integrations). */
const route = (method: string, resource: string, description: unknown, auth: unknown = { kind: "none" }, apiKeyRequired = false) =>
  ({
    method,
    resource,
    integration: { description, requestTemplate: undefined, responses: [], timeoutMs: 29_000 },
    auth,
    apiKeyRequired,
  }) as unknown as RestRoute;

const ROUTES: RestRoute[] = [
  route("GET", "/items", { type: "lambda_proxy", uri: lambdaUri(`${P}itemsList`), timeoutMs: 29_000 }, { kind: "cognito", scopes: ["items/read"] }),
  route("OPTIONS", "/items", { type: "mock" }),
  route("POST", "/items", { type: "lambda_proxy", uri: lambdaUri(`${P}itemsCreate`), timeoutMs: 29_000 }, { kind: "iam" }, true),
  route(
    "GET",
    "/hello",
    { type: "lambda_proxy", uri: lambdaUri(`${P}hello`, ":${stageVariables.alias}"), timeoutMs: 29_000 },
    {
      kind: "lambda",
      name: "jwt",
      type: "token",
      uri: lambdaUri(`${P}authorizer`),
      identitySources: [],
      ttlSeconds: 0,
      validationExpression: undefined,
    },
  ),
  route("ANY", "/svc/{proxy+}", { type: "vpc_link", integrationType: "http_proxy", uri: "http://nlb.internal/{proxy}" }),
  route("POST", "/orders", { type: "sqs", queue: "123456789012/orders" }),
  route("GET", "/docs/{key+}", { type: "s3", bucket: "docs", key: "{key}" }),
  route("GET", "/search", { type: "http", uri: "https://${stageVariables.host}/v2", httpMethod: "POST", requestParameters: {}, timeoutMs: 29_000 }),
  route("GET", "/mock", { type: "mock" }, { kind: "none" }, true),
];

const HTTP_API = {
  name: "http",
  routes: [
    {
      routeKey: "GET /items",
      authorizationType: "JWT",
      scopes: ["items/read"],
      integration: { kind: "lambda", functionName: `${P}itemsList`, qualifier: undefined, payloadFormatVersion: "2.0", timeoutMs: 30_000 },
    },
    {
      routeKey: "$default",
      authorizationType: "NONE",
      scopes: [],
      integration: { kind: "http", url: "https://example.com/{proxy}", method: "ANY", timeoutMs: 30_000 },
    },
    {
      routeKey: "ANY /svc/{proxy+}",
      authorizationType: "AWS_IAM",
      scopes: [],
      integration: { kind: "private", target: "arn:aws:elasticloadbalancing:listener/x" },
    },
  ],
} as unknown as TwinHttpApi;

const MODEL = {
  functions: {
    [`${P}itemsList`]: {},
    [`${P}itemsCreate`]: {},
    [`${P}hello`]: {},
    [`${P}authorizer`]: {},
    [`${P}wsConnect`]: {},
    [`${P}wsSend`]: {},
    [`${P}wsAuth`]: {},
  },
  restApis: [{ kind: "public", routes: ROUTES, stages: [{ name: "dev", variables: { alias: "DEV", host: "search.example.com" } }] }],
  websocket: {
    name: "ws",
    routeSelectionExpression: "$request.body.action",
    routes: [
      { routeKey: "send", functionName: `${P}wsSend` },
      { routeKey: "$connect", functionName: `${P}wsConnect` },
    ],
    authorizer: { functionName: `${P}wsAuth`, identitySources: ["route.request.querystring.token"] },
  },
  httpApi: HTTP_API,
} as unknown as TwinModel;

describe("the route tables npm start prints", () => {
  test("functions are named without the prefix all of them share (up to a dash)", () => {
    expect(functionPrefix(["gw-dev-a", "gw-dev-b", "gw-dev-abc"])).toBe("gw-dev-");
    expect(functionPrefix(["gw-dev-items", "gw-dev-itemsGet"])).toBe("gw-dev-");
    expect(functionPrefix(["a", "b"])).toBe("");
    expect(functionPrefix(["gw-dev-a"])).toBe("");
  });

  test("REST: by path and method, each integration and authorization; CORS preflights counted, not listed", () => {
    const { rows, preflights } = restRows(ROUTES, { variables: { alias: "DEV", host: "search.example.com" } }, P);
    expect(preflights).toBe(1);
    expect(formatRows(rows)).toEqual([
      "  METHOD  PATH           INTEGRATION                              AUTHORIZATION",
      "  GET     /docs/{key+}   s3 docs/{key}                            none",
      "  GET     /hello         lambda-proxy hello:DEV                   lambda token authorizer",
      "  GET     /items         lambda-proxy itemsList                   cognito items/read",
      "  POST    /items         lambda-proxy itemsCreate                 iam (SigV4) + api key",
      "  GET     /mock          mock                                     none + api key",
      "  POST    /orders        sqs 123456789012/orders (stand-in)       none",
      "  GET     /search        http POST https://search.example.com/v2  none",
      "  ANY     /svc/{proxy+}  vpc-link http_proxy (not served: 502)    none",
    ]);
  });

  test("HTTP API and WebSocket API rows", () => {
    expect(formatRows(httpRows(HTTP_API, P))).toEqual([
      "  METHOD  PATH           INTEGRATION                                 AUTHORIZATION",
      "  *       $default       http-proxy ANY https://example.com/{proxy}  none",
      "  GET     /items         lambda itemsList (payload 2.0)              jwt items/read",
      "  ANY     /svc/{proxy+}  vpc-link (not served: 502)                  iam (SigV4)",
    ]);
    expect(formatRows(websocketRows(MODEL.websocket!, P))).toEqual([
      "  METHOD  PATH      INTEGRATION       AUTHORIZATION",
      "  WS      $connect  lambda wsConnect  lambda request wsAuth",
      "  WS      send      lambda wsSend     none",
    ]);
  });

  test("the tables of the APIs served, under their titles", () => {
    const lines = routeTables(MODEL, "dev", { rest: true, websocket: false, http: false });
    expect([lines[0], lines[lines.length - 2], lines[lines.length - 1]]).toEqual([
      "REST API routes (stage dev, under /dev):",
      "  and OPTIONS on 1 path: the CORS preflight (mock)",
      "(functions are named without their common prefix gw-dev-)",
    ]);
    expect(routeTables(MODEL, "dev", { rest: false, websocket: true, http: true }).filter((l) => !l.startsWith("  "))).toEqual([
      "WebSocket API routes ($request.body.action):",
      "HTTP API routes:",
      "(functions are named without their common prefix gw-dev-)",
    ]);
  });
});

describe("one short line per request", () => {
  const short = shortRequestLog(MODEL, { variables: { alias: "DEV" } });
  const rest = (fields: Record<string, string>) =>
    JSON.stringify({ httpMethod: "GET", resourcePath: "/items", path: "/dev/items", status: "200", responseLatency: "12", integrationLatency: "9", ...fields });

  test("REST: method, path, status, latency, and the function when one ran", () => {
    expect(short("rest", rest({}))).toBe("rest GET /dev/items 200 12 ms itemsList");
    expect(short("rest", rest({ httpMethod: "POST", status: "201" }))).toBe("rest POST /dev/items 201 12 ms itemsCreate");
    // Refused before the integration: no function ran.
    expect(short("rest", rest({ status: "401", integrationLatency: "-" }))).toBe("rest GET /dev/items 401 12 ms");
    expect(short("rest", rest({ resourcePath: "-", path: "/dev/nothing", status: "403", responseLatency: "1", integrationLatency: "-" }))).toBe(
      "rest GET /dev/nothing 403 1 ms",
    );
    expect(short("rest", rest({ httpMethod: "GET", resourcePath: "/hello", path: "/dev/hello" }))).toBe("rest GET /dev/hello 200 12 ms hello");
  });

  test("HTTP API by route key; WebSocket events with the integration's latency", () => {
    expect(
      short(
        "http",
        JSON.stringify({ httpMethod: "GET", routeKey: "GET /items", path: "/items", status: "200", responseLatency: "7", integrationLatency: "5" }),
      ),
    ).toBe("http GET /items 200 7 ms itemsList");
    expect(
      short("http", JSON.stringify({ httpMethod: "GET", routeKey: "$default", path: "/x", status: "502", responseLatency: "3", integrationLatency: "-" })),
    ).toBe("http GET /x 502 3 ms");
    expect(short("websocket", JSON.stringify({ eventType: "MESSAGE", routeKey: "send", status: "200", integrationLatency: "4" }))).toBe(
      "ws MESSAGE send 200 4 ms wsSend",
    );
    expect(short("websocket", JSON.stringify({ eventType: "CONNECT", routeKey: "$connect", status: "401", integrationLatency: "-" }))).toBe(
      "ws CONNECT $connect 401",
    );
  });

  test("a line that is not JSON passes as it is", () => {
    expect(short("rest", "not json")).toBe("not json");
  });
});

describe("--env-file", () => {
  test("KEY=VALUE lines, comments, export, quotes and escapes", () => {
    const text = [
      "# a comment",
      "",
      "PLAIN=value",
      "  SPACED = some value  ",
      "export EXPORTED=yes",
      "EMPTY=",
      "BARE_COMMENT=kept # a comment",
      "HASH=a#b",
      'DOUBLE="two words # not a comment"',
      'ESCAPED="line1\\nline2\\t\\"q\\" \\\\"',
      "SINGLE='as $it \\n is' # comment",
      "EQUALS=a=b",
    ].join("\n");
    expect(parseEnvFile(text, "dev.env")).toEqual({
      PLAIN: "value",
      SPACED: "some value",
      EXPORTED: "yes",
      EMPTY: "",
      BARE_COMMENT: "kept",
      HASH: "a#b",
      DOUBLE: "two words # not a comment",
      ESCAPED: 'line1\nline2\t"q" \\',
      SINGLE: "as $it \\n is",
      EQUALS: "a=b",
    });
    expect(parseEnvFile("A=1\r\nB=2\r\n", "crlf.env")).toEqual({ A: "1", B: "2" });
  });

  test("a line of another form is an error naming file:line", () => {
    expect(() => parseEnvFile("A=1\njust words\n", "dev.env")).toThrow('dev.env:2: "just words" is not KEY=VALUE');
    expect(() => parseEnvFile("1A=x", "dev.env")).toThrow('dev.env:1: "1A" is not a variable name (letters, digits and _, not starting with a digit)');
    expect(() => parseEnvFile('\n\nA="open', "dev.env")).toThrow('dev.env:3: no closing " (a value is one line)');
    expect(() => parseEnvFile("A='x' y", "dev.env")).toThrow('dev.env:1: unexpected "y" after the closing \'');
    expect(() => parseEnvFile('A="\\q"', "dev.env")).toThrow('dev.env:1: unknown escape \\q (known: \\n \\r \\t \\" \\\\)');
  });
});
