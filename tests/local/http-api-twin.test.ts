import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createServer, request, type Server } from "http";
import type { AddressInfo } from "net";
import { HTTP_ACCESS_LOG_FIELDS } from "../../components/http-api/access-log-format";
import { buildModel } from "../../local/capture";
import type { DynamoDbLocal } from "../../local/dynamodb-local";
import { testDynamoDb, testTable } from "../helpers/dynamodb-local";
import { startLocalFunctions } from "../../local/functions";
import { httpApiModel, type TwinHttpApi, type TwinHttpRoute } from "../../local/http-api-capture";
import { lambdaResponse, matchHttpRoute, requestTime, startHttpApiTwin, type HttpApiTwin } from "../../local/http-api-twin";
import type { FunctionInvoker, TwinModel } from "../../local/model";
import { createTokenIssuer, type TokenIssuer } from "../../local/tokens";
import { capturedStack } from "../helpers/captured-stack";
import { testOutput } from "../helpers/test-output";

const APP_ORIGIN = "http://localhost:3000";
const fn = (name: string) => `microservice-gateway-dev-${name}`;
const lambda = (functionName: string, timeoutMs = 30_000): TwinHttpRoute["integration"] => ({
  kind: "lambda",
  functionName,
  qualifier: undefined,
  payloadFormatVersion: "2.0",
  timeoutMs,
});

/** The dev stack as `npm run preview` captures it. */
let devCapture: Promise<{ model: TwinModel; api: TwinHttpApi }> | undefined;
const captureDev = () => (devCapture ??= captureDevOnce());

async function captureDevOnce(): Promise<{ model: TwinModel; api: TwinHttpApi }> {
  const run = await capturedStack("dev");
  const model = buildModel("dev", run.resources, run.region);
  const api = httpApiModel(run.resources, model.region, model.account);
  if (!api) throw new Error("the dev stack has no HTTP API");
  return { model, api };
}

/** A function stand-in: records each event and answers with what `answers` says for the function. */
function fakeInvoker(
  answers: Record<string, (event: Record<string, unknown>) => Promise<unknown>>,
): FunctionInvoker & { events: { name: string; event: Record<string, unknown> }[] } {
  const events: { name: string; event: Record<string, unknown> }[] = [];
  return {
    events,
    invoke(name, event) {
      events.push({ name, event: event as Record<string, unknown> });
      const answer = answers[name];
      return answer ? answer(event as Record<string, unknown>) : Promise.reject(new Error(`no fake for ${name}`));
    },
    close: async () => undefined,
  };
}

/** A request with repeated headers (fetch joins them), over a fresh connection. */
function rawGet(url: string, headers: Record<string, string | string[]>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the HTTP API's model, from the dev stack's captured resources", () => {
  let captured: { model: TwinModel; api: TwinHttpApi };
  beforeAll(async () => {
    captured = await captureDev();
  }, 60_000);

  test("routes with their integrations and authorization, CORS, the JWT authorizer and the stage's throttling", () => {
    const { api } = captured;
    expect({ ...api, routes: [...api.routes].sort((a, b) => a.routeKey.localeCompare(b.routeKey)) }).toEqual({
      name: "microservice-gateway-dev-http",
      routes: [
        {
          routeKey: "ANY /service1/{proxy+}",
          authorizationType: "JWT",
          scopes: [],
          integration: { kind: "private", target: expect.stringMatching(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:listener\/net\//) },
        },
        { routeKey: "GET /hello", authorizationType: "NONE", scopes: [], integration: { ...lambda(fn("hello")), qualifier: "DEV" } },
        { routeKey: "GET /items", authorizationType: "JWT", scopes: [], integration: lambda(fn("itemsList")) },
        { routeKey: "GET /items/{id}", authorizationType: "JWT", scopes: [], integration: lambda(fn("itemsGet")) },
        {
          routeKey: "OPTIONS /service1/{proxy+}",
          authorizationType: "NONE",
          scopes: [],
          integration: { kind: "private", target: expect.stringMatching(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:listener\/net\//) },
        },
      ],
      cors: {
        allowOrigins: [APP_ORIGIN],
        allowMethods: ["GET", "OPTIONS"],
        allowHeaders: ["authorization", "content-type"],
        exposeHeaders: [],
        maxAge: 3600,
        allowCredentials: false,
      },
      jwt: {
        issuer: expect.stringMatching(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_/),
        audiences: [expect.any(String)],
        identitySource: "$request.header.Authorization",
      },
      throttling: { rateLimit: 100, burstLimit: 200 },
      routeThrottling: {},
    });
  });

  test("a stack without an HTTP API has none", () => {
    expect(httpApiModel([], "us-east-1", "123456789012")).toBeUndefined();
  });
});

describe("route selection, as HTTP APIs select routes", () => {
  const route = (routeKey: string): TwinHttpRoute => ({ routeKey, authorizationType: "NONE", scopes: [], integration: lambda(routeKey) });
  // AWS's own example: the most specific route wins; greedy variables last; $default when nothing matches.
  const routes = ["GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}", "ANY /items", "GET /items", "$default"].map(route);
  const selected = (method: string, path: string) => {
    const m = matchHttpRoute(routes, method, path);
    return m && [m.route.routeKey, m.pathParameters];
  };

  test.each([
    ["GET", "/pets/dog/1", "GET /pets/dog/1", {}],
    ["GET", "/pets/dog/2", "GET /pets/dog/{id}", { id: "2" }],
    ["GET", "/pets/cat/1", "GET /pets/{proxy+}", { proxy: "cat/1" }],
    ["POST", "/pets/dog/1", "ANY /{proxy+}", { proxy: "pets/dog/1" }],
    ["GET", "/items", "GET /items", {}],
    ["DELETE", "/items", "ANY /items", {}],
    ["GET", "/", "$default", {}],
    ["GET", "/pets/a%20b/1", "GET /pets/{proxy+}", { proxy: "a b/1" }],
  ])("%s %s → %s", (method, path, key, params) => {
    expect(selected(method, path)).toEqual([key, params]);
  });

  test("without $default an unmatched request has no route", () => {
    expect(matchHttpRoute(routes.slice(0, 3), "GET", "/cats")).toBeUndefined();
  });
});

describe("payload 2.0 response rules", () => {
  test("an object with statusCode is the response; anything else is 200 JSON", () => {
    expect(lambdaResponse({ statusCode: 201, headers: { "X-Id": 7 }, cookies: ["a=1", "b=2"], body: "made" })).toEqual({
      status: 201,
      headers: { "x-id": "7", "set-cookie": ["a=1", "b=2"] },
      body: "made",
    });
    expect(lambdaResponse({ statusCode: 200, body: Buffer.from("png").toString("base64"), isBase64Encoded: true })?.body).toEqual(Buffer.from("png"));
    expect(lambdaResponse("Hello from Lambda!")).toEqual({ status: 200, headers: { "content-type": "application/json" }, body: "Hello from Lambda!" });
    expect(lambdaResponse({ message: "hi" })).toEqual({ status: 200, headers: { "content-type": "application/json" }, body: '{"message":"hi"}' });
    expect(lambdaResponse(42)?.body).toBe("42");
    expect(lambdaResponse({ statusCode: "nope" })).toBeUndefined();
  });
});

describe("the dev stack's HTTP API twin", () => {
  let api: TwinHttpApi;
  let twin: HttpApiTwin;
  let throttled: HttpApiTwin;
  let upstream: Server;
  let tokens: TokenIssuer;
  let clock = 0;
  const logs: string[] = [];
  const invoker = fakeInvoker({
    [fn("hello")]: async () => ({
      statusCode: 200,
      headers: { "content-type": "application/json", "access-control-allow-origin": "*" },
      body: '{"hello":true}',
    }),
    [fn("itemsList")]: async () => ({
      statusCode: 200,
      headers: { "content-type": "application/json" },
      cookies: ["seen=1; Path=/", "theme=dark"],
      body: '{"items":[]}',
    }),
    [fn("itemsGet")]: async (event) => ({ statusCode: 200, body: JSON.stringify((event.pathParameters as Record<string, string>).id) }),
    string: async () => "Hello from Lambda!",
    object: async () => ({ message: "hi" }),
    boom: async () => {
      throw new Error("boom");
    },
    slow: () => new Promise(() => undefined),
  });
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") => fetch(`${twin.url}${path}`, { method, headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = (await captureDev()).api;
    tokens = createTokenIssuer("us-east-1");
    upstream = createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "set-cookie": ["u=1", "v=2"] });
      res.end(JSON.stringify({ method: req.method, url: req.url, forwardedFor: req.headers["x-forwarded-for"] }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    const extra: TwinHttpRoute[] = [
      { routeKey: "GET /string", authorizationType: "NONE", scopes: [], integration: lambda("string") },
      { routeKey: "GET /object", authorizationType: "NONE", scopes: [], integration: lambda("object") },
      { routeKey: "GET /boom", authorizationType: "NONE", scopes: [], integration: lambda("boom") },
      { routeKey: "GET /slow", authorizationType: "NONE", scopes: [], integration: lambda("slow", 100) },
      { routeKey: "POST /items", authorizationType: "JWT", scopes: ["gateway/items.write"], integration: lambda("object") },
      { routeKey: "GET /signed", authorizationType: "AWS_IAM", scopes: [], integration: lambda("object") },
      {
        routeKey: "ANY /partner/{proxy+}",
        authorizationType: "NONE",
        scopes: [],
        integration: { kind: "http", url: "https://partners.example.com/v1/{proxy}", method: "ANY", timeoutMs: 30_000 },
      },
    ];
    twin = await startHttpApiTwin({
      api: { ...api, routes: [...api.routes, ...extra] },
      invoker,
      tokens,
      region: "us-east-1",
      account: "123456789012",
      apiId: "twinhttp01",
      port: 0,
      log: (line) => logs.push(line),
      httpBackends: { "partners.example.com": `http://127.0.0.1:${upstreamPort}` },
    });
    throttled = await startHttpApiTwin({
      api: { ...api, throttling: { rateLimit: 1, burstLimit: 2 } },
      invoker,
      tokens,
      region: "us-east-1",
      account: "123456789012",
      apiId: "twinhttp02",
      log: () => undefined,
      now: () => clock,
    });
  }, 60_000);
  afterAll(async () => {
    await twin?.close();
    await throttled?.close();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  describe("CORS", () => {
    test("a preflight from an allowed origin is answered 204 by the gateway with the allow headers, even on a JWT route", async () => {
      const before = invoker.events.length;
      const res = await get(
        "/items",
        { origin: APP_ORIGIN, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
        "OPTIONS",
      );
      expect(res.status).toBe(204);
      expect(Object.fromEntries([...res.headers].filter(([k]) => k.startsWith("access-control-")))).toEqual({
        "access-control-allow-origin": APP_ORIGIN,
        "access-control-allow-methods": "GET,OPTIONS",
        "access-control-allow-headers": "authorization,content-type",
        "access-control-max-age": "3600",
      });
      expect(await res.text()).toBe("");
      expect(invoker.events.length).toBe(before);
    });

    test("a preflight from another origin gets no CORS headers", async () => {
      const res = await get("/items", { origin: "https://evil.example.com", "access-control-request-method": "GET" }, "OPTIONS");
      expect(res.status).toBe(204);
      expect([...res.headers.keys()].filter((k) => k.startsWith("access-control-"))).toEqual([]);
    });

    test("an OPTIONS request that is not a preflight goes to the routes", async () => {
      expect((await get("/hello", { origin: APP_ORIGIN }, "OPTIONS")).status).toBe(404);
    });

    test("responses to an allowed origin carry its allow-origin; the integration's own CORS headers are ignored", async () => {
      const allowed = await get("/hello", { origin: APP_ORIGIN });
      expect([allowed.status, allowed.headers.get("access-control-allow-origin")]).toEqual([200, APP_ORIGIN]);
      const other = await get("/hello", { origin: "https://evil.example.com" });
      expect([other.status, other.headers.get("access-control-allow-origin")]).toEqual([200, null]);
      const none = await get("/hello");
      expect(none.headers.get("access-control-allow-origin")).toBeNull();
    });
  });

  describe("the JWT authorizer", () => {
    test("no token or a bad one is 401 Unauthorized without invoking the function", async () => {
      const before = invoker.events.length;
      const missing = await get("/items");
      expect([missing.status, await missing.json()]).toEqual([401, { message: "Unauthorized" }]);
      const garbage = await get("/items", bearer("not.a.jwt"));
      expect([garbage.status, await garbage.json()]).toEqual([401, { message: "Unauthorized" }]);
      const otherIssuer = createTokenIssuer("us-east-1", "us-east-1_someoneelse").idToken("mallory");
      expect((await get("/items", bearer(otherIssuer))).status).toBe(401);
      expect((await get("/items", bearer(tokens.idToken("dev", -60)))).status).toBe(401);
      expect(invoker.events.length).toBe(before);
    });

    test("a valid ID token reaches the function, its claims (as strings) in requestContext.authorizer.jwt", async () => {
      const token = tokens.idToken("dev");
      const res = await get("/items/abc", bearer(token));
      expect([res.status, await res.json()]).toEqual([200, "abc"]);
      const claims = JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString("utf8")) as Record<string, unknown>;
      const authorizer = (invoker.events.at(-1)?.event.requestContext as { authorizer: unknown }).authorizer;
      expect(authorizer).toEqual({ jwt: { claims: { ...claims, iat: String(claims.iat), exp: String(claims.exp) }, scopes: null } });
    });

    test("a route's scopes: the access token must carry one of them, else 403 Forbidden", async () => {
      const reader = await get("/items", bearer(tokens.accessToken("dev", ["gateway/items.read"])), "POST");
      expect([reader.status, await reader.json()]).toEqual([403, { message: "Forbidden" }]);
      expect(reader.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
      const writer = await get("/items", bearer(tokens.accessToken("dev", ["gateway/items.read", "gateway/items.write"])), "POST");
      expect(writer.status).toBe(200);
      const jwt = (invoker.events.at(-1)?.event.requestContext as { authorizer: { jwt: { scopes: unknown } } }).authorizer.jwt;
      expect(jwt.scopes).toEqual(["gateway/items.read", "gateway/items.write"]);
    });
  });

  test("an IAM route needs a SigV4 Authorization header (not verified: the twin has no IAM), else 403", async () => {
    const unsigned = await get("/signed");
    expect([unsigned.status, await unsigned.json()]).toEqual([403, { message: "Forbidden" }]);
    const signed = await get("/signed", {
      authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00",
    });
    expect(signed.status).toBe(200);
    expect((invoker.events.at(-1)?.event.requestContext as { authorizer: { iam: { accessKey: string } } }).authorizer.iam.accessKey).toBe("AKIDEXAMPLE");
  });

  test("the payload 2.0 event of one request, field by field", async () => {
    const before = Date.now();
    const res = await rawGet(`${twin.url}/hello?b=2&a=1&a=x%20y&empty`, {
      "User-Agent": "twin-test/1.0",
      "X-Dup": ["one", "two"],
      Cookie: "c1=v1; c2=v2",
    });
    const after = Date.now();
    expect(res.status).toBe(200);
    const { name, event } = invoker.events.at(-1) as { name: string; event: Record<string, unknown> };
    expect(name).toBe(fn("hello"));
    const context = event.requestContext as { requestId: string; timeEpoch: number; time: string };
    expect(event).toEqual({
      version: "2.0",
      routeKey: "GET /hello",
      rawPath: "/hello",
      rawQueryString: "b=2&a=1&a=x%20y&empty",
      cookies: ["c1=v1", "c2=v2"],
      headers: {
        host: `127.0.0.1:${twin.port}`,
        connection: "close",
        "user-agent": "twin-test/1.0",
        "x-dup": "one,two",
        "x-forwarded-for": "127.0.0.1",
        "x-forwarded-port": String(twin.port),
        "x-forwarded-proto": "http",
        "x-amzn-trace-id": expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
      },
      queryStringParameters: { b: "2", a: "1,x y", empty: "" },
      requestContext: {
        accountId: "123456789012",
        apiId: "twinhttp01",
        domainName: `127.0.0.1:${twin.port}`,
        domainPrefix: "127",
        http: { method: "GET", path: "/hello", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "twin-test/1.0" },
        requestId: expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/),
        routeKey: "GET /hello",
        stage: "$default",
        time: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        timeEpoch: expect.any(Number),
      },
      isBase64Encoded: false,
    });
    expect(context.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(context.timeEpoch).toBeLessThanOrEqual(after);
    expect(context.time).toBe(requestTime(context.timeEpoch));
  });

  test("path parameters and a text body; a binary body arrives base64-encoded", async () => {
    await fetch(`${twin.url}/items`, {
      method: "POST",
      headers: { ...bearer(tokens.accessToken("dev", ["gateway/items.write"])), "content-type": "application/json" },
      body: '{"name":"lamp"}',
    });
    expect(invoker.events.at(-1)?.event).toMatchObject({ body: '{"name":"lamp"}', isBase64Encoded: false });
    await fetch(`${twin.url}/items`, {
      method: "POST",
      headers: { ...bearer(tokens.accessToken("dev", ["gateway/items.write"])), "content-type": "image/png" },
      body: Buffer.from([0x89, 0x50, 0xff]),
    });
    expect(invoker.events.at(-1)?.event).toMatchObject({ body: Buffer.from([0x89, 0x50, 0xff]).toString("base64"), isBase64Encoded: true });
  });

  describe("the 2.0 response rules", () => {
    test("a string result is 200 application/json with the string as the body; an object without statusCode its JSON", async () => {
      const string = await get("/string");
      expect([string.status, string.headers.get("content-type"), await string.text()]).toEqual([200, "application/json", "Hello from Lambda!"]);
      const object = await get("/object");
      expect([object.status, object.headers.get("content-type"), await object.text()]).toEqual([200, "application/json", '{"message":"hi"}']);
    });

    test("a response's cookies become set-cookie headers; the gateway adds apigw-requestid", async () => {
      const res = await get("/items", bearer(tokens.idToken("dev")));
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie()).toEqual(["seen=1; Path=/", "theme=dark"]);
      expect(res.headers.get("apigw-requestid")).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    });

    test("a function error is 500 Internal Server Error; an integration timeout 503 Service Unavailable", async () => {
      const boom = await get("/boom");
      expect([boom.status, await boom.json()]).toEqual([500, { message: "Internal Server Error" }]);
      const slow = await get("/slow");
      expect([slow.status, await slow.json()]).toEqual([503, { message: "Service Unavailable" }]);
    });
  });

  test("a private (VPC link) route answers 502, an unknown route 404 Not Found", async () => {
    const backend = await get("/service1/orders/1", bearer(tokens.idToken("dev")));
    expect([backend.status, await backend.json()]).toEqual([
      502,
      { error: "not_served_locally", message: "the local twin cannot serve this private integration: it reaches its backend through a VPC link" },
    ]);
    for (const [method, path] of [
      ["GET", "/nothing-here"],
      ["POST", "/hello"],
      ["GET", "/items/a/b"],
    ] as const) {
      const res = await get(path, {}, method);
      expect([res.status, await res.json()]).toEqual([404, { message: "Not Found" }]);
    }
  });

  test("an HTTP_PROXY route forwards the request, its path and query, to the integration's URL (or the local backend for its host)", async () => {
    const res = await get("/partner/orders/7?verbose=1", {}, "DELETE");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method: "DELETE", url: "/v1/orders/7?verbose=1", forwardedFor: "127.0.0.1" });
    expect(res.headers.getSetCookie()).toEqual(["u=1", "v=2"]);
  });

  test("the stage's throttling: a token bucket per route (burst, then the rate), 429 Too Many Requests", async () => {
    clock = 0;
    const statuses = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await fetch(`${throttled.url}/hello`)).status);
      return out;
    };
    expect(await statuses(3)).toEqual([200, 200, 429]);
    const refused = await fetch(`${throttled.url}/hello`);
    expect([refused.status, await refused.json()]).toEqual([429, { message: "Too Many Requests" }]);
    clock = 1000;
    expect(await statuses(2)).toEqual([200, 429]);
    // Another route has its own bucket.
    expect((await fetch(`${throttled.url}/items/x`, { headers: bearer(tokens.idToken("dev")) })).status).toBe(200);
  });

  test("one JSON access-log line per request, with the stage format's fields", async () => {
    logs.length = 0;
    const token = tokens.idToken("dev");
    await get("/items/42", bearer(token));
    await get("/items/42");
    await get("/nope");
    expect(logs).toHaveLength(3);
    const [ok, refused, missing] = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(ok as object)).toEqual(Object.keys(HTTP_ACCESS_LOG_FIELDS));
    const sub = (JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString("utf8")) as { sub: string }).sub;
    expect(ok).toMatchObject({
      httpMethod: "GET",
      routeKey: "GET /items/{id}",
      path: "/items/42",
      stage: "$default",
      status: "200",
      jwtSubject: sub,
      integrationStatus: "200",
      errorType: "-",
    });
    // The stage's format quotes every variable: API Gateway writes strings.
    expect(refused).toMatchObject({
      routeKey: "GET /items/{id}",
      status: "401",
      jwtSubject: "-",
      authorizerError: "the token is missing",
      errorMessage: "Unauthorized",
      integrationStatus: "-",
    });
    expect(missing).toMatchObject({ routeKey: "-", status: "404", errorMessage: "Not Found" });
  });

  test("metrics per route at /_twin/metrics: every request counts, refused ones too (CloudWatch's Count)", async () => {
    const count = async () =>
      ((await (await fetch(`${twin.url}/_twin/metrics`)).json()) as { methods: Record<string, { metrics: { Count: number } }> }).methods["GET /items/{id}"]
        ?.metrics.Count ?? 0;
    const before = await count();
    for (const id of ["1", "2"]) expect((await fetch(`${twin.url}/items/${id}`)).status).toBe(401);
    expect((await count()) - before).toBe(2);
  });
});

describe("GET /items through the real handler", () => {
  let db: DynamoDbLocal;
  let invoker: FunctionInvoker;
  let twin: HttpApiTwin;
  let tokens: TokenIssuer;

  beforeAll(async () => {
    const starting = testDynamoDb();
    const { model, api } = await captureDev();
    db = await starting;
    const table = model.tables.find((t) => t.partitionKey === "id" && model.functions[fn("itemsList")]?.environment.ITEMS_TABLE_NAME === t.name);
    if (!table) throw new Error("no items table in the dev model");
    const tableName = testTable(table.name);
    await db.client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    );
    await db.client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          id: "11111111-1111-4111-8111-111111111111",
          name: "lamp",
          version: 1,
          createdAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z",
        },
      }),
    );
    invoker = startLocalFunctions({
      functions: { [fn("itemsList")]: model.functions[fn("itemsList")] as TwinModel["functions"][string] },
      baseEnv: { ...db.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand", NODE_OPTIONS: "" },
      overrides: { [fn("itemsList")]: { ITEMS_TABLE_NAME: tableName } },
      log: testOutput("function"),
      region: model.region,
      account: model.account,
    });
    tokens = createTokenIssuer(model.region);
    twin = await startHttpApiTwin({ api, invoker, tokens, region: model.region, account: model.account, apiId: "twinhttp03", log: () => undefined });
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
    await invoker?.close();
    await db?.stop();
  });

  test("the item list comes from the local DynamoDB, with the CORS header for the app", async () => {
    const res = await fetch(`${twin.url}/items?limit=10`, { headers: { authorization: `Bearer ${tokens.idToken("dev")}`, origin: APP_ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(await res.json()).toEqual({
      items: [
        { id: "11111111-1111-4111-8111-111111111111", name: "lamp", version: 1, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" },
      ],
      nextCursor: null,
    });
  });
});
