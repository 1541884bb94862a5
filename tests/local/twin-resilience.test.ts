import { request } from "http";
import { createServer, type Server } from "net";
import { PortInUse, listen } from "../../local/server-kit";
import { startHttpApiTwin } from "../../local/http-api-twin";
import { startWebSocketTwin } from "../../local/websocket-twin";
import { startTwin } from "../../local/twin";
import { proxyOperation, rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";
import { createServer as createHttpServer } from "http";

/** Holds a port on 127.0.0.1 the way another program would. */
function occupy(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

const busy = (port: number, what: string) =>
  `port ${port} (${what}) is already in use; stop what listens there or start the twin on other ports with --port <port> (the REST API takes it, the WebSocket and HTTP APIs the next two)`;

describe("a busy port is one line naming it and --port, for every listener", () => {
  let held: { server: Server; port: number };
  beforeAll(async () => {
    held = await occupy();
  });
  afterAll(() => new Promise<void>((resolve) => held.server.close(() => resolve())));

  const invoker = scriptedInvoker({});
  test("the REST API", async () => {
    await expect(serveRest(restApiFrom({ paths: {} }), invoker, { port: held.port })).rejects.toThrow(busy(held.port, "REST API"));
  });

  test("the WebSocket API", async () => {
    const api = { name: "ws", routeSelectionExpression: "$request.body.action", routes: [], authorizer: undefined };
    await expect(
      startWebSocketTwin({ api, stage: "dev", invoker, region: "us-east-1", account: "1", apiId: "a", port: held.port, log: () => undefined }),
    ).rejects.toThrow(busy(held.port, "WebSocket API"));
  });

  test("the HTTP API", async () => {
    const api = { name: "http", routes: [], cors: undefined, jwt: undefined, throttling: undefined, routeThrottling: {} };
    await expect(
      startHttpApiTwin({
        api,
        invoker,
        tokens: { verify: async () => undefined },
        region: "us-east-1",
        account: "1",
        apiId: "h",
        port: held.port,
        log: () => undefined,
      }),
    ).rejects.toThrow(busy(held.port, "HTTP API"));
  });

  test("the whole twin: the WebSocket API's port (the REST port + 1) is checked before any start-up work", async () => {
    const error = await startTwin({ stack: "dev", port: held.port - 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUse);
    expect((error as Error).message).toBe(busy(held.port, "WebSocket API"));
  });

  test("the listen helper gives the OS-picked port for 0", async () => {
    const server = createHttpServer();
    const port = await listen(server, 0, "test");
    expect(port).toBeGreaterThan(0);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe("request bodies are limited while they stream", () => {
  let rest: RestHarness;
  beforeAll(async () => {
    rest = await serveRest(
      restApiFrom({ paths: { "/open": { get: proxyOperation("ok"), post: proxyOperation("ok") } } }),
      scriptedInvoker({ ok: () => ({ statusCode: 200, body: "ok" }) }),
    );
  });
  afterAll(() => rest.close());

  test("a chunked body passing 10 MB is refused with 413 as it arrives (the upload need not end); requests meanwhile are served", async () => {
    const url = new URL(`${rest.url}/open`);
    const megabyte = Buffer.alloc(1024 * 1024, 0x61);
    const served: number[] = [];
    const refused = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url, { method: "POST", agent: false, headers: { "transfer-encoding": "chunked" } }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, text });
          req.destroy();
        });
      });
      req.on("error", reject);
      // One megabyte, then a request of its own while this upload is open, then ten more megabytes and
      // one byte: past the limit, and never the end of the body.
      req.write(megabyte);
      void rawRequest(`${rest.url}/open`).then((r) => {
        served.push(r.status);
        for (let i = 0; i < 9; i++) req.write(megabyte);
        req.write(Buffer.from("b"));
      }, reject);
    });
    expect([refused, served]).toEqual([{ status: 413, text: "HTTP content length exceeded 10485760 bytes." }, [200]]);
  });
});

describe("an answer Node cannot send never ends the twin", () => {
  test("REST: a mapping template that sets a header value holding CR LF is a 502 and a diagnostic line; the next request is served", async () => {
    const document = {
      paths: {
        "/mock": {
          get: {
            security: [],
            "x-amazon-apigateway-integration": {
              type: "mock",
              requestTemplates: { "application/json": '{"statusCode": 200}' },
              responses: {
                default: {
                  statusCode: "200",
                  responseTemplates: { "application/json": "#set($context.responseOverride.header.X-Bad = $util.urlDecode('a%0D%0Ab')){}" },
                },
              },
            },
          },
        },
        "/ok": { get: proxyOperation("ok") },
      },
    };
    const rest = await serveRest(restApiFrom(document), scriptedInvoker({ ok: () => ({ statusCode: 200, body: "ok" }) }));
    try {
      const bad = await rawRequest(`${rest.url}/mock`);
      expect([bad.status, bad.headers["x-amzn-errortype"], bad.text]).toEqual([502, "InternalServerErrorException", '{"message": "Internal server error"}']);
      expect(rest.warnings).toEqual([
        `the twin answered 502 for GET /dev/mock: the integration's response cannot be sent (header "x-bad" has a value with a character HTTP forbids (CR, LF or NUL): "a\\r\\nb")`,
      ]);
      expect((await rawRequest(`${rest.url}/ok`)).text).toBe("ok");
    } finally {
      await rest.close();
    }
  });

  test("HTTP API: a 2.0 response with a header value holding CR LF is a 500 and a diagnostic line; the next request is served", async () => {
    const lambda = (functionName: string) => ({ kind: "lambda" as const, functionName, qualifier: undefined, payloadFormatVersion: "2.0", timeoutMs: 1000 });
    const api = {
      name: "http",
      routes: [
        { routeKey: "GET /bad", authorizationType: "NONE" as const, scopes: [], integration: lambda("bad") },
        { routeKey: "GET /ok", authorizationType: "NONE" as const, scopes: [], integration: lambda("ok") },
      ],
      cors: undefined,
      jwt: undefined,
      throttling: undefined,
      routeThrottling: {},
    };
    const warnings: string[] = [];
    const invoker = scriptedInvoker({ bad: () => ({ statusCode: 200, headers: { "x-evil": "a\r\nb" } }), ok: () => ({ statusCode: 200, body: "ok" }) });
    const twin = await startHttpApiTwin({
      api,
      invoker,
      tokens: { verify: async () => undefined },
      region: "us-east-1",
      account: "1",
      apiId: "h",
      log: () => undefined,
      warn: (l) => warnings.push(l),
    });
    try {
      const bad = await rawRequest(`${twin.url}/bad`);
      expect([bad.status, bad.text]).toEqual([500, '{"message":"Internal Server Error"}']);
      expect(warnings).toEqual([
        `the twin answered 500 for GET /bad: the integration's response cannot be sent (header "x-evil" has a value with a character HTTP forbids (CR, LF or NUL): "a\\r\\nb")`,
      ]);
      expect((await rawRequest(`${twin.url}/ok`)).text).toBe("ok");
    } finally {
      await twin.close();
    }
  });
});
