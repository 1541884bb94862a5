/**
 * The access log line of an HTTP API stage: one JSON object per request, with only `$context`
 * variables HTTP APIs support (no X-Ray, API key or resource path: HTTP APIs have none). Keys shared
 * with the REST format (components/observability/access-log-format.ts) hold the same values, so one
 * Logs Insights query reads both.
 */
export const HTTP_ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: "$context.requestId",
  extendedRequestId: "$context.extendedRequestId",
  requestTime: "$context.requestTimeEpoch",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  userArn: "$context.identity.userArn",
  jwtSubject: "$context.authorizer.claims.sub",
  domainName: "$context.domainName",
  httpMethod: "$context.httpMethod",
  routeKey: "$context.routeKey",
  path: "$context.path",
  protocol: "$context.protocol",
  stage: "$context.stage",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationStatus: "$context.integration.status",
  integrationLatency: "$context.integration.latency",
  integrationRequestId: "$context.integration.requestId",
  integrationError: "$context.integration.error",
  integrationErrorMessage: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  errorMessage: "$context.error.message",
  errorType: "$context.error.responseType",
};

export const HTTP_ACCESS_LOG_FORMAT = JSON.stringify(HTTP_ACCESS_LOG_FIELDS);

/** The access log group of an HTTP API's `$default` stage (`$` is not allowed in log group names). */
export function httpAccessLogGroupName(apiName: string): string {
  return `/aws/apigateway/${apiName}/http/access`;
}
