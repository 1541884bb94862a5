import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { handler as connectHandler } from "../../functions/websocket/connect";
import { handler as defaultHandler } from "../../functions/websocket/default";
import { handler as disconnectHandler } from "../../functions/websocket/disconnect";
import { handler as kickHandler } from "../../functions/websocket/kick";
import { handler as leaveHandler } from "../../functions/websocket/leave";
import { handler as sendMessageHandler } from "../../functions/websocket/send-message";
import { handler as whoamiHandler } from "../../functions/websocket/whoami";
import { CONNECTION_TTL_SECONDS } from "../../functions/websocket/service";
import { lambdaContext } from "../helpers/api-gateway-event";
import { FAILURES } from "../helpers/connections-server";
import { setEnv, testTable } from "../helpers/dynamodb-local";
import { connectEvent, connectionIdFor, connectionItem, disconnectEvent, messageEvent, useWebSocketBackend } from "../helpers/websocket";
import { captureLogs, type LogCapture } from "./log-capture";

const TABLE = testTable("connections");
const ACTIONS = ["sendMessage", "whoami", "leave", "kick"];
const backend = useWebSocketBackend(TABLE);

let logs: LogCapture;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.stop());

const ctx = () => lambdaContext({ functionName: "gateway-websocket" });
let ids = 0;
/** A fresh connection id, live on the connections server. */
function live(prefix = "h"): string {
  const id = connectionIdFor(++ids, prefix);
  backend().connections.connect(id, { sourceIp: "198.51.100.7", userAgent: "test-client/1.0" });
  return id;
}

async function stored(connectionId: string): Promise<Record<string, unknown> | undefined> {
  const { db, table } = backend();
  return (await db.client.send(new GetCommand({ TableName: table, Key: { connectionId }, ConsistentRead: true }))).Item;
}

async function store(item: Record<string, unknown>): Promise<void> {
  const { db, table } = backend();
  await db.client.send(new PutCommand({ TableName: table, Item: item }));
}

describe("$connect", () => {
  it("stores the connection with its room and principal, and a TTL just over two hours away", async () => {
    const id = live();
    const before = Date.now();
    const result = await connectHandler(
      connectEvent({ connectionId: id, query: { room: "lobby-1" }, authorizer: { principalId: "user-42", integrationLatency: 3, tenant: "acme" } }),
      ctx(),
    );
    const after = Date.now();

    expect(result).toEqual({ statusCode: 200 });
    const item = await stored(id);
    expect(item).toEqual({ connectionId: id, connectedAt: expect.any(String), expiresAt: expect.any(Number), room: "lobby-1", principalId: "user-42" });
    const connectedAt = Date.parse(item!.connectedAt as string);
    expect(new Date(connectedAt).toISOString()).toBe(item!.connectedAt);
    expect(connectedAt).toBeGreaterThanOrEqual(before);
    expect(connectedAt).toBeLessThanOrEqual(after);
    const expiresAt = item!.expiresAt as number;
    expect(Number.isInteger(expiresAt)).toBe(true);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) + 2 * 3600);
    expect(expiresAt).toBeLessThanOrEqual(Math.floor(after / 1000) + CONNECTION_TTL_SECONDS);
    expect(CONNECTION_TTL_SECONDS).toBeGreaterThan(2 * 3600);
    expect(CONNECTION_TTL_SECONDS).toBeLessThanOrEqual(2 * 3600 + 15 * 60);
  });

  it("stores only the keys it has: no room, no authorizer", async () => {
    const id = live();
    expect(await connectHandler(connectEvent({ connectionId: id }), ctx())).toEqual({ statusCode: 200 });
    expect(Object.keys((await stored(id)) ?? {}).sort()).toEqual(["connectedAt", "connectionId", "expiresAt"]);
  });

  it("ignores an empty or non-string principalId", async () => {
    const id = live();
    await connectHandler(connectEvent({ connectionId: id, authorizer: { principalId: "" } }), ctx());
    expect(await stored(id)).not.toHaveProperty("principalId");
  });

  it.each<[string, Record<string, string | string[]>]>([
    ["a room with a space", { room: "lobby 1" }],
    ["an empty room", { room: "" }],
    ["a room of 65 characters", { room: "r".repeat(65) }],
    ["a room given twice", { room: ["a", "b"] }],
  ])("refuses %s with 400 and stores nothing", async (_, query) => {
    const id = live();
    expect(await connectHandler(connectEvent({ connectionId: id, query }), ctx())).toEqual({ statusCode: 400 });
    expect(await stored(id)).toBeUndefined();
    // No frame can reach a connection that was refused.
    expect(backend().connections.received(id)).toEqual([]);
    expect(logs.lines()).toMatchObject([{ level: "WARN", message: "request completed", statusCode: 400, errorCode: "invalid_room", routeKey: "$connect" }]);
  });
});

describe("$disconnect", () => {
  it("deletes the connection's item, and succeeds again when it is already gone", async () => {
    const id = live();
    await connectHandler(connectEvent({ connectionId: id, query: { room: "r1" } }), ctx());
    expect(await stored(id)).toBeDefined();

    expect(await disconnectHandler(disconnectEvent(id), ctx())).toEqual({ statusCode: 200 });
    expect(await stored(id)).toBeUndefined();
    expect(await disconnectHandler(disconnectEvent(id), ctx())).toEqual({ statusCode: 200 });
  });
});

describe("$default", () => {
  it.each<[string, { body?: string; json?: unknown; isBase64Encoded?: boolean }, string, string]>([
    ["a frame that is not JSON", { body: "hello there" }, "invalid_json", "frame is not valid JSON"],
    ["an empty frame", { body: "" }, "invalid_json", "frame is not valid JSON"],
    [
      "a binary frame that is not UTF-8",
      { body: Buffer.from([0xff, 0xfe]).toString("base64"), isBase64Encoded: true },
      "invalid_json",
      "frame is not valid JSON",
    ],
    ["a JSON array", { json: [1, 2] }, "invalid_frame", "frame must be a JSON object"],
    ["a frame with no action", { json: { message: "hi" } }, "missing_action", "frame has no action"],
    ["a non-string action", { json: { action: 7 } }, "missing_action", "action must be a string"],
    ["an unknown action", { json: { action: "dance" } }, "unknown_action", 'unknown action "dance"'],
  ])("answers %s with an error frame listing the actions, to the sender only", async (_, frame, code, message) => {
    const sender = live();
    const bystander = live();
    const result = await defaultHandler(messageEvent({ routeKey: "$default", connectionId: sender, ...frame }), ctx());

    expect(result).toEqual({ statusCode: 400 });
    expect(backend().connections.receivedJson(sender)).toEqual([{ type: "error", code, message, actions: ACTIONS }]);
    expect(backend().connections.received(bystander)).toEqual([]);
  });

  it("logs the code at WARN, never the frame", async () => {
    const sender = live();
    await defaultHandler(messageEvent({ routeKey: "$default", connectionId: sender, json: { action: "secret-action-4471", token: "t" } }), ctx());
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: "WARN",
        message: "request completed",
        statusCode: 400,
        errorCode: "unknown_action",
        routeKey: "$default",
        eventType: "MESSAGE",
        connectionId: sender,
      }),
    ]);
    expect(logs.text()).not.toContain("secret-action-4471");
  });
});

describe("bad frames on action routes", () => {
  const send = (sender: string, frame: { body?: string; json?: unknown }) =>
    sendMessageHandler(messageEvent({ routeKey: "sendMessage", connectionId: sender, ...frame }), ctx());

  it.each<[string, { body?: string; json?: unknown }, number, string, string]>([
    ["not JSON", { body: "{nope" }, 400, "invalid_json", "frame is not valid JSON"],
    ["a missing message", { json: { action: "sendMessage" } }, 400, "invalid_field", "message is required"],
    ["a message that is not a string", { json: { action: "sendMessage", message: 5 } }, 400, "invalid_field", "message must be a string"],
    ["an empty message", { json: { action: "sendMessage", message: "" } }, 400, "invalid_field", "message must not be empty"],
    [
      "a message over 32 KB",
      { json: { action: "sendMessage", message: "x".repeat(32 * 1024 + 1) } },
      413,
      "message_too_long",
      "message must be at most 32768 bytes of UTF-8",
    ],
    [
      "a message over 32 KB in UTF-8 only",
      { json: { action: "sendMessage", message: "\u00e9".repeat(16 * 1024 + 1) } },
      413,
      "message_too_long",
      "message must be at most 32768 bytes of UTF-8",
    ],
    [
      "a bad room",
      { json: { action: "sendMessage", message: "hi", room: "no/slash" } },
      400,
      "invalid_room",
      "room must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -",
    ],
    [
      "a room that is not a string",
      { json: { action: "sendMessage", message: "hi", room: 3 } },
      400,
      "invalid_room",
      "room must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -",
    ],
    ["an unknown field", { json: { action: "sendMessage", message: "hi", to: "x" } }, 400, "invalid_field", 'unknown field: "to"'],
  ])("%s: an error frame to the sender only, nothing broadcast", async (_, frame, status, code, message) => {
    const sender = live();
    const bystander = live();
    await store(connectionItem(sender));
    await store(connectionItem(bystander));

    expect(await send(sender, frame)).toEqual({ statusCode: status });
    expect(backend().connections.receivedJson(sender)).toEqual([{ type: "error", code, message }]);
    expect(backend().connections.received(bystander)).toEqual([]);
  });

  it("accepts a message of exactly 32 KB", async () => {
    const sender = live("exact");
    await store(connectionItem(sender, "exact-room"));
    const result = await send(sender, { json: { action: "sendMessage", message: "x".repeat(32 * 1024), room: "exact-room" } });
    expect(result).toEqual({ statusCode: 200 });
    expect(backend().connections.receivedJson(sender)).toMatchObject([{ type: "message" }, { type: "sent", delivered: 1 }]);
  });

  it("whoami and leave take no fields", async () => {
    const sender = live();
    const frame = { action: "whoami", verbose: true };
    expect(await whoamiHandler(messageEvent({ routeKey: "whoami", connectionId: sender, json: frame }), ctx())).toEqual({ statusCode: 400 });
    expect(await leaveHandler(messageEvent({ routeKey: "leave", connectionId: sender, json: { ...frame, action: "leave" } }), ctx())).toEqual({
      statusCode: 400,
    });
    expect(backend().connections.receivedJson(sender)).toEqual([
      { type: "error", code: "invalid_field", message: 'unknown field: "verbose"' },
      { type: "error", code: "invalid_field", message: 'unknown field: "verbose"' },
    ]);
    expect(backend().connections.isLive(sender)).toBe(true);
  });
});

describe("whoami", () => {
  it("answers with what GET @connections and the table know", async () => {
    const id = live();
    const connectedAt = new Date("2025-11-25T12:00:00.000Z");
    backend().connections.connect(id, { sourceIp: "198.51.100.7", userAgent: "test-client/1.0", connectedAt });
    backend().connections.touch(id, new Date("2025-11-25T12:05:00.000Z"));
    await store(connectionItem(id, "blue"));

    expect(await whoamiHandler(messageEvent({ routeKey: "whoami", connectionId: id, json: { action: "whoami" } }), ctx())).toEqual({ statusCode: 200 });
    expect(backend().connections.receivedJson(id)).toEqual([
      {
        type: "whoami",
        connectionId: id,
        connectedAt: "2025-11-25T12:00:00.000Z",
        lastActiveAt: "2025-11-25T12:05:00.000Z",
        sourceIp: "198.51.100.7",
        room: "blue",
      },
    ]);
  });

  it("answers nobody, without an error, when the sender has gone", async () => {
    const id = live();
    backend().connections.markStale(id);
    expect(await whoamiHandler(messageEvent({ routeKey: "whoami", connectionId: id, json: { action: "whoami" } }), ctx())).toEqual({ statusCode: 200 });
    expect(logs.lines()).toMatchObject([{ level: "INFO", statusCode: 200 }]);
  });

  it("gives room null for a connection outside every room", async () => {
    const id = live();
    await store(connectionItem(id));
    await whoamiHandler(messageEvent({ routeKey: "whoami", connectionId: id, json: { action: "whoami" } }), ctx());
    expect(backend().connections.receivedJson(id)).toMatchObject([{ type: "whoami", room: null }]);
  });
});

describe("leave", () => {
  it("closes the sender's connection with DELETE @connections and deletes its item", async () => {
    const id = live();
    await store(connectionItem(id, "r"));
    expect(await leaveHandler(messageEvent({ routeKey: "leave", connectionId: id, json: { action: "leave" } }), ctx())).toEqual({ statusCode: 200 });
    expect(backend().connections.deleted()).toContain(id);
    expect(backend().connections.isLive(id)).toBe(false);
    expect(await stored(id)).toBeUndefined();
  });

  it("keeps the item when DELETE fails, and answers internal", async () => {
    const id = live();
    await store(connectionItem(id));
    backend().connections.fail(id, { ...FAILURES.forbidden, methods: ["DELETE"] });
    expect(await leaveHandler(messageEvent({ routeKey: "leave", connectionId: id, json: { action: "leave" } }), ctx())).toEqual({ statusCode: 500 });
    backend().connections.clearFailures();
    expect(await stored(id)).toBeDefined();
    expect(backend().connections.receivedJson(id)).toEqual([{ type: "error", code: "internal", message: "internal error" }]);
    expect(logs.lines()).toMatchObject([{ level: "ERROR", statusCode: 500, errorCode: "internal", error: { name: "ForbiddenException" } }]);
  });
});

describe("kick", () => {
  let restore: () => void = () => undefined;
  beforeAll(() => {
    restore = setEnv({ WEBSOCKET_ADMINS: " admin-1 , admin-2 " });
  });
  afterAll(() => restore());

  const kick = (sender: string, json: unknown) => kickHandler(messageEvent({ routeKey: "kick", connectionId: sender, json }), ctx());

  it("lets an admin close another connection: DELETE @connections, item deleted, receipt to the admin", async () => {
    const admin = live();
    const target = live();
    await store(connectionItem(admin, undefined, "admin-2"));
    await store(connectionItem(target, "r"));

    expect(await kick(admin, { action: "kick", connectionId: target })).toEqual({ statusCode: 200 });
    expect(backend().connections.deleted()).toContain(target);
    expect(await stored(target)).toBeUndefined();
    expect(await stored(admin)).toBeDefined();
    expect(backend().connections.receivedJson(admin)).toEqual([{ type: "kicked", connectionId: target, wasConnected: true }]);
    expect(backend().connections.received(target)).toEqual([]);
  });

  it("reports a target that was already gone, and still deletes its item", async () => {
    const admin = live();
    const target = live();
    backend().connections.markStale(target);
    await store(connectionItem(admin, undefined, "admin-1"));
    await store(connectionItem(target));

    expect(await kick(admin, { action: "kick", connectionId: target })).toEqual({ statusCode: 200 });
    expect(await stored(target)).toBeUndefined();
    expect(backend().connections.receivedJson(admin)).toEqual([{ type: "kicked", connectionId: target, wasConnected: false }]);
  });

  it.each<[string, string | undefined]>([
    ["a principal not listed", "user-7"],
    ["a connection without a principal", undefined],
  ])("refuses %s with a forbidden frame (403) and leaves the target alone", async (_, principalId) => {
    const sender = live();
    const target = live();
    await store(connectionItem(sender, undefined, principalId));
    await store(connectionItem(target));

    expect(await kick(sender, { action: "kick", connectionId: target })).toEqual({ statusCode: 403 });
    expect(backend().connections.receivedJson(sender)).toEqual([{ type: "error", code: "forbidden", message: "only an admin may kick a connection" }]);
    expect(backend().connections.isLive(target)).toBe(true);
    expect(await stored(target)).toBeDefined();
  });

  it("checks the frame before anything else", async () => {
    const admin = live();
    expect(await kick(admin, { action: "kick" })).toEqual({ statusCode: 400 });
    expect(await kick(admin, { action: "kick", connectionId: "a b" })).toEqual({ statusCode: 400 });
    expect(backend().connections.receivedJson(admin)).toEqual([
      { type: "error", code: "invalid_field", message: "connectionId is required" },
      { type: "error", code: "invalid_field", message: "connectionId must be a connection id" },
    ]);
  });
});

describe("failures", () => {
  it("answers 500 and names the variable in the log when CONNECTIONS_TABLE_NAME is missing", async () => {
    const id = live();
    const restore = setEnv({ CONNECTIONS_TABLE_NAME: undefined });
    try {
      expect(await disconnectHandler(disconnectEvent(id), ctx())).toEqual({ statusCode: 500 });
      expect(
        await sendMessageHandler(messageEvent({ routeKey: "sendMessage", connectionId: id, json: { action: "sendMessage", message: "m" } }), ctx()),
      ).toEqual({ statusCode: 500 });
    } finally {
      restore();
    }
    // No frame on $disconnect; the message route tells the sender.
    expect(backend().connections.receivedJson(id)).toEqual([{ type: "error", code: "internal", message: "internal error" }]);
    expect(logs.lines()).toMatchObject([
      {
        level: "ERROR",
        routeKey: "$disconnect",
        statusCode: 500,
        error: { name: "Error", message: "missing required environment variable CONNECTIONS_TABLE_NAME" },
      },
      {
        level: "ERROR",
        routeKey: "sendMessage",
        statusCode: 500,
        error: { name: "Error", message: "missing required environment variable CONNECTIONS_TABLE_NAME" },
      },
    ]);
  });

  it("rejects a bad BROADCAST_CONCURRENCY as a logged 500", async () => {
    const id = live();
    const restore = setEnv({ BROADCAST_CONCURRENCY: "0" });
    try {
      expect(
        await sendMessageHandler(messageEvent({ routeKey: "sendMessage", connectionId: id, json: { action: "sendMessage", message: "m" } }), ctx()),
      ).toEqual({ statusCode: 500 });
    } finally {
      restore();
    }
    expect(logs.lines()).toMatchObject([
      { level: "ERROR", error: { message: 'environment variable BROADCAST_CONCURRENCY must be an integer from 1 to 100, got "0"' } },
    ]);
  });

  it("logs, without throwing, an error frame that cannot be delivered", async () => {
    const gone = connectionIdFor(999_999, "gone");
    expect(await defaultHandler(messageEvent({ routeKey: "$default", connectionId: gone, body: "x" }), ctx())).toEqual({ statusCode: 400 });
    expect(logs.lines()).toMatchObject([
      { level: "WARN", message: "error frame not delivered", errorCode: "invalid_json", errorName: "GoneException" },
      { level: "WARN", message: "request completed", statusCode: 400 },
    ]);
  });
});
