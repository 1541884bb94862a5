import type { JsonObject } from "../shared/body";
import { FrameError, type WebSocketEvent } from "./event";

/**
 * Largest `message` of a `sendMessage` frame, in UTF-8 bytes: API Gateway's limit for one frame
 * (a message may span frames up to 128 KB, but PostToConnection also stops at 128 KB, and a
 * broadcast wraps the text in JSON that can double its size when every character needs escaping).
 */
export const MAX_MESSAGE_BYTES = 32 * 1024;

/** Room names: in the `room` query string of `$connect` and the `room` field of `sendMessage`. */
export const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ROOM_RULE = "room must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -";

/** Connection ids as API Gateway issues them (e.g. `L0SM9cOFvHcCIhw=`); checked before a kick. */
const CONNECTION_ID_PATTERN = /^[A-Za-z0-9_=+/-]{1,128}$/;

/** Every action a client may send; `$default` lists them when a frame matches none. */
export const ACTIONS = ["sendMessage", "whoami", "leave", "kick"] as const;
export type Action = (typeof ACTIONS)[number];

/** `{"action":"sendMessage","message":"...","room":"optional"}` */
export interface SendMessageFrame {
  message: string;
  room: string | undefined;
}

/** `{"action":"kick","connectionId":"..."}` */
export interface KickFrame {
  connectionId: string;
}

// Frames the server posts. `type` tells a client which one it got.

export interface ErrorFrame {
  type: "error";
  code: string;
  message: string;
  /** Only in `$default`'s answer: what the client could have sent. */
  actions?: readonly string[];
}

/** What every connection in scope receives for a `sendMessage`. */
export interface MessageFrame {
  type: "message";
  /** The sender's connection id. */
  from: string;
  room: string | null;
  message: string;
  sentAt: string;
}

/** The sender's receipt for a `sendMessage`. */
export interface SentFrame {
  type: "sent";
  delivered: number;
  stale: number;
  failed: number;
}

export function errorFrame(code: string, message: string, actions?: readonly string[]): ErrorFrame {
  return actions === undefined ? { type: "error", code, message } : { type: "error", code, message, actions };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export const isRoom = (value: unknown): value is string => typeof value === "string" && ROOM_PATTERN.test(value);

/** Throws `invalid_room` (400) unless `value` is a room name. */
export function validateRoom(value: unknown): string {
  if (!isRoom(value)) throw new FrameError(400, "invalid_room", ROOM_RULE);
  return value;
}

/**
 * The frame as a JSON object: `invalid_json` when the body is missing, not UTF-8 or not JSON,
 * `invalid_frame` when it is JSON but not an object. Binary frames arrive base64-encoded.
 */
export function parseFrame(event: Pick<WebSocketEvent, "body" | "isBase64Encoded">): JsonObject {
  let parsed: unknown;
  try {
    const text = event.isBase64Encoded ? utf8.decode(Buffer.from(event.body ?? "", "base64")) : (event.body ?? "");
    parsed = JSON.parse(text);
  } catch {
    throw new FrameError(400, "invalid_json", "frame is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new FrameError(400, "invalid_frame", "frame must be a JSON object");
  }
  return parsed as JsonObject;
}

/** Rejects keys other than `action` and `allowed`, naming them (at most 10, each cut to 64 characters). */
function rejectUnknownKeys(frame: JsonObject, allowed: readonly string[]): void {
  const unknown = Object.keys(frame).filter((key) => key !== "action" && !allowed.includes(key));
  if (unknown.length === 0) return;
  const shown = unknown.slice(0, 10).map((key) => JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key));
  const more = unknown.length > shown.length ? ` and ${unknown.length - shown.length} more` : "";
  throw new FrameError(400, "invalid_field", `unknown field${unknown.length === 1 ? "" : "s"}: ${shown.join(", ")}${more}`);
}

export function validateSendMessage(frame: JsonObject): SendMessageFrame {
  rejectUnknownKeys(frame, ["message", "room"]);
  const { message, room } = frame;
  if (message === undefined) throw new FrameError(400, "invalid_field", "message is required");
  if (typeof message !== "string") throw new FrameError(400, "invalid_field", "message must be a string");
  if (message.length === 0) throw new FrameError(400, "invalid_field", "message must not be empty");
  if (Buffer.byteLength(message, "utf8") > MAX_MESSAGE_BYTES) {
    throw new FrameError(413, "message_too_long", `message must be at most ${MAX_MESSAGE_BYTES} bytes of UTF-8`);
  }
  return { message, room: room === undefined || room === null ? undefined : validateRoom(room) };
}

export function validateKick(frame: JsonObject): KickFrame {
  rejectUnknownKeys(frame, ["connectionId"]);
  const { connectionId } = frame;
  if (connectionId === undefined) throw new FrameError(400, "invalid_field", "connectionId is required");
  if (typeof connectionId !== "string" || !CONNECTION_ID_PATTERN.test(connectionId)) {
    throw new FrameError(400, "invalid_field", "connectionId must be a connection id");
  }
  return { connectionId };
}

/** For actions that take no fields (`whoami`, `leave`). */
export function validateNoFields(frame: JsonObject): void {
  rejectUnknownKeys(frame, []);
}

/** The error `$default` answers for a frame no route matched, listing every action. */
export function unmatchedFrame(event: Pick<WebSocketEvent, "body" | "isBase64Encoded">): FrameError {
  const help = (code: string, message: string) => new FrameError(400, code, message, ACTIONS);
  let action: unknown;
  try {
    action = parseFrame(event).action;
  } catch (error) {
    const { code, message } = error as FrameError;
    return help(code, message);
  }
  if (action === undefined) return help("missing_action", "frame has no action");
  if (typeof action !== "string") return help("missing_action", "action must be a string");
  const shown = action.length > 64 ? `${action.slice(0, 64)}…` : action;
  return help("unknown_action", `unknown action ${JSON.stringify(shown)}`);
}
