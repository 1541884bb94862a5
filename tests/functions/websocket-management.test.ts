import {
  ApiGatewayManagementApiClient,
  ForbiddenException,
  GoneException,
  LimitExceededException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import { deleteConnection, getConnection, isGone, postJson } from "../../functions/websocket/management";
import { FAILURES, startConnectionsServer, type ConnectionsServer } from "../helpers/connections-server";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../helpers/dynamodb-local";

/** The real management client against the local connections server: the server speaks the SDK's protocol. */
let server: ConnectionsServer;
let client: ApiGatewayManagementApiClient;
const posted: [string, string][] = [];

const clientFor = (endpoint: string) => new ApiGatewayManagementApiClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  server = await startConnectionsServer({ stage: "dev", onPost: (id, data) => posted.push([id, data.toString("utf8")]) });
  client = clientFor(server.endpoint);
});
afterAll(async () => {
  client.destroy();
  await server.close();
});
beforeEach(() => {
  server.reset();
  posted.length = 0;
});

// Real ids are base64-like: `=` and `+` must survive the SDK's path encoding.
const ID = "L0SM9cOFvHcCIhw=";
const ODD_ID = "a+b/c=";

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("the connections server", () => {
  it("records what is POSTed to each connection, in order, and tells onPost", async () => {
    server.connect(ID);
    server.connect(ODD_ID);
    await postJson(client, ID, { n: 1 });
    await postJson(client, ODD_ID, { n: 2 });
    await postJson(client, ID, { n: 3 });
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dev$/);
    expect(server.received(ID)).toEqual(['{"n":1}', '{"n":3}']);
    expect(server.receivedJson(ODD_ID)).toEqual([{ n: 2 }]);
    expect(posted).toEqual([
      [ID, '{"n":1}'],
      [ODD_ID, '{"n":2}'],
      [ID, '{"n":3}'],
    ]);
    expect(server.stats()).toEqual({ requests: { POST: 3, GET: 0, DELETE: 0, other: 0 }, inFlight: 0, peakInFlight: 1 });
  });

  it("answers GET with the connection's times and identity, which the SDK parses", async () => {
    const connectedAt = new Date("2025-11-25T10:00:00.000Z");
    server.connect(ID, { sourceIp: "192.0.2.1", userAgent: "ua/1", connectedAt });
    expect(await getConnection(client, ID)).toEqual({
      connectedAt: "2025-11-25T10:00:00.000Z",
      lastActiveAt: "2025-11-25T10:00:00.000Z",
      sourceIp: "192.0.2.1",
      userAgent: "ua/1",
    });
    server.touch(ID, new Date("2025-11-25T10:30:00.000Z"));
    expect((await getConnection(client, ID)).lastActiveAt).toBe("2025-11-25T10:30:00.000Z");
  });

  it("closes a connection on DELETE (204); after that, and for unknown or stale ids, every method is 410 GoneException", async () => {
    server.connect(ID);
    server.connect(ODD_ID);
    expect(await deleteConnection(client, ID)).toBe(true);
    expect(server.deleted()).toEqual([ID]);
    expect(server.isLive(ID)).toBe(false);
    expect(server.liveConnections()).toEqual([ODD_ID]);
    expect(await deleteConnection(client, ID)).toBe(false);

    server.markStale(ODD_ID);
    for (const id of [ID, ODD_ID, "never-seen"]) {
      const error = await errorOf(postJson(client, id, {}));
      expect(error).toBeInstanceOf(GoneException);
      expect(isGone(error)).toBe(true);
      expect((error as GoneException).$metadata.httpStatusCode).toBe(410);
      expect(await errorOf(getConnection(client, id))).toBeInstanceOf(GoneException);
    }
    // A gone connection keeps what it received before.
    expect(server.received(ODD_ID)).toEqual([]);
  });

  it("fails a chosen connection with 500 on every attempt until cleared; the SDK gives up after 3", async () => {
    server.connect(ID);
    server.fail(ID, FAILURES.internal);
    const error = await errorOf(postJson(client, ID, {}));
    expect(error.name).toBe("InternalServerErrorException");
    expect((error as unknown as { $metadata: { attempts: number } }).$metadata.attempts).toBe(3);
    expect(isGone(error)).toBe(false);
    expect(server.received(ID)).toEqual([]);

    server.clearFailures();
    await postJson(client, ID, { recovered: true });
    expect(server.receivedJson(ID)).toEqual([{ recovered: true }]);
  });

  it("fails a given number of times, then answers: a throttled post is retried and delivered", async () => {
    server.connect(ID);
    server.fail(ID, { ...FAILURES.throttled, times: 1 });
    await postJson(client, ID, { ok: true });
    expect(server.receivedJson(ID)).toEqual([{ ok: true }]);
    expect(server.stats().requests.POST).toBe(2);
  });

  it("fails only the chosen methods", async () => {
    server.connect(ID);
    server.fail(ID, { ...FAILURES.throttled, methods: ["GET"] });
    await postJson(client, ID, { fine: true });
    const once = new ApiGatewayManagementApiClient({ endpoint: server.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    try {
      expect(await errorOf(getConnection(once, ID))).toBeInstanceOf(LimitExceededException);
    } finally {
      once.destroy();
    }
    expect(server.receivedJson(ID)).toEqual([{ fine: true }]);
  });

  it("refuses a body over 128 KB (413) and another stage (403), as API Gateway does", async () => {
    server.connect(ID);
    const tooBig = await errorOf(client.send(new PostToConnectionCommand({ ConnectionId: ID, Data: Buffer.alloc(128 * 1024 + 1, 97) })));
    expect(tooBig).toBeInstanceOf(PayloadTooLargeException);
    await client.send(new PostToConnectionCommand({ ConnectionId: ID, Data: Buffer.alloc(128 * 1024, 97) }));
    expect(server.received(ID)[0]).toHaveLength(128 * 1024);

    const otherStage = clientFor(server.endpoint.replace(/\/dev$/, "/prod"));
    expect(await errorOf(postJson(otherStage, ID, {}))).toBeInstanceOf(ForbiddenException);
    otherStage.destroy();
  });

  it("counts the peak of requests in flight", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `peak-${i}`);
    for (const id of ids) server.connect(id);
    // Answers wait until all twenty are in flight, however slow the machine.
    server.holdUntilInFlight(20);
    await Promise.all(ids.map((id) => postJson(client, id, {})));
    expect(server.stats()).toMatchObject({ inFlight: 0, peakInFlight: 20 });
    server.resetStats();
    expect(server.stats()).toEqual({ requests: { POST: 0, GET: 0, DELETE: 0, other: 0 }, inFlight: 0, peakInFlight: 0 });
  });
});
