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

  test("deep scan, slices and index lists parse (Jayway's README, Operators)", () => {
    expect(parseJsonPath("$..book[0:2][:1][-2:][0, 1]")).toEqual([
      { kind: "scan" },
      { kind: "name", name: "book" },
      { kind: "slice", start: 0, end: 2 },
      { kind: "slice", start: undefined, end: 1 },
      { kind: "slice", start: -2, end: undefined },
      { kind: "indexes", indexes: [0, 1] },
    ]);
    expect(parseJsonPath("$..*")).toEqual([{ kind: "scan" }, { kind: "wildcard" }]);
  });

  test("syntax outside the subset fails with a message naming it", () => {
    expect(() => parseJsonPath("$...book")).toThrow('JSONPath "$...book": expected a property name');
    expect(() => parseJsonPath("$.book.length()")).toThrow('JSONPath "$.book.length()": functions (length()) are not supported');
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

/** Jayway's README, "Path Examples", on its example document (the results its table describes). */
describe("deep scan, slices and index lists, as Jayway's README examples", () => {
  const store = {
    store: {
      book: [
        { category: "reference", author: "Nigel Rees", title: "Sayings of the Century", price: 8.95 },
        { category: "fiction", author: "Evelyn Waugh", title: "Sword of Honour", price: 12.99 },
        { category: "fiction", author: "Herman Melville", title: "Moby Dick", isbn: "0-553-21311-3", price: 8.99 },
        { category: "fiction", author: "J. R. R. Tolkien", title: "The Lord of the Rings", isbn: "0-395-19395-8", price: 22.99 },
      ],
      bicycle: { color: "red", price: 19.95 },
    },
  };
  const titles = (path: string): unknown => (evaluateJsonPath(store, path).value as Array<{ title: string }>).map((b) => b.title);

  test("$..author: all authors; $.store..price: the price of everything", () => {
    expect(evaluateJsonPath(store, "$..author")).toEqual({ found: true, value: ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"] });
    expect(evaluateJsonPath(store, "$.store..price").value).toEqual([8.95, 12.99, 8.99, 22.99, 19.95]);
    expect(isJsonArray(evaluateJsonPath(store, "$..author").value)).toBe(true);
  });

  test("$..book[2]: the third book, in a list (a deep scan is indefinite)", () => {
    expect(titles("$..book[2]")).toEqual(["Moby Dick"]);
  });

  test("$..book[0,1], [:2], [1:2], [-2:], [2:]", () => {
    expect(titles("$..book[0,1]")).toEqual(["Sayings of the Century", "Sword of Honour"]);
    expect(titles("$..book[:2]")).toEqual(["Sayings of the Century", "Sword of Honour"]);
    expect(titles("$..book[1:2]")).toEqual(["Sword of Honour"]);
    expect(titles("$..book[-2:]")).toEqual(["Moby Dick", "The Lord of the Rings"]);
    expect(titles("$..book[2:]")).toEqual(["Moby Dick", "The Lord of the Rings"]);
  });
});
