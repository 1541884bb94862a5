import type { Twin } from "../../local/twin";
import { startTestTwin } from "../helpers/twin";
import { createClient, type Client } from "../../sdk/clients/dev";

/** An item as the items service answers it. */
interface Item {
  readonly id: string;
  readonly name: string;
  readonly price?: number;
  readonly version: number;
}

/**
 * What `npm run typecheck` checks of the generated client: it refuses what the dev stack's document
 * refuses. Never called.
 */
export function typeChecks(api: Client): void {
  // @ts-expect-error ItemCreate requires a name
  void api.postItems({ body: { price: 1 } });
  // @ts-expect-error ItemCreate has no such field
  void api.postItems({ body: { name: "lamp", colour: "red" } });
  // @ts-expect-error GET /items/{id} needs its path parameter
  void api.getItemsId({});
  // @ts-expect-error an ANY route needs the method
  void api.anyPartnersProxy({ path: { proxy: "x" } });
}

describe("the generated dev client (sdk/clients/dev.ts) against the dev stack's twin", () => {
  let twin: Twin;
  let api: Client;
  beforeAll(async () => {
    twin = await startTestTwin({ stack: "dev", port: 0 });
    api = createClient({ baseUrl: twin.restUrl as string });
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
  });

  test("GET /hello: the alias and the stage variable that chose it", async () => {
    const hello = await api.getHello();
    expect([hello.ok, hello.status, hello.body]).toEqual([
      true,
      200,
      expect.objectContaining({ alias: "DEV", stage: "dev", stageVariables: { lambdaAlias: "DEV" } }),
    ]);
  });

  test("an item's life: create, read with its ETag, replace and patch with If-Match, list, delete, then 404", async () => {
    const created = await api.postItems({ body: { name: "lamp", price: 12.5, tags: ["desk"] } });
    expect([created.ok, created.status]).toEqual([true, 201]);
    const item = created.body as Item;
    expect(item).toMatchObject({ name: "lamp", price: 12.5, version: 1 });

    const read = await api.getItemsId({ path: { id: item.id } });
    expect([read.status, read.body, read.headers.get("etag")]).toEqual([200, item, '"1"']);

    const replaced = await api.putItemsId({ path: { id: item.id }, body: { name: "lamp", price: 10 } }, { headers: { "If-Match": '"1"' } });
    expect([replaced.status, (replaced.body as Item).version, (replaced.body as Item).price]).toEqual([200, 2, 10]);
    const stale = await api.putItemsId({ path: { id: item.id }, body: { name: "lamp" } }, { headers: { "If-Match": '"1"' } });
    expect([stale.ok, stale.status, stale.body]).toEqual([false, 412, expect.objectContaining({ error: "version_mismatch" })]);
    const patched = await api.patchItemsId({ path: { id: item.id }, body: { price: null } }, { headers: { "If-Match": '"2"' } });
    expect([patched.status, patched.body]).toEqual([200, expect.not.objectContaining({ price: expect.anything() })]);

    const listed = await api.getItems();
    expect((listed.body as { items: Item[] }).items.map((i) => i.id)).toContain(item.id);

    expect((await api.deleteItemsId({ path: { id: item.id } })).status).toBe(204);
    const gone = await api.getItemsId({ path: { id: item.id } });
    expect([gone.ok, gone.status, gone.body]).toEqual([false, 404, expect.objectContaining({ error: "not_found" })]);
  });

  test("what the types cannot say (price >= 0) the request model refuses: 400 from the gateway before the function runs", async () => {
    const refused = await api.postItems({ body: { name: "lamp", price: -1 } });
    expect([refused.ok, refused.status, refused.body]).toEqual([false, 400, expect.objectContaining({ error: "invalid_body" })]);
  });

  test("POST /orders/preview, the Lambda integration without proxy, through its templates", async () => {
    const preview = await api.postOrdersPreview({ body: { customerName: "Ada", street: "1 Main", city: "X", items: [{ sku: "A1", qty: 2 }] } });
    expect([preview.status, preview.body]).toEqual([
      200,
      {
        order: { customer: "Ada", lines: 1, units: 2, shipTo: "1 Main, X" },
        receivedBy: { stage: "dev", source: "dev-gateway" },
        requestId: preview.headers.get("x-amzn-requestid"),
      },
    ]);
  });

  test("a greedy path parameter: GET /docs/{key+} reaches the docs bucket's file", async () => {
    const style = await api.getDocsKey({ path: { key: "style.css" } });
    expect([style.status, style.headers.get("content-type")]).toEqual([200, "text/css; charset=utf-8"]);
  });
});
