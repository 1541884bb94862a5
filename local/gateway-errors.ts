import { GATEWAY_RESPONSE_TYPES, type GatewayResponseType } from "../components/rest-api/gateway-responses";

export type { GatewayResponseType };

/**
 * API Gateway's own errors, one table for the twin's three servers.
 *
 * REST APIs: every gateway response type with its status (AWS's defaults, the table the API's gateway
 * responses are built from: components/rest-api/gateway-responses.ts), the exception name API Gateway
 * sends in `x-amzn-ErrorType`, and its default `$context.error.message`. Sources of the names and
 * messages:
 * - MissingAuthenticationTokenException, ForbiddenException (INVALID_API_KEY), UnauthorizedException,
 *   BadRequestException (both validation failures), TooManyRequestsException, LimitExceededException,
 *   InternalServerErrorException (INTEGRATION_TIMEOUT): the exception table LocalStack's API Gateway
 *   twin validates against AWS (localstack/localstack, services/apigateway/next_gen/execute_api/gateway_response.py);
 * - AccessDeniedException with "User is not authorized to access this resource with an explicit deny",
 *   ForbiddenException "Forbidden", UnauthorizedException "Unauthorized": responses recorded from AWS in
 *   "AWS API Gateway Errors Mapping Guide" (FinchPowers);
 * - AuthorizerConfigurationException, HTTP 500 with `{"message":null}`: recorded from AWS
 *   ("Debugging custom ApiGateway authorizers", loige.co; an execution log ending in
 *   "AuthorizerConfigurationException");
 * - "Internal server error" (502) for a function error or a malformed Lambda proxy response, and
 *   "Endpoint request timed out" (504): AWS's "Handle Lambda errors in API Gateway";
 * - InternalServerErrorException for API_CONFIGURATION_ERROR ("Execution failed due to configuration
 *   error": a mock without an integer statusCode, a template that cannot be applied, no integration
 *   response to select): recorded from AWS in LocalStack's test_apigateway_integrations.snapshot.json
 *   (TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_aws[AWS], a mapping to a header API
 *   Gateway refuses: 500, `x-amzn-ErrorType: InternalServerErrorException`, "Internal server error");
 * - the other names follow the same pattern (the type in PascalCase + Exception) where AWS publishes none.
 */
interface ErrorFacts {
  /** The exception name in `x-amzn-ErrorType`. */
  readonly errorType: string;
  /** `$context.error.message` (null renders `{"message":null}`). */
  readonly message: string | null;
}

const FACTS: Readonly<Record<GatewayResponseType, ErrorFacts>> = {
  ACCESS_DENIED: { errorType: "AccessDeniedException", message: "User is not authorized to access this resource" },
  API_CONFIGURATION_ERROR: { errorType: "InternalServerErrorException", message: "Internal server error" },
  AUTHORIZER_CONFIGURATION_ERROR: { errorType: "AuthorizerConfigurationException", message: null },
  AUTHORIZER_FAILURE: { errorType: "AuthorizerFailureException", message: null },
  BAD_REQUEST_BODY: { errorType: "BadRequestException", message: "Invalid request body" },
  BAD_REQUEST_PARAMETERS: { errorType: "BadRequestException", message: "Missing required request parameters" },
  DEFAULT_4XX: { errorType: "BadRequestException", message: "Bad Request" },
  DEFAULT_5XX: { errorType: "InternalServerErrorException", message: "Internal server error" },
  EXPIRED_TOKEN: { errorType: "ExpiredTokenException", message: "The security token included in the request is expired" },
  INTEGRATION_FAILURE: { errorType: "InternalServerErrorException", message: "Internal server error" },
  INTEGRATION_TIMEOUT: { errorType: "InternalServerErrorException", message: "Endpoint request timed out" },
  INVALID_API_KEY: { errorType: "ForbiddenException", message: "Forbidden" },
  INVALID_SIGNATURE: { errorType: "InvalidSignatureException", message: "The request signature we calculated does not match the signature you provided" },
  MISSING_AUTHENTICATION_TOKEN: { errorType: "MissingAuthenticationTokenException", message: "Missing Authentication Token" },
  QUOTA_EXCEEDED: { errorType: "LimitExceededException", message: "Limit Exceeded" },
  REQUEST_TOO_LARGE: { errorType: "RequestTooLargeException", message: "Request Too Long" },
  RESOURCE_NOT_FOUND: { errorType: "ResourceNotFoundException", message: "Resource not found" },
  THROTTLED: { errorType: "TooManyRequestsException", message: "Too Many Requests" },
  UNAUTHORIZED: { errorType: "UnauthorizedException", message: "Unauthorized" },
  UNSUPPORTED_MEDIA_TYPE: { errorType: "BadRequestException", message: "Unsupported Media Type" },
  WAF_FILTERED: { errorType: "WafFilteredException", message: "Forbidden" },
};

/**
 * The body AWS answers for an error when the API defines no gateway response for it (nor DEFAULT_4XX or
 * DEFAULT_5XX). The errors of the method's execution (request validation, an unsupported media type,
 * the integration's failure or timeout, a configuration error) are `{"message": "<text>"}`, with a space:
 * a configuration error's "Internal server error" is 36 bytes (Content-Length recorded from AWS in
 * LocalStack's test_apigateway_integrations.snapshot.json, test_apigateway_header_remapping_aws[AWS]);
 * `{"message": "Endpoint request timed out"}` observed from AWS for a backend that hangs (a Terraform
 * lab's notes: "AWS's sentence, not one of the templates"); `{"message": "Invalid request body"}` from a
 * curl to an execute-api endpoint (a Udacity course's API Gateway validation exercise); `{"message":
 * "Request Too Long"}` (koki-develop/lgtm-generator issue #10). The errors answered before the method
 * runs (routing, API keys, authorizers, throttling) have no space: `{"message":"Missing Authentication
 * Token"}`, `{"message":"Forbidden"}`, `{"message":null}` (the sources in tests/local/rest-errors.test.ts).
 */
const EXECUTION_ERRORS: ReadonlySet<GatewayResponseType> = new Set([
  "BAD_REQUEST_BODY",
  "BAD_REQUEST_PARAMETERS",
  "UNSUPPORTED_MEDIA_TYPE",
  "INTEGRATION_FAILURE",
  "INTEGRATION_TIMEOUT",
  "API_CONFIGURATION_ERROR",
  "REQUEST_TOO_LARGE",
  "DEFAULT_5XX",
]);

/** AWS's default template of a gateway response type (see EXECUTION_ERRORS). */
export function defaultResponseTemplate(type: GatewayResponseType): string {
  return EXECUTION_ERRORS.has(type) ? '{"message": $context.error.messageString}' : '{"message":$context.error.messageString}';
}

/** The message of an explicit Deny in a Lambda authorizer's policy (AccessDeniedException, 403). */
export const EXPLICIT_DENY_MESSAGE = "User is not authorized to access this resource with an explicit deny";

/** One REST error: its gateway response type, status, exception name and message. */
export interface RestError {
  readonly type: GatewayResponseType;
  readonly status: number;
  readonly errorType: string;
  readonly message: string | null;
}

/**
 * The error API Gateway answers for a gateway response type, at its default status unless the cause
 * has its own (a malformed Lambda proxy response is a 502 whatever the type's default).
 * INTEGRATION_FAILURE's default is AWS's 504 ("Gateway response types for API Gateway"); the API's own
 * gateway responses (this project sets 502) replace the status when they set one.
 */
export function restError(type: GatewayResponseType, cause: { readonly status?: number; readonly message?: string | null } = {}): RestError {
  const facts = FACTS[type];
  const status = cause.status ?? (type === "INTEGRATION_FAILURE" ? 504 : (GATEWAY_RESPONSE_TYPES[type].status ?? (type === "DEFAULT_5XX" ? 500 : 400)));
  return { type, status, errorType: facts.errorType, message: cause.message === undefined ? facts.message : cause.message };
}

/** The gateway response type whose definition stands in for `type` when the API defines none for it. */
export function fallbackType(error: RestError): "DEFAULT_4XX" | "DEFAULT_5XX" {
  return error.status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX";
}

/**
 * HTTP APIs (API Gateway v2) answer their own errors with a fixed `{"message": ...}` and no gateway
 * responses to customize ("Working with HTTP APIs": 404 Not Found, 401/403 from the JWT authorizer,
 * 429, 500 for a function error, 503 when the integration times out).
 */
export const HTTP_API_ERRORS = {
  NOT_FOUND: { status: 404, message: "Not Found" },
  UNAUTHORIZED: { status: 401, message: "Unauthorized" },
  FORBIDDEN: { status: 403, message: "Forbidden" },
  THROTTLED: { status: 429, message: "Too Many Requests" },
  INTEGRATION_FAILURE: { status: 500, message: "Internal Server Error" },
  INTEGRATION_TIMEOUT: { status: 503, message: "Service Unavailable" },
} as const;

export type HttpApiErrorType = keyof typeof HTTP_API_ERRORS;
