import { HttpError } from "../shared/http";
import { isValidId } from "./validation";

export type ItemKey = { id: string };

const MAX_CURSOR_LENGTH = 1024;

/** The cursor is base64url(JSON of DynamoDB's LastEvaluatedKey); clients must treat it as opaque. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  if (key === undefined) return null;
  if (Object.keys(key).length !== 1 || !isValidId(key.id)) {
    throw new Error("unexpected LastEvaluatedKey shape");
  }
  return Buffer.from(JSON.stringify({ id: key.id }), "utf8").toString("base64url");
}

export function decodeCursor(raw: string): ItemKey {
  const invalid = new HttpError(400, "invalid_cursor", "cursor is not a value returned as nextCursor");
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid;

  let decoded: unknown;
  try {
    decoded = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(raw, "base64url")));
  } catch {
    throw invalid;
  }
  if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) throw invalid;
  const keys = Object.keys(decoded);
  const id: unknown = (decoded as Record<string, unknown>).id;
  if (keys.length !== 1 || keys[0] !== "id" || !isValidId(id)) throw invalid;
  return { id };
}
