import { startTwin, type Twin, type TwinOptions } from "../../local/twin";
import { capturedStack } from "./captured-stack";
import { tablePrefix, testDynamoDb } from "./dynamodb-local";

/**
 * A twin of the run's capture of the stack (see `capturedStack`), on the run's DynamoDB Local under
 * this test file's table names; `close()` drops its tables.
 */
export async function startTestTwin(options: TwinOptions): Promise<Twin> {
  const [db, captured] = await Promise.all([testDynamoDb(), capturedStack(options.stack)]);
  try {
    const twin = await startTwin({ dynamoDb: db, tablePrefix: tablePrefix(), resources: captured.resources, ...options });
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
