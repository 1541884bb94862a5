/** How the run's global set-up tells test files what it shares with them. */
export const SHARED_ENV = {
  /** The endpoint of the DynamoDB Local every test file of the run shares. */
  dynamoDbEndpoint: "GATEWAY_TEST_DYNAMODB_ENDPOINT",
} as const;
