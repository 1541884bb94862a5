import { unmatchedFrame } from "./frames";
import { websocketHandler } from "./handler";

/**
 * `$default`: a frame no route matched (not JSON, no `action`, an unknown one). The sender gets an
 * error frame listing the actions it can send.
 */
export const handler = websocketHandler(async (event) => {
  throw unmatchedFrame(event);
});
