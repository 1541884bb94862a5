/**
 * The subset of JSON Schema draft 4 that this project writes for API Gateway models.
 *
 * The type lists only the keywords the models need, none of which API Gateway's "important notes for
 * REST APIs" call unsupported but one: the listed ones (`anyOf`, `oneOf`, `allOf` in older versions,
 * `discriminator`, `example`, `exclusiveMinimum`, `readOnly`, `format: int32/int64/decimal`) cannot
 * be written at all.
 * `additionalProperties` is on that list too, yet a schema exported from API Gateway keeps
 * `additionalProperties: false` and users report it enforced; we use it because the handler rejects
 * unknown keys as well, so a gateway that ignored it would only let through what Lambda rejects
 * (README.md lists the sources).
 */
export const DRAFT_04 = "http://json-schema.org/draft-04/schema#";

export type Draft4Type = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

export interface Draft4Schema {
  readonly title?: string;
  readonly description?: string;
  /** A single type, or (draft 4 only, not OpenAPI 3.0) a list such as `["string", "null"]`. */
  readonly type?: Draft4Type | readonly Draft4Type[];
  readonly properties?: Readonly<Record<string, Draft4Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly minProperties?: number;
  /** Lengths count characters (Unicode code points), as draft 4 defines them and as the handler does. */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** An ECMA 262 regular expression, unanchored unless it says `^...$`. */
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly items?: Draft4Schema;
}

/** A model as API Gateway stores it: a draft 4 document with its `$schema` and a `title`. */
export interface Draft4Model<Title extends string = string> extends Draft4Schema {
  readonly $schema: typeof DRAFT_04;
  readonly title: Title;
}
