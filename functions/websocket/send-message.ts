import { websocketDeps } from "./deps";
import { OK } from "./event";
import { parseFrame, validateSendMessage } from "./frames";
import { websocketHandler } from "./handler";
import { reply } from "./management";
import { broadcast } from "./service";

/**
 * `sendMessage`: `{"action":"sendMessage","message":"...","room":"optional"}`. Every connection (or
 * every connection in the room, the sender included when it is in scope) gets the message; the
 * sender then gets `{ "type": "sent", "delivered", "stale", "failed" }`.
 */
export const handler = websocketHandler(async (event) => {
  const { message, room } = validateSendMessage(parseFrame(event));
  const deps = websocketDeps(event);
  const sender = event.requestContext.connectionId;
  const summary = await broadcast(deps, { from: sender, room, message });
  await reply(deps.management, sender, summary);
  return OK;
});
