import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { BUNDLE_FILE, bundleFunctions } from "../../components/lambda/bundle";
import { apiGatewayEvent, lambdaContext } from "../helpers/api-gateway-event";
import { startConnectionsServer, type ConnectionsServer } from "../helpers/connections-server";
import { createItemsTable, testDynamoDb, testTable, type DynamoDbLocal } from "../helpers/dynamodb-local";
import { connectEvent, connectionItem, createConnectionsTable, messageEvent } from "../helpers/websocket";

/**
 * The bundles the stack deploys, run as Lambda runs them: an ES module loaded by Node with
 * --enable-source-maps, its `handler` called with an event. Catches what testing the TypeScript
 * sources cannot: a dependency that breaks when bundled as ESM, a missing require shim.
 */
const TABLE = testTable("items");
const CONNECTIONS_TABLE = testTable("connections");
let db: DynamoDbLocal;
let connections: ConnectionsServer;
let dir: string;

beforeAll(async () => {
  [db, connections] = await Promise.all([testDynamoDb(), startConnectionsServer({ stage: "dev" })]);
  await createItemsTable(db.client, TABLE);
  await createConnectionsTable(db.client, CONNECTIONS_TABLE);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bundles-"));
  const entries = ["items/create", "items/get", "hello/index", "websocket/connect", "websocket/send-message"];
  bundleFunctions(entries).forEach((bundle, i) => {
    const out = path.join(dir, entries[i]!);
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, BUNDLE_FILE), bundle.code);
    fs.writeFileSync(path.join(out, `${BUNDLE_FILE}.map`), bundle.sourceMap);
  });
  // The result goes to a file: stdout and stderr carry the handler's log lines.
  fs.writeFileSync(
    path.join(dir, "invoke.mjs"),
    'import { writeFileSync } from "node:fs";\n' +
      "const [file, event, context, out] = process.argv.slice(2);\n" +
      "const { handler } = await import(file);\n" +
      "writeFileSync(out, JSON.stringify(await handler(JSON.parse(event), JSON.parse(context))));\n",
  );
});

afterAll(async () => {
  await Promise.all([db?.stop(), connections?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Invocation {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  /** Each line the bundle wrote to stdout (INFO) or stderr (WARN, ERROR), parsed as JSON. */
  logs: Record<string, unknown>[];
  /** stdout and stderr as written. */
  output: string;
}

let invocations = 0;

function invocationArgs(entry: string, event: unknown, context: unknown, out: string): string[] {
  return ["--enable-source-maps", path.join(dir, "invoke.mjs"), path.join(dir, entry, BUNDLE_FILE), JSON.stringify(event), JSON.stringify(context), out];
}

function invocationEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ...db.env,
    ITEMS_TABLE_NAME: TABLE,
    CONNECTIONS_TABLE_NAME: CONNECTIONS_TABLE,
    CALLBACK_URL: connections.endpoint,
    AWS_SUPPRESS_NODE_DEPRECATION_WARNING: "1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    POWERTOOLS_SERVICE_NAME: "bundled-gateway",
    ...env,
  };
}

function invocationResult(entry: string, stdout: string, stderr: string, out: string): Invocation {
  const logs = (stdout + stderr)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`bundle ${entry} wrote a line that is not JSON: ${line}`);
      }
    });
  const result = JSON.parse(fs.readFileSync(out, "utf8")) as Omit<Invocation, "logs" | "output">;
  return { ...result, logs, output: stdout + stderr };
}

/** One invocation in a new Node process: a cold container, as Lambda would start it. */
function invoke(entry: string, event: unknown, context: unknown = lambdaContext(), env: Record<string, string> = {}): Invocation {
  const out = path.join(dir, `result-${++invocations}.json`);
  const run = spawnSync(process.execPath, invocationArgs(entry, event, context, out), { encoding: "utf8", timeout: 60_000, env: invocationEnv(env) });
  if (run.status !== 0) throw new Error(`bundle ${entry} failed (${run.status}): ${run.stderr}`);
  return invocationResult(entry, run.stdout, run.stderr, out);
}

/** The same without blocking this process: needed when the bundle calls a server running in it (the connections server). */
function invokeAsync(entry: string, event: unknown, context: unknown = lambdaContext(), env: Record<string, string> = {}): Promise<Invocation> {
  const out = path.join(dir, `result-${++invocations}.json`);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      invocationArgs(entry, event, context, out),
      { encoding: "utf8", timeout: 60_000, env: invocationEnv(env) },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`bundle ${entry} failed (${error.code ?? error.signal}): ${stderr}`));
        else resolve(invocationResult(entry, stdout, stderr, out));
      },
    );
  });
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

test("the create and get bundles write and read an item in DynamoDB, each logging one completion line", () => {
  const headers = { Authorization: "Bearer bundled-authz-secret", "x-api-key": "bundled-apikey-secret" };
  const event = apiGatewayEvent({ method: "POST", resource: "/items", stage: "prod", headers, json: { name: "bundled-name-secret", price: 3 } });
  const created = invoke("items/create", event, lambdaContext({ functionName: "gateway-items-create", functionVersion: "4", awsRequestId: "bundled-create" }));
  expect(created.statusCode).toBe(201);
  const item = JSON.parse(created.body) as { id: string };
  expect(created.headers.ETag).toBe('"1"');
  expect(created.logs).toEqual([
    {
      level: "INFO",
      message: "request completed",
      timestamp: expect.stringMatching(ISO_TIMESTAMP),
      service: "bundled-gateway",
      cold_start: true,
      function_arn: "arn:aws:lambda:us-east-1:123456789012:function:gateway-items-create",
      function_memory_size: "256",
      function_name: "gateway-items-create",
      function_request_id: "bundled-create",
      function_version: "4",
      sampling_rate: 0,
      apiGatewayRequestId: event.requestContext.requestId,
      route: "/items",
      method: "POST",
      stage: "prod",
      statusCode: 201,
      durationMs: expect.any(Number),
    },
  ]);
  for (const secret of ["bundled-authz-secret", "bundled-apikey-secret", "bundled-name-secret"]) expect(created.output).not.toContain(secret);

  const got = invoke("items/get", apiGatewayEvent({ method: "GET", resource: "/items/{id}", pathParameters: { id: item.id } }));
  expect(got.statusCode).toBe(200);
  expect(JSON.parse(got.body)).toMatchObject({ id: item.id, name: "bundled-name-secret", price: 3, version: 1 });
  expect(got.logs).toMatchObject([{ level: "INFO", statusCode: 200, route: "/items/{id}", method: "GET", cold_start: true }]);
  expect(got.output).not.toContain("bundled-name-secret");
});

test("a bad request answers 400 JSON from the bundle too, logged at WARN with its code", () => {
  const bad = invoke(
    "items/create",
    apiGatewayEvent({ method: "POST", resource: "/items", body: "{not json", headers: { "content-type": "application/json" } }),
  );
  expect(bad.statusCode).toBe(400);
  expect(JSON.parse(bad.body)).toMatchObject({ error: "invalid_json" });
  expect(bad.logs).toMatchObject([{ level: "WARN", statusCode: 400, errorCode: "invalid_json" }]);
  expect(bad.output).not.toContain("not json");
});

test("an unhandled error in the bundle answers the generic 500 and logs it at ERROR with a source-mapped stack", () => {
  const event = apiGatewayEvent({ method: "GET", resource: "/items/{id}", pathParameters: { id: "x" } });
  // Without a table name the route throws before it reaches DynamoDB.
  const failed = invoke("items/get", event, lambdaContext({ awsRequestId: "bundled-500" }), { ITEMS_TABLE_NAME: "" });
  expect(failed).toMatchObject({ statusCode: 500, body: '{"error":"internal","message":"internal error"}' });
  expect(failed.logs).toMatchObject([
    {
      level: "ERROR",
      message: "request completed",
      function_request_id: "bundled-500",
      statusCode: 500,
      errorCode: "internal",
      error: { name: "Error", message: "missing required environment variable ITEMS_TABLE_NAME" },
    },
  ]);
  expect((failed.logs[0]!.error as { stack: string }).stack).toMatch(/requireEnv \(.*env\.ts:\d+:\d+\)/);
});

test("the hello bundle names the alias it was invoked through, and logs", () => {
  const res = invoke(
    "hello/index",
    apiGatewayEvent({ method: "GET", resource: "/hello", stage: "prod" }),
    lambdaContext({ functionVersion: "3", qualifier: "PROD" }),
  );
  expect(res.statusCode).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ message: "hello from PROD", alias: "PROD", functionVersion: "3", stage: "prod" });
  expect(res.logs).toMatchObject([{ level: "INFO", message: "request completed", function_version: "3", route: "/hello", stage: "prod", statusCode: 200 }]);
});

test("the websocket connect bundle stores the connection; the send-message bundle broadcasts through the management API", async () => {
  const sender = "YnVuZGxlZC1zZW5kZXI=";
  const peer = "YnVuZGxlZC1wZWVy";
  connections.connect(sender);
  connections.connect(peer);
  await db.client.send(new PutCommand({ TableName: CONNECTIONS_TABLE, Item: connectionItem(peer, "bundled") }));

  const connected = await invokeAsync(
    "websocket/connect",
    connectEvent({ connectionId: sender, query: { room: "bundled" }, authorizer: { principalId: "bundled-user" } }),
  );
  expect(connected.statusCode).toBe(200);
  expect(connected.logs).toMatchObject([
    { level: "INFO", message: "request completed", routeKey: "$connect", eventType: "CONNECT", connectionId: sender, statusCode: 200, cold_start: true },
  ]);
  const item = (await db.client.send(new GetCommand({ TableName: CONNECTIONS_TABLE, Key: { connectionId: sender } }))).Item;
  expect(item).toMatchObject({ connectionId: sender, room: "bundled", principalId: "bundled-user" });

  const frame = { action: "sendMessage", message: "bundled-message-secret", room: "bundled" };
  const sent = await invokeAsync("websocket/send-message", messageEvent({ routeKey: "sendMessage", connectionId: sender, json: frame }));
  expect(sent.statusCode).toBe(200);
  expect(connections.receivedJson(peer)).toEqual([
    { type: "message", from: sender, room: "bundled", message: "bundled-message-secret", sentAt: expect.any(String) },
  ]);
  expect(connections.receivedJson(sender).at(-1)).toEqual({ type: "sent", delivered: 2, stale: 0, failed: 0 });
  expect(sent.output).not.toContain("bundled-message-secret");
});
