import { startTwin, type Twin, type TwinOptions } from "../../local/twin";
import { tablePrefix, testDynamoDb } from "./dynamodb-local";

/** A twin on the run's DynamoDB Local, under this test file's table names; `close()` drops its tables. */
export async function startTestTwin(options: TwinOptions): Promise<Twin> {
  const db = await testDynamoDb();
  try {
    const twin = await startTwin({ dynamoDb: db, tablePrefix: tablePrefix(), ...options });
    return {
      ...twin,
      async close() {
        try {
          await twin.close();
        } finally {
          await db.stop();
        }
      },
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
}
