import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { handler as getHandler } from "../../functions/items/get";
import { handler as updateHandler } from "../../functions/items/update";
import { createItem, deleteItem, getItem, listItems, replaceItem, updateItem, type ItemsDeps } from "../../functions/items/service";
import { HttpError } from "../../functions/shared/http";
import { apiGatewayEvent, bodyOf, lambdaContext } from "../helpers/api-gateway-event";
import { testTable, useItemsTable } from "../helpers/dynamodb-local";
import { captureLogs, type LogCapture } from "./log-capture";

const TABLE = testTable("items");

const database = useItemsTable(TABLE);

/** Deps with a clock that advances one second per call and sequential ids. */
function fixedDeps(prefix: string): ItemsDeps {
  let tick = 0;
  let id = 0;
  return {
    db: database().client,
    tableName: TABLE,
    now: () => new Date(Date.UTC(2025, 0, 1, 0, 0, tick++)),
    newId: () => `${prefix}-${++id}`,
  };
}

async function rejection(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(error)}`);
  return { status: error.status, code: error.code, message: error.message };
}

describe("service with injected dependencies", () => {
  it("creates, replaces, patches and deletes with exact ids, versions and timestamps", async () => {
    const deps = fixedDeps("svc");
    const created = await createItem(deps, { name: "A", price: 1 });
    expect(created).toStrictEqual({
      id: "svc-1",
      name: "A",
      price: 1,
      version: 1,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
    });

    expect(await replaceItem(deps, "svc-1", 1, { name: "B", tags: ["t"] })).toStrictEqual({
      id: "svc-1",
      name: "B",
      tags: ["t"],
      version: 2,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:01.000Z",
    });

    expect(await updateItem(deps, "svc-1", 2, { set: { description: "d" }, remove: ["tags"] })).toStrictEqual({
      id: "svc-1",
      name: "B",
      description: "d",
      version: 3,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:02.000Z",
    });
    expect(await getItem(deps, "svc-1")).toStrictEqual({
      id: "svc-1",
      name: "B",
      description: "d",
      version: 3,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:02.000Z",
    });

    expect(await rejection(deleteItem(deps, "svc-1", 2))).toEqual({
      status: 412,
      code: "version_mismatch",
      message: "item svc-1 is at version 3, not 2",
    });
    await deleteItem(deps, "svc-1", 3);
    expect(await rejection(getItem(deps, "svc-1"))).toEqual({ status: 404, code: "not_found", message: "item svc-1 not found" });
  });

  it("never overwrites an existing item when a generated id collides", async () => {
    const deps = { ...fixedDeps("dup"), newId: () => "dup-fixed" };
    await createItem(deps, { name: "first" });
    await expect(createItem(deps, { name: "second" })).rejects.toMatchObject({ name: "ConditionalCheckFailedException" });
    expect((await database().client.send(new GetCommand({ TableName: TABLE, Key: { id: "dup-fixed" } }))).Item?.name).toBe("first");
  });

  it("hides attributes the API does not own", async () => {
    const deps = fixedDeps("stray");
    await createItem(deps, { name: "x" });
    await database().client.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { id: "stray-1" },
        UpdateExpression: "SET internalNote = :n",
        ExpressionAttributeValues: { ":n": "hidden" },
      }),
    );
    expect(await getItem(deps, "stray-1")).not.toHaveProperty("internalNote");
  });

  it("returns a LastEvaluatedKey of exactly the key when a page is full", async () => {
    const page = await listItems(fixedDeps("page"), 1, undefined);
    expect(page.items).toHaveLength(1);
    expect(page.lastKey).toEqual({ id: page.items[0].id });
  });
});

describe("concurrent writes through the PATCH handler", () => {
  // Each handler call logs a completion line: kept out of the test output, and counted below.
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.stop());

  const patch = (id: string, version: string, value: string) =>
    updateHandler(
      apiGatewayEvent({
        method: "PATCH",
        resource: "/items/{id}",
        pathParameters: { id },
        headers: { "If-Match": version },
        json: { description: value },
      }),
      lambdaContext({ functionName: "gateway-items-update" }),
    );
  const read = (id: string) =>
    getHandler(apiGatewayEvent({ method: "GET", resource: "/items/{id}", pathParameters: { id } }), lambdaContext({ functionName: "gateway-items-get" }));

  it('50 PATCHes all sending If-Match "1": exactly one wins, 49 get 412', async () => {
    const { id } = await createItem(fixedDeps("race1"), { name: "contended" });

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => patch(id, '"1"', `client-${i}`)));

    const winners = results.flatMap((result, i) => (result.statusCode === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    const winner = winners[0];
    expect(bodyOf(results[winner])).toMatchObject({ id, version: 2, description: `client-${winner}` });
    for (const [i, result] of results.entries()) {
      if (i === winner) continue;
      expect(result.statusCode).toBe(412);
      expect(bodyOf(result)).toEqual({ error: "version_mismatch", message: `item ${id} is at version 2, not 1` });
    }
    expect(bodyOf(await read(id))).toMatchObject({ version: 2, description: `client-${winner}` });

    // One completion line per request, its level and code from that request's own outcome.
    const outcomes = logs.lines().map((line) => `${line.level} ${line.statusCode} ${line.errorCode ?? "-"}`);
    expect(outcomes.filter((o) => o === "INFO 200 -")).toHaveLength(2);
    expect(outcomes.filter((o) => o === "WARN 412 version_mismatch")).toHaveLength(49);
    expect(outcomes).toHaveLength(51);
    expect(logs.text()).not.toContain("client-");
  });

  it("50 clients each read then patch once: every success is one version, every other answer a 412", async () => {
    const { id } = await createItem(fixedDeps("race2"), { name: "read-modify-write" });

    // Ten rounds of five clients: each round reads concurrently, then patches concurrently, so reads
    // interleave with other clients' writes in the same way on any machine: one winner per round.
    const results: { client: number; readVersion: number; result: Awaited<ReturnType<typeof patch>> }[] = [];
    for (let round = 0; round < 10; round++) {
      const clients = Array.from({ length: 5 }, (_, k) => round * 5 + k);
      const reads = await Promise.all(
        clients.map(async (client) => {
          const current = await read(id);
          expect(current.statusCode).toBe(200);
          return { client, etag: current.headers?.ETag as string };
        }),
      );
      const patched = await Promise.all(
        reads.map(async ({ client, etag }) => ({ client, readVersion: Number(etag.replace(/"/g, "")), result: await patch(id, etag, `reader-${client}`) })),
      );
      results.push(...patched);
    }

    const successes = results.filter((r) => r.result.statusCode === 200);
    const failures = results.filter((r) => r.result.statusCode !== 200);
    expect([successes.length, failures.length]).toEqual([10, 40]);
    // Round r read version r + 1.
    expect(results.map((r) => r.readVersion)).toEqual(results.map((r) => Math.floor(r.client / 5) + 1));

    // Each success produced exactly the version after the one it read, carrying its own value.
    const versions = successes.map(({ client, readVersion, result }) => {
      const body = bodyOf(result) as { version: number; description: string };
      expect(body.description).toBe(`reader-${client}`);
      expect(body.version).toBe(readVersion + 1);
      expect(result.headers?.ETag).toBe(`"${body.version}"`);
      return body.version;
    });
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: successes.length }, (_, i) => i + 2));

    // Each failure lost to its own round's winner.
    for (const { readVersion, result } of failures) {
      expect(result.statusCode).toBe(412);
      expect(bodyOf(result)).toEqual({ error: "version_mismatch", message: `item ${id} is at version ${readVersion + 1}, not ${readVersion}` });
    }

    const final = bodyOf(await read(id)) as { version: number; description: string };
    expect(final.version).toBe(1 + successes.length);
    const last = successes.find((s) => (bodyOf(s.result) as { version: number }).version === final.version);
    expect(final.description).toBe(`reader-${last?.client}`);
  });
});
