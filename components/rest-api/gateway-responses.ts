/**
 * API Gateway's own answers (validation failures, throttling, quota, auth, timeouts) as JSON in the
 * same `{"error", "message"}` shape the functions use, with the request id to find the logs.
 * `$context.error.messageString` is the message already quoted for JSON. These templates are not
 * Velocity: API Gateway only substitutes `$context` and `$stageVariables` in them, so nothing can
 * escape `$context.error.validationErrorString` (which may hold quotes); it stays out of the body.
 */
export interface GatewayResponse {
  readonly statusCode?: string;
  readonly responseParameters?: Readonly<Record<string, string>>;
  readonly responseTemplates: Readonly<Record<string, string>>;
}

const body = (error: string) => `{"error": "${error}", "message": $context.error.messageString, "requestId": "$context.requestId"}`;

const json = (error: string, statusCode?: string): GatewayResponse => ({
  ...(statusCode ? { statusCode } : {}),
  responseParameters: { "gatewayresponse.header.Content-Type": "'application/json'" },
  responseTemplates: { "application/json": body(error) },
});

export const GATEWAY_RESPONSES: Readonly<Record<string, GatewayResponse>> = {
  DEFAULT_4XX: json("bad_request"),
  DEFAULT_5XX: json("gateway_error"),
  BAD_REQUEST_BODY: json("invalid_body", "400"),
  BAD_REQUEST_PARAMETERS: json("invalid_parameters", "400"),
  ACCESS_DENIED: json("forbidden", "403"),
  MISSING_AUTHENTICATION_TOKEN: json("not_found", "404"),
  INVALID_API_KEY: json("invalid_api_key", "403"),
  THROTTLED: json("throttled", "429"),
  QUOTA_EXCEEDED: json("quota_exceeded", "429"),
  INTEGRATION_TIMEOUT: json("integration_timeout", "504"),
  INTEGRATION_FAILURE: json("integration_failure", "502"),
};
