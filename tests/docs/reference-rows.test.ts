import { z } from "zod";
import { formatDefault, referenceRows } from "../../scripts/config-reference/rows";

describe("referenceRows: one row per key path, with its allowed values, default and comment", () => {
  const schema = z.strictObject({
    name: z.string(),
    size: z.int().min(1).optional(),
    kinds: z.record(
      z.string(),
      z.discriminatedUnion("type", [
        z.strictObject({ type: z.literal("a"), url: z.string() }),
        z.strictObject({ type: z.literal("b"), url: z.string().optional(), depth: z.int().optional() }),
        z.strictObject({ type: z.literal("c") }),
      ]),
    ),
  });
  const docs = new Map([
    ["size", [{ text: "How many.", default: "3" }]],
    ["kinds.<key>.url", [{ text: "Where." }, { text: "Where." }]],
    ["kinds.<key>.depth", [{ text: "", default: "the parent's" }]],
    ["ghost", [{ text: "A key the schema lacks." }]],
  ]);
  const result = referenceRows(schema, docs);

  it("derives required and none, takes @default as written, and names the union options a key belongs to", () => {
    expect(result.rows).toEqual([
      { path: "name", allowed: "string", default: "required", description: "" },
      { path: "size", allowed: "integer ≥ 1", default: "`3`", description: "How many." },
      { path: "kinds", allowed: "map of string → object", default: "required", description: "" },
      { path: "kinds.<key>.type", allowed: "`a` | `b` | `c`", default: "required", description: "" },
      { path: "kinds.<key>.url", allowed: "string", default: "none", description: "For type `a`, `b`. Where." },
      { path: "kinds.<key>.depth", allowed: "integer", default: "the parent's", description: "For type `b`." },
    ]);
  });

  it("lists the paths without comment text, and comments on paths the schema lacks", () => {
    expect(result.undocumented).toEqual(["name", "kinds", "kinds.<key>.type", "kinds.<key>.depth"]);
    expect(result.unmatchedDocs).toEqual(["ghost"]);
  });
});

describe("formatDefault", () => {
  it.each([
    ["29000", "`29000`"],
    ["false", "`false`"],
    ['"public"', "`public`"],
    ['["application/json"]', '`["application/json"]`'],
    ["`2` (`3` in prod)", "`2` (`3` in prod)"],
    ["the route's method", "the route's method"],
  ])("%s → %s", (text, expected) => {
    expect(formatDefault(text)).toBe(expected);
  });
});
