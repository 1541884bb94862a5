import { createServer, request } from "http";
import type { AddressInfo } from "net";
import { connect } from "net";
import type { TwinHttpApi, TwinHttpRoute } from "../../local/http-api-capture";
import { startHttpApiTwin, type HttpApiTwin } from "../../local/http-api-twin";
import type { FunctionInvoker } from "../../local/model";
import { createTokenIssuer, type TokenIssuer } from "../../local/tokens";

/**
 * The HTTP API twin against what AWS's HTTP APIs answer, category by category (issue #16): each test
 * names the AWS documentation page or the recording from AWS it asserts.
 */

const lambda = (functionName: string): TwinHttpRoute["integration"] => ({
  kind: "lambda",
  functionName,
  qualifier: undefined,
  payloadFormatVersion: "2.0",
  timeoutMs: 30_000,
});
const route = (routeKey: string, functionName = "echo", extra: Partial<TwinHttpRoute> = {}): TwinHttpRoute => ({
  routeKey,
  authorizationType: "NONE",
  scopes: [],
  integration: lambda(functionName),
  ...extra,
});

const API: TwinHttpApi = {
  name: "fidelity",
  routes: [route("GET /items/{id}"), route("ANY /files/{proxy+}"), route("GET /private", "echo", { authorizationType: "JWT" }), route("$default")],
  cors: undefined,
  jwt: { issuer: "https://issuer.example.com", audiences: ["client"], identitySource: "$request.header.Authorization" },
  throttling: undefined,
  routeThrottling: {},
};

/** A GET over a fresh connection, the path sent as it is written and repeated headers kept apart. */
function rawGet(
  url: string,
  path: string,
  headers: Record<string, string | string[]> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: "GET", agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A request written byte by byte (Node's client would join repeated Cookie headers itself); resolves on the answer's first bytes. */
function rawRequest(port: number, lines: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`${lines.join("\r\n")}\r\n\r\n`));
    socket.once("data", (chunk: Buffer) => {
      resolve(chunk.toString("latin1"));
      socket.destroy();
    });
    socket.on("error", reject);
  });
}

describe("the HTTP API twin, category by category against AWS", () => {
  const events: Record<string, unknown>[] = [];
  const invoker: FunctionInvoker = {
    invoke: async (_name, event) => {
      events.push(event as Record<string, unknown>);
      return { statusCode: 200, body: "ok" };
    },
    close: async () => undefined,
  };
  let twin: HttpApiTwin;
  let tokens: TokenIssuer;
  const lastEvent = () =>
    events.at(-1) as { rawPath: string; cookies?: string[]; pathParameters?: Record<string, string>; requestContext: { http: { path: string } } };

  beforeAll(async () => {
    tokens = createTokenIssuer("us-east-1");
    twin = await startHttpApiTwin({ api: API, invoker, tokens, region: "us-east-1", account: "123456789012", apiId: "fidelity01", log: () => undefined });
  });
  afterAll(() => twin.close());

  describe("the event's path: percent-decoded", () => {
    // Recorded from AWS: a request to `/a%2Fb` arrives with `"rawPath": "/a/b"` (fastify/aws-lambda-fastify
    // issue #169, the event of a `$default` route); `/RSC/%40id%2Fassets%2Frsf0.js%23save.txt` as
    // `/RSC/@id/assets/rsf0.js#save.txt` (honojs/hono issue #2156); a decoded `?` truncates the path
    // (middleapi/standard-server pull request #93, checked against live captures).
    test("rawPath and requestContext.http.path carry the decoded path, whatever the route", async () => {
      await rawGet(twin.url, "/a%2Fb");
      expect([lastEvent().rawPath, lastEvent().requestContext.http.path]).toEqual(["/a/b", "/a/b"]);
      await rawGet(twin.url, "/RSC/%40id%2Fassets%2Frsf0.js%23save.txt");
      expect(lastEvent().rawPath).toBe("/RSC/@id/assets/rsf0.js#save.txt");
      await rawGet(twin.url, "/items/caf%C3%A9%20au%20lait");
      expect([lastEvent().rawPath, lastEvent().pathParameters]).toEqual(["/items/café au lait", { id: "café au lait" }]);
    });

    test("a decoded `?` ends the path; the query string is the request's own", async () => {
      await rawGet(twin.url, "/users/me%3Fadmin=true?x=1");
      const event = events.at(-1) as { rawPath: string; rawQueryString: string; requestContext: { http: { path: string } } };
      expect([event.rawPath, event.requestContext.http.path, event.rawQueryString]).toEqual(["/users/me", "/users/me", "x=1"]);
    });

    test("a path that does not decode (a bare `%`) stays as it was sent", async () => {
      await rawGet(twin.url, "/files/100%/done");
      expect(lastEvent().rawPath).toBe("/files/100%/done");
    });
  });

  // "Create AWS Lambda proxy integrations for HTTP APIs": "All cookie headers in the request are combined
  // ... and added to the cookies field", one cookie an entry (`"cookies": ["cookie1", "cookie2"]`).
  test("cookies from repeated Cookie headers are one entry each", async () => {
    const answer = await rawRequest(twin.port, ["GET /items/1 HTTP/1.1", "Host: twin", "Cookie: a=1; b=2", "Cookie: c=3", "Connection: close"]);
    expect(answer.startsWith("HTTP/1.1 200 ")).toBe(true);
    expect(lastEvent().cookies).toEqual(["a=1", "b=2", "c=3"]);
  });

  // ministackorg/ministack pull request #766, checked against a real HTTP API (payload 2.0, AWS_PROXY): the
  // body is a UTF-8 string only for `text/*`, `application/json`, `application/xml` and `application/javascript`;
  // "everything else — including a missing Content-Type and (surprisingly) application/x-www-form-urlencoded —
  // is base64-encoded".
  describe("the request body: text for the text media types, base64 for everything else", () => {
    const post = (contentType: string | undefined) =>
      fetch(`${twin.url}/files/upload`, {
        method: "POST",
        headers: contentType === undefined ? {} : { "content-type": contentType },
        body: new TextEncoder().encode("a=1&b=é"),
      });
    const text = { body: "a=1&b=é", isBase64Encoded: false };
    const base64 = { body: Buffer.from("a=1&b=é").toString("base64"), isBase64Encoded: true };

    test.each([
      ["text/plain", text],
      ["text/csv; charset=utf-8", text],
      ["application/json; charset=utf-8", text],
      ["Application/XML", text],
      ["application/javascript", text],
      [undefined, base64],
      ["application/x-www-form-urlencoded", base64],
      ["application/vnd.api+json", base64],
      ["application/graphql", base64],
      ["multipart/form-data; boundary=x", base64],
      ["application/octet-stream", base64],
    ])("Content-Type %s", async (contentType, expected) => {
      expect((await post(contentType)).status).toBe(200);
      const event = events.at(-1) as { body: string; isBase64Encoded: boolean };
      expect({ body: event.body, isBase64Encoded: event.isBase64Encoded }).toEqual(expected);
    });
  });

  describe("CORS preflights: routed like any request, answered by the gateway when no route takes OPTIONS", () => {
    const cors = {
      allowOrigins: ["https://app.example.com"],
      allowMethods: ["GET"],
      allowHeaders: ["authorization"],
      exposeHeaders: [],
      maxAge: 60,
      allowCredentials: false,
    };
    const jwt = { authorizationType: "JWT" as const };
    const preflight = (url: string, path: string) =>
      fetch(`${url}${path}`, { method: "OPTIONS", headers: { origin: "https://app.example.com", "access-control-request-method": "GET" } });
    let routed: HttpApiTwin;
    let withDefault: HttpApiTwin;
    beforeAll(async () => {
      const base = { invoker, tokens, region: "us-east-1", account: "123456789012", apiId: "fidelity02", log: () => undefined };
      const routes = [route("GET /items/{id}", "echo", jwt), route("ANY /secure/{proxy+}", "echo", jwt), route("ANY /files/{proxy+}")];
      routed = await startHttpApiTwin({ ...base, api: { ...API, cors, routes } });
      withDefault = await startHttpApiTwin({ ...base, api: { ...API, cors, routes: [route("$default", "echo", jwt)] } });
    });
    afterAll(async () => {
      await routed.close();
      await withDefault.close();
    });

    // "Configure CORS for HTTP APIs": API Gateway answers preflight OPTIONS requests "even if there isn't an
    // OPTIONS route configured for your API".
    test("no route for OPTIONS: the gateway answers 204 with the configured headers, the function not invoked", async () => {
      const before = events.length;
      const res = await preflight(routed.url, "/items/1");
      expect([res.status, res.headers.get("access-control-allow-origin"), res.headers.get("access-control-allow-methods")]).toEqual([
        204,
        "https://app.example.com",
        "GET",
      ]);
      expect(events.length).toBe(before);
    });

    // anomalyco/sst issue #5493 (an HTTP API): a JWT route `ANY /user` fails the browser's preflight ("It does
    // not have HTTP ok status") where `GET /user` passes: the ANY route takes the OPTIONS request, authorizer and all.
    test("an ANY route with a JWT authorizer takes the preflight: 401 Unauthorized", async () => {
      const res = await preflight(routed.url, "/secure/x");
      expect([res.status, await res.json()]).toEqual([401, { message: "Unauthorized" }]);
    });

    // "Configure CORS for HTTP APIs", on `$default` with an authorizer: "The $default route catches requests for
    // all methods and routes that you haven't explicitly defined, including OPTIONS requests."
    test("a $default route with a JWT authorizer takes the preflight: 401 Unauthorized", async () => {
      const res = await preflight(withDefault.url, "/anything");
      expect([res.status, await res.json()]).toEqual([401, { message: "Unauthorized" }]);
    });

    // "Configure CORS for HTTP APIs": "For a CORS request, API Gateway adds the configured CORS headers to the
    // response from an integration."
    test("an ANY route without authorization: the integration answers the preflight, with the configured allow-origin", async () => {
      const res = await preflight(routed.url, "/files/a");
      expect([res.status, await res.text(), res.headers.get("access-control-allow-origin")]).toEqual([200, "ok", "https://app.example.com"]);
      expect((events.at(-1) as { requestContext: { http: { method: string } } }).requestContext.http.method).toBe("OPTIONS");
    });
  });

  // "Create routes for HTTP APIs": "When the $default route receives a request, API Gateway sends the full
  // request path to the integration": with only `$default` on `https://petstore-demo-endpoint.execute-api.com`,
  // a request to `/store/checkout` goes to `https://petstore-demo-endpoint.execute-api.com/store/checkout`.
  test("an HTTP_PROXY integration on $default gets the request's whole path, the query after it", async () => {
    const seen: string[] = [];
    const upstream = createServer((req, res) => {
      seen.push(req.url ?? "");
      res.end("proxied");
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const proxy = await startHttpApiTwin({
      api: {
        ...API,
        routes: [
          {
            routeKey: "$default",
            authorizationType: "NONE",
            scopes: [],
            integration: { kind: "http", url: "https://petstore-demo-endpoint.execute-api.com", method: "ANY", timeoutMs: 5_000 },
          },
        ],
      },
      invoker,
      tokens,
      region: "us-east-1",
      account: "123456789012",
      apiId: "fidelity03",
      log: () => undefined,
      httpBackends: { "petstore-demo-endpoint.execute-api.com": `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` },
    });
    try {
      const res = await fetch(`${proxy.url}/store/checkout?cart=1`);
      expect([res.status, await res.text(), seen]).toEqual([200, "proxied", ["/store/checkout?cart=1"]]);
    } finally {
      await proxy.close();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
