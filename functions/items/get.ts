import { httpHandler } from "../shared/handler";
import { itemsDeps } from "./deps";
import { itemResponse } from "./responses";
import { getItem } from "./service";
import { validateId } from "./validation";

/** GET /items/{id} */
export const handler = httpHandler(async (event) => {
  const id = validateId(event.pathParameters?.id);
  return itemResponse(200, await getItem(itemsDeps(), id));
});
