import { renderTemplate } from "../../../vtl";

const REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
const render = (template: "order-preview" | "order-refused", body: string | undefined, requestId = REQUEST_ID) =>
  renderTemplate(template, { body, context: { requestId, stage: "dev" } });

describe("order-preview.vtl", () => {
  test("the function's answer, renamed and nested for the client", () => {
    const answer = {
      customer: "Ada Lovelace",
      lineCount: 2,
      units: 251,
      shipTo: "12 Analytical Row, London",
      requestId: REQUEST_ID,
      stage: "dev",
      source: "dev-gateway",
    };
    expect(render("order-preview", JSON.stringify(answer))).toBe(`{
  "order": {"customer": "Ada Lovelace", "lines": 2, "units": 251, "shipTo": "12 Analytical Row, London"},
  "receivedBy": {"stage": "dev", "source": "dev-gateway"},
  "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
}
`);
  });

  test("an empty answer (API Gateway reads it as {}): every value null", () => {
    const expected = `{
  "order": {"customer": null, "lines": null, "units": null, "shipTo": null},
  "receivedBy": {"stage": null, "source": null},
  "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
}
`;
    expect(render("order-preview", undefined)).toBe(expected);
    expect(render("order-preview", "{}")).toBe(expected);
  });

  test("text that needs escaping stays valid JSON", () => {
    const answer = { customer: 'O\'Brien "Ltd" \\ <x>', lineCount: 1, units: 1, shipTo: null, stage: "dev", source: "" };
    expect(JSON.parse(render("order-preview", JSON.stringify(answer), "r'1"))).toEqual({
      order: { customer: 'O\'Brien "Ltd" \\ <x>', lines: 1, units: 1, shipTo: null },
      receivedBy: { stage: "dev", source: "" },
      requestId: "r'1",
    });
  });
});

describe("order-refused.vtl", () => {
  test("a refused order (the Lambda error the 400 response selects): its reason, without the prefix", () => {
    const error = {
      errorMessage: "Invalid order: items[0].qty must be an integer of at least 1",
      errorType: "InvalidOrder",
      stackTrace: ["at previewOrder (order.ts:1:1)"],
    };
    expect(render("order-refused", JSON.stringify(error))).toBe(
      '{"error": "invalid_order", "message": "items[0].qty must be an integer of at least 1", "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"}\n',
    );
  });

  test("any other body, or none: the generic message, never the body", () => {
    const generic = '{"error": "invalid_order", "message": "The order was refused", "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"}\n';
    expect(render("order-refused", undefined)).toBe(generic);
    expect(render("order-refused", JSON.stringify({ errorMessage: "Cannot read properties of undefined (reading 'x')" }))).toBe(generic);
    expect(render("order-refused", "<html>secret</html>")).toBe(generic);
  });

  test("a reason that needs escaping stays valid JSON", () => {
    const output = render("order-refused", JSON.stringify({ errorMessage: 'Invalid order: it\'s "x" \\ <y>' }), "r'1");
    expect(output).toBe('{"error": "invalid_order", "message": "it\'s \\"x\\" \\\\ <y>", "requestId": "r\'1"}\n');
    expect(JSON.parse(output)).toEqual({ error: "invalid_order", message: 'it\'s "x" \\ <y>', requestId: "r'1" });
  });
});
