import type { RawData, WebSocket } from "ws";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { WEBSOCKET_ACCESS_LOG_FIELDS } from "../../components/websocket-api/websocket-policy";
import { accessLogLine as formatAccessLog } from "../server-kit";
import { apiGatewayId, type ConnectionContext, type EventType } from "../websocket-events";

export { routeSelector } from "./route-selection";

/** What the WebSocket twin keeps per connection, logs per event and gets from an integration. */

export interface Live {
  readonly context: ConnectionContext;
  readonly ws: WebSocket;
  /** False once either side started closing: the management API answers 410 from then on. */
  open: boolean;
  lastActiveAt: Date;
  /** Set when the twin closes the connection: what `$disconnect` reports. */
  closedBy?: { readonly code: number; readonly reason: string };
  idleTimer?: unknown;
  maxTimer?: unknown;
  killTimer?: NodeJS.Timeout;
}

export interface AccessLogEntry {
  requestId: string;
  requestTimeEpoch: number;
  sourceIp: string;
  connectionId: string;
  eventType: EventType;
  routeKey: string;
  status: number;
  integrationStatus?: number | undefined;
  integrationLatency?: number | undefined;
  errorMessage?: string | undefined;
  integrationError?: string | undefined;
  authorizerError?: string | undefined;
  principalId?: string | undefined;
}

export type Invocation = { ok: true; value: unknown; latency: number } | { ok: false; error: unknown; timedOut: boolean; latency: number };

/** Answers a handshake with an HTTP error (API Gateway's `{"message": ...}` unless a body is given) and closes it. */
export function refuse(socket: Duplex, status: number, message: string | undefined, body?: string): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const payload = body ?? JSON.stringify({ message });
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`,
    "Connection: close",
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(payload)}`,
    `x-amzn-RequestId: ${apiGatewayId()}`,
  ];
  socket.end(`${lines.join("\r\n")}\r\n\r\n${payload}`);
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/** What `$disconnect` says when the client closed: its code and reason, with API Gateway's words for the codes without one. */
export function clientClose(code: number, reason: string): { code: number; reason: string } {
  if (reason !== "") return { code, reason };
  if (code === 1005) return { code, reason: "Client-side close frame status not set" };
  if (code === 1006) return { code, reason: "Connection closed abnormally" };
  return { code, reason };
}

export function principalOf(context: ConnectionContext): string | undefined {
  const principalId = context.authorizer?.principalId;
  return typeof principalId === "string" ? principalId : undefined;
}

export function statusCodeOf(value: unknown): number | undefined {
  const status = (value as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === "number" && Number.isInteger(status) ? status : undefined;
}

export function resultHeader(value: unknown, name: string): string | undefined {
  const headers = (value as { headers?: unknown } | null | undefined)?.headers;
  if (typeof headers !== "object" || headers === null) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return typeof entry?.[1] === "string" ? entry[1] : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * One access-log line: WEBSOCKET_ACCESS_LOG_FIELDS with each `$context.…` variable resolved, `-`
 * where it has no value, as API Gateway writes it.
 */
export function accessLogLine(entry: AccessLogEntry): string {
  return formatAccessLog(WEBSOCKET_ACCESS_LOG_FIELDS, {
    requestId: entry.requestId,
    requestTimeEpoch: entry.requestTimeEpoch,
    identity: { sourceIp: entry.sourceIp },
    connectionId: entry.connectionId,
    eventType: entry.eventType,
    routeKey: entry.routeKey,
    status: entry.status,
    integration: { status: entry.integrationStatus, latency: entry.integrationLatency, error: entry.integrationError },
    error: { message: entry.errorMessage },
    authorizer: { error: entry.authorizerError, principalId: entry.principalId },
  });
}
