import { storeDeps } from "./deps";
import { OK } from "./event";
import { websocketHandler } from "./handler";
import { removeConnection } from "./service";

/** `$disconnect`: deletes the connection's item; it may already be gone (a stale cleanup, `leave`, `kick`). */
export const handler = websocketHandler(async (event) => {
  await removeConnection(storeDeps(), event.requestContext.connectionId);
  return OK;
});
