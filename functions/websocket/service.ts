import type { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { logger } from "../shared/logger";
import { FrameError } from "./event";
import type { MessageFrame, SentFrame } from "./frames";
import { deleteConnection, getConnection, isGone } from "./management";
import { forEachBounded, pagedItems, type Page } from "./pool";
import { prepareData, type Poster } from "./poster";

/**
 * The connections table: partition key `connectionId` (string); a global secondary index
 * {@link ROOM_INDEX} with partition key `room` (string; sparse: only connections that joined a
 * room), projecting at least the keys; TTL enabled on `expiresAt` (epoch seconds).
 */
export const ROOM_INDEX = "room-index";

/**
 * API Gateway closes every connection after at most 2 hours; `$disconnect` is best effort, so the
 * TTL removes what it misses. The 10 minutes on top cover clock skew and a late `$disconnect`.
 */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60 + 10 * 60;

/** Failed posts logged one by one per broadcast; the rest are only counted (an outage must not flood the logs). */
export const MAX_LOGGED_FAILURES = 50;

export interface ConnectionRecord {
  connectionId: string;
  /** ISO 8601, when the handshake was accepted. */
  connectedAt: string;
  /** Epoch seconds: the table's TTL attribute. */
  expiresAt: number;
  room?: string;
  /** The authorizer's `principalId`, when a REQUEST authorizer guards `$connect`. */
  principalId?: string;
}

/** What `$connect` and `$disconnect` need: the table only. */
export interface StoreDeps {
  db: DynamoDBDocumentClient;
  tableName: string;
  now: () => Date;
}

/** What message routes need: the table and the management API of the caller's API and stage. */
export interface WebSocketDeps extends StoreDeps {
  management: ApiGatewayManagementApiClient;
  /** A broadcast's posts to the same management API (poster.ts: the SDK's request, without its per-request pipeline). */
  poster: Poster;
  /** Posts in flight at most during a broadcast. */
  concurrency: number;
  /** Connections read per Scan or Query page during a broadcast. */
  pageSize: number;
}

export async function saveConnection(
  deps: StoreDeps,
  connection: { connectionId: string; room: string | undefined; principalId: string | undefined },
): Promise<ConnectionRecord> {
  const now = deps.now();
  const record: ConnectionRecord = {
    connectionId: connection.connectionId,
    connectedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + CONNECTION_TTL_SECONDS,
    ...(connection.room === undefined ? {} : { room: connection.room }),
    ...(connection.principalId === undefined ? {} : { principalId: connection.principalId }),
  };
  await deps.db.send(new PutCommand({ TableName: deps.tableName, Item: record }));
  return record;
}

/** Deletes the connection's item; deleting one that is not there is not an error. */
export async function removeConnection(deps: StoreDeps, connectionId: string): Promise<void> {
  await deps.db.send(new DeleteCommand({ TableName: deps.tableName, Key: { connectionId } }));
}

export async function findConnection(deps: StoreDeps, connectionId: string): Promise<ConnectionRecord | undefined> {
  const result = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: { connectionId }, ConsistentRead: true }));
  return result.Item as ConnectionRecord | undefined;
}

/** One page of connection ids: every connection (Scan), or a room's (Query on {@link ROOM_INDEX}). */
async function connectionPage(
  deps: WebSocketDeps,
  room: string | undefined,
  start: Record<string, unknown> | undefined,
): Promise<Page<string, Record<string, unknown>>> {
  const common = {
    TableName: deps.tableName,
    Limit: deps.pageSize,
    ExclusiveStartKey: start,
    ProjectionExpression: "#id",
  };
  const result =
    room === undefined
      ? await deps.db.send(new ScanCommand({ ...common, ExpressionAttributeNames: { "#id": "connectionId" } }))
      : await deps.db.send(
          new QueryCommand({
            ...common,
            IndexName: ROOM_INDEX,
            KeyConditionExpression: "#room = :room",
            ExpressionAttributeNames: { "#id": "connectionId", "#room": "room" },
            ExpressionAttributeValues: { ":room": room },
          }),
        );
  return { items: (result.Items ?? []).map((item) => item.connectionId as string), next: result.LastEvaluatedKey };
}

/**
 * Sends `message` to every connection, or to every connection in `room`: the connections are read
 * page by page and posted to with at most `deps.concurrency` posts in flight. A connection the
 * management API reports gone is removed from the table and counted `stale`; any other failure is
 * counted `failed` and logged (connection id and error name, never the message) and the item kept.
 * Neither stops the broadcast; only a failure to read the table does.
 */
export async function broadcast(deps: WebSocketDeps, input: { from: string; room: string | undefined; message: string }): Promise<SentFrame> {
  const frame: MessageFrame = { type: "message", from: input.from, room: input.room ?? null, message: input.message, sentAt: deps.now().toISOString() };
  // Encoded and hashed once: every connection gets the same bytes.
  const data = prepareData(Buffer.from(JSON.stringify(frame), "utf8"));
  const summary: SentFrame = { type: "sent", delivered: 0, stale: 0, failed: 0 };

  const ids = pagedItems((start: Record<string, unknown> | undefined) => connectionPage(deps, input.room, start));
  await forEachBounded(ids, deps.concurrency, async (connectionId) => {
    try {
      await deps.poster.post(connectionId, data);
      summary.delivered++;
    } catch (error) {
      if (isGone(error)) {
        summary.stale++;
        await removeStale(deps, connectionId);
        return;
      }
      summary.failed++;
      if (summary.failed <= MAX_LOGGED_FAILURES) {
        logger.warn({ message: "post to connection failed", targetConnectionId: connectionId, ...sdkErrorFields(error) });
      }
    }
  });
  if (summary.failed > MAX_LOGGED_FAILURES) {
    logger.warn({ message: "further posts failed", notLogged: summary.failed - MAX_LOGGED_FAILURES });
  }
  logger.info({ message: "broadcast finished", room: input.room ?? null, delivered: summary.delivered, stale: summary.stale, failed: summary.failed });
  return summary;
}

async function removeStale(deps: StoreDeps, connectionId: string): Promise<void> {
  try {
    await removeConnection(deps, connectionId);
  } catch (error) {
    // The TTL removes it eventually; the broadcast goes on.
    logger.warn({ message: "stale connection not removed", targetConnectionId: connectionId, ...sdkErrorFields(error) });
  }
}

/** The name and HTTP status of an SDK error: enough to diagnose, nothing from the request. */
function sdkErrorFields(error: unknown): { errorName: string; httpStatusCode?: number } {
  const name = error instanceof Error ? error.name : typeof error;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === "number" ? { errorName: name, httpStatusCode: status } : { errorName: name };
}

export interface WhoAmI {
  type: "whoami";
  connectionId: string;
  connectedAt: string | null;
  lastActiveAt: string | null;
  sourceIp: string | null;
  room: string | null;
}

/** What API Gateway (`GET @connections/{id}`) and the table know about a connection. */
export async function describeConnection(deps: WebSocketDeps, connectionId: string): Promise<WhoAmI> {
  const [info, record] = await Promise.all([getConnection(deps.management, connectionId), findConnection(deps, connectionId)]);
  return {
    type: "whoami",
    connectionId,
    connectedAt: info.connectedAt,
    lastActiveAt: info.lastActiveAt,
    sourceIp: info.sourceIp,
    room: record?.room ?? null,
  };
}

/**
 * Closes a connection (`DELETE @connections/{id}`) and deletes its item. Returns whether it was
 * still open; a connection already gone is not an error. If the close fails otherwise, the item is
 * kept, since the connection may still be open.
 */
export async function closeConnection(deps: WebSocketDeps, connectionId: string): Promise<boolean> {
  const wasOpen = await deleteConnection(deps.management, connectionId);
  await removeConnection(deps, connectionId);
  return wasOpen;
}

/**
 * Closes `target` for `sender`, who must be an admin: its stored `principalId` (the authorizer's,
 * saved at `$connect`) is one of `admins`; otherwise `forbidden` (403). Returns whether the target
 * was still open.
 */
export async function kickConnection(deps: WebSocketDeps, admins: ReadonlySet<string>, sender: string, target: string): Promise<boolean> {
  const principalId = (await findConnection(deps, sender))?.principalId;
  if (principalId === undefined || !admins.has(principalId)) {
    throw new FrameError(403, "forbidden", "only an admin may kick a connection");
  }
  return closeConnection(deps, target);
}
