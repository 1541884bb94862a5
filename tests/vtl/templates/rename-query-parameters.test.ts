import { renderTemplate } from "../../../vtl";
import type { TemplateRequest } from "../../../vtl";

const run = (request: TemplateRequest): string => renderTemplate("rename-query-parameters", request);

describe("rename-query-parameters.vtl", () => {
  test("?q=...&p=2&size=10 becomes {search, page, pageSize}, in the backend's order, numbers unquoted", () => {
    const output = run({ queryString: { size: "10", p: "2", q: "red shoes", other: "ignored" } });
    expect(output).toBe('{\n  "search": "red shoes",\n  "page": 2,\n  "pageSize": 10\n}\n');
    expect(JSON.parse(output)).toEqual({ search: "red shoes", page: 2, pageSize: 10 });
  });

  test("no parameters, or empty ones: the defaults", () => {
    const defaults = '{\n  "search": "",\n  "page": 1,\n  "pageSize": 20\n}\n';
    expect(run({})).toBe(defaults);
    expect(run({ queryString: { q: "", p: "", size: "" } })).toBe(defaults);
  });

  test("page and size out of range or not numbers fall back to the defaults; leading zeros are dropped", () => {
    expect(JSON.parse(run({ queryString: { p: "0", size: "101" } }))).toEqual({ search: "", page: 1, pageSize: 20 });
    expect(JSON.parse(run({ queryString: { p: "-1", size: "0" } }))).toEqual({ search: "", page: 1, pageSize: 20 });
    expect(JSON.parse(run({ queryString: { p: "two", size: "1e2" } }))).toEqual({ search: "", page: 1, pageSize: 20 });
    expect(run({ queryString: { p: "007", size: "0100" } })).toBe('{\n  "search": "",\n  "page": 7,\n  "pageSize": 100\n}\n');
  });

  test("only the query string counts: a path parameter or header named q is not read; a repeated q gives its last value", () => {
    expect(JSON.parse(run({ pathParameters: { q: "path" }, headers: { q: "header" }, queryString: { q: ["first", "last"] } }))).toEqual({
      search: "last",
      page: 1,
      pageSize: 20,
    });
    expect(JSON.parse(run({ pathParameters: { q: "path" }, headers: { p: "3" } }))).toEqual({ search: "", page: 1, pageSize: 20 });
  });

  test("the search text is escaped for JSON: quotes, backslashes, newlines, <&>, unicode, % + and spaces", () => {
    const q = `50% off + "free" shipping, it's <b>&amp; C:\\dir\n\u00e9\u{1F600}`;
    const output = run({ queryString: { q } });
    expect(output).toBe(
      '{\n  "search": "50% off + \\"free\\" shipping, it\'s <b>&amp; C:\\\\dir\\n\\u00E9\\uD83D\\uDE00",\n  "page": 1,\n  "pageSize": 20\n}\n',
    );
    expect(JSON.parse(output)).toEqual({ search: q, page: 1, pageSize: 20 });
  });
});
