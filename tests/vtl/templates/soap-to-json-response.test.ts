import { renderTemplate, renderTemplateWithOverrides } from "../../../vtl";

const reply = (inner: string): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">',
    "  <soap:Body>",
    inner,
    "  </soap:Body>",
    "</soap:Envelope>",
  ].join("\n");

const success = (message: string): string =>
  reply(`    <ord:PlaceOrderResponse xmlns:ord="urn:example:orders">
      <ord:OrderId>A-1001</ord:OrderId>
      <ord:Status>ACCEPTED</ord:Status>
      <ord:Message>${message}</ord:Message>
    </ord:PlaceOrderResponse>`);

const fault = (code: string, text: string): string => reply(`    <soap:Fault><faultcode>${code}</faultcode><faultstring>${text}</faultstring></soap:Fault>`);

describe("soap-to-json-response.vtl", () => {
  test("a PlaceOrderResponse becomes JSON, status untouched", () => {
    const result = renderTemplateWithOverrides("soap-to-json-response", { body: success("Thank you") });
    expect(result.output).toBe('{\n  "orderId": "A-1001",\n  "status": "ACCEPTED",\n  "message": "Thank you"\n}\n');
    expect(JSON.parse(result.output)).toEqual({ orderId: "A-1001", status: "ACCEPTED", message: "Thank you" });
    expect(result.overrides.response).toEqual({ header: {} });
  });

  test("elements are found by local name, whatever the prefix (none, another, a default namespace); text is trimmed", () => {
    const body =
      '<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><ns2:PlaceOrderResponse xmlns:ns2="urn:x"><ns2:OrderId> B-7 </ns2:OrderId><Status>HELD</Status></ns2:PlaceOrderResponse></Body></Envelope>';
    expect(JSON.parse(renderTemplate("soap-to-json-response", { body }))).toEqual({ orderId: "B-7", status: "HELD", message: "" });
  });

  test("a Client fault answers 400, any other fault 502, with the fault's code and text", () => {
    const client = renderTemplateWithOverrides("soap-to-json-response", { body: fault("soap:Client", "Unknown product") });
    expect(client.output).toBe('{\n  "error": "soap_fault",\n  "code": "soap:Client",\n  "message": "Unknown product"\n}\n');
    expect(client.overrides.response.status).toBe(400);
    expect(renderTemplateWithOverrides("soap-to-json-response", { body: fault("soap:Client.Authentication", "No") }).overrides.response.status).toBe(400);
    const server = renderTemplateWithOverrides("soap-to-json-response", { body: fault("soap:Server", "Database down") });
    expect(JSON.parse(server.output)).toEqual({ error: "soap_fault", code: "soap:Server", message: "Database down" });
    expect(server.overrides.response.status).toBe(502);
  });

  test("no body, an empty object, or a reply of another shape: 502 bad_gateway", () => {
    const expected = '{\n  "error": "bad_gateway",\n  "message": "The order service\'s SOAP reply was not understood"\n}\n';
    for (const body of [undefined, "", "{}", reply("<ord:Other>1</ord:Other>")]) {
      const result = renderTemplateWithOverrides("soap-to-json-response", { body });
      expect(result.output).toBe(expected);
      expect(result.overrides.response.status).toBe(502);
    }
  });

  test("the five XML entities are decoded (&amp; last), and the text is escaped for JSON", () => {
    const body = success("Tom &amp; Jerry&apos;s &quot;order&quot; &lt;1&gt; &amp;lt; C:\\dir\\ a/b \u00e9\u{1F600} 50% + x\nsecond line");
    const output = renderTemplate("soap-to-json-response", { body });
    expect(output).toBe(
      '{\n  "orderId": "A-1001",\n  "status": "ACCEPTED",\n' +
        '  "message": "Tom & Jerry\'s \\"order\\" <1> &lt; C:\\\\dir\\\\ a\\/b \\u00E9\\uD83D\\uDE00 50% + x\\nsecond line"\n}\n',
    );
    expect(JSON.parse(output).message).toBe('Tom & Jerry\'s "order" <1> &lt; C:\\dir\\ a/b \u00e9\u{1F600} 50% + x\nsecond line');
  });

  test("known limits: a CDATA section or a numeric character reference is not decoded", () => {
    expect(JSON.parse(renderTemplate("soap-to-json-response", { body: success("<![CDATA[a < b]]>") })).message).toBe("");
    expect(JSON.parse(renderTemplate("soap-to-json-response", { body: success("it&#39;s") })).message).toBe("it&#39;s");
  });
});
