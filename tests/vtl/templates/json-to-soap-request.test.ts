import { renderTemplate, renderTemplateWithOverrides } from "../../../vtl";

/** The envelope with already-escaped element texts written out by each test. */
const envelope = (id: string, quantity: string, note?: string): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ord="urn:example:orders">',
    "  <soap:Header/>",
    "  <soap:Body>",
    "    <ord:PlaceOrder>",
    `      <ord:Id>${id}</ord:Id>`,
    `      <ord:Quantity>${quantity}</ord:Quantity>`,
    ...(note === undefined ? [] : [`      <ord:Note>${note}</ord:Note>`]),
    "    </ord:PlaceOrder>",
    "  </soap:Body>",
    "</soap:Envelope>",
    "",
  ].join("\n");

describe("json-to-soap-request.vtl", () => {
  test("a JSON order becomes a SOAP 1.1 envelope, and the SOAPAction header is set", () => {
    const result = renderTemplateWithOverrides("json-to-soap-request", { body: '{"id": "A-1001", "quantity": 3, "note": "Leave at the door"}' });
    expect(result.output).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ord="urn:example:orders">
  <soap:Header/>
  <soap:Body>
    <ord:PlaceOrder>
      <ord:Id>A-1001</ord:Id>
      <ord:Quantity>3</ord:Quantity>
      <ord:Note>Leave at the door</ord:Note>
    </ord:PlaceOrder>
  </soap:Body>
</soap:Envelope>
`);
    expect(result.overrides.request.header).toEqual({ SOAPAction: '"urn:example:orders/PlaceOrder"' });
  });

  test("a numeric id prints as a number; the Note element is left out without a note", () => {
    expect(renderTemplate("json-to-soap-request", { body: '{"id": 42, "quantity": 1}' })).toBe(envelope("42", "1"));
    expect(renderTemplate("json-to-soap-request", { body: '{"id": 42, "quantity": 1, "note": ""}' })).toBe(envelope("42", "1"));
    expect(renderTemplate("json-to-soap-request", { body: '{"id": 42, "quantity": 1, "note": null}' })).toBe(envelope("42", "1"));
  });

  test("no body, an empty object: empty Id and Quantity, no Note", () => {
    expect(renderTemplate("json-to-soap-request", {})).toBe(envelope("", ""));
    expect(renderTemplate("json-to-soap-request", { body: "{}" })).toBe(envelope("", ""));
  });

  test('the five XML special characters are escaped, & first (so "&amp;" becomes "&amp;amp;")', () => {
    const body = JSON.stringify({ id: `A<1>&"2"'3'`, quantity: 2, note: 'Tom & Jerry\'s <b>"best"</b> &amp;' });
    expect(renderTemplate("json-to-soap-request", { body })).toBe(
      envelope("A&lt;1&gt;&amp;&quot;2&quot;&apos;3&apos;", "2", "Tom &amp; Jerry&apos;s &lt;b&gt;&quot;best&quot;&lt;/b&gt; &amp;amp;"),
    );
  });

  test("backslashes, newlines, unicode, % + and spaces pass through unchanged (they need no escaping in XML)", () => {
    const body = JSON.stringify({ id: "50% + 10", quantity: 1, note: "C:\\temp\nline 2 \u00e9\u{1F600} $x #if" });
    expect(renderTemplate("json-to-soap-request", { body })).toBe(envelope("50% + 10", "1", "C:\\temp\nline 2 \u00e9\u{1F600} $x #if"));
  });
});
