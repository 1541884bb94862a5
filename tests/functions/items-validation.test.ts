import { decodeCursor, encodeCursor } from "../../functions/items/cursor";
import { httpErrorOf } from "../helpers/http-error";
import { parseIfMatch, parseLimit, requireIfMatch, validateId, validateItem, validatePatch } from "../../functions/items/validation";

const invalid = (message: string) => ({ status: 400, code: "validation_failed", message });

describe("validateItem", () => {
  it("accepts a full item and trims the name", () => {
    expect(validateItem({ name: "  Lamp  ", description: "", price: 0, tags: ["a", "b"] })).toEqual({
      name: "Lamp",
      description: "",
      price: 0,
      tags: ["a", "b"],
    });
  });

  it("accepts only a name and adds no other keys", () => {
    expect(validateItem({ name: "Lamp" })).toStrictEqual({ name: "Lamp" });
  });

  it("accepts values at every limit", () => {
    const tags = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, "x"));
    expect(validateItem({ name: "n".repeat(200), description: "d".repeat(2000), price: 1e300, tags })).toEqual({
      name: "n".repeat(200),
      description: "d".repeat(2000),
      price: 1e300,
      tags,
    });
  });

  it("counts characters, not UTF-16 units", () => {
    expect(validateItem({ name: "\u{1F600}".repeat(200) }).name).toBe("\u{1F600}".repeat(200));
  });

  it.each([
    ["missing name", {}, "name is required"],
    ["name of wrong type", { name: 5 }, "name must be a string"],
    ["null name", { name: null }, "name must be a string"],
    ["blank name", { name: "   " }, "name must be 1 to 200 characters after trimming"],
    ["long name", { name: "n".repeat(201) }, "name must be 1 to 200 characters after trimming"],
    ["description of wrong type", { name: "a", description: 1 }, "description must be a string"],
    ["long description", { name: "a", description: "d".repeat(2001) }, "description must be at most 2000 characters"],
    ["price of wrong type", { name: "a", price: "3" }, "price must be a number"],
    ["negative price", { name: "a", price: -0.01 }, "price must be a finite number >= 0"],
    ["infinite price (1e400 parses to Infinity)", { name: "a", price: JSON.parse("1e400") }, "price must be a finite number >= 0"],
    ["tags of wrong type", { name: "a", tags: "x" }, "tags must be an array of strings"],
    ["too many tags", { name: "a", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags must have at most 20 entries"],
    ["non-string tag", { name: "a", tags: ["ok", 3] }, "tags[1] must be a string"],
    ["empty tag", { name: "a", tags: [""] }, "tags[0] must be 1 to 50 characters"],
    ["long tag", { name: "a", tags: ["t".repeat(51)] }, "tags[0] must be 1 to 50 characters"],
    ["duplicate tags", { name: "a", tags: ["x", "y", "x"] }, 'tags must be distinct: "x" appears more than once'],
    ["unknown field", { name: "a", colour: "red" }, 'unknown field: "colour"'],
    ["unknown fields", { name: "a", colour: "red", size: 1 }, 'unknown fields: "colour", "size"'],
    ["__proto__ key", JSON.parse('{"name":"a","__proto__":{"x":1}}'), 'unknown field: "__proto__"'],
    ["server field", { name: "a", id: "x" }, 'server-managed field: "id" cannot be set'],
    ["server fields", { name: "a", version: 2, createdAt: "x", updatedAt: "y" }, 'server-managed fields: "version", "createdAt", "updatedAt" cannot be set'],
  ])("rejects %s", (_, body, message) => {
    expect(httpErrorOf(() => validateItem(body as Record<string, unknown>))).toEqual(invalid(message));
  });

  it("lists every problem at once", () => {
    expect(httpErrorOf(() => validateItem({ extra: 1, id: "x", price: "free" }))).toEqual(
      invalid('unknown field: "extra"; server-managed field: "id" cannot be set; name is required; price must be a number'),
    );
  });

  it("caps the list of unknown names", () => {
    const body: Record<string, unknown> = { name: "a" };
    for (let i = 0; i < 12; i++) body[`f${i}`] = i;
    expect(httpErrorOf(() => validateItem(body))).toEqual(invalid('unknown fields: "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9" and 2 more'));
  });
});

describe("validatePatch", () => {
  it("splits values to set from nulls to remove", () => {
    expect(validatePatch({ name: " New ", description: null, price: 3, tags: null })).toEqual({
      set: { name: "New", price: 3 },
      remove: ["description", "tags"],
    });
  });

  it("accepts a single field", () => {
    expect(validatePatch({ tags: ["a"] })).toStrictEqual({ set: { tags: ["a"] }, remove: [] });
  });

  it.each([
    ["an empty patch", {}, "patch must contain at least one field"],
    ["removing name", { name: null }, "name cannot be removed"],
    ["a wrong type", { price: "1" }, "price must be a number"],
    ["an unknown field", { nme: "x" }, 'unknown field: "nme"'],
    ["a server field", { version: 3 }, 'server-managed field: "version" cannot be set'],
    ["an invalid value", { tags: ["a", "a"] }, 'tags must be distinct: "a" appears more than once'],
  ])("rejects %s", (_, body, message) => {
    expect(httpErrorOf(() => validatePatch(body as Record<string, unknown>))).toEqual(invalid(message));
  });
});

describe("validateId", () => {
  const badId = { status: 400, code: "invalid_id", message: "id must be 1 to 128 characters of A-Z, a-z, 0-9, _ or -" };

  it.each(["a", "0f8fad5b-d9cb-469f-a165-70867728950e", "A_b-9", "x".repeat(128)])("accepts %p", (id) => {
    expect(validateId(id)).toBe(id);
  });

  it.each([undefined, "", "x".repeat(129), "a b", "a/b", "a.b", "é", "a\n"])("rejects %p", (id) => {
    expect(httpErrorOf(() => validateId(id))).toEqual(badId);
  });
});

describe("parseLimit", () => {
  const badLimit = { status: 400, code: "invalid_limit", message: "limit must be an integer from 1 to 100" };

  it("defaults to 20", () => expect(parseLimit(undefined)).toBe(20));

  it.each([
    ["1", 1],
    ["10", 10],
    ["100", 100],
    ["007", 7],
  ])("accepts %p", (raw, limit) => expect(parseLimit(raw)).toBe(limit));

  it.each(["", "0", "101", "1000", "-1", "1.5", "1e1", " 5", "abc", "0x10"])("rejects %p", (raw) => {
    expect(httpErrorOf(() => parseLimit(raw))).toEqual(badLimit);
  });
});

describe("If-Match", () => {
  const malformed = { status: 400, code: "invalid_if_match", message: 'If-Match must be an item version such as "3"' };

  it.each([
    ['"1"', 1],
    ["1", 1],
    [' "42" ', 42],
    ['"999999999999999"', 999999999999999],
  ])("parses %p", (raw, version) => expect(parseIfMatch(raw)).toBe(version));

  it.each(["", "*", 'W/"1"', '"0"', "0", '"01"', '"1", "2"', '"1', "abc", '"1.5"', '"-1"', '"1000000000000000"'])("rejects %p", (raw) =>
    expect(httpErrorOf(() => parseIfMatch(raw))).toEqual(malformed),
  );

  it("requires the header on writes", () => {
    expect(httpErrorOf(() => requireIfMatch(undefined))).toEqual({
      status: 428,
      code: "precondition_required",
      message: "If-Match header is required; send the ETag of the version you are changing",
    });
    expect(requireIfMatch('"7"')).toBe(7);
  });
});

describe("cursor", () => {
  const badCursor = { status: 400, code: "invalid_cursor", message: "cursor is not a value returned as nextCursor" };
  const b64 = (text: string) => Buffer.from(text).toString("base64url");

  it("round-trips a key as base64url JSON", () => {
    const cursor = encodeCursor({ id: "abc-123" });
    expect(cursor).toBe(b64('{"id":"abc-123"}'));
    expect(decodeCursor(cursor as string)).toEqual({ id: "abc-123" });
  });

  it("is null when there is no next page", () => expect(encodeCursor(undefined)).toBeNull());

  it("refuses to encode a key of another shape", () => {
    expect(() => encodeCursor({ id: "a", sk: "b" })).toThrow("unexpected LastEvaluatedKey shape");
  });

  it.each([
    ["empty", ""],
    ["not base64url", "abc$"],
    ["padded base64", `${Buffer.from('{"id":"a"}').toString("base64")}=`],
    ["not JSON", b64("id=a")],
    ["not UTF-8", Buffer.from([0xff, 0xfe]).toString("base64url")],
    ["a JSON array", b64('["a"]')],
    ["JSON null", b64("null")],
    ["a number id", b64('{"id":1}')],
    ["an extra key", b64('{"id":"a","x":1}')],
    ["another key", b64('{"pk":"a"}')],
    ["an empty id", b64('{"id":""}')],
    ["an id with bad characters", b64('{"id":"a/b"}')],
    ["too long", b64(`{"id":"${"a".repeat(1000)}"}`)],
  ])("rejects a cursor that is %s", (_, raw) => {
    expect(httpErrorOf(() => decodeCursor(raw))).toEqual(badCursor);
  });
});
