import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { connectionsApi, MANAGEMENT_METHODS, type Failure, type ManagementMethod } from "../../local/connections-api";

/**
 * A local stand-in for API Gateway's WebSocket management API (`@connections`), for tests and
 * the benchmark. It answers what the real `@aws-sdk/client-apigatewaymanagementapi`
 * client sends, over plain HTTP on 127.0.0.1, with the status codes and `x-amzn-errortype` headers
 * the SDK turns into its exceptions:
 *
 * - `POST /{stage}/@connections/{id}`: 200 and the body is recorded for that connection
 *   (413 `PayloadTooLargeException` above 128 KB).
 * - `GET /{stage}/@connections/{id}`: 200 `{"connectedAt","identity":{"sourceIp","userAgent"},"lastActiveAt"}`
 *   (ISO 8601 times; the SDK reads these lower-case JSON names into `ConnectedAt`, `Identity`, ...).
 * - `DELETE /{stage}/@connections/{id}`: 204, and the connection is closed.
 * - a connection that is unknown, marked stale or closed: 410 `GoneException`.
 * - another stage: 403 `ForbiddenException`; any other path or method: 404.
 *
 * Requests are not authenticated (the SDK signs them; the signature is ignored). The protocol itself
 * lives in local/connections-api.ts, shared with the local twin; this adds recording, injected
 * failures, latency and counts.
 */

export { FAILURES, MAX_POST_BYTES, type Failure, type ManagementMethod } from "../../local/connections-api";

export interface ConnectOptions {
  sourceIp?: string;
  userAgent?: string;
  connectedAt?: Date;
}

export interface ConnectionsServerOptions {
  /** The stage in the path; `local` by default. */
  stage?: string;
  /** Delay before every answer, to stand in for the network and the service (0 by default). */
  latencyMs?: number;
  /** Called for every accepted POST, after it is recorded: e.g. a twin forwarding to a real socket. */
  onPost?: (connectionId: string, data: Buffer) => void;
  /** Called when a DELETE closes a live connection. */
  onDelete?: (connectionId: string) => void;
}

export interface ServerStats {
  /** Requests answered or being answered, by method (including failures and unknown paths). */
  requests: Record<ManagementMethod | "other", number>;
  /** Requests being answered right now. */
  inFlight: number;
  /** The most requests in flight at once since the server started or `resetStats()`. */
  peakInFlight: number;
}

export interface ConnectionsServer {
  /** `http://127.0.0.1:{port}/{stage}`: the management client's `endpoint`, or `CALLBACK_URL`. */
  readonly endpoint: string;
  readonly stage: string;
  /** Registers a live connection (replacing any earlier one with that id, frames included). */
  connect(connectionId: string, options?: ConnectOptions): void;
  /** The client went away without API Gateway noticing yet: every request for it now answers 410. */
  markStale(connectionId: string): void;
  isLive(connectionId: string): boolean;
  /** Records client activity: `lastActiveAt` of GET. */
  touch(connectionId: string, at?: Date): void;
  /** Makes requests for `connectionId` fail with `failure` (replacing an earlier one). */
  fail(connectionId: string, failure: Failure): void;
  clearFailures(): void;
  /** Every body POSTed to the connection, as UTF-8 text, in arrival order (also after it went stale). */
  received(connectionId: string): string[];
  /** The same, parsed as JSON. */
  receivedJson(connectionId: string): unknown[];
  /** Ids closed by DELETE, in order. */
  deleted(): string[];
  /** Forgets every recorded frame and DELETE; connections stay as they are. */
  clearReceived(): void;
  /** Ids that currently have a live connection. */
  liveConnections(): string[];
  setLatency(ms: number): void;
  /**
   * Holds every answer until `count` requests are in flight at once, then lets them all through (and
   * every later one): requests a client sends concurrently overlap here however slow the machine is.
   * A client that never has that many in flight is let through after `fallbackMs`, so that it fails
   * on the counts rather than on the test's timeout. Until `reset()`.
   */
  holdUntilInFlight(count: number, fallbackMs?: number): void;
  stats(): ServerStats;
  /** Zeroes the request counts and the peak (the in-flight count is kept). */
  resetStats(): void;
  /** Forgets every connection, frame, failure and count. */
  reset(): void;
  close(): Promise<void>;
}

interface Connection {
  live: boolean;
  connectedAt: Date;
  lastActiveAt: Date;
  sourceIp: string;
  userAgent: string;
  frames: Buffer[];
}

interface ActiveFailure extends Failure {
  remaining: number;
}

export async function startConnectionsServer(options: ConnectionsServerOptions = {}): Promise<ConnectionsServer> {
  const stage = options.stage ?? "local";
  let latencyMs = options.latencyMs ?? 0;
  const connections = new Map<string, Connection>();
  const failures = new Map<string, ActiveFailure>();
  let deleted: string[] = [];
  const emptyCounts = (): ServerStats["requests"] => ({ POST: 0, GET: 0, DELETE: 0, other: 0 });
  let requests = emptyCounts();
  let inFlight = 0;
  let peakInFlight = 0;
  let gate: { count: number; opened: Promise<void>; open(): void } | undefined;

  const handle = connectionsApi({
    stage,
    beforeAnswer: () => {
      const delay = (): Promise<void> | undefined => (latencyMs > 0 ? new Promise((resolve) => setTimeout(resolve, latencyMs)) : undefined);
      return gate ? gate.opened.then(delay) : delay();
    },
    failureFor(connectionId, method) {
      const failure = failures.get(connectionId);
      if (failure === undefined || (failure.methods !== undefined && !failure.methods.includes(method))) return undefined;
      if (--failure.remaining <= 0) failures.delete(connectionId);
      return failure;
    },
    registry: {
      find: (connectionId) => {
        const connection = connections.get(connectionId);
        return connection?.live === true ? connection : undefined;
      },
      post(connectionId, data) {
        connections.get(connectionId)?.frames.push(data);
        options.onPost?.(connectionId, data);
      },
      delete(connectionId) {
        const connection = connections.get(connectionId);
        if (connection !== undefined) connection.live = false;
        deleted.push(connectionId);
        options.onDelete?.(connectionId);
      },
    },
  });

  const server = createServer((req, res) => {
    const method = (MANAGEMENT_METHODS.includes(req.method ?? "") ? req.method : "other") as keyof ServerStats["requests"];
    requests[method]++;
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    if (gate && inFlight >= gate.count) gate.open();
    let counted = true;
    const done = (): void => {
      if (counted) inFlight--;
      counted = false;
    };
    res.once("finish", done);
    res.once("close", done);
    handle(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const must = (connectionId: string): Connection => {
    const connection = connections.get(connectionId);
    if (connection === undefined) throw new Error(`connection ${connectionId} was never registered`);
    return connection;
  };

  return {
    endpoint: `http://127.0.0.1:${port}/${stage}`,
    stage,
    connect(connectionId, connect = {}) {
      const connectedAt = connect.connectedAt ?? new Date();
      connections.set(connectionId, {
        live: true,
        connectedAt,
        lastActiveAt: connectedAt,
        sourceIp: connect.sourceIp ?? "127.0.0.1",
        userAgent: connect.userAgent ?? "connections-server",
        frames: [],
      });
    },
    markStale(connectionId) {
      const connection = connections.get(connectionId);
      if (connection !== undefined) connection.live = false;
      else connections.set(connectionId, { live: false, connectedAt: new Date(0), lastActiveAt: new Date(0), sourceIp: "", userAgent: "", frames: [] });
    },
    isLive: (connectionId) => connections.get(connectionId)?.live === true,
    touch(connectionId, at = new Date()) {
      must(connectionId).lastActiveAt = at;
    },
    fail(connectionId, failure) {
      failures.set(connectionId, { ...failure, remaining: failure.times ?? Number.POSITIVE_INFINITY });
    },
    clearFailures: () => failures.clear(),
    received: (connectionId) => (connections.get(connectionId)?.frames ?? []).map((frame) => frame.toString("utf8")),
    receivedJson: (connectionId) => (connections.get(connectionId)?.frames ?? []).map((frame) => JSON.parse(frame.toString("utf8")) as unknown),
    deleted: () => [...deleted],
    clearReceived() {
      for (const connection of connections.values()) connection.frames = [];
      deleted = [];
    },
    liveConnections: () => [...connections].filter(([, connection]) => connection.live).map(([id]) => id),
    setLatency(ms) {
      latencyMs = ms;
    },
    holdUntilInFlight(count, fallbackMs = 5_000) {
      let open = (): void => undefined;
      const opened = new Promise<void>((resolve) => (open = resolve));
      setTimeout(open, fallbackMs).unref();
      gate = { count, opened, open };
    },
    stats: () => ({ requests: { ...requests }, inFlight, peakInFlight }),
    resetStats() {
      requests = emptyCounts();
      peakInFlight = inFlight;
    },
    reset() {
      gate = undefined;
      connections.clear();
      failures.clear();
      deleted = [];
      requests = emptyCounts();
      peakInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of SDK clients would otherwise hold the server open.
        server.closeAllConnections();
      }),
  };
}
