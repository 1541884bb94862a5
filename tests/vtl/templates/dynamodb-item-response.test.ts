import { renderTemplateWithOverrides } from "../../../vtl";

/**
 * GetItem's answer as the DynamoDB API reference gives it ("GetItem", Response Syntax: {"Item": {<name>:
 * AttributeValue}}; AttributeValue: S, N as a string, BOOL, NULL, SS, NS, L, M, B, BS), and {} when no
 * item has the key.
 */
const run = (body: string) => renderTemplateWithOverrides("dynamodb-item-response", { body, context: { requestId: "r-9" } });

describe("dynamodb-item-response.vtl", () => {
  test("an item of the items table as plain JSON: strings, numbers, a list of strings", () => {
    const item = { id: { S: "i-1" }, name: { S: "lamp" }, price: { N: "12.5" }, tags: { L: [{ S: "a" }, { S: "b" }] }, version: { N: "1" } };
    const result = run(JSON.stringify({ Item: item }));
    expect(result.output).toBe(`{
  "id": "i-1",
  "name": "lamp",
  "price": 12.5,
  "tags": ["a", "b"],
  "version": 1
}
`);
    expect(result.overrides.response).toEqual({ header: {} });
  });

  test("BOOL, NULL, SS, NS and an L of mixed scalars; M and B are left out", () => {
    const item = {
      a: { BOOL: false },
      b: { NULL: true },
      c: { SS: ["x", "y"] },
      d: { NS: ["1", "2.5"] },
      e: { L: [{ N: "3" }, { BOOL: true }, { S: "s" }] },
      m: { M: { k: { S: "v" } } },
      bin: { B: "AAE=" },
    };
    expect(JSON.parse(run(JSON.stringify({ Item: item })).output)).toEqual({ a: false, b: null, c: ["x", "y"], d: [1, 2.5], e: [3, true, "s"] });
  });

  test("no item ({}): 404 with a not_found body naming the request", () => {
    const result = run("{}");
    expect(result.output).toBe('{"error": "not_found", "message": "No such item", "requestId": "r-9"}\n');
    expect(result.overrides.response).toEqual({ status: 404, header: {} });
  });

  test("quotes, backslashes, newlines and single quotes in names and values still give valid JSON", () => {
    const value = `it's "q" \\ x\ny`;
    expect(JSON.parse(run(JSON.stringify({ Item: { [`we'ird "key"`]: { S: value } } })).output)).toEqual({ [`we'ird "key"`]: value });
  });
});
