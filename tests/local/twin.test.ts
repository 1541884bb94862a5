import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import WebSocket from "ws";
import { parseStartArgs, START_HELP, START_USAGE } from "../../local/cli";
import type { Twin } from "../../local/twin";
import { startTestTwin } from "../helpers/twin";

const ROOT = path.resolve(__dirname, "..", "..");

describe("npm start arguments", () => {
  const DEFAULTS = {
    stack: "dev",
    configFile: undefined,
    stage: undefined,
    port: 3000,
    backends: {},
    log: "short",
    watch: false,
    envFile: undefined,
    dataDir: undefined,
    tokenFile: undefined,
  };

  test("stack, stage and port, with defaults", () => {
    expect(parseStartArgs([])).toEqual(DEFAULTS);
    expect(parseStartArgs(["--stack", "edge", "--config-file", "examples/Pulumi.edge.yaml"])).toEqual({
      ...DEFAULTS,
      stack: "edge",
      configFile: "examples/Pulumi.edge.yaml",
    });
    expect(parseStartArgs(["--stack", "prod", "--stage", "prod", "--port", "0", "--backend", "legacy.example.com=http://127.0.0.1:4000"])).toEqual({
      ...DEFAULTS,
      stack: "prod",
      stage: "prod",
      port: 0,
      backends: { "legacy.example.com": "http://127.0.0.1:4000" },
    });
  });

  test("the dev-server options", () => {
    expect(parseStartArgs(["--watch", "--log", "json", "--env-file", "dev.env", "--data-dir", ".twin-data", "--token-file", "tokens.json"])).toEqual({
      ...DEFAULTS,
      log: "json",
      watch: true,
      envFile: "dev.env",
      dataDir: ".twin-data",
      tokenFile: "tokens.json",
    });
    expect(parseStartArgs(["--port", "4000", "--help"])).toBe("help");
    expect(parseStartArgs(["-h"])).toBe("help");
  });

  test("bad flags are named", () => {
    expect(() => parseStartArgs(["--verbose"])).toThrow(`unknown argument "--verbose"; ${START_USAGE}`);
    expect(() => parseStartArgs(["--port", "http"])).toThrow('--port: "http" is not a port from 0 to 65533 (the WebSocket and HTTP APIs take the next two)');
    expect(() => parseStartArgs(["--stack"])).toThrow(`--stack needs a value; ${START_USAGE}`);
    expect(() => parseStartArgs(["--backend", "legacy"])).toThrow(
      '--backend: "legacy" is not <host>=<http(s) base URL>, e.g. legacy.example.com=http://127.0.0.1:4000',
    );
    expect(() => parseStartArgs(["--log", "xml"])).toThrow('--log: "xml" is not one of short, json');
    expect(() => parseStartArgs(["--env-file", "--watch"])).toThrow(`--env-file needs a value; ${START_USAGE}`);
  });

  test("--help exits 0; bad usage (a bad flag, no such stack or env file) exits 2; a stack that fails validation or a bad env file line exits 1", async () => {
    const start = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ["-r", "./scripts/register-typescript.cjs", "local/cli.ts", "--", ...args],
          { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
          (error, stdout, stderr) => {
            const code = (error as { code?: unknown } | null)?.code;
            resolve({ status: error ? (typeof code === "number" ? code : null) : 0, stdout, stderr });
          },
        ),
      );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "twin-args-"));
    const invalid = path.join(dir, "Pulumi.bad.yaml");
    fs.writeFileSync(invalid, "config:\n  microservice-gateway:gateway:\n    environment: moon\n");
    const envFile = path.join(dir, "bad.env");
    fs.writeFileSync(envFile, "# fine\nGOOD=1\nnot a line\n");
    try {
      const [help, bad, missing, noEnv, failing, badEnv] = await Promise.all([
        start("--help"),
        start("--port", "x"),
        start("--stack", "nope", "--port", "0"),
        start("--port", "0", "--env-file", path.join(dir, "none.env")),
        start("--stack", "bad", "--config-file", invalid, "--port", "0"),
        start("--port", "0", "--env-file", envFile),
      ]);
      expect([help.status, help.stdout, help.stderr]).toEqual([0, `${START_HELP}\n`, ""]);
      expect([bad.status, bad.stderr]).toEqual([2, '--port: "x" is not a port from 0 to 65533 (the WebSocket and HTTP APIs take the next two)\n']);
      expect([missing.status, missing.stderr]).toEqual([
        2,
        'no stack "nope": there is no Pulumi.nope.yaml; the stacks here are dev, prod (add one by copying a stack file, and policies/config/<stack>.json for its pack config)\n',
      ]);
      expect([noEnv.status, noEnv.stderr]).toEqual([2, `--env-file: ${path.join(dir, "none.env")}: no such file\n`]);
      expect(failing.status).toBe(1);
      expect(failing.stderr).toMatch(/^invalid stack configuration \(\d+ problems?\):\n/);
      expect([badEnv.status, badEnv.stderr]).toEqual([1, `${envFile}:3: "not a line" is not KEY=VALUE\n`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the dev stack's local twin", () => {
  let twin: Twin;
  const logs: string[] = [];
  beforeAll(async () => {
    twin = await startTestTwin({ stack: "dev", port: 0, log: (line) => logs.push(line) });
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
  });

  test("it says what it cannot serve, and why", () => {
    expect(twin.model.unsupported.map((u) => u.what)).toEqual(
      expect.arrayContaining(["backend service1 (ECS Fargate)", "backend service2 (EC2 Auto Scaling)"]),
    );
  });

  test("SQS and Step Functions routes reach stand-ins that record what they receive, through the routes' templates", async () => {
    const order = await fetch(`${twin.restUrl}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sku: "A1" }),
    });
    expect(order.status).toBe(202);
    const accepted = (await order.json()) as { messageId: string; requestId: string };
    const checkout = await fetch(`${twin.restUrl}/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ cart: [1] }),
    });
    expect(checkout.status).toBe(202);
    const started = (await checkout.json()) as { executionArn: string };
    const recorded = (await (await fetch(`${new URL(twin.restUrl as string).origin}/_twin/stand-ins`)).json()) as {
      messages: { queue: string; messageId: string; body: string; attributes: Record<string, string> }[];
      executions: { executionArn: string; input: string }[];
    };
    expect(recorded.messages).toEqual([
      {
        queue: expect.stringMatching(/^123456789012\/queue-orders-queue-/),
        messageId: accepted.messageId,
        body: '{"sku":"A1"}',
        attributes: { requestId: accepted.requestId },
      },
    ]);
    expect(recorded.executions).toEqual([expect.objectContaining({ executionArn: started.executionArn, input: '{"cart":[1]}' })]);
  });

  test("an item round-trips through the real handlers and the local DynamoDB", async () => {
    const created = await fetch(`${twin.restUrl}/items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "lamp", price: 12.5 }),
    });
    expect(created.status).toBe(201);
    const item = (await created.json()) as { id: string; name: string; version: number };
    expect(item).toMatchObject({ name: "lamp", price: 12.5, version: 1 });
    const read = await fetch(`${twin.restUrl}/items/${item.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(item);
    expect(read.headers.get("etag")).toBe(`"1"`);
    const deleted = await fetch(`${twin.restUrl}/items/${item.id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${twin.restUrl}/items/${item.id}`)).status).toBe(404);
  });

  test("the stage variable picks the alias; the mock answers from its templates; the docs come from the repository", async () => {
    const hello = await fetch(`${twin.restUrl}/hello`);
    expect(hello.status).toBe(200);
    expect(await hello.json()).toMatchObject({
      alias: "DEV",
      stage: "dev",
      stageVariables: { lambdaAlias: "DEV" },
      functionName: "microservice-gateway-dev-hello",
    });
    const mock = await fetch(`${twin.restUrl}/examples/items/7`);
    expect([mock.status, mock.headers.get("x-mock")]).toEqual([200, "true"]);
    const missing = await fetch(`${twin.restUrl}/examples/items/7?mockStatus=404`);
    expect(missing.status).toBe(404);
    const docs = await fetch(`${twin.restUrl}/docs`);
    expect([docs.status, docs.headers.get("content-type")]).toEqual([200, "text/html; charset=utf-8"]);
    expect(await docs.text()).toContain("<html");
  });

  test("the Lambda (non-proxy) route answers through its templates: reshape-body.vtl makes the event (with the stage's sourceSystem), order-preview.vtl the answer, order-refused.vtl a refused order", async () => {
    const post = (order: unknown) =>
      fetch(`${twin.restUrl}/orders/preview`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(order) });
    const previewed = await post({
      customerName: "Ada",
      street: "12 Analytical Row",
      city: "London",
      items: [
        { sku: "ENG-1", qty: 1 },
        { sku: "CARD-9", qty: 250 },
      ],
    });
    const requestId = previewed.headers.get("x-amzn-requestid");
    expect([previewed.status, await previewed.json()]).toEqual([
      200,
      { order: { customer: "Ada", lines: 2, units: 251, shipTo: "12 Analytical Row, London" }, receivedBy: { stage: "dev", source: "dev-gateway" }, requestId },
    ]);
    const refused = await post({ customerName: "Ada", items: [{ sku: "ENG-1", qty: 0 }] });
    expect([refused.status, await refused.json()]).toEqual([
      400,
      { error: "invalid_order", message: "items[0].qty must be an integer of at least 1", requestId: refused.headers.get("x-amzn-requestid") },
    ]);
  });

  test("a missing document: S3's 403 goes through the route's integration response (40[34] -> 404) and its template", async () => {
    const missing = await fetch(`${twin.restUrl}/docs/no-such-page.html`);
    const requestId = missing.headers.get("x-amzn-requestid");
    expect([missing.status, await missing.json()]).toEqual([404, { error: "not_found", message: "No such resource", requestId }]);
  });

  test("routes the twin cannot reach answer 502 with a JSON message; unknown paths get the API's gateway response", async () => {
    const backend = await fetch(`${twin.restUrl}/service1/x`);
    expect(backend.status).toBe(502);
    expect(await backend.json()).toEqual({ error: "not_served_locally", message: "the local twin cannot serve this private (VPC link) integration" });
    const unknown = await fetch(`${twin.restUrl}/nothing-here`);
    // AWS answers an unknown path as it answers an unsigned call: 403 Missing Authentication Token.
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toMatchObject({ error: "missing_authentication_token", message: "Missing Authentication Token" });
  });

  test("the Lambda authorizer admits the twin's token and refuses others", async () => {
    expect((await fetch(`${twin.restUrl}/me`)).status).toBe(401);
    expect((await fetch(`${twin.restUrl}/me`, { headers: { authorization: "Bearer not-a-token" } })).status).toBe(401);
    const me = await fetch(`${twin.restUrl}/me`, { headers: { authorization: `Bearer ${twin.tokens.idToken("ada")}` } });
    expect(me.status).toBe(200);
  });

  // AWS, "CORS for REST APIs in API Gateway": the OPTIONS method's MOCK integration answers the preflight,
  // a Lambda proxy function sends its own headers, and gateway responses need them too.
  test("the REST API's CORS (api.cors): the preflight, the real handler's answers, API Gateway's own errors", async () => {
    const APP = "http://localhost:3000";
    const corsOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("access-control-") || name === "vary"));
    const preflight = (origin: string) =>
      fetch(`${twin.restUrl}/items/abc`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "PUT", "access-control-request-headers": "if-match,content-type" },
      });
    const allowed = await preflight(APP);
    expect([allowed.status, corsOf(allowed)]).toEqual([
      200,
      {
        "access-control-allow-headers": "Authorization,Content-Type,If-Match,X-Amz-Date,X-Amz-Security-Token,X-Api-Key",
        "access-control-allow-methods": "GET,PUT,PATCH,DELETE,OPTIONS",
        "access-control-allow-origin": APP,
        "access-control-max-age": "3600",
        vary: "Origin",
      },
    ]);
    // One origin: a static value, the same whoever asks (the browser compares it with its own origin).
    expect((await preflight("https://evil.example.com")).headers.get("access-control-allow-origin")).toBe(APP);
    const created = await fetch(`${twin.restUrl}/items`, {
      method: "POST",
      headers: { origin: APP, "content-type": "application/json" },
      body: JSON.stringify({ name: "cors", price: 1 }),
    });
    expect([created.status, corsOf(created)]).toEqual([201, { "access-control-allow-origin": APP, "access-control-expose-headers": "ETag", vary: "Origin" }]);
    // The function's own 404, and an answer to an origin it does not list.
    const missing = await fetch(`${twin.restUrl}/items/no-such-item`, { headers: { origin: APP } });
    expect([missing.status, missing.headers.get("access-control-allow-origin")]).toEqual([404, APP]);
    const other = await fetch(`${twin.restUrl}/items/no-such-item`, { headers: { origin: "https://evil.example.com" } });
    expect([other.headers.get("access-control-allow-origin"), other.headers.get("vary")]).toEqual([null, "Origin"]);
    const unknown = await fetch(`${twin.restUrl}/nothing-here`, { headers: { origin: APP } });
    expect([unknown.status, unknown.headers.get("x-amzn-errortype"), corsOf(unknown)]).toEqual([
      403,
      "MissingAuthenticationTokenException",
      { "access-control-allow-origin": APP, vary: "Origin" },
    ]);
  });

  test("one access-log line per request, in the stage's JSON format", () => {
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => "httpMethod" in l);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.find((l) => l.resourcePath === "/items/{id}" && l.httpMethod === "GET")).toMatchObject({ status: "200", stage: "dev" }); // the format quotes every variable: AWS writes strings
  });

  test("the stage's CloudWatch metrics, counted locally, at /_twin/metrics", async () => {
    const response = await fetch(`${new URL(twin.restUrl as string).origin}/_twin/metrics`);
    expect(response.status).toBe(200);
    const summary = twin.metrics!.summary();
    expect(summary.stage.dimensions).toEqual({ ApiName: "microservice-gateway-dev", Stage: "dev" });
    expect(summary.stage.metrics.Count).toBeGreaterThan(5);
    expect(summary.stage.metrics["5XXError"]).toBe(1); // the backend route's 502
  });

  test("the HTTP API: CORS preflight, JWT routes, Lambda with payload 2.0 through the real handler", async () => {
    const preflight = await fetch(`${twin.httpUrl}/items`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:3000", "access-control-request-method": "GET" },
    });
    expect([preflight.status, preflight.headers.get("access-control-allow-origin")]).toEqual([204, "http://localhost:3000"]);
    expect((await fetch(`${twin.httpUrl}/items`)).status).toBe(401);
    const items = await fetch(`${twin.httpUrl}/items`, { headers: { authorization: `Bearer ${twin.tokens.idToken("ada")}`, origin: "http://localhost:3000" } });
    expect([items.status, items.headers.get("access-control-allow-origin")]).toEqual([200, "http://localhost:3000"]);
    expect(await items.json()).toMatchObject({ items: expect.any(Array) });
    expect((await fetch(`${twin.httpUrl}/hello`)).status).toBe(200);
  });

  test("a WebSocket client receives a broadcast", async () => {
    const token = twin.tokens.idToken("ada");
    const open = (url: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(url);
        socket.once("open", () => resolve(socket));
        socket.once("error", reject);
      });
    const alice = await open(`${twin.websocketUrl}?token=${token}`);
    const bob = await open(`${twin.websocketUrl}?token=${token}`);
    const received = new Promise<string>((resolve) => bob.once("message", (data) => resolve(String(data))));
    alice.send(JSON.stringify({ action: "sendMessage", message: "hello from alice" }));
    expect(JSON.parse(await received)).toMatchObject({ message: "hello from alice" });
    alice.close();
    bob.close();
  });
});
