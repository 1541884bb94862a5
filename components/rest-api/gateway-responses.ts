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

/**
 * Every gateway response type with AWS's default status ("Gateway response types for API Gateway") and
 * the error code this API answers with. Codes name what happened, not a guess: MISSING_AUTHENTICATION_TOKEN
 * answers both an unknown path and an unsigned call to an IAM route, so it is not "not_found"; the
 * fallbacks DEFAULT_4XX and DEFAULT_5XX stand for every other type of their class (401 included), so they
 * are "client_error" and "server_error". INTEGRATION_FAILURE is answered 502 (AWS's default is 504): a
 * failing backend is a bad gateway, and 504 stays the timeout's.
 */
export const GATEWAY_RESPONSE_TYPES = {
  ACCESS_DENIED: { status: 403, code: "access_denied" },
  API_CONFIGURATION_ERROR: { status: 500, code: "api_configuration_error" },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, code: "authorizer_configuration_error" },
  AUTHORIZER_FAILURE: { status: 500, code: "authorizer_failure" },
  BAD_REQUEST_BODY: { status: 400, code: "invalid_body" },
  BAD_REQUEST_PARAMETERS: { status: 400, code: "invalid_parameters" },
  DEFAULT_4XX: { status: undefined, code: "client_error" },
  DEFAULT_5XX: { status: undefined, code: "server_error" },
  EXPIRED_TOKEN: { status: 403, code: "expired_token" },
  INTEGRATION_FAILURE: { status: 502, code: "integration_failure" },
  INTEGRATION_TIMEOUT: { status: 504, code: "integration_timeout" },
  INVALID_API_KEY: { status: 403, code: "invalid_api_key" },
  INVALID_SIGNATURE: { status: 403, code: "invalid_signature" },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, code: "missing_authentication_token" },
  QUOTA_EXCEEDED: { status: 429, code: "quota_exceeded" },
  REQUEST_TOO_LARGE: { status: 413, code: "request_too_large" },
  RESOURCE_NOT_FOUND: { status: 404, code: "resource_not_found" },
  THROTTLED: { status: 429, code: "throttled" },
  UNAUTHORIZED: { status: 401, code: "unauthorized" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: "unsupported_media_type" },
  WAF_FILTERED: { status: 403, code: "waf_filtered" },
} as const satisfies Record<string, { readonly status: number | undefined; readonly code: string }>;

export type GatewayResponseType = keyof typeof GATEWAY_RESPONSE_TYPES;

/**
 * The API's gateway responses: every type, JSON, at its status. DEFAULT_4XX and DEFAULT_5XX set no
 * status: a status there would replace every other type's of its class (AWS).
 */
export const GATEWAY_RESPONSES: Readonly<Record<GatewayResponseType, GatewayResponse>> = Object.fromEntries(
  Object.entries(GATEWAY_RESPONSE_TYPES).map(([type, { status, code }]) => [type, json(code, status === undefined ? undefined : String(status))]),
) as Record<GatewayResponseType, GatewayResponse>;
