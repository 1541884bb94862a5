import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import type { WebSocketEvent } from "./event";
import { createPoster, type Poster } from "./poster";

/**
 * Where the `@connections` API of the API that sent `event` lives: `CALLBACK_URL` as it is when
 * set (a custom domain, whose `domainName` would lack the stage, or a local server), else
 * `https://{domainName}/{stage}`.
 */
export function callbackUrl(event: Pick<WebSocketEvent, "requestContext">): string {
  const configured = process.env.CALLBACK_URL;
  if (configured !== undefined && configured !== "") return configured;
  const { domainName, stage } = event.requestContext;
  return `https://${domainName}/${stage}`;
}

const clients = new Map<string, ApiGatewayManagementApiClient>();

/**
 * One management client per endpoint per container, created on first use. Region and credentials
 * come from the SDK's default chain; the SDK's standard retries (3 attempts) cover throttling
 * (`LimitExceededException`, 429) and 5xx.
 */
export function managementClient(endpoint: string): ApiGatewayManagementApiClient {
  let client = clients.get(endpoint);
  if (client === undefined) {
    // The resolved middleware stack is kept per command type (nothing here changes it per request).
    client = new ApiGatewayManagementApiClient({ endpoint, cacheMiddleware: true });
    clients.set(endpoint, client);
  }
  return client;
}

const posters = new Map<string, Poster>();

/**
 * One broadcast poster per endpoint per container (functions/websocket/poster.ts), signing with that
 * endpoint's management client's credentials and region, with at most `maxSockets` connections open.
 */
export function broadcastPoster(endpoint: string, maxSockets: number): Poster {
  let poster = posters.get(endpoint);
  if (poster === undefined) {
    poster = createPoster(managementClient(endpoint), endpoint, maxSockets);
    posters.set(endpoint, poster);
  }
  return poster;
}

/** The management API's answer for a connection that is closed or never existed. */
export const isGone = (error: unknown): boolean => error instanceof GoneException || (error instanceof Error && error.name === "GoneException");

/** Posts one JSON frame to one connection. */
export async function postJson(client: ApiGatewayManagementApiClient, connectionId: string, frame: unknown): Promise<void> {
  await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from(JSON.stringify(frame), "utf8") }));
}

/**
 * Posts a reply to the connection that sent the message being handled. Returns false when that
 * connection has gone meanwhile (the client closed it): there is no one left to tell, which is no error.
 */
export async function reply(client: ApiGatewayManagementApiClient, connectionId: string, frame: unknown): Promise<boolean> {
  try {
    await postJson(client, connectionId, frame);
    return true;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}

export interface ConnectionInfo {
  connectedAt: string | null;
  lastActiveAt: string | null;
  sourceIp: string | null;
  userAgent: string | null;
}

/** `GET @connections/{id}`; throws `GoneException` when the connection is closed. */
export async function getConnection(client: ApiGatewayManagementApiClient, connectionId: string): Promise<ConnectionInfo> {
  const found = await client.send(new GetConnectionCommand({ ConnectionId: connectionId }));
  return {
    connectedAt: found.ConnectedAt?.toISOString() ?? null,
    lastActiveAt: found.LastActiveAt?.toISOString() ?? null,
    sourceIp: found.Identity?.SourceIp ?? null,
    userAgent: found.Identity?.UserAgent ?? null,
  };
}

/** `DELETE @connections/{id}`: closes the connection. Returns false when it was already gone. */
export async function deleteConnection(client: ApiGatewayManagementApiClient, connectionId: string): Promise<boolean> {
  try {
    await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    return true;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}
