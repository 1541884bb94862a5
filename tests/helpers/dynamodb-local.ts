/** DynamoDB Local for the tests: the server itself lives in local/dynamodb-local.ts (the local twin starts it too). */
export { LOCAL_CREDENTIALS, LOCAL_REGION, freePort, startDynamoDbLocal, type DynamoDbLocal } from "../../local/dynamodb-local";
import type { DynamoDbLocal } from "../../local/dynamodb-local";
import { startDynamoDbLocal } from "../../local/dynamodb-local";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

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
 * Starts DynamoDB Local once for the calling test file, points the handlers' environment at it with
 * `ITEMS_TABLE_NAME` set to `table`, creates that table, and undoes it all after the file's tests.
 * Returns a getter for the server (it exists once `beforeAll` has run).
 */
export function useItemsTable(table: string): () => DynamoDbLocal {
  let db: DynamoDbLocal | undefined;
  let restoreEnv: () => void = () => undefined;
  beforeAll(async () => {
    db = await startDynamoDbLocal();
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
