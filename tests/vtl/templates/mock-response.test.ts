import { renderTemplateWithOverrides } from "../../../vtl";
import type { TemplateRequest } from "../../../vtl";

const run = (request: TemplateRequest) => renderTemplateWithOverrides("mock-response", request);
const context = { requestId: "r-42", stage: "dev" };

describe("mock-response.vtl", () => {
  test("answers an example item for the path id, with the X-Mock header", () => {
    const result = run({ pathParameters: { id: "item-7" }, context });
    expect(result.output).toBe(`{
  "id": "item-7",
  "name": "Example item",
  "price": 9.99,
  "tags": ["mock"],
  "requestId": "r-42",
  "stage": "dev"
}
`);
    expect(JSON.parse(result.output)).toEqual({ id: "item-7", name: "Example item", price: 9.99, tags: ["mock"], requestId: "r-42", stage: "dev" });
    expect(result.overrides.response).toEqual({ header: { "X-Mock": "true" } });
  });

  test("no id, no context: the id is example and the rest empty", () => {
    const result = run({});
    expect(result.output).toBe(`{
  "id": "example",
  "name": "Example item",
  "price": 9.99,
  "tags": ["mock"],
  "requestId": "",
  "stage": ""
}
`);
    expect(result.overrides.response).toEqual({ header: { "X-Mock": "true" } });
  });

  test("?mockStatus=503 answers 503 with an error body; 201 keeps the item; other values are ignored", () => {
    const failing = run({ queryString: { mockStatus: "503" }, context });
    expect(failing.output).toBe('{\n  "error": "mock_status",\n  "message": "Mock response with status 503",\n  "requestId": "r-42"\n}\n');
    expect(failing.overrides.response).toEqual({ status: 503, header: { "X-Mock": "true" } });
    const created = run({ queryString: { mockStatus: "201" }, pathParameters: { id: "n" } });
    expect(created.overrides.response.status).toBe(201);
    expect(JSON.parse(created.output).id).toBe("n");
    for (const ignored of ["200", "700", "99", "abc", "5xx"]) {
      expect(run({ queryString: { mockStatus: ignored } }).overrides.response).toEqual({ header: { "X-Mock": "true" } });
    }
  });

  test("an id needing escapes stays valid JSON: quotes, backslash, slash, <&>, unicode, % + and spaces", () => {
    const id = `a"b'c\\d/e <&> 50% + \u00e9`;
    const output = run({ pathParameters: { id } }).output;
    expect(output).toContain(`"id": "a\\"b'c\\\\d\\/e <&> 50% + \\u00E9",`);
    expect(JSON.parse(output).id).toBe(id);
  });
});
