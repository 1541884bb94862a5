import { CreateTableCommand, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ConnectEvent, WebSocketEvent } from "../../functions/websocket/event";
import { startConnectionsServer, type ConnectionsServer } from "./connections-server";
import { setEnv, testDynamoDb, type DynamoDbLocal } from "./dynamodb-local";

export const API_ID = "wsapi12345";
export const DOMAIN_NAME = `${API_ID}.execute-api.us-east-1.amazonaws.com`;

/**
 * Creates a connections table as the WebSocket handlers expect it: partition key `connectionId`,
 * GSI `room-index` on `room` (keys only), TTL on `expiresAt`. Returns its name.
 */
export async function createConnectionsTable(client: DynamoDBDocumentClient, tableName: string): Promise<string> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "connectionId", AttributeType: "S" },
        { AttributeName: "room", AttributeType: "S" },
      ],
      KeySchema: [{ AttributeName: "connectionId", KeyType: "HASH" }],
      GlobalSecondaryIndexes: [
        { IndexName: "room-index", KeySchema: [{ AttributeName: "room", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } },
      ],
    }),
  );
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } }));
  return tableName;
}

/** Writes connection items 25 at a time, `parallel` batches at once (unprocessed items are retried). */
export async function putConnections(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  parallel = 8,
): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const writeBatch = async (batch: Record<string, unknown>[]): Promise<void> => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 10) throw new Error(`BatchWrite left ${requests.length} items unprocessed`);
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, batches.length) }, async () => {
      while (next < batches.length) await writeBatch(batches[next++] as Record<string, unknown>[]);
    }),
  );
}

/** A connection item as `$connect` would have stored it. */
export function connectionItem(connectionId: string, room?: string, principalId?: string): Record<string, unknown> {
  return {
    connectionId,
    connectedAt: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + 7800,
    ...(room === undefined ? {} : { room }),
    ...(principalId === undefined ? {} : { principalId }),
  };
}

/** A connection id shaped like API Gateway's (base64, often with `=`), distinct per `n` and `prefix`. */
export function connectionIdFor(n: number, prefix = "c"): string {
  return Buffer.from(`${prefix}:${String(n).padStart(6, "0")}`, "utf8").toString("base64");
}

export interface WebSocketEventOptions {
  routeKey: string;
  connectionId: string;
  /** A frame's raw body. */
  body?: string;
  /** Convenience: JSON-encodes the value as the body. */
  json?: unknown;
  isBase64Encoded?: boolean;
  stage?: string;
}

let messageCounter = 0;

function requestContext(options: { routeKey: string; connectionId: string; stage?: string; eventType: "CONNECT" | "MESSAGE" | "DISCONNECT" }) {
  const id = ++messageCounter;
  return {
    routeKey: options.routeKey,
    messageId: `msg-${id}=`,
    eventType: options.eventType,
    extendedRequestId: `ext-ws-${id}=`,
    requestTime: "25/Nov/2025:12:00:00 +0000",
    messageDirection: "IN" as const,
    stage: options.stage ?? "dev",
    connectedAt: Date.now() - 1000,
    requestTimeEpoch: Date.now(),
    identity: { sourceIp: "203.0.113.10", userAgent: "jest" },
    requestId: `ws-req-${id}`,
    domainName: DOMAIN_NAME,
    connectionId: options.connectionId,
    apiId: API_ID,
  };
}

/** A message event (`$default` or a custom route) as API Gateway sends it to a Lambda integration. */
export function messageEvent(options: WebSocketEventOptions): WebSocketEvent {
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  return {
    requestContext: requestContext({ ...options, eventType: "MESSAGE" }),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}

/** A `$connect` event: the handshake's query string and, when given, a REQUEST authorizer's output. */
export function connectEvent(options: {
  connectionId: string;
  query?: Record<string, string | string[]>;
  authorizer?: Record<string, unknown>;
  stage?: string;
}): ConnectEvent {
  const query = options.query;
  const headers = { Host: DOMAIN_NAME, "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13" };
  return {
    headers,
    ...(query === undefined
      ? {}
      : {
          queryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v])),
          multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
        }),
    requestContext: {
      ...requestContext({ routeKey: "$connect", connectionId: options.connectionId, eventType: "CONNECT", ...(options.stage ? { stage: options.stage } : {}) }),
      ...(options.authorizer === undefined ? {} : { authorizer: options.authorizer }),
    },
    isBase64Encoded: false,
  };
}

export function disconnectEvent(connectionId: string): WebSocketEvent {
  return {
    requestContext: requestContext({ routeKey: "$disconnect", connectionId, eventType: "DISCONNECT" }),
    isBase64Encoded: false,
  };
}

export interface WebSocketBackend {
  db: DynamoDbLocal;
  connections: ConnectionsServer;
  table: string;
}

/**
 * For a test file: connects to DynamoDB Local (see `testDynamoDb`) and starts a connections server
 * once, creates the connections table (a `testTable` name), points the handlers at both (`CONNECTIONS_TABLE_NAME`, `CALLBACK_URL`, the SDK's local
 * endpoint and credentials) and undoes it all after the file's tests. Returns a getter.
 */
export function useWebSocketBackend(table: string): () => WebSocketBackend {
  let backend: WebSocketBackend | undefined;
  let restoreEnv: () => void = () => undefined;
  beforeAll(async () => {
    const [db, connections] = await Promise.all([testDynamoDb(), startConnectionsServer({ stage: "dev" })]);
    backend = { db, connections, table };
    restoreEnv = setEnv({
      ...db.env,
      CONNECTIONS_TABLE_NAME: table,
      CALLBACK_URL: connections.endpoint,
      BROADCAST_CONCURRENCY: undefined,
      WEBSOCKET_ADMINS: undefined,
    });
    await createConnectionsTable(db.client, table);
  });
  afterAll(async () => {
    restoreEnv();
    await Promise.all([backend?.db.stop(), backend?.connections.close()]);
  });
  return () => {
    if (!backend) throw new Error("the WebSocket backend is not running: call the getter inside a test");
    return backend;
  };
}
