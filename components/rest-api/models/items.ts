/**
 * Request and error models of the items service as JSON Schema draft 4 (API Gateway's model language).
 *
 * Source of truth: `functions/items/validation.ts` (`validateItem`, `validatePatch`), whose limits and
 * field lists are imported here so the two cannot drift. The gateway rejects a bad body before Lambda
 * runs; the handler still validates everything, so the models aim to accept exactly what the handler
 * accepts and never less (a gateway rejecting a body the handler would accept is a bug users see).
 *
 * What the handler checks that these models do not express (the handler stays the last word):
 * - `price` must be finite. JSON has no NaN/Infinity, but a literal such as `1e400` overflows to
 *   Infinity in `JSON.parse`. ajv (strictNumbers) rejects the parsed Infinity; a validator that reads
 *   the number from the JSON text (API Gateway) sees a large finite number >= 0 and accepts it. Draft 4
 *   has no "finite" keyword; a `maximum` of Number.MAX_VALUE would also reject literals the handler
 *   accepts (those that round down to MAX_VALUE), so none is set.
 * - `name` is measured after trimming: not expressible with minLength/maxLength, so it is a `pattern`
 *   (see trimmed-length.ts) and matches the handler exactly wherever `pattern` is applied.
 * - `ItemPatch` fields may be `null` (JSON merge patch): draft 4 says so with `type: [T, "null"]`, which
 *   OpenAPI 3.0 cannot carry (see components.ts for what the imported model becomes).
 */
import { OPTIONAL_FIELDS, SERVER_FIELDS } from "../../../functions/items/model";
import { LIMITS } from "../../../functions/items/validation";
import { DRAFT_04, type Draft4Model, type Draft4Schema, type Draft4Type } from "./draft4";
import { trimmedLengthPattern } from "./trimmed-length";

/** Model names: API Gateway allows only alphanumeric names. */
export const REQUEST_MODEL_NAMES = ["ItemCreate", "ItemPatch"] as const;
export type RequestModelName = (typeof REQUEST_MODEL_NAMES)[number];
export const MODEL_NAMES = [...REQUEST_MODEL_NAMES, "Error"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export function isRequestModelName(value: string): value is RequestModelName {
  return (REQUEST_MODEL_NAMES as readonly string[]).includes(value);
}

const NAME: Draft4Schema = {
  description: `1 to ${LIMITS.name} characters after trimming leading and trailing whitespace.`,
  type: "string",
  minLength: 1,
  pattern: trimmedLengthPattern(LIMITS.name),
};

/** The optional fields: what each holds, and its value schema without `type` (added per model). */
const OPTIONAL: Record<(typeof OPTIONAL_FIELDS)[number], { readonly about: string; readonly type: Draft4Type; readonly schema: Draft4Schema }> = {
  description: { about: `At most ${LIMITS.description} characters`, type: "string", schema: { maxLength: LIMITS.description } },
  price: { about: "A number >= 0", type: "number", schema: { minimum: 0 } },
  tags: {
    about: `At most ${LIMITS.tags} distinct tags of 1 to ${LIMITS.tag} characters`,
    type: "array",
    schema: {
      maxItems: LIMITS.tags,
      uniqueItems: true,
      items: { type: "string", minLength: 1, maxLength: LIMITS.tag },
    },
  },
};

const optionalProperties = (nullable: boolean): Record<string, Draft4Schema> =>
  Object.fromEntries(
    OPTIONAL_FIELDS.map((field) => {
      const { about, type, schema } = OPTIONAL[field];
      const property: Draft4Schema = nullable
        ? { description: `${about}, or null to remove the field.`, type: [type, "null"], ...schema }
        : { description: `${about}.`, type, ...schema };
      return [field, property];
    }),
  );

/**
 * POST /items and PUT /items/{id}: a full item. `additionalProperties: false` rejects unknown keys and
 * the server-managed ones (`id`, `version`, `createdAt`, `updatedAt`), as the handler does.
 */
export const ITEM_CREATE_MODEL: Draft4Model<"ItemCreate"> = {
  $schema: DRAFT_04,
  title: "ItemCreate",
  description: `An item as a client sends it. Server-managed fields (${SERVER_FIELDS.join(", ")}) are rejected.`,
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: { name: NAME, ...optionalProperties(false) },
};

/**
 * PATCH /items/{id}: a JSON merge patch (RFC 7396). Every field is optional, at least one is present,
 * `null` removes an optional field, and `name` cannot be removed (so it is not nullable).
 */
export const ITEM_PATCH_MODEL: Draft4Model<"ItemPatch"> = {
  $schema: DRAFT_04,
  title: "ItemPatch",
  description: "A JSON merge patch of an item: null removes an optional field; name cannot be removed.",
  type: "object",
  minProperties: 1,
  additionalProperties: false,
  properties: { name: NAME, ...optionalProperties(true) },
};

/**
 * The body of every error response. The handlers send `{"error", "message"}`
 * (`functions/shared/http.ts`); API Gateway's own responses add `requestId` and, for validation
 * failures, `details`, so extra properties are allowed. Response models are documentation: API
 * Gateway validates requests only.
 */
export const ERROR_MODEL: Draft4Model<"Error"> = {
  $schema: DRAFT_04,
  title: "Error",
  description: "An error: a machine-readable code and a message for people.",
  type: "object",
  required: ["error", "message"],
  properties: {
    error: { description: "Machine-readable code, e.g. validation_failed.", type: "string" },
    message: { description: "What went wrong, for people.", type: "string" },
    requestId: { description: "API Gateway's request id (gateway responses only).", type: "string" },
    details: { description: "Validation details (gateway responses only).", type: "string" },
  },
};

export const MODELS: { readonly [Name in ModelName]: Draft4Model<Name> } = {
  ItemCreate: ITEM_CREATE_MODEL,
  ItemPatch: ITEM_PATCH_MODEL,
  Error: ERROR_MODEL,
};
