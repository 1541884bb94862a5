import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BUNDLE_FILE, bundleFunctions } from "../../components/lambda/bundle";
import { apiGatewayEvent, lambdaContext } from "../helpers/api-gateway-event";
import { createItemsTable, startDynamoDbLocal, type DynamoDbLocal } from "../helpers/dynamodb-local";

/**
 * The bundles the stack deploys, run as Lambda runs them: an ES module loaded by Node with
 * --enable-source-maps, its `handler` called with an event. Catches what testing the TypeScript
 * sources cannot: a dependency that breaks when bundled as ESM, a missing require shim.
 */
const TABLE = "bundled-items";
let db: DynamoDbLocal;
let dir: string;

beforeAll(async () => {
  db = await startDynamoDbLocal();
  await createItemsTable(db.client, TABLE);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bundles-"));
  const entries = ["items/create", "items/get", "hello/index"];
  bundleFunctions(entries).forEach((bundle, i) => {
    const out = path.join(dir, entries[i]!);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, BUNDLE_FILE), bundle.code);
    fs.writeFileSync(path.join(out, `${BUNDLE_FILE}.map`), bundle.sourceMap);
  });
  fs.writeFileSync(
    path.join(dir, "invoke.mjs"),
    "const [file, event, context] = process.argv.slice(2);\n" +
      "const { handler } = await import(file);\n" +
      "process.stdout.write(JSON.stringify(await handler(JSON.parse(event), JSON.parse(context))));\n",
  );
});

afterAll(async () => {
  await db?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function invoke(entry: string, event: unknown, context: unknown = lambdaContext()) {
  const run = spawnSync(
    process.execPath,
    ["--enable-source-maps", path.join(dir, "invoke.mjs"), path.join(dir, entry, BUNDLE_FILE), JSON.stringify(event), JSON.stringify(context)],
    { encoding: "utf8", timeout: 60_000, env: { PATH: process.env.PATH, ...db.env, ITEMS_TABLE_NAME: TABLE, AWS_SUPPRESS_NODE_DEPRECATION_WARNING: "1" } },
  );
  if (run.status !== 0) throw new Error(`bundle ${entry} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as { statusCode: number; headers: Record<string, string>; body: string };
}

test("the create and get bundles write and read an item in DynamoDB", () => {
  const created = invoke("items/create", apiGatewayEvent({ method: "POST", resource: "/items", json: { name: "bundled", price: 3 } }));
  expect(created.statusCode).toBe(201);
  const item = JSON.parse(created.body) as { id: string };
  expect(created.headers.ETag).toBe('"1"');

  const got = invoke("items/get", apiGatewayEvent({ method: "GET", resource: "/items/{id}", pathParameters: { id: item.id } }));
  expect(got.statusCode).toBe(200);
  expect(JSON.parse(got.body)).toMatchObject({ id: item.id, name: "bundled", price: 3, version: 1 });
});

test("a bad request answers 400 JSON from the bundle too", () => {
  const bad = invoke("items/create", apiGatewayEvent({ method: "POST", resource: "/items", body: "{not json", headers: { "content-type": "application/json" } }));
  expect(bad.statusCode).toBe(400);
  expect(JSON.parse(bad.body)).toMatchObject({ error: "invalid_json" });
});

test("the hello bundle names the alias it was invoked through", () => {
  const res = invoke("hello/index", apiGatewayEvent({ method: "GET", resource: "/hello", stage: "prod" }), lambdaContext({ functionVersion: "3", qualifier: "PROD" }));
  expect(res.statusCode).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ message: "hello from PROD", alias: "PROD", functionVersion: "3", stage: "prod" });
});
