import { HttpError } from "../shared/http";
import type { JsonObject } from "../shared/body";
import { CLIENT_FIELDS, OPTIONAL_FIELDS, SERVER_FIELDS, type ItemFields, type ItemPatch, type OptionalField } from "./model";

export const LIMITS = {
  name: 200,
  description: 2000,
  tags: 20,
  tag: 50,
  id: 128,
  pageDefault: 20,
  pageMax: 100,
} as const;

type Check = (value: unknown) => string | undefined;

const chars = (value: string): number => Array.from(value).length;

const checks: Record<(typeof CLIENT_FIELDS)[number], Check> = {
  name: (value) => {
    if (typeof value !== "string") return "name must be a string";
    const length = chars(value.trim());
    return length < 1 || length > LIMITS.name ? `name must be 1 to ${LIMITS.name} characters after trimming` : undefined;
  },
  description: (value) => {
    if (typeof value !== "string") return "description must be a string";
    return chars(value) > LIMITS.description ? `description must be at most ${LIMITS.description} characters` : undefined;
  },
  price: (value) => {
    if (typeof value !== "number") return "price must be a number";
    return !Number.isFinite(value) || value < 0 ? "price must be a finite number >= 0" : undefined;
  },
  tags: (value) => {
    if (!Array.isArray(value)) return "tags must be an array of strings";
    if (value.length > LIMITS.tags) return `tags must have at most ${LIMITS.tags} entries`;
    const seen = new Set<string>();
    for (const [index, tag] of value.entries()) {
      if (typeof tag !== "string") return `tags[${index}] must be a string`;
      if (chars(tag) < 1 || chars(tag) > LIMITS.tag) return `tags[${index}] must be 1 to ${LIMITS.tag} characters`;
      if (seen.has(tag)) return `tags must be distinct: ${JSON.stringify(tag)} appears more than once`;
      seen.add(tag);
    }
    return undefined;
  },
};

const isClientField = (key: string): key is (typeof CLIENT_FIELDS)[number] => (CLIENT_FIELDS as readonly string[]).includes(key);
const isServerField = (key: string): boolean => (SERVER_FIELDS as readonly string[]).includes(key);
const isOptionalField = (key: string): key is OptionalField => (OPTIONAL_FIELDS as readonly string[]).includes(key);

function listNames(label: string, names: string[]): string {
  const shown = names.slice(0, 10).map((name) => JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name));
  const more = names.length > shown.length ? ` and ${names.length - shown.length} more` : "";
  return `${label}${names.length === 1 ? "" : "s"}: ${shown.join(", ")}${more}`;
}

function keyProblems(body: JsonObject): string[] {
  const keys = Object.keys(body);
  const server = keys.filter(isServerField);
  const unknown = keys.filter((key) => !isClientField(key) && !isServerField(key));
  const problems: string[] = [];
  if (unknown.length > 0) problems.push(listNames("unknown field", unknown));
  if (server.length > 0) problems.push(listNames("server-managed field", server) + " cannot be set");
  return problems;
}

function fail(problems: string[]): never {
  throw new HttpError(400, "validation_failed", problems.join("; "));
}

/** Validates a full item body (POST and PUT). Returns the fields with `name` trimmed. */
export function validateItem(body: JsonObject): ItemFields {
  const problems = keyProblems(body);
  if (!("name" in body)) problems.push("name is required");
  for (const field of CLIENT_FIELDS) {
    if (!(field in body)) continue;
    const problem = checks[field](body[field]);
    if (problem !== undefined) problems.push(problem);
  }
  if (problems.length > 0) fail(problems);

  const fields: ItemFields = { name: (body.name as string).trim() };
  if ("description" in body) fields.description = body.description as string;
  if ("price" in body) fields.price = body.price as number;
  if ("tags" in body) fields.tags = body.tags as string[];
  return fields;
}

/** Validates a JSON merge patch (RFC 7396): `null` removes an optional field, `name` cannot be removed. */
export function validatePatch(body: JsonObject): ItemPatch {
  if (Object.keys(body).length === 0) fail(["patch must contain at least one field"]);
  const problems = keyProblems(body);
  const patch: ItemPatch = { set: {}, remove: [] };
  for (const field of CLIENT_FIELDS) {
    if (!(field in body)) continue;
    const value = body[field];
    if (value === null) {
      if (isOptionalField(field)) patch.remove.push(field);
      else problems.push(`${field} cannot be removed`);
      continue;
    }
    const problem = checks[field](value);
    if (problem !== undefined) problems.push(problem);
  }
  if (problems.length > 0) fail(problems);

  if (typeof body.name === "string") patch.set.name = body.name.trim();
  if (typeof body.description === "string") patch.set.description = body.description;
  if (typeof body.price === "number") patch.set.price = body.price;
  if (Array.isArray(body.tags)) patch.set.tags = body.tags as string[];
  return patch;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function isValidId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

export function validateId(value: string | undefined): string {
  if (!isValidId(value)) {
    throw new HttpError(400, "invalid_id", `id must be 1 to ${LIMITS.id} characters of A-Z, a-z, 0-9, _ or -`);
  }
  return value;
}

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return LIMITS.pageDefault;
  const limit = /^[0-9]{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= LIMITS.pageMax)) {
    throw new HttpError(400, "invalid_limit", `limit must be an integer from 1 to ${LIMITS.pageMax}`);
  }
  return limit;
}

/** Accepts a strong ETag `"3"` or a bare `3`; anything else (`*`, `W/"3"`, lists) is malformed. */
export function parseIfMatch(raw: string): number {
  const match = /^\s*(?:"([1-9][0-9]{0,14})"|([1-9][0-9]{0,14}))\s*$/.exec(raw);
  const digits = match?.[1] ?? match?.[2];
  if (digits === undefined) {
    throw new HttpError(400, "invalid_if_match", 'If-Match must be an item version such as "3"');
  }
  return Number(digits);
}

export function requireIfMatch(raw: string | undefined): number {
  if (raw === undefined) {
    throw new HttpError(428, "precondition_required", "If-Match header is required; send the ETag of the version you are changing");
  }
  return parseIfMatch(raw);
}
