import { websocketAdmins, websocketDeps } from "./deps";
import { OK } from "./event";
import { parseFrame, validateKick } from "./frames";
import { websocketHandler } from "./handler";
import { reply } from "./management";
import { kickConnection } from "./service";

/**
 * `kick`: `{"action":"kick","connectionId":"..."}` closes another connection (`DELETE
 * @connections/{id}`) and deletes its item. Only a sender whose stored `principalId` (set by the
 * authorizer at `$connect`) is listed in `WEBSOCKET_ADMINS` may; anyone else gets `forbidden` (403).
 * The admin gets `{ "type": "kicked", "connectionId", "wasConnected" }`.
 */
export const handler = websocketHandler(async (event) => {
  const { connectionId } = validateKick(parseFrame(event));
  const deps = websocketDeps(event);
  const sender = event.requestContext.connectionId;
  const wasConnected = await kickConnection(deps, websocketAdmins(), sender, connectionId);
  if (connectionId !== sender) await reply(deps.management, sender, { type: "kicked", connectionId, wasConnected });
  return OK;
});
