import { websocketDeps } from "./deps";
import { OK } from "./event";
import { parseFrame, validateNoFields } from "./frames";
import { websocketHandler } from "./handler";
import { isGone, reply } from "./management";
import { describeConnection, type WhoAmI } from "./service";

/** `whoami`: the sender's own connection as API Gateway (`GET @connections/{id}`) and the table know it. */
export const handler = websocketHandler(async (event) => {
  validateNoFields(parseFrame(event));
  const deps = websocketDeps(event);
  const connectionId = event.requestContext.connectionId;
  let described: WhoAmI;
  try {
    described = await describeConnection(deps, connectionId);
  } catch (error) {
    // The client closed the connection before the answer: nobody to answer.
    if (isGone(error)) return OK;
    throw error;
  }
  await reply(deps.management, connectionId, described);
  return OK;
});
