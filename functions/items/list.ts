import { httpHandler } from "../shared/handler";
import { json } from "../shared/http";
import { singleQueryParam } from "../shared/query";
import { decodeCursor, encodeCursor } from "./cursor";
import { itemsDeps } from "./deps";
import { listItems } from "./service";
import { parseLimit } from "./validation";

/** GET /items?limit=&cursor= */
export const handler = httpHandler(async (event) => {
  const limit = parseLimit(singleQueryParam(event, "limit", "invalid_limit"));
  const rawCursor = singleQueryParam(event, "cursor", "invalid_cursor");
  const startKey = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
  const page = await listItems(itemsDeps(), limit, startKey);
  return json(200, { items: page.items, nextCursor: encodeCursor(page.lastKey) });
});
