/**
 * The access log line of a REST stage: one JSON object per request, with what an operator needs to
 * find a request (ids, caller, route), judge it (status, latencies, errors) and follow it (X-Ray).
 */
export const REST_ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: "$context.requestId",
  extendedRequestId: "$context.extendedRequestId",
  requestTime: "$context.requestTimeEpoch",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  caller: "$context.identity.caller",
  apiKeyId: "$context.identity.apiKeyId",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  path: "$context.path",
  protocol: "$context.protocol",
  stage: "$context.stage",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationStatus: "$context.integrationStatus",
  integrationLatency: "$context.integrationLatency",
  errorMessage: "$context.error.message",
  errorType: "$context.error.responseType",
  xrayTraceId: "$context.xrayTraceId",
};

export const REST_ACCESS_LOG_FORMAT = JSON.stringify(REST_ACCESS_LOG_FIELDS);

/** The log group API Gateway writes a stage's execution logs to (it creates it, without retention, if absent). */
export function executionLogGroupName(restApiId: string, stageName: string): string {
  return `API-Gateway-Execution-Logs_${restApiId}/${stageName}`;
}
