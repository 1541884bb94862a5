import { parseJsonObjectBody } from "../shared/body";
import { httpHandler } from "../shared/handler";
import { getHeader } from "../shared/headers";
import { itemsDeps } from "./deps";
import { itemResponse } from "./responses";
import { replaceItem } from "./service";
import { requireIfMatch, validateId, validateItem } from "./validation";

/** PUT /items/{id} */
export const handler = httpHandler(async (event) => {
  const id = validateId(event.pathParameters?.id);
  const expectedVersion = requireIfMatch(getHeader(event, "if-match"));
  const fields = validateItem(parseJsonObjectBody(event));
  return itemResponse(200, await replaceItem(itemsDeps(), id, expectedVersion, fields));
});
