import { broadcastConcurrency, DEFAULT_BROADCAST_CONCURRENCY, websocketAdmins, websocketDeps } from "../../functions/websocket/deps";
import { FrameError } from "../../functions/websocket/event";
import {
  ACTIONS,
  MAX_MESSAGE_BYTES,
  parseFrame,
  unmatchedFrame,
  validateKick,
  validateNoFields,
  validateRoom,
  validateSendMessage,
} from "../../functions/websocket/frames";
import { callbackUrl, managementClient } from "../../functions/websocket/management";
import { setEnv } from "../helpers/dynamodb-local";
import { messageEvent } from "../helpers/websocket";

function frameErrorOf(fn: () => unknown): { status: number; code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof FrameError)) throw error;
    return { status: error.status, code: error.code, message: error.message };
  }
  throw new Error("expected a FrameError");
}

describe("parseFrame", () => {
  it("parses a text frame and a base64 binary frame", () => {
    expect(parseFrame({ body: '{"action":"whoami"}', isBase64Encoded: false })).toEqual({ action: "whoami" });
    expect(parseFrame({ body: Buffer.from('{"a":"\u00e9"}').toString("base64"), isBase64Encoded: true })).toEqual({ a: "\u00e9" });
  });

  it.each<[string, string | undefined, string]>([
    ["no body", undefined, "invalid_json"],
    ["not JSON", "hi", "invalid_json"],
    ["null", "null", "invalid_frame"],
    ["a string", '"x"', "invalid_frame"],
    ["an array", "[]", "invalid_frame"],
  ])("rejects %s", (_, body, code) => {
    expect(frameErrorOf(() => parseFrame({ body, isBase64Encoded: false })).code).toBe(code);
  });
});

describe("validateSendMessage", () => {
  it("returns the message and the room, which is optional (absent or null)", () => {
    expect(validateSendMessage({ action: "sendMessage", message: "m", room: "r-1" })).toEqual({ message: "m", room: "r-1" });
    expect(validateSendMessage({ action: "sendMessage", message: "m" })).toEqual({ message: "m", room: undefined });
    expect(validateSendMessage({ action: "sendMessage", message: "m", room: null })).toEqual({ message: "m", room: undefined });
  });

  it("counts the limit in UTF-8 bytes", () => {
    expect(validateSendMessage({ message: "x".repeat(MAX_MESSAGE_BYTES) }).message).toHaveLength(MAX_MESSAGE_BYTES);
    expect(frameErrorOf(() => validateSendMessage({ message: "\u20ac".repeat(MAX_MESSAGE_BYTES / 3 + 1) }))).toEqual({
      status: 413,
      code: "message_too_long",
      message: "message must be at most 32768 bytes of UTF-8",
    });
  });

  it("lists unknown fields, at most ten", () => {
    const frame = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, i]));
    expect(frameErrorOf(() => validateSendMessage({ message: "m", ...frame })).message).toBe(
      'unknown fields: "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9" and 2 more',
    );
  });
});

describe("rooms, kicks and field-less actions", () => {
  it.each(["a", "A-z_09", "r".repeat(64)])("accepts the room %p", (room) => {
    expect(validateRoom(room)).toBe(room);
  });

  it.each(["", "a b", "é", "r".repeat(65), 5, null])("rejects the room %p", (room) => {
    expect(frameErrorOf(() => validateRoom(room))).toEqual({
      status: 400,
      code: "invalid_room",
      message: "room must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -",
    });
  });

  it("takes a connection id shaped like API Gateway's", () => {
    expect(validateKick({ action: "kick", connectionId: "L0SM9cOFvHcCIhw=" })).toEqual({ connectionId: "L0SM9cOFvHcCIhw=" });
    expect(frameErrorOf(() => validateKick({ action: "kick", connectionId: 3 })).message).toBe("connectionId must be a connection id");
  });

  it("accepts only `action` where an action takes no fields", () => {
    expect(() => validateNoFields({ action: "whoami" })).not.toThrow();
    expect(frameErrorOf(() => validateNoFields({ action: "whoami", x: 1 })).message).toBe('unknown field: "x"');
  });
});

describe("unmatchedFrame", () => {
  it("always lists every action, and cuts a long unknown action", () => {
    const error = unmatchedFrame({ body: JSON.stringify({ action: "a".repeat(100) }), isBase64Encoded: false });
    expect(error).toMatchObject({ status: 400, code: "unknown_action", message: `unknown action "${"a".repeat(64)}…"`, actions: ACTIONS });
    expect(unmatchedFrame({ body: "x", isBase64Encoded: false })).toMatchObject({ code: "invalid_json", actions: ACTIONS });
  });
});

describe("environment", () => {
  it.each<[string | undefined, number]>([
    [undefined, DEFAULT_BROADCAST_CONCURRENCY],
    ["", DEFAULT_BROADCAST_CONCURRENCY],
    ["1", 1],
    [" 50 ", 50],
    ["100", 100],
  ])("BROADCAST_CONCURRENCY=%p gives %p", (value, expected) => {
    const restore = setEnv({ BROADCAST_CONCURRENCY: value });
    try {
      expect(broadcastConcurrency()).toBe(expected);
    } finally {
      restore();
    }
  });

  it.each(["0", "101", "1.5", "ten", "-3"])("BROADCAST_CONCURRENCY=%p is an error naming the variable", (value) => {
    const restore = setEnv({ BROADCAST_CONCURRENCY: value });
    try {
      expect(() => broadcastConcurrency()).toThrow(`environment variable BROADCAST_CONCURRENCY must be an integer from 1 to 100, got ${JSON.stringify(value)}`);
    } finally {
      restore();
    }
  });

  it("WEBSOCKET_ADMINS is a comma-separated list; nobody when unset", () => {
    const restore = setEnv({ WEBSOCKET_ADMINS: "alice, bob ,,carol" });
    try {
      expect([...websocketAdmins()]).toEqual(["alice", "bob", "carol"]);
      process.env.WEBSOCKET_ADMINS = "";
      expect(websocketAdmins().size).toBe(0);
      delete process.env.WEBSOCKET_ADMINS;
      expect(websocketAdmins().size).toBe(0);
    } finally {
      restore();
    }
  });
});

describe("the management endpoint", () => {
  const event = messageEvent({ routeKey: "whoami", connectionId: "abc=", stage: "prod" });

  it("is https://{domainName}/{stage}, or CALLBACK_URL as it is when set", () => {
    const restore = setEnv({ CALLBACK_URL: undefined });
    try {
      expect(callbackUrl(event)).toBe("https://wsapi12345.execute-api.us-east-1.amazonaws.com/prod");
      process.env.CALLBACK_URL = "https://ws.example.com/chat";
      expect(callbackUrl(event)).toBe("https://ws.example.com/chat");
    } finally {
      restore();
    }
  });

  it("has one client per endpoint, reused across invocations", () => {
    const restore = setEnv({
      CALLBACK_URL: undefined,
      CONNECTIONS_TABLE_NAME: "t",
      AWS_REGION: "us-east-1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    try {
      const a = websocketDeps(event).management;
      expect(websocketDeps(event).management).toBe(a);
      expect(managementClient("https://wsapi12345.execute-api.us-east-1.amazonaws.com/prod")).toBe(a);
      expect(websocketDeps(messageEvent({ routeKey: "whoami", connectionId: "abc=", stage: "dev" })).management).not.toBe(a);
    } finally {
      restore();
    }
  });
});
