import { startTwin, type Twin, type TwinOptions } from "../../local/twin";
import { capturedStack } from "./captured-stack";
import { tablePrefix, testDynamoDb } from "./dynamodb-local";
import { testOutput } from "./test-output";

/**
 * A twin of the run's capture of the stack (see `capturedStack`), on the run's DynamoDB Local under
 * this test file's table names; `close()` drops its tables. Its access log and its functions' logs
 * are shown only for a test that fails, unless `log` says otherwise.
 */
export async function startTestTwin(options: TwinOptions): Promise<Twin> {
  const [db, captured] = await Promise.all([testDynamoDb(), capturedStack(options.stack, options.configFile)]);
  try {
    const twin = await startTwin({
      dynamoDb: db,
      tablePrefix: tablePrefix(),
      resources: captured.resources,
      region: captured.region,
      log: testOutput("access log"),
      functionLog: testOutput("function"),
      ...options,
    });
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
