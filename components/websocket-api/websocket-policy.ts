import type { ConnectionMethod } from "../../config";
import type { PolicyDocument } from "../lambda/role-policy";

/** `arn:...:execute-api:region:account:apiId` → the `@connections` ARNs of the given stages and methods. */
export function connectionsResourceArns(executionArn: string, stages: readonly string[], methods: readonly ConnectionMethod[]): string[] {
  return stages.flatMap((stage) => methods.map((method) => `${executionArn}/${stage}/${method}/@connections/*`));
}

/** What a WebSocket function may do with `@connections`: exactly its methods, on this API's stages. */
export function manageConnectionsPolicy(executionArn: string, stages: readonly string[], methods: readonly ConnectionMethod[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["execute-api:ManageConnections"], Resource: connectionsResourceArns(executionArn, stages, methods) }],
  };
}

/**
 * The access log line of a WebSocket stage: one JSON object per connect, message and disconnect, with
 * the connection, the route chosen and the outcome; never the message itself.
 */
export const WEBSOCKET_ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTimeEpoch",
  sourceIp: "$context.identity.sourceIp",
  connectionId: "$context.connectionId",
  eventType: "$context.eventType",
  routeKey: "$context.routeKey",
  status: "$context.status",
  integrationStatus: "$context.integration.status",
  integrationLatency: "$context.integration.latency",
  errorMessage: "$context.error.message",
  integrationError: "$context.integration.error",
  authorizerError: "$context.authorizer.error",
  principalId: "$context.authorizer.principalId",
};

export const WEBSOCKET_ACCESS_LOG_FORMAT = JSON.stringify(WEBSOCKET_ACCESS_LOG_FIELDS);

/** The log group API Gateway writes a WebSocket stage's execution logs to. */
export function websocketExecutionLogGroupName(apiId: string, stage: string): string {
  return `/aws/apigateway/${apiId}/${stage}`;
}
