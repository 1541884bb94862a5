import { ApiGatewayManagementApiClient, GetConnectionCommand, GoneException, PostToConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Context } from "aws-lambda";
import WebSocket from "ws";
import { handler as authorizerHandler } from "../../functions/authorizer/request";
import { handler as connectHandler } from "../../functions/websocket/connect";
import { handler as defaultHandler } from "../../functions/websocket/default";
import { handler as disconnectHandler } from "../../functions/websocket/disconnect";
import { handler as kickHandler } from "../../functions/websocket/kick";
import { handler as leaveHandler } from "../../functions/websocket/leave";
import { handler as sendMessageHandler } from "../../functions/websocket/send-message";
import { handler as whoamiHandler } from "../../functions/websocket/whoami";
import { WEBSOCKET_ACCESS_LOG_FIELDS } from "../../components/websocket-api/websocket-policy";
import type { FunctionInvoker, TwinWebSocketApi } from "../../local/model";
import { startWebSocketTwin, type WebSocketTwin } from "../../local/websocket-twin";
import { captureLogs, type LogCapture } from "../functions/log-capture";
import { lambdaContext } from "../helpers/api-gateway-event";
import { LOCAL_CREDENTIALS, LOCAL_REGION, setEnv, testDynamoDb, testTable, type DynamoDbLocal } from "../helpers/dynamodb-local";
import { jwks, makeKeyPair, signToken } from "../helpers/jwt";
import { manualTimers } from "../helpers/manual-timers";
import { createConnectionsTable } from "../helpers/websocket";

const TABLE = testTable("connections");
const STAGE = "dev";
const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const API_ID = "abc123defg";
const ISSUER = "https://issuer.example.com";
const AUDIENCE = "chat-api";
const ACTIONS = ["sendMessage", "whoami", "leave", "kick"];

const fn = (name: string): string => `microservice-gateway-dev-${name}`;
const AUTHORIZER = fn("wsAuthorizer");

const API: TwinWebSocketApi = {
  name: "microservice-gateway-dev-ws",
  routeSelectionExpression: "$request.body.action",
  routes: [
    { routeKey: "$connect", functionName: fn("wsConnect") },
    { routeKey: "$disconnect", functionName: fn("wsDisconnect") },
    { routeKey: "$default", functionName: fn("wsDefault") },
    { routeKey: "sendMessage", functionName: fn("wsSendMessage") },
    { routeKey: "whoami", functionName: fn("wsWhoami") },
    { routeKey: "leave", functionName: fn("wsLeave") },
    { routeKey: "kick", functionName: fn("wsKick") },
    { routeKey: "explode", functionName: fn("wsExplode") },
  ],
  authorizer: { functionName: AUTHORIZER, identitySources: ["route.request.querystring.token"] },
};

/** A second API: no authorizer, no `$default`, a `$connect` that agrees to a subprotocol. */
const BARE_API: TwinWebSocketApi = {
  name: "bare",
  routeSelectionExpression: "$request.body.action",
  routes: [
    { routeKey: "$connect", functionName: fn("bareConnect") },
    { routeKey: "$disconnect", functionName: fn("bareDisconnect") },
    { routeKey: "echo", functionName: fn("bareEcho") },
  ],
  authorizer: undefined,
};

type Handler = (event: never, context: Context) => Promise<unknown>;
const HANDLERS: Record<string, Handler> = {
  [AUTHORIZER]: authorizerHandler as Handler,
  [fn("wsConnect")]: connectHandler as Handler,
  [fn("wsDisconnect")]: disconnectHandler as Handler,
  [fn("wsDefault")]: defaultHandler as Handler,
  [fn("wsSendMessage")]: sendMessageHandler as Handler,
  [fn("wsWhoami")]: whoamiHandler as Handler,
  [fn("wsLeave")]: leaveHandler as Handler,
  [fn("wsKick")]: kickHandler as Handler,
  [fn("wsExplode")]: async () => {
    throw new Error("boom");
  },
  [fn("bareConnect")]: async (event: never) => {
    const offered = (event as { headers?: Record<string, string> }).headers?.["Sec-WebSocket-Protocol"];
    return offered === undefined ? { statusCode: 200 } : { statusCode: 200, headers: { "Sec-WebSocket-Protocol": offered.split(",")[0]!.trim() } };
  },
  [fn("bareDisconnect")]: async () => ({ statusCode: 200 }),
  [fn("bareEcho")]: async () => ({ statusCode: 200, body: "never sent: no route response" }),
};

interface Call {
  functionName: string;
  event: Record<string, any>;
  /** Resolves once the handler has answered or thrown. */
  settled: Promise<void>;
}

/** Runs the handlers in this process, as Lambda would run their bundles, recording every invocation. */
function testInvoker(calls: Call[]): FunctionInvoker {
  let n = 0;
  return {
    invoke(functionName, event) {
      const handler = HANDLERS[functionName];
      const result =
        handler === undefined
          ? Promise.reject(new Error(`no function ${functionName}`))
          : Promise.resolve().then(() => handler(event as never, lambdaContext({ functionName, awsRequestId: `lambda-${++n}` })));
      calls.push({
        functionName,
        event: event as Record<string, any>,
        settled: result.then(
          () => undefined,
          () => undefined,
        ),
      });
      return result;
    },
    close: async () => undefined,
  };
}

const key = makeKeyPair("twin-key");
const otherKey = makeKeyPair("twin-key");
const now = (): number => Math.floor(Date.now() / 1000);
const token = (sub: string, scope = "chat", signer = key): string =>
  signToken(signer, { iss: ISSUER, aud: AUDIENCE, sub, scope, iat: now(), exp: now() + 600 });

let db: DynamoDbLocal;
let twin: WebSocketTwin;
let bare: WebSocketTwin;
/** The bare API's idle and maximum-duration limits: they fall due only when a test moves this clock. */
const bareTimers = manualTimers();
let management: ApiGatewayManagementApiClient;
let restoreEnv: () => void = () => undefined;
let logs: LogCapture;
const calls: Call[] = [];
const bareCalls: Call[] = [];
const accessLog: Record<string, string>[] = [];
const bareAccessLog: Record<string, string>[] = [];

beforeAll(async () => {
  logs = captureLogs();
  [db, twin, bare] = await Promise.all([
    testDynamoDb(),
    startWebSocketTwin({
      api: API,
      stage: STAGE,
      invoker: testInvoker(calls),
      region: REGION,
      account: ACCOUNT,
      apiId: API_ID,
      log: (line) => accessLog.push(JSON.parse(line) as Record<string, string>),
    }),
    startWebSocketTwin({
      api: BARE_API,
      stage: "bare",
      invoker: testInvoker(bareCalls),
      region: REGION,
      account: ACCOUNT,
      apiId: "bare123456",
      idleTimeoutMs: 1_000,
      timers: bareTimers,
      log: (line) => bareAccessLog.push(JSON.parse(line) as Record<string, string>),
    }),
  ]);
  restoreEnv = setEnv({
    ...db.env,
    CONNECTIONS_TABLE_NAME: TABLE,
    CALLBACK_URL: twin.callbackUrl,
    BROADCAST_CONCURRENCY: undefined,
    WEBSOCKET_ADMINS: undefined,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    JWT_PUBLIC_JWKS: JSON.stringify(jwks(key)),
    JWT_JWKS_URI: undefined,
    JWT_REQUIRED_SCOPES: "chat",
  });
  await createConnectionsTable(db.client, TABLE);
  management = new ApiGatewayManagementApiClient({ endpoint: twin.callbackUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
});

afterAll(async () => {
  await Promise.all([twin?.close(), bare?.close()]);
  management?.destroy();
  restoreEnv();
  await db?.stop();
  logs.stop();
});

/** A connected `ws` client that keeps every frame it receives. */
class Client {
  readonly frames: any[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private closedWith: { code: number; reason: string } | undefined;
  private wake: () => void = () => undefined;

  constructor(readonly ws: WebSocket) {
    ws.on("message", (data: WebSocket.RawData, isBinary: boolean) => {
      const text = Buffer.isBuffer(data) ? data.toString("utf8") : String(data);
      this.frames.push(isBinary ? { binary: text } : JSON.parse(text));
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on("close", (code: number, reason: Buffer) => {
        this.closedWith = { code, reason: reason.toString("utf8") };
        resolve(this.closedWith);
        this.wake();
      }),
    );
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The first frame (removed from `frames`) that matches, once it has arrived (only the test's own timeout ends the wait). */
  async next(matches: (frame: any) => boolean = () => true): Promise<any> {
    for (;;) {
      const index = this.frames.findIndex(matches);
      if (index >= 0) return this.frames.splice(index, 1)[0];
      if (this.closedWith)
        throw new Error(`no matching frame before the connection closed (${JSON.stringify(this.closedWith)}); received ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Its connection id, as `whoami` reports it. */
  async id(): Promise<string> {
    this.send({ action: "whoami" });
    return (await this.next((frame) => frame.type === "whoami")).connectionId as string;
  }
}

const clients: Client[] = [];

function open(url: string, protocols?: string[]): Promise<Client> {
  const client = new Client(new WebSocket(url, protocols));
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.ws.once("open", () => resolve(client));
    client.ws.once("error", reject);
    client.ws.once("unexpected-response", (_req, res) => reject(new Error(`handshake refused with ${res.statusCode}`)));
  });
}

const connect = (query: string): Promise<Client> => open(`${twin.url}?${query}`);

/** The status a refused handshake got. */
function refusal(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("open", () => {
      ws.terminate();
      reject(new Error("the handshake was accepted"));
    });
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}

afterEach(async () => {
  const open = clients.splice(0);
  for (const client of open) if (client.ws.readyState === WebSocket.OPEN) client.ws.close(1000);
  await Promise.all(open.map((client) => (client.ws.readyState === WebSocket.CONNECTING ? undefined : client.closed)));
  await eventually(() => twin.connections() === 0 && bare.connections() === 0);
});

/** Waits until `check` holds (`_what` names it for the reader); only the test's own timeout ends the wait. */
async function eventually(check: () => boolean | Promise<boolean>, _what = "condition"): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function stored(connectionId: string): Promise<Record<string, unknown> | undefined> {
  return (await db.client.send(new GetCommand({ TableName: TABLE, Key: { connectionId }, ConsistentRead: true }))).Item;
}

const callsTo = (functionName: string, list = calls): Call[] => list.filter((call) => call.functionName === functionName);
const callFor = (functionName: string, connectionId: string, list = calls): Call | undefined =>
  callsTo(functionName, list).find((call) => call.event.requestContext?.connectionId === connectionId);
const eventFor = (functionName: string, connectionId: string, list = calls): Call["event"] | undefined => callFor(functionName, connectionId, list)?.event;

describe("$connect", () => {
  it("authorizes the token, stores the connection with its principal, and passes the authorizer's context to every event", async () => {
    const client = await connect(`token=${token("alice")}&room=lobby`);
    const id = await client.id();

    expect(id).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(await stored(id)).toEqual({ connectionId: id, connectedAt: expect.any(String), expiresAt: expect.any(Number), room: "lobby", principalId: "alice" });

    const port = twin.port;
    const authorizerEvent = eventFor(AUTHORIZER, id)!;
    expect(authorizerEvent).toMatchObject({
      type: "REQUEST",
      methodArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API_ID}/${STAGE}/$connect`,
      queryStringParameters: { token: expect.any(String), room: "lobby" },
      multiValueQueryStringParameters: { room: ["lobby"] },
      stageVariables: {},
      headers: { Host: `127.0.0.1:${port}`, "Sec-WebSocket-Version": "13", Upgrade: "websocket" },
      multiValueHeaders: { Host: [`127.0.0.1:${port}`] },
      requestContext: { routeKey: "$connect", eventType: "CONNECT", connectionId: id, apiId: API_ID, stage: STAGE },
    });
    expect(authorizerEvent.requestContext).not.toHaveProperty("authorizer");

    const connectEvent = eventFor(fn("wsConnect"), id)!;
    expect(connectEvent).toEqual({
      headers: expect.objectContaining({ Host: `127.0.0.1:${port}`, "Sec-WebSocket-Key": expect.any(String) }),
      multiValueHeaders: expect.objectContaining({ "Sec-WebSocket-Version": ["13"] }),
      queryStringParameters: { token: expect.any(String), room: "lobby" },
      multiValueQueryStringParameters: { token: [expect.any(String)], room: ["lobby"] },
      requestContext: {
        routeKey: "$connect",
        eventType: "CONNECT",
        extendedRequestId: authorizerEvent.requestContext.requestId,
        requestTime: expect.stringMatching(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/),
        messageDirection: "IN",
        stage: STAGE,
        connectedAt: expect.any(Number),
        requestTimeEpoch: expect.any(Number),
        identity: { sourceIp: "127.0.0.1" },
        requestId: authorizerEvent.requestContext.requestId,
        domainName: `127.0.0.1:${port}`,
        connectionId: id,
        apiId: API_ID,
        authorizer: {
          principalId: "alice",
          sub: "alice",
          issuer: ISSUER,
          scope: "chat",
          expiresAt: expect.any(Number),
          integrationLatency: expect.any(Number),
        },
      },
      isBase64Encoded: false,
    });

    const whoamiEvent = eventFor(fn("wsWhoami"), id)!;
    expect(whoamiEvent).toEqual({
      requestContext: expect.objectContaining({
        routeKey: "whoami",
        eventType: "MESSAGE",
        messageId: expect.stringMatching(/=$/),
        connectionId: id,
        connectedAt: connectEvent.requestContext.connectedAt,
        authorizer: connectEvent.requestContext.authorizer,
      }),
      body: JSON.stringify({ action: "whoami" }),
      isBase64Encoded: false,
    });
    expect(whoamiEvent.requestContext.requestId).not.toBe(connectEvent.requestContext.requestId);
  });

  it("answers 401 without invoking the authorizer when the token is missing (or empty)", async () => {
    const before = callsTo(AUTHORIZER).length;
    expect(await refusal(twin.url)).toEqual({ status: 401, body: JSON.stringify({ message: "Unauthorized" }) });
    expect((await refusal(`${twin.url}?token=`)).status).toBe(401);
    expect(callsTo(AUTHORIZER)).toHaveLength(before);
  });

  it("answers 401 when the authorizer throws Unauthorized (a token signed by another key), without invoking $connect", async () => {
    const before = { authorizer: callsTo(AUTHORIZER).length, connect: callsTo(fn("wsConnect")).length };
    expect(await refusal(`${twin.url}?token=${token("mallory", "chat", otherKey)}`)).toEqual({
      status: 401,
      body: JSON.stringify({ message: "Unauthorized" }),
    });
    expect(callsTo(AUTHORIZER)).toHaveLength(before.authorizer + 1);
    expect(callsTo(fn("wsConnect"))).toHaveLength(before.connect);
  });

  it("answers 403 when the authorizer returns a Deny policy (a valid token without the required scope)", async () => {
    expect(await refusal(`${twin.url}?token=${token("bob", "profile")}`)).toEqual({ status: 403, body: JSON.stringify({ message: "Forbidden" }) });
  });

  it("refuses the handshake with the status $connect returns (400 for a bad room) and stores nothing", async () => {
    expect((await refusal(`${twin.url}?token=${token("carol")}&room=bad%20room`)).status).toBe(400);
    expect(twin.connections()).toBe(0);
  });

  it("refuses other paths with 403", async () => {
    expect((await refusal(twin.url.replace(/\/dev$/, "/prod"))).status).toBe(403);
  });
});

describe("messages", () => {
  it("sendMessage broadcasts to the room: each client gets the message, the sender its summary", async () => {
    const [alice, bob] = await Promise.all([connect(`token=${token("alice")}&room=r1`), connect(`token=${token("bob")}&room=r1`)]);
    const aliceId = await alice.id();

    alice.send({ action: "sendMessage", message: "hello, room", room: "r1" });
    const expected = { type: "message", from: aliceId, room: "r1", message: "hello, room", sentAt: expect.any(String) };
    expect(await bob.next((frame) => frame.type === "message")).toEqual(expected);
    expect(await alice.next((frame) => frame.type === "message")).toEqual(expected);
    expect(await alice.next((frame) => frame.type === "sent")).toEqual({ type: "sent", delivered: 2, stale: 0, failed: 0 });
  });

  it("whoami answers what GET @connections reports, through the real SDK client in the handler", async () => {
    const before = Date.now();
    const client = await connect(`token=${token("dave")}`);
    client.send({ action: "whoami" });
    const frame = await client.next((f) => f.type === "whoami");
    expect(frame).toEqual({
      type: "whoami",
      connectionId: expect.any(String),
      connectedAt: expect.any(String),
      lastActiveAt: expect.any(String),
      sourceIp: "127.0.0.1",
      room: null,
    });
    expect(Date.parse(frame.connectedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(frame.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(frame.connectedAt));
  });

  it("routes an unknown action or a frame that is not JSON to $default, which lists the actions", async () => {
    const client = await connect(`token=${token("erin")}`);
    client.send({ action: "dance" });
    expect(await client.next()).toEqual({ type: "error", code: "unknown_action", message: 'unknown action "dance"', actions: ACTIONS });
    client.send("not json");
    expect(await client.next()).toEqual({ type: "error", code: "invalid_json", message: "frame is not valid JSON", actions: ACTIONS });
    client.send({ action: "$connect" });
    expect(await client.next()).toMatchObject({ code: "unknown_action", actions: ACTIONS });
  });

  it("answers a function that throws with API Gateway's Internal server error frame", async () => {
    const client = await connect(`token=${token("frank")}`);
    const id = await client.id();
    client.send({ action: "explode" });
    expect(await client.next()).toEqual({ message: "Internal server error", connectionId: id, requestId: expect.any(String) });
  });

  it("closes the connection with 1009 for a frame over 32 KB", async () => {
    const client = await connect(`token=${token("gina")}`);
    client.send({ action: "sendMessage", message: "x".repeat(33 * 1024) });
    expect((await client.closed).code).toBe(1009);
  });
});

describe("closing", () => {
  it("leave: DELETE @connections closes the socket and $disconnect removes the item", async () => {
    const client = await connect(`token=${token("hank")}`);
    const id = await client.id();
    expect(await stored(id)).toBeDefined();

    client.send({ action: "leave" });
    expect((await client.closed).code).toBe(1000);
    await eventually(() => eventFor(fn("wsDisconnect"), id) !== undefined, "$disconnect");
    await callFor(fn("wsDisconnect"), id)?.settled;
    expect(await stored(id)).toBeUndefined();
    await expect(management.send(new GetConnectionCommand({ ConnectionId: id }))).rejects.toBeInstanceOf(GoneException);
  });

  it("a client close runs $disconnect with the client's code and reason, which deletes the item", async () => {
    const client = await connect(`token=${token("iris")}`);
    const id = await client.id();
    client.ws.close(4000, "bye");
    await client.closed;

    await eventually(async () => (await stored(id)) === undefined, "item deleted");
    expect(eventFor(fn("wsDisconnect"), id)).toEqual({
      headers: { Host: `127.0.0.1:${twin.port}`, "x-api-key": "", "X-Forwarded-For": "", "x-restapi": "" },
      multiValueHeaders: { Host: [`127.0.0.1:${twin.port}`], "x-api-key": [""], "X-Forwarded-For": [""], "x-restapi": [""] },
      requestContext: expect.objectContaining({
        routeKey: "$disconnect",
        eventType: "DISCONNECT",
        disconnectStatusCode: 4000,
        disconnectReason: "bye",
        connectionId: id,
        authorizer: expect.objectContaining({ principalId: "iris" }),
      }),
      isBase64Encoded: false,
    });
  });

  it("closes an idle connection with 1001 Going away", async () => {
    const client = await open(bare.url);
    bareTimers.advance(999);
    client.send({ action: "nothing" });
    expect(await client.next()).toMatchObject({ message: "Forbidden" });
    // The message restarted the idle time: 999 ms after it the connection is still open, 1 s after it the twin closes it.
    bareTimers.advance(999);
    expect(bare.connections()).toBe(1);
    bareTimers.advance(1);
    expect(bare.connections()).toBe(0);
    expect(await client.closed).toEqual({ code: 1001, reason: "Going away" });
    await eventually(() => callsTo(fn("bareDisconnect"), bareCalls).length > 0, "$disconnect");
    expect(callsTo(fn("bareDisconnect"), bareCalls).at(-1)?.event.requestContext).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: "Going away" });
  });
});

describe("@connections on the twin's address", () => {
  it("a stale id posted by the real management client gets GoneException (410, x-amzn-errortype)", async () => {
    const client = await connect(`token=${token("jack")}`);
    const id = await client.id();
    client.ws.close();
    await client.closed;
    await eventually(() => twin.connections() === 0);

    const error = await management.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from("late") })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoneException);
    expect((error as GoneException).$metadata.httpStatusCode).toBe(410);

    const response = await fetch(`${twin.callbackUrl}/@connections/${encodeURIComponent("neverConnected=")}`, { method: "POST", body: "x" });
    expect(response.status).toBe(410);
    expect(response.headers.get("x-amzn-errortype")).toBe("GoneException");
    expect(await response.json()).toEqual({ message: null });
  });

  it("POST delivers a text frame, GET describes the connection, 413 above 128 KB, 403 for another stage", async () => {
    const client = await connect(`token=${token("kate")}`);
    const id = await client.id();

    await management.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from(JSON.stringify({ hello: "world" })) }));
    expect(await client.next()).toEqual({ hello: "world" });

    const got = await management.send(new GetConnectionCommand({ ConnectionId: id }));
    expect(got.Identity?.SourceIp).toBe("127.0.0.1");
    expect(got.ConnectedAt).toBeInstanceOf(Date);
    expect(got.LastActiveAt).toBeInstanceOf(Date);

    const tooBig = await fetch(`${twin.callbackUrl}/@connections/${encodeURIComponent(id)}`, { method: "POST", body: "x".repeat(128 * 1024 + 1) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers.get("x-amzn-errortype")).toBe("PayloadTooLargeException");

    const otherStage = await fetch(`${twin.callbackUrl.replace(/\/dev$/, "/prod")}/@connections/${encodeURIComponent(id)}`);
    expect(otherStage.status).toBe(403);
  });
});

describe("the bare API", () => {
  it("answers a frame no route matches, without $default, with API Gateway's Forbidden frame, and ignores integration results", async () => {
    const client = await open(bare.url);
    client.send({ action: "nothing" });
    expect(await client.next()).toEqual({ message: "Forbidden", connectionId: expect.any(String), requestId: expect.any(String) });
    client.send({ action: "echo" });
    await eventually(() => bareAccessLog.some((line) => line.routeKey === "echo"), "echo answered");
    // Frames on one connection arrive in the order they were sent: anything the echo had sent comes before this answer.
    client.send({ action: "nothing" });
    expect(await client.next()).toMatchObject({ message: "Forbidden" });
    expect(callsTo(fn("bareEcho"), bareCalls)).toHaveLength(1);
    expect(client.frames).toEqual([]);
  });

  it("agrees to a subprotocol only when $connect returns it", async () => {
    const client = await open(bare.url, ["chat.v1", "chat.v2"]);
    expect(client.ws.protocol).toBe("chat.v1");
  });
});

describe("access log", () => {
  it("writes one line per event with the stage's fields, '-' where a value is missing", async () => {
    accessLog.length = 0;
    await refusal(twin.url);
    const client = await connect(`token=${token("liam")}`);
    const id = await client.id();
    client.ws.close();
    await eventually(() => accessLog.some((line) => line.eventType === "DISCONNECT" && line.connectionId === id), "disconnect line");

    for (const line of accessLog) expect(Object.keys(line)).toEqual(Object.keys(WEBSOCKET_ACCESS_LOG_FIELDS));
    expect(accessLog[0]).toMatchObject({
      eventType: "CONNECT",
      routeKey: "$connect",
      status: "401",
      errorMessage: "Unauthorized",
      integrationStatus: "-",
      principalId: "-",
    });
    const mine = accessLog.filter((line) => line.connectionId === id);
    expect(mine.map((line) => [line.eventType, line.routeKey, line.status])).toEqual([
      ["CONNECT", "$connect", "200"],
      ["MESSAGE", "whoami", "200"],
      ["DISCONNECT", "$disconnect", "200"],
    ]);
    expect(mine[0]).toMatchObject({
      sourceIp: "127.0.0.1",
      integrationStatus: "200",
      principalId: "liam",
      errorMessage: "-",
      requestTime: expect.stringMatching(/^\d{13}$/),
    });
  });
});
