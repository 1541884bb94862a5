/** How the run's global set-up tells test files what it shares with them. */
export const SHARED_ENV = {
  /** The endpoint of the DynamoDB Local every test file of the run shares. */
  dynamoDbEndpoint: "GATEWAY_TEST_DYNAMODB_ENDPOINT",
  /** The folder of the stacks captured for the program's current sources (see stack-capture.ts). */
  captures: "GATEWAY_TEST_CAPTURES",
} as const;
