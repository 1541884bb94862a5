import { isUtf8 } from "node:buffer";
import { createServer, STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { WEBSOCKET_ACCESS_LOG_FIELDS } from "../components/websocket-api/websocket-policy";
import { connectionsApi, type ConnectionInfo } from "./connections-api";
import { invokeWithin } from "./invoke";
import { listen } from "./server-kit";
import type { FunctionInvoker, TwinWebSocketApi, TwinWebSocketRoute } from "./model";
import { authorizerOutcome, missingIdentitySource } from "./websocket-authorizer";
import {
  apiGatewayId,
  authorizerEvent,
  connectEvent,
  disconnectEvent,
  headerValue,
  messageEvent,
  requestContext,
  requestParts,
  type ConnectionContext,
  type EventType,
} from "./websocket-events";

/**
 * The local twin of the stack's WebSocket API: one HTTP server on 127.0.0.1 that takes WebSocket
 * handshakes on `/{stage}` and answers the `@connections` management API on
 * `/{stage}/@connections/{id}`, so the real handlers, with `CALLBACK_URL` set to
 * {@link WebSocketTwin.callbackUrl}, reach their clients through the real SDK client unchanged.
 *
 * As API Gateway does:
 * - `$connect`: the REQUEST authorizer (401 without invoking it when an identity source is missing;
 *   a thrown "Unauthorized" 401; a Deny 403; an Allow puts `{ ...context, principalId,
 *   integrationLatency }` in `requestContext.authorizer` of every event of the connection), then the
 *   `$connect` integration: 2xx accepts the handshake, any other status refuses it with that status
 *   (an error or a result without `statusCode` 502, a timeout 504). A subprotocol is agreed only
 *   when `$connect` returns a `Sec-WebSocket-Protocol` header.
 * - messages: route selection on `routeSelectionExpression` (`$request.body.action`); not JSON, a
 *   binary frame or an unknown key go to `$default`; without `$default` the client gets
 *   `{"message":"Forbidden","connectionId","requestId"}`. The integration's result is not sent back
 *   (no route responses); a failed invocation sends `{"message":"Internal server error",...}`.
 * - `$disconnect` after either side closes, with `disconnectStatusCode` and `disconnectReason`.
 * - frames over 32 KB close the connection with 1009; 10 minutes idle or 2 hours connected close it
 *   with 1001 "Going away"; integrations time out after 29 s.
 * - one access-log line (JSON, the stage's WEBSOCKET_ACCESS_LOG_FIELDS) per connect, message and
 *   disconnect.
 */

/** API Gateway's idle timeout: no message from the client for this long closes the connection. */
export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** API Gateway's maximum connection duration. */
export const MAX_CONNECTION_MS = 2 * 60 * 60 * 1000;
/** API Gateway's integration timeout for WebSocket APIs. */
export const INTEGRATION_TIMEOUT_MS = 29_000;
/** API Gateway's frame size limit. */
export const MAX_FRAME_BYTES = 32 * 1024;

/** How long a closing handshake may take before the socket is dropped. */
const CLOSE_GRACE_MS = 2_000;

export interface WebSocketTwinOptions {
  readonly api: TwinWebSocketApi;
  readonly stage: string;
  readonly invoker: FunctionInvoker;
  readonly region: string;
  readonly account: string;
  readonly apiId: string;
  /** 0 (the default): a port the OS picks. */
  readonly port?: number;
  readonly host?: "127.0.0.1";
  /** Receives each access-log line (JSON, no newline); stdout by default. */
  readonly log?: (line: string) => void;
  readonly idleTimeoutMs?: number;
  readonly maxConnectionMs?: number;
  readonly integrationTimeoutMs?: number;
}

export interface WebSocketTwin {
  /** `ws://127.0.0.1:{port}/{stage}`: where clients connect. */
  readonly url: string;
  /** `http://127.0.0.1:{port}/{stage}`: the `@connections` endpoint, what functions get as `CALLBACK_URL`. */
  readonly callbackUrl: string;
  readonly port: number;
  /** Connections open now. */
  connections(): number;
  /** Closes every connection (1001, `$disconnect` runs), waits for invocations under way, and stops the server. */
  close(): Promise<void>;
}

interface Live {
  readonly context: ConnectionContext;
  readonly ws: WebSocket;
  /** False once either side started closing: the management API answers 410 from then on. */
  open: boolean;
  lastActiveAt: Date;
  /** Set when the twin closes the connection: what `$disconnect` reports. */
  closedBy?: { readonly code: number; readonly reason: string };
  idleTimer?: NodeJS.Timeout;
  maxTimer?: NodeJS.Timeout;
  killTimer?: NodeJS.Timeout;
}

interface AccessLogEntry {
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

type Invocation = { ok: true; value: unknown; latency: number } | { ok: false; error: unknown; timedOut: boolean; latency: number };

export async function startWebSocketTwin(options: WebSocketTwinOptions): Promise<WebSocketTwin> {
  const { api, stage, invoker } = options;
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const idleTimeoutMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const maxConnectionMs = options.maxConnectionMs ?? MAX_CONNECTION_MS;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS;
  const methodArn = `arn:aws:execute-api:${options.region}:${options.account}:${options.apiId}/${stage}/$connect`;
  const routes = new Map<string, TwinWebSocketRoute>(api.routes.map((route) => [route.routeKey, route]));
  const selectRoute = routeSelector(api.routeSelectionExpression);

  const live = new Map<string, Live>();
  const pending = new Set<Promise<void>>();
  /** The subprotocol `$connect` agreed to, by handshake. */
  const protocols = new WeakMap<IncomingMessage, string>();
  let port = 0;
  let stopping = false;

  const track = (work: Promise<void>): void => {
    const done = (): void => void pending.delete(work);
    pending.add(work);
    work.then(done, done);
  };
  const accessLog = (entry: AccessLogEntry): void => {
    try {
      log(accessLogLine(entry));
    } catch {
      // A failing log sink must not break the connection.
    }
  };

  /** Invokes a function as an integration: at most `integrationTimeoutMs`, never rejects. */
  const invoke = async (functionName: string, event: unknown): Promise<Invocation> => {
    const call = await invokeWithin(invoker, functionName, event, { timeoutMs: integrationTimeoutMs });
    if (call.outcome === "result") return { ok: true, value: call.value, latency: call.latencyMs };
    if (call.outcome === "timeout") return { ok: false, error: new Error("Endpoint request timed out"), timedOut: true, latency: call.latencyMs };
    const error = call.outcome === "too-large" ? new Error("the event is larger than Lambda accepts (6 MB)") : Object.assign(new Error(call.message), { errorType: call.errorType });
    return { ok: false, error, timedOut: false, latency: call.latencyMs };
  };

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (_offered, request) => protocols.get(request) ?? false,
  });

  const registry = {
    find(connectionId: string): ConnectionInfo | undefined {
      const connection = live.get(connectionId);
      if (connection === undefined || !connection.open || connection.ws.readyState !== connection.ws.OPEN) return undefined;
      return {
        connectedAt: new Date(connection.context.connectedAt),
        lastActiveAt: connection.lastActiveAt,
        sourceIp: connection.context.identity.sourceIp,
        userAgent: connection.context.identity.userAgent,
      };
    },
    post(connectionId: string, data: Buffer): void {
      // Text frames, as API Gateway sends them; bytes that are not UTF-8 could not be one.
      live.get(connectionId)?.ws.send(data, { binary: !isUtf8(data) });
    },
    delete(connectionId: string): void {
      const connection = live.get(connectionId);
      if (connection !== undefined) closeByTwin(connection, 1000, "");
    },
  };

  function closeByTwin(connection: Live, code: number, reason: string): void {
    if (!connection.open) return;
    connection.open = false;
    connection.closedBy = { code, reason };
    connection.ws.close(code, reason);
    connection.killTimer = setTimeout(() => connection.ws.terminate(), CLOSE_GRACE_MS);
    connection.killTimer.unref();
  }

  const sendFrame = (connection: Live, frame: unknown): void => {
    if (connection.open && connection.ws.readyState === connection.ws.OPEN) connection.ws.send(JSON.stringify(frame));
  };

  async function onMessage(connection: Live, data: Buffer, isBinary: boolean): Promise<void> {
    const requestId = apiGatewayId();
    const requestTimeEpoch = Date.now();
    const { connectionId, identity } = connection.context;
    const body = isBinary ? data.toString("base64") : data.toString("utf8");
    // A binary frame cannot be evaluated: it goes to $default.
    const selected = isBinary ? undefined : selectRoute(body);
    const route = (selected === undefined ? undefined : routes.get(selected)) ?? routes.get("$default");
    const base = { requestId, requestTimeEpoch, sourceIp: identity.sourceIp, connectionId, eventType: "MESSAGE" as const, principalId: principalOf(connection.context) };
    if (route === undefined) {
      sendFrame(connection, { message: "Forbidden", connectionId, requestId });
      accessLog({ ...base, routeKey: selected ?? "$default", status: 403, errorMessage: "Forbidden" });
      return;
    }
    const context = requestContext(connection.context, { routeKey: route.routeKey, eventType: "MESSAGE", requestId, requestTimeEpoch, messageId: apiGatewayId() });
    const result = await invoke(route.functionName, messageEvent(context, body, isBinary));
    if (result.ok) {
      // No route response is configured: whatever the integration returned stays here.
      accessLog({ ...base, routeKey: route.routeKey, status: 200, integrationStatus: statusCodeOf(result.value), integrationLatency: result.latency });
      return;
    }
    const message = result.timedOut ? "Endpoint request timed out" : "Internal server error";
    sendFrame(connection, { message, connectionId, requestId });
    accessLog({
      ...base,
      routeKey: route.routeKey,
      status: result.timedOut ? 504 : 500,
      integrationLatency: result.latency,
      errorMessage: message,
      integrationError: errorMessage(result.error),
    });
  }

  async function onDisconnect(context: ConnectionContext, how: { code: number; reason: string }): Promise<void> {
    const requestId = apiGatewayId();
    const requestTimeEpoch = Date.now();
    const base = {
      requestId,
      requestTimeEpoch,
      sourceIp: context.identity.sourceIp,
      connectionId: context.connectionId,
      eventType: "DISCONNECT" as const,
      routeKey: "$disconnect",
      principalId: principalOf(context),
    };
    const route = routes.get("$disconnect");
    if (route === undefined) {
      accessLog({ ...base, status: 200 });
      return;
    }
    const event = disconnectEvent(requestContext(context, { routeKey: "$disconnect", eventType: "DISCONNECT", requestId, requestTimeEpoch, disconnect: how }));
    const result = await invoke(route.functionName, event);
    accessLog(
      result.ok
        ? { ...base, status: 200, integrationStatus: statusCodeOf(result.value), integrationLatency: result.latency }
        : { ...base, status: result.timedOut ? 504 : 500, integrationLatency: result.latency, errorMessage: "Internal server error", integrationError: errorMessage(result.error) },
    );
  }

  function accept(context: ConnectionContext, ws: WebSocket): void {
    const connection: Live = { context, ws, open: true, lastActiveAt: new Date(context.connectedAt) };
    live.set(context.connectionId, connection);
    const resetIdle = (): void => {
      clearTimeout(connection.idleTimer);
      connection.idleTimer = setTimeout(() => closeByTwin(connection, 1001, "Going away"), idleTimeoutMs);
      connection.idleTimer.unref();
    };
    resetIdle();
    connection.maxTimer = setTimeout(() => closeByTwin(connection, 1001, "Going away"), maxConnectionMs);
    connection.maxTimer.unref();

    ws.on("message", (data: RawData, isBinary: boolean) => {
      if (!connection.open) return;
      connection.lastActiveAt = new Date();
      resetIdle();
      track(onMessage(connection, toBuffer(data), isBinary));
    });
    ws.on("error", (error: Error & { code?: string }) => {
      // ws has already sent the close frame (1009 for a frame over maxPayload, 1002/1007 for protocol errors).
      if (connection.open) {
        connection.open = false;
        connection.closedBy = error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" ? { code: 1009, reason: "Message too big" } : { code: 1002, reason: error.message };
      }
    });
    ws.on("close", (code: number, reason: Buffer) => {
      connection.open = false;
      clearTimeout(connection.idleTimer);
      clearTimeout(connection.maxTimer);
      clearTimeout(connection.killTimer);
      live.delete(context.connectionId);
      track(onDisconnect(context, connection.closedBy ?? clientClose(code, reason.toString("utf8"))));
    });
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on("error", () => undefined);
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (stopping) return refuse(socket, 503, "Service Unavailable");
    if (pathname !== `/${stage}` && pathname !== `/${stage}/`) return refuse(socket, 403, "Forbidden");
    if (req.headers.upgrade?.toLowerCase() !== "websocket") return refuse(socket, 400, "Bad Request");

    const requestId = apiGatewayId();
    const connectedAt = Date.now();
    const connectionId = apiGatewayId();
    const sourceIp = (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
    const parts = requestParts(req, { "X-Forwarded-For": sourceIp, "X-Forwarded-Port": String(port), "X-Forwarded-Proto": "http" });
    const userAgent = headerValue(parts, "User-Agent");
    let context: ConnectionContext = {
      stage,
      domainName: `${host}:${port}`,
      apiId: options.apiId,
      connectionId,
      connectedAt,
      identity: userAgent === undefined ? { sourceIp } : { sourceIp, userAgent },
    };
    const base = { requestId, requestTimeEpoch: connectedAt, sourceIp, connectionId, eventType: "CONNECT" as const, routeKey: "$connect" };

    if (api.authorizer !== undefined) {
      if (missingIdentitySource(api.authorizer.identitySources, parts) !== undefined) {
        accessLog({ ...base, status: 401, errorMessage: "Unauthorized" });
        return refuse(socket, 401, "Unauthorized");
      }
      const authContext = requestContext(context, { routeKey: "$connect", eventType: "CONNECT", requestId, requestTimeEpoch: connectedAt });
      const result = await invoke(api.authorizer.functionName, authorizerEvent(parts, methodArn, authContext));
      const outcome = authorizerOutcome(result.ok ? { status: "fulfilled", value: result.value } : { status: "rejected", reason: result.error }, methodArn);
      if (!outcome.allowed) {
        accessLog({ ...base, status: outcome.status, errorMessage: outcome.message, authorizerError: outcome.error, principalId: outcome.principalId });
        return refuse(socket, outcome.status, outcome.message);
      }
      context = { ...context, authorizer: { ...outcome.context, principalId: outcome.principalId, integrationLatency: result.latency } };
    }
    const principalId = principalOf(context);

    const route = routes.get("$connect");
    let integrationStatus: number | undefined;
    let integrationLatency: number | undefined;
    if (route !== undefined) {
      const event = connectEvent(parts, requestContext(context, { routeKey: "$connect", eventType: "CONNECT", requestId, requestTimeEpoch: connectedAt }));
      const result = await invoke(route.functionName, event);
      integrationLatency = result.latency;
      if (!result.ok) {
        const status = result.timedOut ? 504 : 502;
        const message = result.timedOut ? "Endpoint request timed out" : "Internal server error";
        accessLog({ ...base, status, integrationLatency, errorMessage: message, integrationError: errorMessage(result.error), principalId });
        return refuse(socket, status, message);
      }
      integrationStatus = statusCodeOf(result.value);
      if (integrationStatus === undefined) {
        accessLog({ ...base, status: 502, integrationLatency, errorMessage: "Internal server error", integrationError: "Malformed Lambda proxy response", principalId });
        return refuse(socket, 502, "Internal server error");
      }
      if (integrationStatus < 200 || integrationStatus > 299) {
        accessLog({ ...base, status: integrationStatus, integrationStatus, integrationLatency, principalId });
        const body = (result.value as { body?: unknown }).body;
        return refuse(socket, integrationStatus, undefined, typeof body === "string" ? body : "");
      }
      const protocol = resultHeader(result.value, "Sec-WebSocket-Protocol");
      if (protocol !== undefined) protocols.set(req, protocol);
    }

    if (stopping || socket.destroyed || !socket.writable) {
      // The client left while $connect ran (or the twin is stopping): no connection, but $connect's work is undone.
      accessLog({ ...base, status: 410, integrationStatus, integrationLatency, errorMessage: "Client went away during $connect", principalId });
      socket.destroy();
      if (route !== undefined) await onDisconnect(context, { code: 1006, reason: "Connection closed abnormally" });
      return;
    }
    const accepted = context;
    wss.handleUpgrade(req, socket, head, (ws) => accept(accepted, ws));
    accessLog({ ...base, status: 200, integrationStatus, integrationLatency, principalId });
  }

  const server = createServer(connectionsApi({ stage, registry }));
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    track(
      onUpgrade(req, socket, head).catch((error: unknown) => {
        accessLog({
          requestId: apiGatewayId(),
          requestTimeEpoch: Date.now(),
          sourceIp: req.socket.remoteAddress ?? "-",
          connectionId: "-",
          eventType: "CONNECT",
          routeKey: "$connect",
          status: 500,
          errorMessage: errorMessage(error),
        });
        refuse(socket, 500, "Internal server error");
      }),
    );
  });

  port = await listen(server, options.port ?? 0, "WebSocket API", (error) => log(JSON.stringify({ twinError: `WebSocket API server error: ${error.message}` })));

  return {
    url: `ws://${host}:${port}/${stage}`,
    callbackUrl: `http://${host}:${port}/${stage}`,
    port,
    connections: () => [...live.values()].filter((connection) => connection.open).length,
    async close() {
      stopping = true;
      const connections = [...live.values()];
      for (const connection of connections) closeByTwin(connection, 1001, "Going away");
      await Promise.all(
        connections.map(
          (connection) =>
            new Promise<void>((resolve) => {
              if (connection.ws.readyState === connection.ws.CLOSED) return resolve();
              connection.ws.once("close", () => resolve());
            }),
        ),
      );
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of SDK clients would otherwise hold the server open.
        server.closeAllConnections();
      });
      wss.close();
    },
  };
}

/**
 * `$request.body.a.b` (or `${request.body.a.b}`) → the route key a text frame selects: the value at
 * that path when it is a string, number or boolean, else undefined (`$default`). Reserved keys
 * (`$connect`, ...) are never selected by a message.
 */
export function routeSelector(expression: string): (body: string) => string | undefined {
  const match = /^\$\{?request\.body\.([^}]+)\}?$/.exec(expression.trim());
  if (match === null) throw new Error(`unsupported route selection expression ${JSON.stringify(expression)}`);
  const path = (match[1] as string).split(".");
  return (body) => {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
    for (const key of path) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return undefined;
    const key = String(value);
    return key.startsWith("$") ? undefined : key;
  };
}

/** Answers a handshake with an HTTP error (API Gateway's `{"message": ...}` unless a body is given) and closes it. */
function refuse(socket: Duplex, status: number, message: string | undefined, body?: string): void {
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
function clientClose(code: number, reason: string): { code: number; reason: string } {
  if (reason !== "") return { code, reason };
  if (code === 1005) return { code, reason: "Client-side close frame status not set" };
  if (code === 1006) return { code, reason: "Connection closed abnormally" };
  return { code, reason };
}

function principalOf(context: ConnectionContext): string | undefined {
  const principalId = context.authorizer?.principalId;
  return typeof principalId === "string" ? principalId : undefined;
}

function statusCodeOf(value: unknown): number | undefined {
  const status = (value as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === "number" && Number.isInteger(status) ? status : undefined;
}

function resultHeader(value: unknown, name: string): string | undefined {
  const headers = (value as { headers?: unknown } | null | undefined)?.headers;
  if (typeof headers !== "object" || headers === null) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return typeof entry?.[1] === "string" ? entry[1] : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * One access-log line: WEBSOCKET_ACCESS_LOG_FIELDS with each `$context.…` variable resolved, `-`
 * where it has no value, as API Gateway writes it.
 */
export function accessLogLine(entry: AccessLogEntry): string {
  const context: Record<string, unknown> = {
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
  };
  const resolve = (variable: string): string => {
    if (!variable.startsWith("$context.")) return variable;
    let value: unknown = context;
    for (const key of variable.slice("$context.".length).split(".")) {
      value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value === undefined || value === null || value === "" ? "-" : String(value);
  };
  return JSON.stringify(Object.fromEntries(Object.entries(WEBSOCKET_ACCESS_LOG_FIELDS).map(([field, variable]) => [field, resolve(variable)])));
}
