import { storeDeps } from "./deps";
import { FrameError, OK, type ConnectEvent } from "./event";
import { validateRoom } from "./frames";
import { websocketHandler } from "./handler";
import { saveConnection } from "./service";

/**
 * `$connect`: stores the connection with its room (`?room=`, optional) and the authorizer's
 * `principalId` (when a REQUEST authorizer runs). A bad room answers 400, which refuses the handshake.
 */
export const handler = websocketHandler<ConnectEvent>(async (event) => {
  const rooms = event.multiValueQueryStringParameters?.room;
  if (rooms !== undefined && rooms.length > 1) throw new FrameError(400, "invalid_room", "query parameter room must be given at most once");
  const room = event.queryStringParameters?.room;
  const principalId = event.requestContext.authorizer?.principalId;
  await saveConnection(storeDeps(), {
    connectionId: event.requestContext.connectionId,
    room: room === undefined ? undefined : validateRoom(room),
    principalId: typeof principalId === "string" && principalId !== "" ? principalId : undefined,
  });
  return OK;
});
