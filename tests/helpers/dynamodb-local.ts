/** DynamoDB Local for the tests: the server itself lives in local/dynamodb-local.ts (the local twin starts it too). */
export { LOCAL_CREDENTIALS, LOCAL_REGION, freePort, startDynamoDbLocal, type DynamoDbLocal } from "../../local/dynamodb-local";
import * as path from "path";
import type { DynamoDbLocal } from "../../local/dynamodb-local";
import { connectDynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local";
import { CreateTableCommand, DeleteTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { SHARED_ENV } from "../setup/shared-env";

/**
 * The prefix of every table this test file creates: the files of a run share one server, and a file
 * never sees another's tables. Its path under tests/, every character but letters, digits and `-`
 * written `_XX` (hex), then a dot: no file's prefix starts another's. E.g. `functions_2Fitems-handlers.`.
 */
export function tablePrefix(): string {
  const testPath = expect.getState().testPath;
  if (!testPath) throw new Error("tablePrefix() names the running test file: call it from a test file");
  const relative = path
    .relative(path.join(__dirname, ".."), testPath)
    .replace(/\.test\.ts$/, "")
    .split(path.sep)
    .join("/");
  return `${relative.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)}.`;
}

/** This test file's name for a table. */
export const testTable = (name: string): string => `${tablePrefix()}${name}`;

/**
 * The run's DynamoDB Local (started once by the global set-up), or, for a file run without it, one of
 * its own. `stop()` deletes this file's tables from a shared server, or stops its own.
 */
export async function testDynamoDb(): Promise<DynamoDbLocal> {
  const endpoint = process.env[SHARED_ENV.dynamoDbEndpoint];
  if (!endpoint) return startDynamoDbLocal();
  const db = connectDynamoDbLocal(endpoint);
  const prefix = tablePrefix();
  return {
    ...db,
    async stop() {
      try {
        let start: string | undefined;
        do {
          const page = await db.client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
          for (const name of page.TableNames ?? []) if (name.startsWith(prefix)) await db.client.send(new DeleteTableCommand({ TableName: name }));
          start = page.LastEvaluatedTableName;
        } while (start);
      } finally {
        await db.stop();
      }
    },
  };
}

/** Sets environment variables and returns a function that restores their previous values. */
export function setEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (entries: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  return () => apply(previous);
}

/** Creates an items table (partition key `id`, string, on demand) and returns its name. */
export async function createItemsTable(client: DynamoDBDocumentClient, tableName: string): Promise<string> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    }),
  );
  return tableName;
}

/**
 * Connects the calling test file to DynamoDB Local (see `testDynamoDb`), points the handlers'
 * environment at it with `ITEMS_TABLE_NAME` set to `table` (a `testTable` name), creates that table,
 * and undoes it all after the file's tests. Returns a getter for the server (it exists once `beforeAll`
 * has run).
 */
export function useItemsTable(table: string): () => DynamoDbLocal {
  let db: DynamoDbLocal | undefined;
  let restoreEnv: () => void = () => undefined;
  beforeAll(async () => {
    db = await testDynamoDb();
    restoreEnv = setEnv({ ...db.env, ITEMS_TABLE_NAME: table });
    await createItemsTable(db.client, table);
  });
  afterAll(async () => {
    restoreEnv();
    await db?.stop();
  });
  return () => {
    if (!db) throw new Error("DynamoDB Local is not running: call the getter inside a test");
    return db;
  };
}
