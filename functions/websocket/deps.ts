import { documentClient } from "../shared/clients";
import { requireEnv } from "../shared/env";
import type { WebSocketEvent } from "./event";
import { broadcastPoster, callbackUrl, managementClient } from "./management";
import type { StoreDeps, WebSocketDeps } from "./service";

/**
 * Posts in flight during a broadcast unless `BROADCAST_CONCURRENCY` says otherwise, chosen by
 * measurement (`npm run bench`, docs/testing.md, Benchmark): with the management API answering in
 * 2 ms, 25, 50 and 100 in flight broadcast to 1,000 and 10,000 connections equally fast (the handler's
 * CPU is the bound then); with answers taking 10 ms, 2,000 connections took 980 ms at 25, 594 ms at 50
 * and 465 ms at 100. 50 gets most of that gain with half the sockets and half the burst on the
 * management API of 100; where posts are slow, up to {@link MAX_BROADCAST_CONCURRENCY} can pay.
 */
export const DEFAULT_BROADCAST_CONCURRENCY = 50;
/** The broadcast poster opens at most this many connections to the management API (its agent's maxSockets). */
export const MAX_BROADCAST_CONCURRENCY = 100;
/**
 * Connections read per Scan or Query page during a broadcast (keys only: about 40 bytes each, far
 * below DynamoDB's 1 MB per page). Pages of 100 made a broadcast to 10,000 wait on 100 reads.
 */
export const BROADCAST_PAGE_SIZE = 1000;

/** `BROADCAST_CONCURRENCY`: an integer from 1 to {@link MAX_BROADCAST_CONCURRENCY}; unset or empty means the default. */
export function broadcastConcurrency(): number {
  const raw = process.env.BROADCAST_CONCURRENCY;
  if (raw === undefined || raw.trim() === "") return DEFAULT_BROADCAST_CONCURRENCY;
  const value = /^\s*[0-9]{1,3}\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= MAX_BROADCAST_CONCURRENCY)) {
    throw new Error(`environment variable BROADCAST_CONCURRENCY must be an integer from 1 to ${MAX_BROADCAST_CONCURRENCY}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** `WEBSOCKET_ADMINS`: the principal ids allowed to kick, separated by commas; nobody when unset. */
export function websocketAdmins(): ReadonlySet<string> {
  const raw = process.env.WEBSOCKET_ADMINS ?? "";
  return new Set(
    raw
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== ""),
  );
}

/** Production dependencies of `$connect` and `$disconnect`; read on each invocation so a missing variable is a logged 500. */
export function storeDeps(): StoreDeps {
  return { db: documentClient(), tableName: requireEnv("CONNECTIONS_TABLE_NAME"), now: () => new Date() };
}

/** Production dependencies of the message routes: the table and the caller's API's management endpoint. */
export function websocketDeps(event: Pick<WebSocketEvent, "requestContext">): WebSocketDeps {
  const endpoint = callbackUrl(event);
  return {
    ...storeDeps(),
    management: managementClient(endpoint),
    poster: broadcastPoster(endpoint, MAX_BROADCAST_CONCURRENCY),
    concurrency: broadcastConcurrency(),
    pageSize: BROADCAST_PAGE_SIZE,
  };
}
