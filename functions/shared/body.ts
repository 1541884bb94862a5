import type { APIGatewayProxyEvent } from "aws-lambda";
import { getHeader } from "./headers";
import { HttpError } from "./http";

export const MAX_BODY_BYTES = 64 * 1024;

export type JsonObject = Record<string, unknown>;

type BodyEvent = Pick<APIGatewayProxyEvent, "body" | "isBase64Encoded" | "headers">;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses a JSON object body. Checks, in order: a body is present (400), its media type is one of
 * `mediaTypes` with no charset other than utf-8 (415), it is at most 64 KiB once decoded (413),
 * it is valid UTF-8 JSON (400) and an object (400).
 */
export function parseJsonObjectBody(event: BodyEvent, mediaTypes: readonly string[] = ["application/json"]): JsonObject {
  if (event.body === null || event.body === undefined || event.body === "") {
    throw new HttpError(400, "missing_body", "request body is required");
  }
  requireMediaType(getHeader(event, "content-type"), mediaTypes);

  const bytes = event.isBase64Encoded ? Buffer.from(event.body, "base64") : Buffer.from(event.body, "utf8");
  if (bytes.length > MAX_BODY_BYTES) {
    throw new HttpError(413, "payload_too_large", `request body must be at most ${MAX_BODY_BYTES} bytes`);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new HttpError(400, "invalid_json", "request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, "invalid_body", "request body must be a JSON object");
  }
  return parsed as JsonObject;
}

function requireMediaType(contentType: string | undefined, mediaTypes: readonly string[]): void {
  const expected = mediaTypes.join(" or ");
  const unsupported = new HttpError(415, "unsupported_media_type", `content-type must be ${expected}`);
  if (contentType === undefined) throw unsupported;

  const [type = "", ...params] = contentType.split(";").map((part) => part.trim().toLowerCase());
  if (!mediaTypes.includes(type)) throw unsupported;
  for (const param of params) {
    const [key, value] = param.split("=").map((part) => part.trim());
    if (key === "charset" && value?.replace(/^"|"$/g, "") !== "utf-8") {
      throw new HttpError(415, "unsupported_media_type", `content-type charset must be utf-8`);
    }
  }
}
