import { renderTemplate } from "../../../vtl";
import type { TemplateRequest } from "../../../vtl";

const order = {
  customerName: "Ada Lovelace",
  email: "ada@example.com",
  street: "12 Analytical Row",
  city: "London",
  items: [
    { sku: "ENG-1", qty: 1 },
    { sku: "CARD-9", qty: 250 },
  ],
};

const request = (body: string | undefined, sourceSystem?: string): TemplateRequest => ({
  body,
  context: { requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", stage: "dev" },
  stageVariables: sourceSystem === undefined ? {} : { sourceSystem },
});

describe("reshape-body.vtl", () => {
  test("renames, nests and adds the request id, the stage and the sourceSystem stage variable", () => {
    const output = renderTemplate("reshape-body", request(JSON.stringify(order), "web-shop"));
    expect(output).toBe(`{
  "customer": {
    "name": "Ada Lovelace",
    "email": "ada@example.com"
  },
  "shipping": {
    "address": {
      "street": "12 Analytical Row",
      "city": "London"
    }
  },
  "lines": [{"productId": "ENG-1", "quantity": 1}, {"productId": "CARD-9", "quantity": 250}],
  "meta": {
    "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    "stage": "dev",
    "source": "web-shop"
  }
}
`);
    expect(JSON.parse(output)).toEqual({
      customer: { name: "Ada Lovelace", email: "ada@example.com" },
      shipping: { address: { street: "12 Analytical Row", city: "London" } },
      lines: [
        { productId: "ENG-1", quantity: 1 },
        { productId: "CARD-9", quantity: 250 },
      ],
      meta: { requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", stage: "dev", source: "web-shop" },
    });
  });

  test("no body, an empty object: fields are null, lines empty, an undefined stage variable is empty", () => {
    const expected = `{
  "customer": {
    "name": null,
    "email": null
  },
  "shipping": {
    "address": {
      "street": null,
      "city": null
    }
  },
  "lines": [],
  "meta": {
    "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    "stage": "dev",
    "source": ""
  }
}
`;
    expect(renderTemplate("reshape-body", request(undefined))).toBe(expected);
    expect(renderTemplate("reshape-body", request("{}"))).toBe(expected);
  });

  test("a single item, and values of other JSON types, are copied as they are", () => {
    const body = JSON.stringify({ customerName: { first: "Ada" }, email: null, items: [{ sku: 7, qty: 1.5 }] });
    expect(JSON.parse(renderTemplate("reshape-body", request(body)))).toMatchObject({
      customer: { name: { first: "Ada" }, email: null },
      lines: [{ productId: 7, quantity: 1.5 }],
    });
  });

  test("values needing escapes stay valid JSON: quotes, backslashes, newlines, <&>, unicode, % + and spaces", () => {
    const odd = `O'Brien "the 2nd" \\ <b>&amp;</b>\n50% + \u00e9\u{1F600}`;
    const body = JSON.stringify({ ...order, customerName: odd, items: [{ sku: odd, qty: 1 }] });
    const output = renderTemplate("reshape-body", request(body, `it's "ours" \\ <x>`));
    expect(output).toContain(`"name": "O'Brien \\"the 2nd\\" \\\\ <b>&amp;</b>\\n50% + \u00e9\u{1F600}",`);
    expect(output).toContain(`"source": "it's \\"ours\\" \\\\ <x>"`);
    const parsed = JSON.parse(output);
    expect(parsed.customer.name).toBe(odd);
    expect(parsed.lines).toEqual([{ productId: odd, quantity: 1 }]);
    expect(parsed.meta.source).toBe(`it's "ours" \\ <x>`);
  });
});
