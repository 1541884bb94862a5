import { InvalidOrder, previewOrder } from "../../functions/orders/order";
import { handler } from "../../functions/orders/preview";
import { renderTemplate } from "../../vtl";
import { lambdaContext } from "../helpers/api-gateway-event";
import { captureLogs, type LogCapture } from "./log-capture";

/** The event API Gateway makes from a client's body with templates/reshape-body.vtl, as the route deploys it. */
const reshaped = (body: unknown, sourceSystem = "dev-gateway") =>
  JSON.parse(renderTemplate("reshape-body", { body: JSON.stringify(body), context: { requestId: "r-1", stage: "dev" }, stageVariables: { sourceSystem } }));

const order = {
  customerName: "Ada",
  email: "ada@example.com",
  street: "12 Analytical Row",
  city: "London",
  items: [
    { sku: "ENG-1", qty: 1 },
    { sku: "CARD-9", qty: 250 },
  ],
};

describe("previewOrder", () => {
  test("summarizes the reshaped order, with the request id, stage and source the template added", () => {
    expect(previewOrder(reshaped(order))).toEqual({
      customer: "Ada",
      lineCount: 2,
      units: 251,
      shipTo: "12 Analytical Row, London",
      requestId: "r-1",
      stage: "dev",
      source: "dev-gateway",
    });
    expect(previewOrder(reshaped({ customerName: "Ada", items: [{ sku: "A", qty: 3 }] }, "")).shipTo).toBeNull();
  });

  test.each([
    ["no customer", { items: [{ sku: "A", qty: 1 }] }, "Invalid order: customerName is required"],
    ["a blank customer", { customerName: " ", items: [{ sku: "A", qty: 1 }] }, "Invalid order: customerName is required"],
    ["no items", { customerName: "Ada" }, "Invalid order: items must list at least one line"],
    ["a line without a sku", { customerName: "Ada", items: [{ sku: "A", qty: 1 }, { qty: 1 }] }, "Invalid order: items[1].sku is required"],
    ["a fractional quantity", { customerName: "Ada", items: [{ sku: "A", qty: 1.5 }] }, "Invalid order: items[0].qty must be an integer of at least 1"],
    ["a quantity as text", { customerName: "Ada", items: [{ sku: "A", qty: "2" }] }, "Invalid order: items[0].qty must be an integer of at least 1"],
    ["a zero quantity", { customerName: "Ada", items: [{ sku: "A", qty: 0 }] }, "Invalid order: items[0].qty must be an integer of at least 1"],
  ])("%s is refused, naming the field (never its value)", (_case, body, message) => {
    expect(() => previewOrder(reshaped(body))).toThrow(new InvalidOrder(message.slice("Invalid order: ".length)));
    expect(() => previewOrder(reshaped(body))).toThrow(message);
  });
});

describe("the orders/preview handler (Lambda without proxy)", () => {
  let logs: LogCapture;
  beforeEach(() => (logs = captureLogs()));
  afterEach(() => logs.stop());

  test("answers the preview and logs one completion line with the request's id and stage, not the order", async () => {
    expect(await handler(reshaped(order), lambdaContext({ functionName: "orderPreview" }))).toMatchObject({ customer: "Ada", units: 251 });
    const lines = logs.lines();
    expect(lines).toMatchObject([
      { level: "INFO", message: "request completed", statusCode: 200, apiGatewayRequestId: "r-1", stage: "dev", route: "/orders/preview", method: "POST" },
    ]);
    expect(logs.text()).not.toContain("Ada");
  });

  test("throws a refused order for the integration response to map (400), logged as a 4xx", async () => {
    await expect(handler(reshaped({ customerName: "Ada" }), lambdaContext())).rejects.toThrow("Invalid order: items must list at least one line");
    expect(logs.lines()).toMatchObject([{ level: "WARN", statusCode: 400, errorCode: "invalid_order" }]);
  });

  test("anything else fails as Lambda fails, logged as an error", async () => {
    const crash = {
      get customer(): never {
        throw new TypeError("boom");
      },
    };
    await expect(handler(crash as never, lambdaContext())).rejects.toThrow("boom");
    expect(logs.lines()).toMatchObject([{ level: "ERROR", statusCode: 502, errorCode: "internal", error: { name: "TypeError", message: "boom" } }]);
  });
});
