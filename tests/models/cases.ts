/**
 * Good and bad bodies for each request model, with the verdict expected from the draft 4 model (the
 * keywords that reject it) and from the handler (the start of its message). Bodies are JSON text, as
 * clients send them; `json()` writes a value, raw text is used where JSON.stringify cannot say it.
 */
import type { BodyModel, SchemaVerdict } from "./harness";

export interface Case {
  readonly model: BodyModel;
  readonly label: string;
  readonly body: string;
  readonly schema: SchemaVerdict;
  /** "accept", or a prefix/substring of the handler's 400 message. */
  readonly handler: "accept" | string;
}

const json = (value: unknown) => JSON.stringify(value);
const EMOJI = "\u{1F600}";
const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag${i}`);

const create = (label: string, body: string, schema: SchemaVerdict, handler: string): Case => ({ model: "ItemCreate", label, body, schema, handler });
const patch = (label: string, body: string, schema: SchemaVerdict, handler: string): Case => ({ model: "ItemPatch", label, body, schema, handler });
const ok = "accept" as const;

export const CREATE_GOOD: readonly Case[] = [
  create("name only", json({ name: "Lamp" }), ok, ok),
  create("every field", json({ name: "Lamp", description: "Warm light", price: 19.99, tags: ["home", "light"] }), ok, ok),
  create("empty description, zero price, no tags", json({ name: "Lamp", description: "", price: 0, tags: [] }), ok, ok),
  create("-0 price", '{"name":"Lamp","price":-0}', ok, ok),
  create(
    "every limit",
    json({ name: "n".repeat(200), description: "d".repeat(2000), price: 1e300, tags: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, "x")) }),
    ok,
    ok,
  ),
  create("200 astral characters (400 UTF-16 units)", json({ name: EMOJI.repeat(200), tags: [EMOJI.repeat(50)] }), ok, ok),
  create("padded name", json({ name: "  Lamp  " }), ok, ok),
  create("200 characters padded with spaces, tab, NBSP, BOM", json({ name: ` \t\u00a0${"n".repeat(200)}\ufeff\u3000\n` }), ok, ok),
  create("inner whitespace kept", json({ name: "a\u3000 \tb" }), ok, ok),
  create("zero-width space is not whitespace to trim()", json({ name: "\u200b" }), ok, ok),
  create("one-character tag", json({ name: "Lamp", tags: ["x"] }), ok, ok),
];

export const CREATE_BAD: readonly Case[] = [
  create("missing name", json({}), ["required"], "name is required"),
  create("missing name, other fields present", json({ description: "x", price: 1 }), ["required"], "name is required"),
  create("empty name", json({ name: "" }), ["minLength", "pattern"], "name must be 1 to 200 characters after trimming"),
  create("whitespace-only name", json({ name: "   " }), ["pattern"], "name must be 1 to 200 characters after trimming"),
  create("name of NBSP, BOM, ideographic space", json({ name: "\u00a0\ufeff\u3000" }), ["pattern"], "name must be 1 to 200 characters after trimming"),
  create("name too long", json({ name: "n".repeat(201) }), ["pattern"], "name must be 1 to 200 characters after trimming"),
  create("name too long after trimming", json({ name: ` ${"n".repeat(201)} ` }), ["pattern"], "name must be 1 to 200 characters after trimming"),
  create("201 astral characters", json({ name: EMOJI.repeat(201) }), ["pattern"], "name must be 1 to 200 characters after trimming"),
  create("name a number", json({ name: 5 }), ["type"], "name must be a string"),
  create("name null", json({ name: null }), ["type"], "name must be a string"),
  create("name an array", json({ name: ["Lamp"] }), ["type"], "name must be a string"),
  create("description a number", json({ name: "a", description: 1 }), ["type"], "description must be a string"),
  create("description null (create has nothing to remove)", json({ name: "a", description: null }), ["type"], "description must be a string"),
  create("description too long", json({ name: "a", description: "d".repeat(2001) }), ["maxLength"], "description must be at most 2000 characters"),
  create("price a string", json({ name: "a", price: "3" }), ["type"], "price must be a number"),
  create("price a boolean", json({ name: "a", price: true }), ["type"], "price must be a number"),
  create("negative price", json({ name: "a", price: -0.01 }), ["minimum"], "price must be a finite number >= 0"),
  // 1e400 is valid JSON that JSON.parse turns into Infinity. ajv (strictNumbers) rejects Infinity as
  // not a number; API Gateway reads the literal as a huge finite number and lets it through, and the
  // handler rejects it: a documented gap at the gateway (draft 4 has no "finite").
  create("price 1e400 (Infinity once parsed)", '{"name":"a","price":1e400}', ["type"], "price must be a finite number >= 0"),
  create("tags a string", json({ name: "a", tags: "x" }), ["type"], "tags must be an array of strings"),
  create("tags null", json({ name: "a", tags: null }), ["type"], "tags must be an array of strings"),
  create("tag a number", json({ name: "a", tags: ["ok", 3] }), ["type"], "tags[1] must be a string"),
  create("empty tag", json({ name: "a", tags: [""] }), ["minLength"], "tags[0] must be 1 to 50 characters"),
  create("tag too long", json({ name: "a", tags: ["t".repeat(51)] }), ["maxLength"], "tags[0] must be 1 to 50 characters"),
  create("too many tags", json({ name: "a", tags: tags(21) }), ["maxItems"], "tags must have at most 20 entries"),
  create("duplicate tags", json({ name: "a", tags: ["a", "b", "a"] }), ["uniqueItems"], 'tags must be distinct: "a" appears more than once'),
  create("unknown field", json({ name: "a", colour: "red" }), ["additionalProperties"], 'unknown field: "colour"'),
  create("server field id", json({ name: "a", id: "x1" }), ["additionalProperties"], 'server-managed field: "id" cannot be set'),
  create("server field version", json({ name: "a", version: 2 }), ["additionalProperties"], 'server-managed field: "version" cannot be set'),
  create("server fields createdAt, updatedAt", json({ name: "a", createdAt: "t", updatedAt: "t" }), ["additionalProperties"], "server-managed fields:"),
  create("an array, not an object", json([{ name: "a" }]), ["type"], "request body must be a JSON object"),
  create("a string, not an object", json("Lamp"), ["type"], "request body must be a JSON object"),
  create("null, not an object", "null", ["type"], "request body must be a JSON object"),
];

export const PATCH_GOOD: readonly Case[] = [
  patch("rename", json({ name: "New name" }), ok, ok),
  patch("padded rename", json({ name: "  New name  " }), ok, ok),
  patch("remove description", json({ description: null }), ok, ok),
  patch("remove price", json({ price: null }), ok, ok),
  patch("remove tags", json({ tags: null }), ok, ok),
  patch("remove every optional field", json({ description: null, price: null, tags: null }), ok, ok),
  patch("set every field", json({ name: "n", description: "", price: 0, tags: [] }), ok, ok),
  patch("every limit", json({ name: ` ${"n".repeat(200)} `, description: "d".repeat(2000), tags: tags(20) }), ok, ok),
  patch("set price", json({ price: 5.5 }), ok, ok),
];

export const PATCH_BAD: readonly Case[] = [
  patch("empty patch {}", json({}), ["minProperties"], "patch must contain at least one field"),
  patch("remove name", json({ name: null }), ["type"], "name cannot be removed"),
  patch("empty name", json({ name: "" }), ["minLength", "pattern"], "name must be 1 to 200 characters after trimming"),
  patch("whitespace-only name", json({ name: " \t " }), ["pattern"], "name must be 1 to 200 characters after trimming"),
  patch("name too long", json({ name: "n".repeat(201) }), ["pattern"], "name must be 1 to 200 characters after trimming"),
  patch("name a number", json({ name: 1 }), ["type"], "name must be a string"),
  patch("description a number", json({ description: 5 }), ["type"], "description must be a string"),
  patch("description too long", json({ description: "d".repeat(2001) }), ["maxLength"], "description must be at most 2000 characters"),
  patch("negative price", json({ price: -1 }), ["minimum"], "price must be a finite number >= 0"),
  patch("price a string", json({ price: "1" }), ["type"], "price must be a number"),
  patch("tags a string", json({ tags: "a" }), ["type"], "tags must be an array of strings"),
  patch("null tag", json({ tags: [null] }), ["type"], "tags[0] must be a string"),
  patch("duplicate tags", json({ tags: ["x", "x"] }), ["uniqueItems"], 'tags must be distinct: "x" appears more than once'),
  patch("too many tags", json({ tags: tags(21) }), ["maxItems"], "tags must have at most 20 entries"),
  patch("unknown field", json({ colour: "red" }), ["additionalProperties"], 'unknown field: "colour"'),
  patch("unknown field set to null", json({ colour: null }), ["additionalProperties"], 'unknown field: "colour"'),
  patch("server field id", json({ id: "x" }), ["additionalProperties"], 'server-managed field: "id" cannot be set'),
  patch("server field version", json({ version: 3 }), ["additionalProperties"], 'server-managed field: "version" cannot be set'),
  patch("an array, not an object", json([]), ["type"], "request body must be a JSON object"),
];

export const ALL_CASES: readonly Case[] = [...CREATE_GOOD, ...CREATE_BAD, ...PATCH_GOOD, ...PATCH_BAD];
