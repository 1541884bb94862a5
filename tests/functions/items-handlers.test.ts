import type { APIGatewayProxyResult } from "aws-lambda";
import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { handler as createHandler } from "../../functions/items/create";
import { handler as deleteHandler } from "../../functions/items/delete";
import { handler as getHandler } from "../../functions/items/get";
import { handler as listHandler } from "../../functions/items/list";
import { handler as replaceHandler } from "../../functions/items/replace";
import { handler as updateHandler } from "../../functions/items/update";
import { apiGatewayEvent, bodyOf, lambdaContext, type EventOptions } from "../helpers/api-gateway-event";
import { createItemsTable, setEnv, testTable, useItemsTable } from "../helpers/dynamodb-local";
import { captureLogs, type LogCapture } from "./log-capture";

const TABLE = testTable("items");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const JSON_HEADERS = { "content-type": "application/json" };

const database = useItemsTable(TABLE);
// Every handler logs a completion line; captured for the whole file so it stays out of the test output.
let logs: LogCapture;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.stop());

type Extra = Omit<EventOptions, "method" | "resource" | "pathParameters">;
const ctx = () => lambdaContext({ functionName: "gateway-items" });
const api = {
  create: (extra: Extra) => createHandler(apiGatewayEvent({ method: "POST", resource: "/items", ...extra }), ctx()),
  get: (id: string) => getHandler(apiGatewayEvent({ method: "GET", resource: "/items/{id}", pathParameters: { id } }), ctx()),
  list: (query?: Record<string, string | string[]>) => listHandler(apiGatewayEvent({ method: "GET", resource: "/items", query }), ctx()),
  replace: (id: string, extra: Extra) => replaceHandler(apiGatewayEvent({ method: "PUT", resource: "/items/{id}", pathParameters: { id }, ...extra }), ctx()),
  update: (id: string, extra: Extra) => updateHandler(apiGatewayEvent({ method: "PATCH", resource: "/items/{id}", pathParameters: { id }, ...extra }), ctx()),
  delete: (id: string, extra: Extra = {}) =>
    deleteHandler(apiGatewayEvent({ method: "DELETE", resource: "/items/{id}", pathParameters: { id }, ...extra }), ctx()),
};

function expectError(result: APIGatewayProxyResult, status: number, error: string, message: string): void {
  expect({ statusCode: result.statusCode, headers: result.headers, body: bodyOf(result) }).toEqual({
    statusCode: status,
    headers: JSON_HEADERS,
    body: { error, message },
  });
}

async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  return (await database().client.send(new GetCommand({ TableName: TABLE, Key: { id }, ConsistentRead: true }))).Item;
}

async function itemCount(): Promise<number> {
  return (await database().client.send(new ScanCommand({ TableName: TABLE, Select: "COUNT" }))).Count ?? -1;
}

type ItemBody = Record<string, unknown> & { id: string; version: number; createdAt: string; updatedAt: string };

async function createOk(json: Record<string, unknown>): Promise<ItemBody> {
  const result = await api.create({ json });
  expect(result.statusCode).toBe(201);
  return bodyOf(result) as ItemBody;
}

describe("POST /items", () => {
  it("creates an item: 201, exact body, ETag and Location, stored as returned", async () => {
    const before = new Date().toISOString();
    const result = await api.create({ json: { name: "  Desk lamp ", description: "LED", price: 19.5, tags: ["light", "desk"] } });
    const after = new Date().toISOString();

    expect(result.statusCode).toBe(201);
    const body = bodyOf(result) as ItemBody;
    expect(body).toEqual({
      id: expect.stringMatching(UUID),
      name: "Desk lamp",
      description: "LED",
      price: 19.5,
      tags: ["light", "desk"],
      version: 1,
      createdAt: body.createdAt,
      updatedAt: body.createdAt,
    });
    expect(body.createdAt >= before && body.createdAt <= after).toBe(true);
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    expect(result.headers).toEqual({ ...JSON_HEADERS, ETag: '"1"', Location: `/items/${body.id}` });
    expect(await stored(body.id)).toEqual(body);
  });

  it("returns only the fields that were sent", async () => {
    const body = await createOk({ name: "Plain" });
    expect(Object.keys(body).sort()).toEqual(["createdAt", "id", "name", "updatedAt", "version"]);
  });

  it("accepts a base64-encoded body", async () => {
    const result = await api.create({
      body: Buffer.from(JSON.stringify({ name: "Caf\u00e9" }), "utf8").toString("base64"),
      isBase64Encoded: true,
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(result.statusCode).toBe(201);
    expect((bodyOf(result) as ItemBody).name).toBe("Caf\u00e9");
  });

  describe("rejects, writing nothing", () => {
    let countBefore: number;
    beforeEach(async () => {
      countBefore = await itemCount();
    });
    afterEach(async () => {
      expect(await itemCount()).toBe(countBefore);
    });

    const json = { "Content-Type": "application/json" };
    it.each<[string, Extra, number, string, string]>([
      ["malformed JSON", { body: '{"name": "x"', headers: json }, 400, "invalid_json", "request body is not valid JSON"],
      [
        "malformed base64 JSON",
        { body: Buffer.from("{nope").toString("base64"), isBase64Encoded: true, headers: json },
        400,
        "invalid_json",
        "request body is not valid JSON",
      ],
      ["a JSON array", { body: '[{"name":"x"}]', headers: json }, 400, "invalid_body", "request body must be a JSON object"],
      ["no body", { headers: json }, 400, "missing_body", "request body is required"],
      [
        "a wrong content type",
        { body: '{"name":"x"}', headers: { "Content-Type": "text/plain" } },
        415,
        "unsupported_media_type",
        "content-type must be application/json",
      ],
      ["no content type", { body: '{"name":"x"}' }, 415, "unsupported_media_type", "content-type must be application/json"],
      ["a missing name", { json: { price: 1 } }, 400, "validation_failed", "name is required"],
      ["a wrong type", { json: { name: "x", price: "cheap" } }, 400, "validation_failed", "price must be a number"],
      ["a wrong tags type", { json: { name: "x", tags: "a,b" } }, 400, "validation_failed", "tags must be an array of strings"],
      ["an unknown field", { json: { name: "x", colour: "red" } }, 400, "validation_failed", 'unknown field: "colour"'],
      ["a server field", { json: { name: "x", id: "mine" } }, 400, "validation_failed", 'server-managed field: "id" cannot be set'],
      ["a version", { json: { name: "x", version: 9 } }, 400, "validation_failed", 'server-managed field: "version" cannot be set'],
      ["an oversize body", { json: { name: "x", description: "d".repeat(70_000) } }, 413, "payload_too_large", "request body must be at most 65536 bytes"],
    ])("%s", async (_, extra, status, code, message) => {
      expectError(await api.create(extra), status, code, message);
    });
  });
});

describe("GET /items/{id}", () => {
  it("returns the item with its ETag", async () => {
    const created = await createOk({ name: "Chair", price: 0 });
    const result = await api.get(created.id);
    expect(result).toEqual({ statusCode: 200, headers: { ...JSON_HEADERS, ETag: '"1"' }, body: expect.any(String) });
    expect(bodyOf(result)).toEqual(created);
  });

  it("answers 404 for an unknown id", async () => {
    expectError(await api.get("does-not-exist"), 404, "not_found", "item does-not-exist not found");
  });

  it.each(["a b", "x".repeat(129), "a.b", ""])("answers 400 for the id %p", async (id) => {
    expectError(await api.get(id), 400, "invalid_id", "id must be 1 to 128 characters of A-Z, a-z, 0-9, _ or -");
  });
});

describe("PUT /items/{id}", () => {
  it("replaces the whole item: absent optional fields are removed, createdAt kept, version + 1", async () => {
    const created = await createOk({ name: "Old", description: "old text", price: 5, tags: ["a"] });
    const result = await api.replace(created.id, { json: { name: "New", tags: ["b", "c"] }, headers: { "If-Match": '"1"' } });

    expect(result.statusCode).toBe(200);
    const body = bodyOf(result) as ItemBody;
    expect(body).toEqual({
      id: created.id,
      name: "New",
      tags: ["b", "c"],
      version: 2,
      createdAt: created.createdAt,
      updatedAt: body.updatedAt,
    });
    expect(body.updatedAt >= created.updatedAt).toBe(true);
    expect(result.headers).toEqual({ ...JSON_HEADERS, ETag: '"2"' });
    expect(await stored(created.id)).toEqual(body);
  });

  it("accepts a bare version and any header-name case", async () => {
    const created = await createOk({ name: "Bare" });
    const result = await api.replace(created.id, { json: { name: "Bare 2" }, headers: { "iF-mAtCh": "1" } });
    expect(result.statusCode).toBe(200);
    expect(result.headers).toEqual({ ...JSON_HEADERS, ETag: '"2"' });
  });

  it("answers 428 without If-Match", async () => {
    const created = await createOk({ name: "x" });
    expectError(
      await api.replace(created.id, { json: { name: "y" } }),
      428,
      "precondition_required",
      "If-Match header is required; send the ETag of the version you are changing",
    );
    expect(await stored(created.id)).toEqual(created);
  });

  it("answers 400 for a malformed If-Match", async () => {
    const created = await createOk({ name: "x" });
    expectError(
      await api.replace(created.id, { json: { name: "y" }, headers: { "If-Match": 'W/"1"' } }),
      400,
      "invalid_if_match",
      'If-Match must be an item version such as "3"',
    );
  });

  it("answers 412 naming the current version for a stale If-Match, and changes nothing", async () => {
    const created = await createOk({ name: "x" });
    expect((await api.replace(created.id, { json: { name: "y" }, headers: { "If-Match": '"1"' } })).statusCode).toBe(200);
    const current = await stored(created.id);

    expectError(
      await api.replace(created.id, { json: { name: "z" }, headers: { "If-Match": '"1"' } }),
      412,
      "version_mismatch",
      `item ${created.id} is at version 2, not 1`,
    );
    expect(await stored(created.id)).toEqual(current);
  });

  it("answers 404 for an unknown id and creates nothing", async () => {
    expectError(await api.replace("ghost", { json: { name: "y" }, headers: { "If-Match": '"1"' } }), 404, "not_found", "item ghost not found");
    expect(await stored("ghost")).toBeUndefined();
  });

  it("validates the body like POST", async () => {
    const created = await createOk({ name: "x" });
    expectError(
      await api.replace(created.id, { json: { name: "y", createdAt: "2020-01-01T00:00:00.000Z" }, headers: { "If-Match": '"1"' } }),
      400,
      "validation_failed",
      'server-managed field: "createdAt" cannot be set',
    );
    expect(await stored(created.id)).toEqual(created);
  });
});

describe("PATCH /items/{id}", () => {
  it("applies a merge patch: null removes a field, other fields are kept", async () => {
    const created = await createOk({ name: "Lamp", description: "bright", price: 10, tags: ["x"] });
    const result = await api.update(created.id, { json: { description: null, price: 12.25 }, headers: { "If-Match": '"1"' } });

    expect(result.statusCode).toBe(200);
    expect(result.headers).toEqual({ ...JSON_HEADERS, ETag: '"2"' });
    const body = bodyOf(result) as ItemBody;
    expect(body).toEqual({
      id: created.id,
      name: "Lamp",
      price: 12.25,
      tags: ["x"],
      version: 2,
      createdAt: created.createdAt,
      updatedAt: body.updatedAt,
    });
    const item = await stored(created.id);
    expect(item).toEqual(body);
    expect(item).not.toHaveProperty("description");
  });

  it("accepts application/merge-patch+json", async () => {
    const created = await createOk({ name: "Lamp", tags: ["x"] });
    const result = await api.update(created.id, {
      body: JSON.stringify({ tags: null }),
      headers: { "content-type": "application/merge-patch+json", "if-match": '"1"' },
    });
    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).not.toHaveProperty("tags");
  });

  it.each<[string, Extra, number, string, string]>([
    ["an empty patch", { json: {}, headers: { "If-Match": '"1"' } }, 400, "validation_failed", "patch must contain at least one field"],
    ["removing name", { json: { name: null }, headers: { "If-Match": '"1"' } }, 400, "validation_failed", "name cannot be removed"],
    ["a wrong type", { json: { tags: [1] }, headers: { "If-Match": '"1"' } }, 400, "validation_failed", "tags[0] must be a string"],
    [
      "a server field",
      { json: { updatedAt: "now" }, headers: { "If-Match": '"1"' } },
      400,
      "validation_failed",
      'server-managed field: "updatedAt" cannot be set',
    ],
    [
      "a wrong content type",
      { body: "{}", headers: { "If-Match": '"1"', "Content-Type": "text/json" } },
      415,
      "unsupported_media_type",
      "content-type must be application/json or application/merge-patch+json",
    ],
    ["no If-Match", { json: { price: 1 } }, 428, "precondition_required", "If-Match header is required; send the ETag of the version you are changing"],
    ["a malformed If-Match", { json: { price: 1 }, headers: { "If-Match": "*" } }, 400, "invalid_if_match", 'If-Match must be an item version such as "3"'],
  ])("answers %s, leaving the item unchanged", async (_, extra, status, code, message) => {
    const created = await createOk({ name: "Stable", price: 3 });
    expectError(await api.update(created.id, extra), status, code, message);
    expect(await stored(created.id)).toEqual(created);
  });

  it("answers 412 for a stale If-Match", async () => {
    const created = await createOk({ name: "v" });
    expect((await api.update(created.id, { json: { price: 1 }, headers: { "If-Match": '"1"' } })).statusCode).toBe(200);
    expect((await api.update(created.id, { json: { price: 2 }, headers: { "If-Match": '"2"' } })).statusCode).toBe(200);
    expectError(
      await api.update(created.id, { json: { price: 3 }, headers: { "If-Match": '"2"' } }),
      412,
      "version_mismatch",
      `item ${created.id} is at version 3, not 2`,
    );
    expect(await stored(created.id)).toMatchObject({ price: 2, version: 3 });
  });

  it("answers 404 for an unknown id", async () => {
    expectError(await api.update("nobody", { json: { price: 1 }, headers: { "If-Match": '"1"' } }), 404, "not_found", "item nobody not found");
    expect(await stored("nobody")).toBeUndefined();
  });
});

describe("DELETE /items/{id}", () => {
  it("deletes without If-Match: 204 and then 404", async () => {
    const created = await createOk({ name: "gone" });
    expect(await api.delete(created.id)).toEqual({ statusCode: 204, headers: {}, body: "" });
    expect(await stored(created.id)).toBeUndefined();
    expectError(await api.get(created.id), 404, "not_found", `item ${created.id} not found`);
  });

  it("answers 404 for an unknown id", async () => {
    expectError(await api.delete("never-was"), 404, "not_found", "item never-was not found");
    expectError(await api.delete("never-was", { headers: { "If-Match": '"1"' } }), 404, "not_found", "item never-was not found");
  });

  it("with If-Match: 412 on mismatch (item kept), 204 on match", async () => {
    const created = await createOk({ name: "guarded" });
    await api.update(created.id, { json: { price: 1 }, headers: { "If-Match": '"1"' } });

    expectError(await api.delete(created.id, { headers: { "If-Match": '"1"' } }), 412, "version_mismatch", `item ${created.id} is at version 2, not 1`);
    expect(await stored(created.id)).toMatchObject({ version: 2 });

    expect((await api.delete(created.id, { headers: { "if-match": '"2"' } })).statusCode).toBe(204);
    expect(await stored(created.id)).toBeUndefined();
  });

  it("answers 400 for a malformed If-Match and keeps the item", async () => {
    const created = await createOk({ name: "kept" });
    expectError(await api.delete(created.id, { headers: { "If-Match": "v1" } }), 400, "invalid_if_match", 'If-Match must be an item version such as "3"');
    expect(await stored(created.id)).toEqual(created);
  });

  it("answers 400 for a bad id", async () => {
    expectError(await api.delete("../etc"), 400, "invalid_id", "id must be 1 to 128 characters of A-Z, a-z, 0-9, _ or -");
  });
});

describe("GET /items", () => {
  it.each<[Record<string, string | string[]>, string]>([
    [{ limit: "0" }, "limit must be an integer from 1 to 100"],
    [{ limit: "101" }, "limit must be an integer from 1 to 100"],
    [{ limit: "ten" }, "limit must be an integer from 1 to 100"],
    [{ limit: "" }, "limit must be an integer from 1 to 100"],
    [{ limit: ["5", "6"] }, "query parameter limit must be given at most once"],
  ])("answers 400 invalid_limit for %p", async (query, message) => {
    expectError(await api.list(query), 400, "invalid_limit", message);
  });

  it.each([
    ["garbage", "%%%"],
    ["base64 of a non-object", Buffer.from("[1]").toString("base64url")],
    ["a key of another shape", Buffer.from('{"pk":"a"}').toString("base64url")],
    ["a key with an extra attribute", Buffer.from('{"id":"a","n":1}').toString("base64url")],
    ["empty", ""],
  ])("answers 400 invalid_cursor for %s", async (_, cursor) => {
    expectError(await api.list({ cursor }), 400, "invalid_cursor", "cursor is not a value returned as nextCursor");
  });

  describe("pagination", () => {
    const PAGE_TABLE = testTable("pages");
    let restoreTable: () => void = () => undefined;
    beforeAll(async () => {
      await createItemsTable(database().client, PAGE_TABLE);
      restoreTable = setEnv({ ITEMS_TABLE_NAME: PAGE_TABLE });
    });
    afterAll(() => restoreTable());

    it("lists an empty table as one empty page", async () => {
      const result = await api.list();
      expect(result).toEqual({ statusCode: 200, headers: JSON_HEADERS, body: '{"items":[],"nextCursor":null}' });
    });

    it("walks 45 items in pages of 10, every item exactly once", async () => {
      const created = new Map<string, ItemBody>();
      for (let i = 0; i < 45; i++) {
        const item = await createOk({ name: `item ${i}`, price: i });
        created.set(item.id, item);
      }

      const seen: ItemBody[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const result = await api.list(cursor === null ? { limit: "10" } : { limit: "10", cursor });
        expect(result.statusCode).toBe(200);
        const page = bodyOf(result) as { items: ItemBody[]; nextCursor: string | null };
        expect(Object.keys(page).sort()).toEqual(["items", "nextCursor"]);
        pageSizes.push(page.items.length);
        seen.push(...page.items);
        cursor = page.nextCursor;
        if (cursor !== null) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      } while (cursor !== null && pageSizes.length < 20);

      expect(pageSizes).toEqual([10, 10, 10, 10, 5]);
      expect(seen).toHaveLength(45);
      expect(new Set(seen.map((item) => item.id)).size).toBe(45);
      for (const item of seen) expect(item).toEqual(created.get(item.id));
    });

    it("uses 20 as the default page size", async () => {
      const page = bodyOf(await api.list()) as { items: ItemBody[]; nextCursor: string | null };
      expect(page.items).toHaveLength(20);
      expect(page.nextCursor).not.toBeNull();
    });
  });
});

describe("logging against DynamoDB", () => {
  it("logs one INFO line per request, without the Authorization header or the item", async () => {
    const secretName = "item-name-secret-7731";
    const result = await api.create({
      headers: { Authorization: "Bearer authz-secret-token", Cookie: "sid=cookie-secret-value", "x-api-key": "apikey-secret-value" },
      json: { name: secretName, description: "description-secret", tags: ["tag-secret"] },
    });
    expect(result.statusCode).toBe(201);
    const { id } = bodyOf(result) as ItemBody;
    const fetched = await api.get(id);
    expect(fetched.body).toContain(secretName);

    const lines = logs.lines();
    expect(lines.map((line) => [line.level, line.message, line.method, line.route, line.statusCode, line.function_name])).toEqual([
      ["INFO", "request completed", "POST", "/items", 201, "gateway-items"],
      ["INFO", "request completed", "GET", "/items/{id}", 200, "gateway-items"],
    ]);
    for (const secret of [secretName, "description-secret", "tag-secret", "authz-secret", "cookie-secret", "apikey-secret", id]) {
      expect(logs.text()).not.toContain(secret);
    }
  });

  it("logs a failed condition as WARN with its code, not the stored item", async () => {
    const item = await createOk({ name: "conditional", description: "stored-description-secret" });
    logs.clear();
    const result = await api.delete(item.id, { headers: { "If-Match": '"9"' } });
    expect(result.statusCode).toBe(412);
    expect(logs.lines()).toMatchObject([{ level: "WARN", statusCode: 412, errorCode: "version_mismatch", method: "DELETE" }]);
    expect(logs.text()).not.toContain("stored-description-secret");
    expect(logs.text()).not.toContain(item.id);
  });
});

describe("failures inside the service", () => {
  it("turns an SDK error into a generic 500 and logs it without the body", async () => {
    const restore = setEnv({ ITEMS_TABLE_NAME: "no-such-table" });
    try {
      const result = await api.create({ json: { name: "secret-name-123" } });
      expect(result).toEqual({ statusCode: 500, headers: JSON_HEADERS, body: '{"error":"internal","message":"internal error"}' });
    } finally {
      restore();
    }
    const lines = logs.lines();
    expect(lines).toHaveLength(1);
    expect(logs.text()).not.toContain("secret-name-123");
    expect(lines[0]).toMatchObject({
      level: "ERROR",
      method: "POST",
      route: "/items",
      statusCode: 500,
      errorCode: "internal",
      error: { name: "ResourceNotFoundException", message: expect.any(String), stack: expect.any(String) },
    });
    expect(Object.keys(lines[0]!.error as object).sort()).toEqual(["message", "name", "stack"]);
  });

  it("answers 500 and names the variable in the log when ITEMS_TABLE_NAME is missing", async () => {
    const restore = setEnv({ ITEMS_TABLE_NAME: undefined });
    try {
      expectError(await api.get("any"), 500, "internal", "internal error");
    } finally {
      restore();
    }
    expect(logs.lines()).toMatchObject([
      {
        level: "ERROR",
        statusCode: 500,
        error: { name: "Error", message: "missing required environment variable ITEMS_TABLE_NAME" },
      },
    ]);
  });
});
