import { z } from "zod";
import { describeAllowed, isOptional } from "../../scripts/config-reference/allowed-values";

describe("describeAllowed: what a zod schema accepts, in words", () => {
  const cases: [string, z.ZodType, string][] = [
    ["a string", z.string(), "string"],
    ["a string with a minimum length", z.string().min(1), "string, at least 1 character"],
    ["a string with a longer minimum length", z.string().min(3), "string, at least 3 characters"],
    ["a string with a length range", z.string().min(1).max(1024), "string, 1–1024 characters"],
    ["a string matching a pattern", z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/), "string, matching `^[a-z]+\\/[a-z0-9.+-]+$`"],
    ["an email", z.email(), "string, format email"],
    ["a number", z.number(), "number"],
    ["an integer range", z.int().min(128).max(10240), "integer 128–10240"],
    ["an integer with a minimum", z.int().min(1), "integer ≥ 1"],
    ["a number above 0 with a maximum", z.number().gt(0).max(1_000_000), "number > 0 and ≤ 1000000"],
    ["a number below a bound", z.number().lt(5), "number < 5"],
    ["a boolean", z.boolean(), "boolean"],
    ["an enum", z.enum(["arm64", "x86_64"]), "`arm64` | `x86_64`"],
    ["a literal", z.literal("cognito"), "`cognito`"],
    ["a list of literals", z.literal([0.5, 1.6, 237]), "`0.5` | `1.6` | `237`"],
    ["an object", z.strictObject({ a: z.string() }), "object"],
    ["an array of strings", z.array(z.string()), "array of string"],
    ["an array with at least one item", z.array(z.string()).min(1), "array of string (at least 1)"],
    ["an array of enum members, parenthesized", z.array(z.enum(["POST", "GET"])), "array of (`POST` | `GET`)"],
    ["a map", z.record(z.string(), z.string()), "map of string → string"],
    ["a map with patterned keys of objects", z.record(z.string().regex(/^[a-z]{3}$/), z.strictObject({})), "map of string, matching `^[a-z]{3}$` → object"],
    ["a map of enum values", z.record(z.string(), z.enum(["read", "readwrite"])), "map of string → (`read` | `readwrite`)"],
    ["a union of a literal and an object", z.union([z.literal("cognito"), z.strictObject({ issuer: z.string() })]), "`cognito` | object"],
    [
      "a discriminated union of objects, once",
      z.discriminatedUnion("type", [z.strictObject({ type: z.literal("a") }), z.strictObject({ type: z.literal("b") })]),
      "object",
    ],
    ["optional and default unwrapped", z.int().min(0).max(3600).optional().default(300), "integer 0–3600"],
    ["nullable", z.boolean().nullable(), "boolean | null"],
  ];
  it.each(cases)("%s", (_name, schema, expected) => {
    expect(describeAllowed(schema)).toBe(expected);
  });

  it("tells optional keys from required ones", () => {
    expect([z.string(), z.string().optional(), z.string().default("x"), z.string().nullable()].map(isOptional)).toEqual([false, true, true, false]);
  });
});
