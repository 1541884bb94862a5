import { parseJsonObjectBody } from "../shared/body";
import { httpHandler } from "../shared/handler";
import { getHeader } from "../shared/headers";
import { itemsDeps } from "./deps";
import { itemResponse } from "./responses";
import { updateItem } from "./service";
import { requireIfMatch, validateId, validatePatch } from "./validation";

const MEDIA_TYPES = ["application/json", "application/merge-patch+json"];

/** PATCH /items/{id} (JSON merge patch, RFC 7396) */
export const handler = httpHandler(async (event) => {
  const id = validateId(event.pathParameters?.id);
  const expectedVersion = requireIfMatch(getHeader(event, "if-match"));
  const patch = validatePatch(parseJsonObjectBody(event, MEDIA_TYPES));
  return itemResponse(200, await updateItem(itemsDeps(), id, expectedVersion, patch));
});
