import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateClient } from "../../sdk/client/generate";
import { createClient } from "../../sdk/clients/dev";

interface Call {
  readonly url: string;
  readonly method: string | undefined;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** A fetch that records each request and answers the next queued response (201 JSON by default). */
function fakeFetch(answers: (() => Response)[] = []) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method, headers: { ...(init?.headers as Record<string, string>) }, body: init?.body as string | undefined });
    return (answers.shift() ?? (() => new Response('{"id":"i-1"}', { status: 201, headers: { "content-type": "application/json" } })))();
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe("the generated dev client's requests (sdk/clients/dev.ts)", () => {
  test("a typed body as JSON, the client's and the call's headers, the answer parsed", async () => {
    const f = fakeFetch();
    const client = createClient({ baseUrl: "https://abc.execute-api.us-east-1.amazonaws.com/dev/", headers: { "x-api-key": "k" }, fetch: f.fetch });
    const created = await client.postItems({ body: { name: "lamp", price: 12.5 } }, { headers: { "x-trace": "t-1" } });
    expect(f.calls).toEqual([
      {
        url: "https://abc.execute-api.us-east-1.amazonaws.com/dev/items",
        method: "POST",
        headers: { "x-api-key": "k", "x-trace": "t-1", "content-type": "application/json" },
        body: '{"name":"lamp","price":12.5}',
      },
    ]);
    expect([created.ok, created.status, created.body]).toEqual([true, 201, { id: "i-1" }]);
  });

  test("path parameters are encoded; a greedy one keeps its slashes; ANY sends the caller's method", async () => {
    const f = fakeFetch();
    const client = createClient({ baseUrl: "http://127.0.0.1:3000/dev", fetch: f.fetch });
    await client.getItemsId({ path: { id: "a b/c" } });
    await client.getDocsKey({ path: { key: "guide/a b.html" } });
    await client.anyPartnersProxy({ method: "PUT", path: { proxy: "orders/7" }, body: { qty: 1 } });
    await client.patchItemsId({ path: { id: "7" }, body: { price: null } }, { headers: { "If-Match": '"1"', "Content-Type": "application/merge-patch+json" } });
    expect(f.calls.map((c) => [c.method, c.url, c.body, c.headers["content-type"] ?? c.headers["Content-Type"]])).toEqual([
      ["GET", "http://127.0.0.1:3000/dev/items/a%20b%2Fc", undefined, undefined],
      ["GET", "http://127.0.0.1:3000/dev/docs/guide/a%20b.html", undefined, undefined],
      ["PUT", "http://127.0.0.1:3000/dev/partners/orders/7", '{"qty":1}', "application/json"],
      ["PATCH", "http://127.0.0.1:3000/dev/items/7", '{"price":null}', "application/merge-patch+json"],
    ]);
    expect(f.calls[3]?.headers).toEqual({ "If-Match": '"1"', "Content-Type": "application/merge-patch+json" });
  });

  test("answers: an error is not ok with its body; text stays text; an empty body is undefined; broken JSON stays text", async () => {
    const f = fakeFetch([
      () => new Response('{"error":"not_found"}', { status: 404, headers: { "content-type": "application/json" } }),
      () => new Response("<html>docs</html>", { status: 200, headers: { "content-type": "text/html; charset=utf-8" } }),
      () => new Response(null, { status: 204 }),
      () => new Response("{oops", { status: 502, headers: { "content-type": "application/json" } }),
    ]);
    const client = createClient({ baseUrl: "http://x", fetch: f.fetch });
    const answers = [
      await client.getItemsId({ path: { id: "7" } }),
      await client.getDocs(),
      await client.deleteItemsId({ path: { id: "7" } }),
      await client.getHello(),
    ];
    expect(answers.map((a) => [a.ok, a.status, a.body])).toEqual([
      [false, 404, { error: "not_found" }],
      [true, 200, "<html>docs</html>"],
      [true, 204, undefined],
      [false, 502, "{oops"],
    ]);
  });
});

describe("a generated client's query and header parameters (a small document, compiled here)", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "client-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("declared query parameters (undefined ones left out) and header parameters", async () => {
    const document = {
      openapi: "3.0.1",
      info: { title: "search", version: "1" },
      paths: {
        "/search": {
          get: {
            operationId: "search",
            parameters: [
              { name: "q", in: "query", required: true, schema: { type: "string" } },
              { name: "page", in: "query", schema: { type: "integer" } },
              { name: "size", in: "query", schema: { type: "integer" } },
              { name: "X-Tenant", in: "header", required: true },
            ],
            responses: {},
          },
        },
      },
    };
    const file = path.join(dir, "search-client.ts");
    fs.writeFileSync(file, generateClient(document, { command: "test" }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require(file) as { createClient(o: { baseUrl: string; fetch: typeof fetch }): { search(input: unknown): Promise<unknown> } };
    const f = fakeFetch();
    await generated
      .createClient({ baseUrl: "http://x/v1", fetch: f.fetch })
      .search({ query: { q: "lamp & desk", page: 2, size: undefined }, headers: { "X-Tenant": "acme" } });
    expect(f.calls).toEqual([{ url: "http://x/v1/search?q=lamp+%26+desk&page=2", method: "GET", headers: { "X-Tenant": "acme" }, body: undefined }]);
  });
});
