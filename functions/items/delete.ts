import { httpHandler } from "../shared/handler";
import { getHeader } from "../shared/headers";
import { noContent } from "../shared/http";
import { itemsDeps } from "./deps";
import { deleteItem } from "./service";
import { parseIfMatch, validateId } from "./validation";

/** DELETE /items/{id}; If-Match is optional and, when sent, makes the delete conditional. */
export const handler = httpHandler(async (event) => {
  const id = validateId(event.pathParameters?.id);
  const ifMatch = getHeader(event, "if-match");
  await deleteItem(itemsDeps(), id, ifMatch === undefined ? undefined : parseIfMatch(ifMatch));
  return noContent();
});
