import { startDynamoDbLocal, type DynamoDbLocal } from "../../local/dynamodb-local";
import { SHARED_ENV } from "./shared-env";

declare global {
  // Read by global-teardown.ts: jest runs both in the same process.
  var sharedDynamoDb: DynamoDbLocal | undefined;
}

/** Once per `npm test`: one DynamoDB Local for every test file (each uses its own table names). */
export default async function globalSetup(): Promise<void> {
  const db = await startDynamoDbLocal();
  globalThis.sharedDynamoDb = db;
  process.env[SHARED_ENV.dynamoDbEndpoint] = db.endpoint;
}
