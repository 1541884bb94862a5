import { evaluateJsonPath, parseJsonPath } from "../../vtl";
import { isJsonArray } from "../../vtl/json-value";

const doc = {
  store: {
    book: [
      { title: "A", price: 8 },
      { title: "B", price: 12 },
    ],
    "the name": "x",
    nil: null,
  },
};

describe("JSONPath parsing (Jayway's syntax, the subset templates use)", () => {
  test("root, dotted names, quoted names, indexes and wildcards", () => {
    expect(parseJsonPath("$")).toEqual([]);
    expect(parseJsonPath(`$.store['the name']["x"].book[0][-1].*[*]`)).toEqual([
      { kind: "name", name: "store" },
      { kind: "name", name: "the name" },
      { kind: "name", name: "x" },
      { kind: "name", name: "book" },
      { kind: "index", index: 0 },
      { kind: "index", index: -1 },
      { kind: "wildcard" },
      { kind: "wildcard" },
    ]);
  });

  test("a path without $ is read from the root, as Jayway does", () => {
    expect(parseJsonPath("store.book")).toEqual(parseJsonPath("$.store.book"));
    expect(parseJsonPath(" $.a ")).toEqual([{ kind: "name", name: "a" }]);
  });

  test("syntax outside the subset fails with a message naming it", () => {
    expect(() => parseJsonPath("$..book")).toThrow('JSONPath "$..book": deep scan (..) is not supported');
    expect(() => parseJsonPath("$.book[0:2]")).toThrow("unsupported selector [0:2]");
    expect(() => parseJsonPath("$.book[?(@.price < 10)]")).toThrow("unsupported selector [?(@.price < 10)]");
    expect(() => parseJsonPath("$['a','b']")).toThrow("only one quoted property name per [...] is supported");
    expect(() => parseJsonPath("$.a[0")).toThrow("missing ]");
    expect(() => parseJsonPath("")).toThrow("the path is empty");
    expect(() => parseJsonPath("$.")).toThrow("expected a property name");
  });
});

describe("JSONPath evaluation", () => {
  test("a definite path gives one value, or nothing", () => {
    expect(evaluateJsonPath(doc, "$.store.book[1].title")).toEqual({ found: true, value: "B" });
    expect(evaluateJsonPath(doc, "$.store.book[-1].price")).toEqual({ found: true, value: 12 });
    expect(evaluateJsonPath(doc, "$.store['the name']")).toEqual({ found: true, value: "x" });
    expect(evaluateJsonPath(doc, "$.store.nil")).toEqual({ found: true, value: null });
    expect(evaluateJsonPath(doc, "$.store.book[2]")).toEqual({ found: false, value: null });
    expect(evaluateJsonPath(doc, "$.store.missing.deeper")).toEqual({ found: false, value: null });
    expect(evaluateJsonPath(doc, "$.store.book.title")).toEqual({ found: false, value: null });
    expect(evaluateJsonPath("text", "$")).toEqual({ found: true, value: "text" });
  });

  test("a path with a wildcard always gives a list (a JSON array), possibly empty", () => {
    const titles = evaluateJsonPath(doc, "$.store.book[*].title");
    expect(titles).toEqual({ found: true, value: ["A", "B"] });
    expect(isJsonArray(titles.value)).toBe(true);
    expect(evaluateJsonPath(doc, "$.store.book[*].missing")).toEqual({ found: true, value: [] });
    expect(evaluateJsonPath({ a: { x: 1, y: [2] } }, "$.a.*")).toEqual({ found: true, value: [1, [2]] });
  });

  test("the value is the document's own object, not a copy", () => {
    expect(evaluateJsonPath(doc, "$.store.book[0]").value).toBe(doc.store.book[0]);
  });
});
