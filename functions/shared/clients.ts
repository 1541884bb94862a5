import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

let documentClientInstance: DynamoDBDocumentClient | undefined;

/**
 * One document client per container, created on first use and reused by every later invocation.
 * Region, credentials and `AWS_ENDPOINT_URL_DYNAMODB` are resolved by the SDK's default chain.
 */
export function documentClient(): DynamoDBDocumentClient {
  documentClientInstance ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClientInstance;
}
