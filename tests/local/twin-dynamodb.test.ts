import type { Twin } from "../../local/twin";
import { startTestTwin } from "../helpers/twin";

/** A SigV4 Authorization header: the twin has no IAM to check the signature, only that there is one. */
const SIGNED = {
  authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
};

/**
 * The prod stack's GET /items-direct/{id}: a DynamoDB GetItem that API Gateway calls itself (AWS,
 * "Tutorial: Create a REST API as an Amazon DynamoDB proxy"). The twin renders the deployed request
 * template, sends the request to DynamoDB Local as DynamoDB's JSON API (X-Amz-Target
 * DynamoDB_20120810.GetItem), and maps the answer by its status as API Gateway maps an AWS
 * integration's: 200 through the response template, a DynamoDB 4xx (a ValidationException) through the
 * 4\d{2} integration response to 400.
 */
describe("the twin serves a DynamoDB integration against DynamoDB Local", () => {
  let twin: Twin;
  beforeAll(async () => {
    twin = await startTestTwin({ stack: "prod", port: 0 });
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
  });

  test("an item the items function created is read straight from the table, as the function reads it", async () => {
    const created = await fetch(`${twin.restUrl}/items`, {
      method: "POST",
      headers: { ...SIGNED, "content-type": "application/json" },
      body: JSON.stringify({ name: "lamp", price: 12.5, tags: ["home", "light"] }),
    });
    expect(created.status).toBe(201);
    const item = (await created.json()) as Record<string, unknown>;
    const direct = await fetch(`${twin.restUrl}/items-direct/${item.id as string}`);
    expect(direct.status).toBe(200);
    expect(direct.headers.get("content-type")).toBe("application/json");
    expect(await direct.json()).toEqual(item);
  });

  test("a key no item has: GetItem answers {} and the response template answers 404 not_found", async () => {
    const response = await fetch(`${twin.restUrl}/items-direct/no-such-item`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: "not_found", message: "No such item", requestId: body.requestId });
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a key DynamoDB refuses (over 2048 bytes: 400 ValidationException) is the client's 400, DynamoDB's message not echoed", async () => {
    const response = await fetch(`${twin.restUrl}/items-direct/${"k".repeat(2049)}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: "bad_request", message: "The request was refused by the backend service", requestId: body.requestId });
  });
});
