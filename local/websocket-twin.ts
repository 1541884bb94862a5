import { isUtf8 } from "node:buffer";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { connectionsApi, type ConnectionInfo } from "./connections-api";
import { invokeWithin } from "./invoke";
import { closeServer, listen } from "./server-kit";
import {
  accessLogLine,
  clientClose,
  errorMessage,
  principalOf,
  refuse,
  routeSelector,
  statusCodeOf,
  toBuffer,
  type AccessLogEntry,
  type Invocation,
  type Live,
} from "./websocket/helpers";
import { ConnectHandshake } from "./websocket/connect-handshake";
import { limitFrameSize, MAX_MESSAGE_BYTES, sendInFrames } from "./websocket/frame-limits";

export { accessLogLine, routeSelector } from "./websocket/helpers";
import type { FunctionInvoker, TwinWebSocketApi, TwinWebSocketRoute } from "./model";
import { apiGatewayId, disconnectEvent, headerValue, messageEvent, requestContext, handshakeParts, type ConnectionContext } from "./websocket-events";

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
 * - messages: route selection on `routeSelectionExpression` (`$request.body.action`); not JSON or
 *   an unknown key go to `$default`; without `$default` the client gets
 *   `{"message":"Forbidden","connectionId","requestId"}`; a binary message closes the connection with
 *   1003 and runs no route. The integration's result is not sent back
 *   (no route responses); a failed invocation sends `{"message":"Internal server error",...}`.
 * - `$disconnect` after either side closes, with `disconnectStatusCode` and `disconnectReason`.
 * - a frame over 32 KB or a message over 128 KB closes the connection with 1009; a posted message
 *   over 32 KB goes out in frames of 32 KB; 10 minutes idle or 2 hours connected close the connection
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
export { MAX_FRAME_BYTES, MAX_MESSAGE_BYTES } from "./websocket/frame-limits";

/** How long a closing handshake may take before the socket is dropped. */
const CLOSE_GRACE_MS = 2_000;

/** What the connections' idle and maximum-duration limits run on: Node's timers, or a clock a test moves. */
export interface ConnectionTimers {
  /** Calls `callback` once `ms` have passed; returns what `cancel` takes. */
  start(callback: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

const NODE_TIMERS: ConnectionTimers = {
  start: (callback, ms) => setTimeout(callback, ms).unref(),
  cancel: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

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
  /** @default Node's timers */
  readonly timers?: ConnectionTimers;
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

/** One stage of the WebSocket API: its live connections, the work under way, and each event's handling. */
class WebSocketStage {
  private readonly live = new Map<string, Live>();
  private readonly pending = new Set<Promise<void>>();
  private readonly routes: ReadonlyMap<string, TwinWebSocketRoute>;
  private readonly selectRoute: (body: string) => string | undefined;
  private readonly log: (line: string) => void;
  private readonly handshake: ConnectHandshake;
  private readonly timers: ConnectionTimers;
  readonly wss: WebSocketServer;
  readonly host: string;
  port = 0;
  stopping = false;

  constructor(private readonly options: WebSocketTwinOptions) {
    this.host = options.host ?? "127.0.0.1";
    this.log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
    this.timers = options.timers ?? NODE_TIMERS;
    this.routes = new Map(options.api.routes.map((route) => [route.routeKey, route]));
    this.handshake = new ConnectHandshake(
      options,
      this.routes,
      (functionName, event) => this.invoke(functionName, event),
      (entry) => this.accessLog(entry),
    );
    this.selectRoute = routeSelector(options.api.routeSelectionExpression);
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: MAX_MESSAGE_BYTES,
      handleProtocols: (_offered, request) => this.handshake.protocolOf(request) ?? false,
    });
  }

  track(work: Promise<void>): void {
    const done = (): void => void this.pending.delete(work);
    this.pending.add(work);
    work.then(done, done);
  }

  accessLog(entry: AccessLogEntry): void {
    try {
      this.log(accessLogLine(entry));
    } catch {
      // A failing log sink must not break the connection.
    }
  }

  /** Invokes a function as an integration: at most the integration timeout (29 s), never rejects. */
  private async invoke(functionName: string, event: unknown): Promise<Invocation> {
    const call = await invokeWithin(this.options.invoker, functionName, event, { timeoutMs: this.options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS });
    if (call.outcome === "result") return { ok: true, value: call.value, latency: call.latencyMs };
    if (call.outcome === "timeout") return { ok: false, error: new Error("Endpoint request timed out"), timedOut: true, latency: call.latencyMs };
    const error =
      call.outcome === "too-large"
        ? new Error("the event is larger than Lambda accepts (6 MB)")
        : Object.assign(new Error(call.message), { errorType: call.errorType });
    return { ok: false, error, timedOut: false, latency: call.latencyMs };
  }

  /** The `@connections` management API's view of the live connections. */
  readonly registry = {
    find: (connectionId: string): ConnectionInfo | undefined => {
      const connection = this.live.get(connectionId);
      if (connection === undefined || !connection.open || connection.ws.readyState !== connection.ws.OPEN) return undefined;
      const { connectedAt, identity } = connection.context;
      return { connectedAt: new Date(connectedAt), lastActiveAt: connection.lastActiveAt, sourceIp: identity.sourceIp, userAgent: identity.userAgent };
    },
    post: (connectionId: string, data: Buffer): void => {
      // Text frames, as API Gateway sends them; bytes that are not UTF-8 could not be one.
      const connection = this.live.get(connectionId);
      if (connection !== undefined) sendInFrames(connection.ws, data, !isUtf8(data));
    },
    delete: (connectionId: string): void => {
      const connection = this.live.get(connectionId);
      if (connection !== undefined) this.closeByTwin(connection, 1000, "");
    },
  };

  private closeByTwin(connection: Live, code: number, reason: string): void {
    if (!connection.open) return;
    connection.open = false;
    connection.closedBy = { code, reason };
    connection.ws.close(code, reason);
    connection.killTimer = setTimeout(() => connection.ws.terminate(), CLOSE_GRACE_MS);
    connection.killTimer.unref();
  }

  private sendFrame(connection: Live, frame: unknown): void {
    if (connection.open && connection.ws.readyState === connection.ws.OPEN) connection.ws.send(JSON.stringify(frame));
  }

  private async onMessage(connection: Live, data: Buffer): Promise<void> {
    const requestId = apiGatewayId();
    const requestTimeEpoch = Date.now();
    const { connectionId, identity } = connection.context;
    const body = data.toString("utf8");
    const selected = this.selectRoute(body);
    const route = (selected === undefined ? undefined : this.routes.get(selected)) ?? this.routes.get("$default");
    const base = {
      requestId,
      requestTimeEpoch,
      sourceIp: identity.sourceIp,
      connectionId,
      eventType: "MESSAGE" as const,
      principalId: principalOf(connection.context),
    };
    if (route === undefined) {
      this.sendFrame(connection, { message: "Forbidden", connectionId, requestId });
      this.accessLog({ ...base, routeKey: selected ?? "$default", status: 403, errorMessage: "Forbidden" });
      return;
    }
    const context = requestContext(connection.context, {
      routeKey: route.routeKey,
      eventType: "MESSAGE",
      requestId,
      requestTimeEpoch,
      messageId: apiGatewayId(),
    });
    const result = await this.invoke(route.functionName, messageEvent(context, body));
    if (result.ok) {
      // No route response is configured: whatever the integration returned stays here.
      this.accessLog({ ...base, routeKey: route.routeKey, status: 200, integrationStatus: statusCodeOf(result.value), integrationLatency: result.latency });
      return;
    }
    const message = result.timedOut ? "Endpoint request timed out" : "Internal server error";
    this.sendFrame(connection, { message, connectionId, requestId });
    const failure = {
      status: result.timedOut ? 504 : 500,
      integrationLatency: result.latency,
      errorMessage: message,
      integrationError: errorMessage(result.error),
    };
    this.accessLog({ ...base, routeKey: route.routeKey, ...failure });
  }

  async onDisconnect(context: ConnectionContext, how: { code: number; reason: string }): Promise<void> {
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
    const route = this.routes.get("$disconnect");
    if (route === undefined) {
      this.accessLog({ ...base, status: 200 });
      return;
    }
    const event = disconnectEvent(requestContext(context, { routeKey: "$disconnect", eventType: "DISCONNECT", requestId, requestTimeEpoch, disconnect: how }));
    const result = await this.invoke(route.functionName, event);
    this.accessLog(
      result.ok
        ? { ...base, status: 200, integrationStatus: statusCodeOf(result.value), integrationLatency: result.latency }
        : {
            ...base,
            status: result.timedOut ? 504 : 500,
            integrationLatency: result.latency,
            errorMessage: "Internal server error",
            integrationError: errorMessage(result.error),
          },
    );
  }

  private accept(context: ConnectionContext, ws: WebSocket): void {
    const connection: Live = { context, ws, open: true, lastActiveAt: new Date(context.connectedAt) };
    this.live.set(context.connectionId, connection);
    const resetIdle = (): void => {
      this.timers.cancel(connection.idleTimer);
      connection.idleTimer = this.timers.start(() => this.closeByTwin(connection, 1001, "Going away"), this.options.idleTimeoutMs ?? IDLE_TIMEOUT_MS);
    };
    resetIdle();
    limitFrameSize(ws);
    connection.maxTimer = this.timers.start(() => this.closeByTwin(connection, 1001, "Going away"), this.options.maxConnectionMs ?? MAX_CONNECTION_MS);
    ws.on("message", (data: RawData, isBinary: boolean) => {
      if (!connection.open) return;
      connection.lastActiveAt = new Date();
      resetIdle();
      // API Gateway takes no binary frames: it disconnects the client with 1003 (unsupported data).
      if (isBinary) return this.closeByTwin(connection, 1003, "");
      this.track(this.onMessage(connection, toBuffer(data)));
    });
    ws.on("error", (error: Error & { code?: string }) => {
      // ws has already sent the close frame (1009 for a frame over maxPayload, 1002/1007 for protocol errors).
      if (connection.open) {
        connection.open = false;
        connection.closedBy =
          error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" ? { code: 1009, reason: "Message too big" } : { code: 1002, reason: error.message };
      }
    });
    ws.on("close", (code: number, reason: Buffer) => {
      connection.open = false;
      this.timers.cancel(connection.idleTimer);
      this.timers.cancel(connection.maxTimer);
      clearTimeout(connection.killTimer);
      this.live.delete(context.connectionId);
      this.track(this.onDisconnect(context, connection.closedBy ?? clientClose(code, reason.toString("utf8"))));
    });
  }

  async onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on("error", () => undefined);
    const { stage } = this.options;
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (this.stopping) return refuse(socket, 503, "Service Unavailable");
    if (pathname !== `/${stage}` && pathname !== `/${stage}/`) return refuse(socket, 403, "Forbidden");
    if (req.headers.upgrade?.toLowerCase() !== "websocket") return refuse(socket, 400, "Bad Request");
    const requestId = apiGatewayId();
    const connectedAt = Date.now();
    const connectionId = apiGatewayId();
    const sourceIp = (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
    const parts = handshakeParts(req, { sourceIp, port: this.port, at: connectedAt });
    const userAgent = headerValue(parts, "User-Agent");
    const identity = userAgent === undefined ? { sourceIp } : { sourceIp, userAgent };
    const initial: ConnectionContext = { stage, domainName: `${this.host}:${this.port}`, apiId: this.options.apiId, connectionId, connectedAt, identity };
    const log = { requestId, requestTimeEpoch: connectedAt, sourceIp, connectionId, eventType: "CONNECT" as const, routeKey: "$connect" };
    const context = await this.handshake.authorize(initial, parts, socket, log);
    if (!context) return;
    const principalId = principalOf(context);
    const connected = await this.handshake.runConnect(req, context, parts, socket, { ...log, principalId });
    if (!connected) return;
    if (this.stopping || socket.destroyed || !socket.writable) {
      // The client left while $connect ran (or the twin is stopping): no connection, but $connect's work is undone.
      this.accessLog({ ...log, status: 410, ...connected, errorMessage: "Client went away during $connect", principalId });
      socket.destroy();
      if (this.routes.has("$connect")) await this.onDisconnect(context, { code: 1006, reason: "Connection closed abnormally" });
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(context, ws));
    this.accessLog({ ...log, status: 200, ...connected, principalId });
  }

  openConnections(): number {
    return [...this.live.values()].filter((connection) => connection.open).length;
  }

  /** Closes every connection (1001; `$disconnect` runs), waits for the work under way, stops the server. */
  async close(server: Server): Promise<void> {
    this.stopping = true;
    const connections = [...this.live.values()];
    for (const connection of connections) this.closeByTwin(connection, 1001, "Going away");
    const closed = (connection: Live) =>
      new Promise<void>((resolve) => {
        if (connection.ws.readyState === connection.ws.CLOSED) return resolve();
        connection.ws.once("close", () => resolve());
      });
    await Promise.all(connections.map(closed));
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    await closeServer(server);
    this.wss.close();
  }
}

export async function startWebSocketTwin(options: WebSocketTwinOptions): Promise<WebSocketTwin> {
  const stage = new WebSocketStage(options);
  const server = createServer(connectionsApi({ stage: options.stage, registry: stage.registry }));
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const failed = (error: unknown) => {
      const entry = {
        requestId: apiGatewayId(),
        requestTimeEpoch: Date.now(),
        sourceIp: req.socket.remoteAddress ?? "-",
        connectionId: "-",
        eventType: "CONNECT" as const,
        routeKey: "$connect",
      };
      stage.accessLog({ ...entry, status: 500, errorMessage: errorMessage(error) });
      refuse(socket, 500, "Internal server error");
    };
    stage.track(stage.onUpgrade(req, socket, head).catch(failed));
  });
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  stage.port = await listen(server, options.port ?? 0, "WebSocket API", (error) =>
    log(JSON.stringify({ twinError: `WebSocket API server error: ${error.message}` })),
  );
  const { host, port } = stage;
  return {
    url: `ws://${host}:${port}/${options.stage}`,
    callbackUrl: `http://${host}:${port}/${options.stage}`,
    port,
    connections: () => stage.openConnections(),
    close: () => stage.close(server),
  };
}
