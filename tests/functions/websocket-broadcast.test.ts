import { ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BROADCAST_PAGE_SIZE, DEFAULT_BROADCAST_CONCURRENCY, websocketDeps } from "../../functions/websocket/deps";
import { handler as sendMessageHandler } from "../../functions/websocket/send-message";
import { broadcast } from "../../functions/websocket/service";
import { lambdaContext } from "../helpers/api-gateway-event";
import { FAILURES } from "../helpers/connections-server";
import { setEnv, testTable } from "../helpers/dynamodb-local";
import { connectionIdFor, connectionItem, createConnectionsTable, messageEvent, putConnections, useWebSocketBackend } from "../helpers/websocket";
import { captureLogs, type LogCapture } from "./log-capture";

const backend = useWebSocketBackend(testTable("connections"));

let logs: LogCapture;
beforeEach(() => {
  logs = captureLogs();
  backend().connections.reset();
});
afterEach(() => logs.stop());

// Each test gets a table of its own, so every count below is exact.
let tables = 0;
let restoreTable: () => void = () => undefined;
beforeEach(async () => {
  const table = await createConnectionsTable(backend().db.client, testTable(`connections-${++tables}`));
  restoreTable = setEnv({ CONNECTIONS_TABLE_NAME: table });
});
afterEach(() => restoreTable());

interface Connection {
  id: string;
  room?: string;
  principalId?: string;
}

/** Stores the connections and registers them live on the connections server. */
async function seed(connections: readonly Connection[]): Promise<void> {
  const { db, connections: server } = backend();
  for (const c of connections) server.connect(c.id);
  await putConnections(
    db.client,
    process.env.CONNECTIONS_TABLE_NAME!,
    connections.map((c) => connectionItem(c.id, c.room, c.principalId)),
  );
}

const many = (count: number, prefix: string, room?: string): Connection[] =>
  Array.from({ length: count }, (_, i) => ({ id: connectionIdFor(i, prefix), ...(room === undefined ? {} : { room }) }));

async function storedIds(): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await backend().db.client.send(new ScanCommand({ TableName: process.env.CONNECTIONS_TABLE_NAME!, ExclusiveStartKey: start }));
    ids.push(...(page.Items ?? []).map((item) => item.connectionId as string));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return ids.sort();
}

const send = (sender: string, frame: Record<string, unknown>) =>
  sendMessageHandler(
    messageEvent({ routeKey: "sendMessage", connectionId: sender, json: { action: "sendMessage", ...frame } }),
    lambdaContext({ functionName: "gateway-ws-send" }),
  );

const messagesOf = (id: string) =>
  backend()
    .connections.receivedJson(id)
    .filter((frame) => (frame as { type: string }).type === "message");
const lastFrame = (id: string) => backend().connections.receivedJson(id).at(-1);

describe("sendMessage broadcasts", () => {
  const sender: Connection = { id: connectionIdFor(0, "sender") };
  const red = many(2, "red", "red");
  const blue = many(1, "blue", "blue");
  const lobby = many(2, "lobby");

  it("to every connection, the sender included, then sends the sender its receipt", async () => {
    await seed([sender, ...red, ...blue, ...lobby]);
    const before = new Date().toISOString();
    expect(await send(sender.id, { message: "hello all" })).toEqual({ statusCode: 200 });

    const [first] = messagesOf(sender.id) as { sentAt: string }[];
    expect(first).toEqual({ type: "message", from: sender.id, room: null, message: "hello all", sentAt: expect.any(String) });
    expect(first!.sentAt >= before).toBe(true);
    for (const c of [...red, ...blue, ...lobby]) expect(backend().connections.receivedJson(c.id)).toEqual([first]);
    expect(backend().connections.receivedJson(sender.id)).toEqual([first, { type: "sent", delivered: 6, stale: 0, failed: 0 }]);
    expect(await storedIds()).toEqual([sender, ...red, ...blue, ...lobby].map((c) => c.id).sort());
  });

  it("to a room only: the Query on room-index reaches its members and nobody else", async () => {
    await seed([sender, ...red, ...blue, ...lobby]);
    expect(await send(sender.id, { message: "hi red", room: "red" })).toEqual({ statusCode: 200 });

    for (const c of red) {
      expect(backend().connections.receivedJson(c.id)).toEqual([
        { type: "message", from: sender.id, room: "red", message: "hi red", sentAt: expect.any(String) },
      ]);
    }
    for (const c of [...blue, ...lobby]) expect(backend().connections.received(c.id)).toEqual([]);
    // The sender is not in the room: it gets the receipt alone.
    expect(backend().connections.receivedJson(sender.id)).toEqual([{ type: "sent", delivered: 2, stale: 0, failed: 0 }]);
  });

  it("to an empty room: a receipt of zeros", async () => {
    await seed([sender, ...red]);
    await send(sender.id, { message: "anyone?", room: "nobody-here" });
    expect(backend().connections.receivedJson(sender.id)).toEqual([{ type: "sent", delivered: 0, stale: 0, failed: 0 }]);
    for (const c of red) expect(backend().connections.received(c.id)).toEqual([]);
  });

  it("deletes the items of stale connections (410 GoneException), keeps the sender's and the others', and counts exactly", async () => {
    const live = many(4, "live");
    const stale = many(3, "stale");
    await seed([sender, ...live, ...stale]);
    for (const c of stale) backend().connections.markStale(c.id);

    expect(await send(sender.id, { message: "roll call" })).toEqual({ statusCode: 200 });
    expect(lastFrame(sender.id)).toEqual({ type: "sent", delivered: 5, stale: 3, failed: 0 });
    for (const c of live) expect(messagesOf(c.id)).toHaveLength(1);
    for (const c of stale) expect(backend().connections.received(c.id)).toEqual([]);
    expect(await storedIds()).toEqual([sender, ...live].map((c) => c.id).sort());
  });

  it("counts other failures, logs each with its connection id and error name (never the message), keeps their items and goes on", async () => {
    const ok = many(5, "ok");
    const broken = many(2, "broken");
    await seed([sender, ...ok, ...broken]);
    for (const c of broken) backend().connections.fail(c.id, FAILURES.internal);

    expect(await send(sender.id, { message: "secret-broadcast-text-9182" })).toEqual({ statusCode: 200 });
    expect(lastFrame(sender.id)).toEqual({ type: "sent", delivered: 6, stale: 0, failed: 2 });
    for (const c of ok) expect(messagesOf(c.id)).toHaveLength(1);
    expect(await storedIds()).toEqual([sender, ...ok, ...broken].map((c) => c.id).sort());
    // The SDK retried each failing post (3 attempts in all) before giving up on it.
    expect(backend().connections.stats().requests.POST).toBe(6 + 2 * 3 + 1);

    const failures = logs.lines().filter((line) => line.message === "post to connection failed");
    expect(failures.map((line) => line.targetConnectionId).sort()).toEqual(broken.map((c) => c.id).sort());
    for (const line of failures) {
      expect(line).toMatchObject({
        level: "WARN",
        errorName: "InternalServerErrorException",
        httpStatusCode: 500,
        connectionId: sender.id,
        routeKey: "sendMessage",
      });
    }
    expect(logs.lines().at(-1)).toMatchObject({ level: "INFO", message: "request completed", statusCode: 200 });
    expect(logs.text()).not.toContain("secret-broadcast-text-9182");
  });

  it("treats a sender that left during the broadcast like any stale connection, and does not fail", async () => {
    const others = many(2, "others");
    await seed([sender, ...others]);
    backend().connections.markStale(sender.id);

    expect(await send(sender.id, { message: "bye" })).toEqual({ statusCode: 200 });
    for (const c of others) expect(messagesOf(c.id)).toHaveLength(1);
    expect(await storedIds()).toEqual(others.map((c) => c.id).sort());
    expect(logs.lines().filter((line) => line.level === "ERROR" || line.level === "WARN")).toEqual([]);
  });

  it("delivers to a connection that was throttled once: the SDK retries it", async () => {
    const throttled = many(1, "throttled");
    await seed([sender, ...throttled]);
    backend().connections.fail(throttled[0]!.id, { ...FAILURES.throttled, times: 1 });

    await send(sender.id, { message: "patience" });
    expect(lastFrame(sender.id)).toEqual({ type: "sent", delivered: 2, stale: 0, failed: 0 });
    expect(messagesOf(throttled[0]!.id)).toHaveLength(1);
  });
});

describe("a broadcast to 1,000 connections", () => {
  it("reaches every connection exactly once, page by page, with at most BROADCAST_CONCURRENCY posts in flight", async () => {
    const sender: Connection = { id: connectionIdFor(0, "big-sender") };
    // The sender is one of the 1,000.
    const crowd = [sender, ...many(999, "crowd")];
    await seed(crowd);
    const restore = setEnv({ BROADCAST_CONCURRENCY: "10" });
    // Answers wait until ten posts are in flight: the limit is reached whatever the machine's speed.
    backend().connections.holdUntilInFlight(10);
    backend().connections.setLatency(2);
    try {
      expect(await send(sender.id, { message: "to the crowd" })).toEqual({ statusCode: 200 });
    } finally {
      backend().connections.setLatency(0);
      restore();
    }

    for (const c of crowd) expect(messagesOf(c.id)).toHaveLength(1);
    expect(lastFrame(sender.id)).toEqual({ type: "sent", delivered: 1000, stale: 0, failed: 0 });
    const stats = backend().connections.stats();
    expect(stats.requests).toEqual({ POST: 1001, GET: 0, DELETE: 0, other: 0 });
    expect(stats.peakInFlight).toBe(10);
  });

  it("to a room of 250 among 1,000 (a Query on the index), with the default limit of 50 in flight", async () => {
    const sender: Connection = { id: connectionIdFor(0, "room-sender"), room: "big" };
    const members = [sender, ...many(249, "member", "big")];
    const others = many(750, "other");
    await seed([...members, ...others]);
    backend().connections.holdUntilInFlight(DEFAULT_BROADCAST_CONCURRENCY);
    backend().connections.setLatency(2);
    try {
      await send(sender.id, { message: "members only", room: "big" });
    } finally {
      backend().connections.setLatency(0);
    }

    for (const c of members) expect(messagesOf(c.id)).toHaveLength(1);
    for (const c of others) expect(backend().connections.received(c.id)).toEqual([]);
    expect(lastFrame(sender.id)).toEqual({ type: "sent", delivered: 250, stale: 0, failed: 0 });
    expect(DEFAULT_BROADCAST_CONCURRENCY).toBe(50);
    expect(backend().connections.stats().peakInFlight).toBe(50);
  });

  it("reads the table a page at a time: with pages of 100, 1,000 connections take ten Scans (and one that finds the end), a room of 250 three Queries", async () => {
    const crowd = many(1000, "paged");
    const room = many(250, "paged-room", "paged");
    await seed([...crowd, ...room]);
    const deps = websocketDeps(messageEvent({ routeKey: "sendMessage", connectionId: crowd[0]!.id }));
    expect(deps.pageSize).toBe(BROADCAST_PAGE_SIZE);
    expect(BROADCAST_PAGE_SIZE).toBe(1000);
    const reads: { command: string; limit: unknown }[] = [];
    const db = {
      send: (command: { constructor: { name: string }; input: { Limit?: unknown } }) => {
        reads.push({ command: command.constructor.name, limit: command.input.Limit });
        return deps.db.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;

    expect(await broadcast({ ...deps, db, pageSize: 100 }, { from: crowd[0]!.id, room: undefined, message: "paged" })).toEqual({
      type: "sent",
      delivered: 1250,
      stale: 0,
      failed: 0,
    });
    expect(reads.length).toBeGreaterThanOrEqual(13);
    expect(reads.length).toBeLessThanOrEqual(14);
    expect(new Set(reads.map((read) => `${read.command} ${String(read.limit)}`))).toEqual(new Set(["ScanCommand 100"]));
    for (const c of [...crowd, ...room]) expect(messagesOf(c.id)).toHaveLength(1);

    reads.length = 0;
    expect(await broadcast({ ...deps, db, pageSize: 100 }, { from: room[0]!.id, room: "paged", message: "paged room" })).toEqual({
      type: "sent",
      delivered: 250,
      stale: 0,
      failed: 0,
    });
    expect(reads.map((read) => `${read.command} ${String(read.limit)}`)).toEqual(Array(3).fill("QueryCommand 100"));
    for (const c of room) expect(messagesOf(c.id)).toHaveLength(2);
  });
});
