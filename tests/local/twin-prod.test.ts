import { execFile } from "child_process";
import * as path from "path";
import { notes } from "../../local/cli";
import type { Twin } from "../../local/twin";
import { startTestTwin } from "../helpers/twin";

/** A SigV4 Authorization header: the twin has no IAM to check the signature, only that there is one. */
const SIGNED = {
  authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
};

describe("the prod stack's local twin: keys, usage plans, cache and validation", () => {
  let twin: Twin;
  /** The canary draws the next requests get (0.5, not the canary, when none is queued). */
  const draws: number[] = [];
  /** The twin's clock (throttling, quotas, cache TTLs): it moves only when a test moves it. */
  let now = Date.UTC(2026, 2, 4, 12, 0, 0);
  /** The API key of the usage plan `partners`, by the name the stack gives it. */
  const ACME = "microservice-gateway-prod-acme";
  beforeAll(async () => {
    twin = await startTestTwin({ stack: "prod", port: 0, random: () => draws.shift() ?? 0.5, now: () => now });
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
  });

  test("npm start's note on the IAM (SigV4) routes: the command it gives reaches the function with any credentials", async () => {
    expect(notes(twin)).toEqual([
      "  served, but not checked as AWS would:",
      '  IAM (SigV4) routes (12, "iam" below): the twin has no IAM; a request signed with any credentials passes, an unsigned one is refused:',
      `    AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 npm run -s signed-request -- ${twin.restUrl}/<path> [METHOD] [JSON body]`,
    ]);
    const signed = await new Promise<{ code: number | null; stdout: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          "-r",
          "./scripts/register-typescript.cjs",
          "examples/signed-request.ts",
          `${twin.restUrl}/items`,
          "POST",
          JSON.stringify({ name: "signed", price: 2 }),
        ],
        {
          cwd: path.resolve(__dirname, "..", ".."),
          encoding: "utf8",
          env: { ...process.env, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local", AWS_REGION: "us-east-1", NODE_OPTIONS: "" },
        },
        (error, stdout) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout }),
      ),
    );
    expect([signed.code, signed.stdout.split("\n")[0]]).toEqual([0, "201 Created"]);
    expect(JSON.parse(signed.stdout.split("\n")[1] as string)).toMatchObject({ name: "signed", price: 2 });
    expect(
      (
        await fetch(`${twin.restUrl}/items`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "unsigned", price: 2 }),
        })
      ).status,
    ).toBe(403);
  });

  test("a route that needs an API key: 403 without one or with an unknown one, 200 with the plan's key", async () => {
    const key = twin.apiKeys[ACME] as string;
    expect(key).toMatch(/^twin-microservice-gateway-prod-acme-[0-9a-f]{24}$/);
    expect((await fetch(`${twin.restUrl}/items`)).status).toBe(403);
    expect((await fetch(`${twin.restUrl}/items`, { headers: { "x-api-key": "nope" } })).status).toBe(403);
    expect((await fetch(`${twin.restUrl}/items`, { headers: { "x-api-key": key } })).status).toBe(200);
  });

  test("a cached GET is answered from the stage cache; the cache key includes its query parameters", async () => {
    const key = twin.apiKeys[ACME] as string;
    const before = twin.metrics!.summary().stage.metrics;
    await fetch(`${twin.restUrl}/items?limit=5`, { headers: { "x-api-key": key } });
    await fetch(`${twin.restUrl}/items?limit=5`, { headers: { "x-api-key": key } });
    await fetch(`${twin.restUrl}/items?limit=6`, { headers: { "x-api-key": key } });
    const after = twin.metrics!.summary().stage.metrics;
    expect([after.CacheHitCount - before.CacheHitCount, after.CacheMissCount - before.CacheMissCount]).toEqual([1, 2]);
  });

  // An integration's answer carries the request's trace id (LocalStack's AWS-validated test_invocation_trace_id,
  // test_apigateway_common.snapshot.json); a cached one is answered for this request, so it carries this request's.
  test("a cache hit carries its own request's trace id, not the one of the request that filled the cache", async () => {
    const headers = (trace: string) => ({ "x-api-key": twin.apiKeys[ACME] as string, "x-amzn-trace-id": trace });
    const before = twin.metrics!.summary().stage.metrics.CacheHitCount;
    const miss = await fetch(`${twin.restUrl}/items?limit=7`, { headers: headers("Root=1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa") });
    const hit = await fetch(`${twin.restUrl}/items?limit=7`, { headers: headers("Root=1-00000002-bbbbbbbbbbbbbbbbbbbbbbbb") });
    expect([miss.headers.get("x-amzn-trace-id"), hit.headers.get("x-amzn-trace-id")]).toEqual([
      "Root=1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa",
      "Root=1-00000002-bbbbbbbbbbbbbbbbbbbbbbbb",
    ]);
    expect(twin.metrics!.summary().stage.metrics.CacheHitCount - before).toBe(1);
  });

  test("Cache-Control: max-age=0 from a caller without InvalidateCache is refused with 403 (authorized invalidation)", async () => {
    const response = await fetch(`${twin.restUrl}/items?limit=5`, { headers: { "x-api-key": twin.apiKeys[ACME] as string, "cache-control": "max-age=0" } });
    expect(response.status).toBe(403);
  });

  test("the stage variable's alias runs as the version it points at (PROD: version 1 under the mocks)", async () => {
    const hello = await fetch(`${twin.restUrl}/hello`);
    expect(await hello.json()).toMatchObject({ alias: "PROD", functionVersion: "1", message: "hello from PROD" });
  });

  test("the canary's 5 %: a request drawn into it sees the canary's stage variables (lambdaAlias NEXT)", async () => {
    draws.push(0.01);
    expect(await (await fetch(`${twin.restUrl}/hello`)).json()).toMatchObject({ alias: "NEXT", stageVariables: { lambdaAlias: "NEXT" } });
    draws.push(0.06);
    expect(await (await fetch(`${twin.restUrl}/hello`)).json()).toMatchObject({ alias: "PROD", stageVariables: { lambdaAlias: "PROD" } });
  });

  test("request validation answers 400 with the API's gateway response before the function runs", async () => {
    const response = await fetch(`${twin.restUrl}/items`, {
      method: "POST",
      headers: { ...SIGNED, "content-type": "application/json" },
      body: JSON.stringify({ price: -1 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_body", message: "Invalid request body" });
  });

  // A preflight carries no credentials (Fetch standard, "CORS-preflight request"): the OPTIONS of an IAM
  // route answers unsigned, while the route itself refuses with a gateway response the browser can read.
  test("CORS on an IAM route: the preflight answers unsigned; the unsigned call's 403 carries the app's origin", async () => {
    const APP = "https://app.example.com";
    const preflight = await fetch(`${twin.restUrl}/items/abc`, { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "PUT" } });
    expect([preflight.status, preflight.headers.get("access-control-allow-origin"), preflight.headers.get("access-control-allow-methods")]).toEqual([
      200,
      APP,
      "GET,PUT,PATCH,DELETE,OPTIONS",
    ]);
    const unsigned = await fetch(`${twin.restUrl}/items/abc`, { method: "PUT", headers: { origin: APP, "content-type": "application/json" }, body: "{}" });
    expect([unsigned.status, unsigned.headers.get("access-control-allow-origin"), unsigned.headers.get("vary")]).toEqual([403, APP, "Origin"]);
  });

  test("a cached GET is kept per Origin: the function answers the app's origin, and a server's call (no Origin) without it", async () => {
    const key = twin.apiKeys[ACME] as string;
    const get = (headers: Record<string, string>) => fetch(`${twin.restUrl}/items?limit=9`, { headers: { "x-api-key": key, ...headers } });
    const before = twin.metrics!.summary().stage.metrics;
    const server = await get({});
    const browser = await get({ origin: "https://app.example.com" });
    const again = await get({ origin: "https://app.example.com" });
    const after = twin.metrics!.summary().stage.metrics;
    expect([
      server.headers.get("access-control-allow-origin"),
      browser.headers.get("access-control-allow-origin"),
      again.headers.get("access-control-allow-origin"),
    ]).toEqual([null, "https://app.example.com", "https://app.example.com"]);
    expect([after.CacheHitCount - before.CacheHitCount, after.CacheMissCount - before.CacheMissCount]).toEqual([1, 2]);
  });

  test("the plan's per-method throttle answers 429 past its burst", async () => {
    const key = twin.apiKeys[ACME] as string;
    // Long enough for every bucket to fill up again: GET /items has the plan's 20 per second, burst 40.
    now += 60_000;
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => fetch(`${twin.restUrl}/items?limit=5`, { headers: { "x-api-key": key } }).then((r) => r.status)),
    );
    expect([statuses.filter((s) => s === 200).length, statuses.filter((s) => s === 429).length]).toEqual([40, 20]);
    now += 1_000;
    const refilled = await Promise.all(
      Array.from({ length: 25 }, () => fetch(`${twin.restUrl}/items?limit=5`, { headers: { "x-api-key": key } }).then((r) => r.status)),
    );
    expect([refilled.filter((s) => s === 200).length, refilled.filter((s) => s === 429).length]).toEqual([20, 5]);
  });
});
