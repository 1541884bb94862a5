/**
 * An order as templates/reshape-body.vtl hands it to the function (a Lambda integration without
 * proxy: the event is the rendered template, not an API Gateway request), and what the function
 * answers about it.
 */

/** The reshaped order; every value may be null or missing (the template copies what the body has). */
export interface ReshapedOrder {
  readonly customer?: { readonly name?: unknown; readonly email?: unknown } | null;
  readonly shipping?: { readonly address?: { readonly street?: unknown; readonly city?: unknown } | null } | null;
  readonly lines?: unknown;
  readonly meta?: { readonly requestId?: unknown; readonly stage?: unknown; readonly source?: unknown } | null;
}

export interface OrderPreview {
  readonly customer: string;
  readonly lineCount: number;
  readonly units: number;
  readonly shipTo: string | null;
  /** From the template: the API Gateway request id, the stage, and its `sourceSystem` stage variable. */
  readonly requestId: string;
  readonly stage: string;
  readonly source: string;
}

/**
 * What a Lambda error's message starts with when the order is refused: the integration response whose
 * selection pattern matches it (`Invalid order: .*`) answers 400. The rest names the field, never a value.
 */
export const INVALID_ORDER = "Invalid order: ";

export class InvalidOrder extends Error {
  constructor(reason: string) {
    super(`${INVALID_ORDER}${reason}`);
    this.name = "InvalidOrder";
  }
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/** Checks a reshaped order and summarizes it; throws `InvalidOrder` naming the first field that is wrong. */
export function previewOrder(order: ReshapedOrder): OrderPreview {
  const customer = text(order.customer?.name);
  if (customer === undefined) throw new InvalidOrder("customerName is required");
  if (!Array.isArray(order.lines) || order.lines.length === 0) throw new InvalidOrder("items must list at least one line");
  let units = 0;
  order.lines.forEach((line: { productId?: unknown; quantity?: unknown } | null, index) => {
    if (text(line?.productId) === undefined) throw new InvalidOrder(`items[${index}].sku is required`);
    const quantity = line?.quantity;
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1)
      throw new InvalidOrder(`items[${index}].qty must be an integer of at least 1`);
    units += quantity;
  });
  const street = text(order.shipping?.address?.street);
  const city = text(order.shipping?.address?.city);
  return {
    customer,
    lineCount: order.lines.length,
    units,
    shipTo: street !== undefined && city !== undefined ? `${street}, ${city}` : null,
    requestId: String(order.meta?.requestId ?? ""),
    stage: String(order.meta?.stage ?? ""),
    source: String(order.meta?.source ?? ""),
  };
}
