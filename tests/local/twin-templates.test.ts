import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { localTarget } from "../../local/rest-api";
import type { Twin } from "../../local/twin";
import { startTestTwin } from "../helpers/twin";

/** A stand-in for the legacy SOAP service: records what it receives and answers a fixed reply. */
function soapService(): Promise<{ server: Server; base: string; received: { headers: Record<string, unknown>; body: string; path: string }[] }> {
  const received: { headers: Record<string, unknown>; body: string; path: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body, path: req.url ?? "" });
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(
        '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><q:PlaceOrderResponse xmlns:q="urn:quotes"><q:OrderId>A-1</q:OrderId><q:Status>ACCEPTED</q:Status></q:PlaceOrderResponse></soap:Body></soap:Envelope>',
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received })),
  );
}

/** What templates/json-to-soap-request.vtl sets through $context.requestOverride.header.SOAPAction. */
const SOAP_ACTION = '"urn:example:orders/PlaceOrder"';

describe("HTTP integrations with mapping templates, through the twin to a local backend", () => {
  let twin: Twin;
  let service: Awaited<ReturnType<typeof soapService>>;
  beforeAll(async () => {
    service = await soapService();
    twin = await startTestTwin({ stack: "dev", port: 0, httpBackends: { "legacy.example.com": service.base } });
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
    service?.server.close();
  });

  test("JSON in, SOAP to the backend (template, Content-Type and SOAPAction), JSON back", async () => {
    const response = await fetch(`${twin.restUrl}/legacy/quotes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: "A-1", quantity: 2 }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ orderId: "A-1", status: "ACCEPTED", message: "" });
    const sent = service.received.at(-1)!;
    expect(sent.path).toBe("/soap/quotes");
    expect(sent.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(sent.headers.soapaction).toBe(SOAP_ACTION);
    expect(sent.body).toContain("<ord:Id>A-1</ord:Id>\n      <ord:Quantity>2</ord:Quantity>");
  });

  test("a host the twin cannot reach is a 502 that says how to point it at a local server", async () => {
    const response = await fetch(`${twin.restUrl}/search?q=lamp`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      error: "integration_failure",
      message: "the twin could not reach search.example.com; point it at a local server with --backend search.example.com=http://127.0.0.1:<port>",
    });
  });
});

test("the local target of an integration URI", () => {
  expect(localTarget("https://legacy.example.com/soap/{id}?x=1", { id: "a b" }, { "legacy.example.com": "http://127.0.0.1:4000/" })).toBe(
    "http://127.0.0.1:4000/soap/a%20b?x=1",
  );
  expect(localTarget("https://partners.example.com/{proxy}", { proxy: "a/b" }, {})).toBe("https://partners.example.com/a/b");
});
