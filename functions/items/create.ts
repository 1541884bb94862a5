import { parseJsonObjectBody } from "../shared/body";
import { httpHandler } from "../shared/handler";
import { itemsDeps } from "./deps";
import { itemResponse } from "./responses";
import { createItem } from "./service";
import { validateItem } from "./validation";

/** POST /items */
export const handler = httpHandler(async (event) => {
  const fields = validateItem(parseJsonObjectBody(event));
  const item = await createItem(itemsDeps(), fields);
  return itemResponse(201, item, { Location: `/items/${item.id}` });
});
