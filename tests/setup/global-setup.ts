import { prepareDynamoDbLocal, startDynamoDbLocal, type DynamoDbLocal } from "../../local/dynamodb-local";
import { SHARED_ENV } from "./shared-env";
import { prepareCaptures, type CaptureSpec } from "./stack-capture";
import { recordMeasures } from "./suite-timings";

declare global {
  // Read by global-teardown.ts: jest runs both in the same process.
  var sharedDynamoDb: DynamoDbLocal | undefined;
}

/** The stacks suites read through `capturedStack()`; others are captured when a suite first asks. */
const SHARED_STACKS: readonly CaptureSpec[] = [{ stack: "dev" }, { stack: "prod" }];

/**
 * Once per `npm test`: one DynamoDB Local for every test file (each uses its own table names), and
 * the shipped stacks run under mocks once, side by side, while the JVM starts. What fails here is
 * not shared: the files that need it start or run it themselves, and fail with its error.
 */
export default async function globalSetup(): Promise<void> {
  const stopMeasures = recordMeasures();
  // On a clean clone the JVM's class-data archive is made first: the JVMs of the run then start on it.
  const sharedDb = prepareDynamoDbLocal()
    .catch(() => undefined)
    .then(() => startDynamoDbLocal())
    .catch(() => undefined);
  const [db, captures] = await Promise.all([sharedDb, prepareCaptures(SHARED_STACKS)]);
  stopMeasures();
  if (db) {
    globalThis.sharedDynamoDb = db;
    process.env[SHARED_ENV.dynamoDbEndpoint] = db.endpoint;
  }
  process.env[SHARED_ENV.captures] = captures;
}
