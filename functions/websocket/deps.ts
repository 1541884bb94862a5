import { documentClient } from "../shared/clients";
import { requireEnv } from "../shared/env";
import type { WebSocketEvent } from "./event";
import { callbackUrl, managementClient } from "./management";
import type { StoreDeps, WebSocketDeps } from "./service";

/** Posts in flight during a broadcast unless `BROADCAST_CONCURRENCY` says otherwise. */
export const DEFAULT_BROADCAST_CONCURRENCY = 25;
/** The SDK's HTTP agent opens at most 50 sockets per client: more would only queue inside it. */
export const MAX_BROADCAST_CONCURRENCY = 50;
/** Connections read per page during a broadcast. */
export const BROADCAST_PAGE_SIZE = 100;

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
  return new Set(raw.split(",").map((id) => id.trim()).filter((id) => id !== ""));
}

/** Production dependencies of `$connect` and `$disconnect`; read on each invocation so a missing variable is a logged 500. */
export function storeDeps(): StoreDeps {
  return { db: documentClient(), tableName: requireEnv("CONNECTIONS_TABLE_NAME"), now: () => new Date() };
}

/** Production dependencies of the message routes: the table and the caller's API's management endpoint. */
export function websocketDeps(event: Pick<WebSocketEvent, "requestContext">): WebSocketDeps {
  return {
    ...storeDeps(),
    management: managementClient(callbackUrl(event)),
    concurrency: broadcastConcurrency(),
    pageSize: BROADCAST_PAGE_SIZE,
  };
}
