/**
 * Limits AWS enforces (or defaults it applies) that the stack configuration is checked against, each
 * with the AWS documentation page it comes from. A value here is never a guess: change it only with a
 * source.
 */

/**
 * Keys Lambda reserves: a function configuration that sets one is refused. Source: "Using AWS Lambda
 * environment variables" (AWS Lambda Developer Guide), section "Defined runtime environment variables",
 * list "Reserved environment variables". (`TZ` was reserved in earlier versions of that page; it is
 * now in the list of unreserved variables a function may set.)
 */
export const LAMBDA_RESERVED_ENVIRONMENT_VARIABLES = [
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
] as const;

/**
 * A Lambda environment variable key: starts with a letter, at least two characters, letters, digits
 * and `_`. Source: "Using AWS Lambda environment variables" ("Keys start with a letter and are at least
 * two characters"), and the Lambda API Reference "Environment" (Key Pattern `[a-zA-Z]([a-zA-Z0-9_])+`).
 */
export const LAMBDA_ENVIRONMENT_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]+$/;

/**
 * "The total size of all environment variables doesn't exceed 4 KB" ("Using AWS Lambda environment
 * variables"). Lambda measures the variables as one JSON object: its error reads "...exceeded the 4KB
 * limit. String measured: {"KEY":"value",...}".
 */
export const LAMBDA_ENVIRONMENT_MAX_BYTES = 4096;

/** `Description` of CreateFunction and of CreateAlias: "Maximum length of 256" (AWS Lambda API Reference). */
export const LAMBDA_DESCRIPTION_MAX_LENGTH = 256;

/**
 * Tags on API Gateway resources. Source: "API Gateway resources that can be tagged" (Amazon API
 * Gateway Developer Guide), section "Tag restrictions and usage conventions": at most 50 tags per
 * resource; keys of at most 128 and values of at most 256 Unicode characters; letters, numbers, spaces
 * representable in UTF-8 and `. : + = @ _ / -`; the `aws:` prefix is reserved for AWS use. The same
 * restrictions apply to the stack's other tagged resources (Lambda, DynamoDB, IAM, ...).
 */
export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
export const TAG_CHARACTERS_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+@-]*$/u;
export const TAG_CHARACTERS_ALLOWED = "letters, digits, spaces and _ . : / = + - @";
export const RESERVED_TAG_PREFIX = "aws:";

/**
 * "Resources per API: 300" (default quota, can be increased). Source: "Quotas for configuring and
 * running a REST API in API Gateway" (Amazon API Gateway Developer Guide).
 */
export const DEFAULT_MAX_RESOURCES_PER_REST_API = 300;
