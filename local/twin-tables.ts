/**
 * The twin's tables in DynamoDB Local: each table of the model created with its key, its global
 * secondary indexes and its TTL attribute, or kept as it is when it exists already.
 */
import { CreateTableCommand, ResourceInUseException, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDbLocal } from "./dynamodb-local";
import type { TwinTable } from "./model";

/** Creates a table; one that exists already (a --data-dir of an earlier run, a restart) is reused as it is. */
export async function createTable(db: DynamoDbLocal, table: TwinTable): Promise<"created" | "reused"> {
  try {
    await createNewTable(db, table);
    return "created";
  } catch (error) {
    if (error instanceof ResourceInUseException || (error as { name?: string }).name === "ResourceInUseException") return "reused";
    throw error;
  }
}

async function createNewTable(db: DynamoDbLocal, table: TwinTable): Promise<void> {
  const attributes = [table.partitionKey, ...new Set(Object.values(table.indexes).map((i) => i.partitionKey))];
  const indexes = Object.entries(table.indexes);
  await db.client.send(
    new CreateTableCommand({
      TableName: table.name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [...new Set(attributes)].map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: [{ AttributeName: table.partitionKey, KeyType: "HASH" }],
      ...(indexes.length > 0
        ? {
            GlobalSecondaryIndexes: indexes.map(([IndexName, index]) => ({
              IndexName,
              KeySchema: [{ AttributeName: index.partitionKey, KeyType: "HASH" as const }],
              Projection: { ProjectionType: "ALL" as const },
            })),
          }
        : {}),
    }),
  );
  if (table.ttlAttribute) {
    await db.client.send(new UpdateTimeToLiveCommand({ TableName: table.name, TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }));
  }
}
