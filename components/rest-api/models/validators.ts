/**
 * API Gateway request validators, as the OpenAPI extension declares them: the value of
 * `x-amazon-apigateway-request-validators` (at the document root) maps a name to what it checks, and
 * an operation picks one with `x-amazon-apigateway-request-validator: <name>` (a method-level choice
 * overrides a root-level one).
 *
 * - `validateRequestBody`: the body must match the operation's model for the request's Content-Type.
 *   A Content-Type with no model is not validated (the handler answers 415 for those).
 * - `validateRequestParameters`: every `required: true` path, query-string and header parameter must be
 *   present and not blank; API Gateway checks presence only, not type or format.
 * On failure API Gateway answers 400 itself (gateway responses BAD_REQUEST_BODY and
 * BAD_REQUEST_PARAMETERS), and Lambda is not invoked.
 */
export const REQUEST_VALIDATORS_EXTENSION = "x-amazon-apigateway-request-validators";
export const REQUEST_VALIDATOR_EXTENSION = "x-amazon-apigateway-request-validator";

export const REQUEST_VALIDATOR_NAMES = ["all", "params-only", "body-only"] as const;
export type RequestValidatorName = (typeof REQUEST_VALIDATOR_NAMES)[number];

/** `x-amazon-apigateway-request-validators.requestValidator` */
export interface RequestValidator {
  readonly validateRequestBody: boolean;
  readonly validateRequestParameters: boolean;
}

export const REQUEST_VALIDATORS: { readonly [Name in RequestValidatorName]: RequestValidator } = {
  all: { validateRequestBody: true, validateRequestParameters: true },
  "params-only": { validateRequestBody: false, validateRequestParameters: true },
  "body-only": { validateRequestBody: true, validateRequestParameters: false },
};
