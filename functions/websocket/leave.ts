import { websocketDeps } from "./deps";
import { OK } from "./event";
import { parseFrame, validateNoFields } from "./frames";
import { websocketHandler } from "./handler";
import { closeConnection } from "./service";

/**
 * `leave`: the server closes the sender's connection (`DELETE @connections/{id}`) and deletes its
 * item. No frame follows: the close is the answer.
 */
export const handler = websocketHandler(async (event) => {
  validateNoFields(parseFrame(event));
  await closeConnection(websocketDeps(event), event.requestContext.connectionId);
  return OK;
});
