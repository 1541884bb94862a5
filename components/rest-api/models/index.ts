/**
 * Request validation at API Gateway: draft 4 models of the items service's bodies, their OpenAPI 3.0
 * component form, the request validators, and the per-operation wiring. See README.md for the API
 * Gateway facts these rely on.
 */
export { DRAFT_04, type Draft4Model, type Draft4Schema, type Draft4Type } from "./draft4";
export { TRIM_WHITESPACE, trimmedLengthPattern } from "./trimmed-length";
export {
  ERROR_MODEL,
  ITEM_CREATE_MODEL,
  ITEM_PATCH_MODEL,
  MODEL_NAMES,
  MODELS,
  REQUEST_MODEL_NAMES,
  isRequestModelName,
  type ModelName,
  type RequestModelName,
} from "./items";
export { componentSchemas, schemaRef, toComponentSchema, type OpenApiSchema } from "./components";
export {
  REQUEST_VALIDATOR_EXTENSION,
  REQUEST_VALIDATOR_NAMES,
  REQUEST_VALIDATORS,
  REQUEST_VALIDATORS_EXTENSION,
  type RequestValidator,
  type RequestValidatorName,
} from "./validators";
export {
  JSON_MEDIA_TYPE,
  mergeParameters,
  requestValidation,
  type OpenApiRequestBody,
  type ParameterLike,
  type RequestValidation,
  type RequestValidationInput,
  type RequiredParameter,
} from "./request-validation";
