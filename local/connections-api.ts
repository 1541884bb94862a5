import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "./server-kit";

/**
 * API Gateway's WebSocket management API (`@connections`), as an HTTP request listener over a
 * registry of connections: what the real `@aws-sdk/client-apigatewaymanagementapi` client sends,
 * answered with the status codes and `x-amzn-errortype` headers the SDK turns into its exceptions.
 *
 * - `POST /{stage}/@connections/{id}`: 200, the body delivered to the connection
 *   (413 `PayloadTooLargeException` above 128 KB).
 * - `GET /{stage}/@connections/{id}`: 200 `{"connectedAt","identity":{"sourceIp","userAgent"},"lastActiveAt"}`
 *   (ISO 8601 times; the SDK reads these lower-case JSON names into `ConnectedAt`, `Identity`, ...).
 * - `DELETE /{stage}/@connections/{id}`: 204, and the connection is closed.
 * - a connection that is unknown or closed: 410 `GoneException` (message null, as API Gateway sends it).
 * - another stage: 403 `ForbiddenException`; any other path or method: 404.
 *
 * Requests are not authenticated (the SDK signs them; the signature is ignored). Used by the local
 * twin's WebSocket API (real sockets behind the registry) and by the tests' stand-in server
 * (tests/helpers/connections-server.ts: recorded frames, injected failures).
 */

/** The real service's limit for PostToConnection data. */
export const MAX_POST_BYTES = 128 * 1024;

export type ManagementMethod = "POST" | "GET" | "DELETE";

export const MANAGEMENT_METHODS: readonly string[] = ["POST", "GET", "DELETE"];

export interface Failure {
  /** HTTP status, e.g. 500 or 429. */
  status: number;
  /** Sent as `x-amzn-errortype`: the SDK names its error after it. */
  errorType: string;
  message?: string;
  /** How many matching requests fail before the connection answers normally again; every one when absent. */
  times?: number;
  /** Which methods fail; all when absent. */
  methods?: readonly ManagementMethod[];
}

/** Failures as API Gateway reports them. */
export const FAILURES = {
  internal: { status: 500, errorType: "InternalServerErrorException", message: "Internal server error" },
  throttled: { status: 429, errorType: "LimitExceededException", message: "Rate exceeded" },
  forbidden: { status: 403, errorType: "ForbiddenException", message: "Forbidden" },
} as const satisfies Record<string, Failure>;

/** What `GET @connections/{id}` reports. */
export interface ConnectionInfo {
  readonly connectedAt: Date;
  readonly lastActiveAt: Date;
  readonly sourceIp: string;
  /** Left out of the answer when the client sent no User-Agent. */
  readonly userAgent?: string | undefined;
}

/** The connections behind the API. */
export interface ConnectionsRegistry {
  /** The connection when it is live; undefined when it is unknown, closing or closed (410). */
  find(connectionId: string): ConnectionInfo | undefined;
  /** Delivers a POSTed body to a live connection. */
  post(connectionId: string, data: Buffer): void;
  /** Closes a live connection (DELETE). */
  delete(connectionId: string): void;
}

export interface ConnectionsApiOptions {
  /** The only stage the API answers for; other stages get 403. */
  readonly stage: string;
  readonly registry: ConnectionsRegistry;
  /** Awaited once the body is read, before anything is answered: e.g. a latency standing in for the network. */
  readonly beforeAnswer?: () => Promise<void> | void;
  /** A failure to answer instead, for this connection and method (checked before the connection is looked up). */
  readonly failureFor?: (connectionId: string, method: ManagementMethod) => Failure | undefined;
}

// The `@` may come URL-encoded, as AWS's own example sends it (`/prod/%40connections/R0oXAdfD0kwCH6w%3D`).
const PATH = /^\/([^/]+)\/(?:@|%40)connections\/([^/]+)$/;

/** `/{stage}/@connections/{id}` (or `%40connections`) → the decoded stage and id; undefined for any other path. */
export function matchConnectionsPath(pathname: string): { stage: string; connectionId: string } | undefined {
  const match = PATH.exec(pathname);
  if (match === null) return undefined;
  const [, stage = "", connectionId = ""] = match;
  return { stage: decodeSegment(stage), connectionId: decodeSegment(connectionId) };
}

/** The management API as a request listener (for `http.createServer` or a server's `request` event). */
export function connectionsApi(options: ConnectionsApiOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? "";
    const read = await readBody(req, MAX_POST_BYTES);
    // What was not read of a body over the limit stays unread: this connection ends with the answer.
    if (!read.ok) res.shouldKeepAlive = false;
    const body = read.ok ? read.body : undefined;
    await options.beforeAnswer?.();

    const match = matchConnectionsPath(new URL(req.url ?? "/", "http://localhost").pathname);
    if (match === undefined || !MANAGEMENT_METHODS.includes(method)) return sendError(res, 404, "NotFoundException", "Not Found");
    if (match.stage !== options.stage) return sendError(res, FAILURES.forbidden.status, FAILURES.forbidden.errorType, FAILURES.forbidden.message);
    const { connectionId } = match;

    const failure = options.failureFor?.(connectionId, method as ManagementMethod);
    if (failure !== undefined) return sendError(res, failure.status, failure.errorType, failure.message ?? null);

    const connection = options.registry.find(connectionId);
    // API Gateway answers 410 with a null message for a connection it does not (or no longer) know.
    if (connection === undefined) return sendError(res, 410, "GoneException", null);

    switch (method) {
      case "POST":
        if (body === undefined) return sendError(res, 413, "PayloadTooLargeException", "Message too long");
        options.registry.post(connectionId, body);
        return send(res, 200);
      case "GET":
        return send(res, 200, {
          connectedAt: connection.connectedAt.toISOString(),
          identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
          lastActiveAt: connection.lastActiveAt.toISOString(),
        });
      default:
        options.registry.delete(connectionId);
        return send(res, 204);
    }
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, "InternalServerErrorException", error instanceof Error ? error.message : String(error));
      else res.destroy();
    });
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  const headers: Record<string, string> = { "x-amzn-requestid": randomUUID() };
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(body));
}

/** An error as the management API sends it: `x-amzn-errortype` names the SDK's exception, the body `{"message": ...}`. */
export function sendError(res: ServerResponse, status: number, errorType: string, message: string | null): void {
  res
    .writeHead(status, { "x-amzn-requestid": randomUUID(), "x-amzn-errortype": errorType, "content-type": "application/json" })
    .end(JSON.stringify({ message }));
}
