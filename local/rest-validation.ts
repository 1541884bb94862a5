/**
 * API Gateway's request validation, over the deployed OpenAPI document: which validator applies
 * (`x-amazon-apigateway-request-validator` on the operation, else on the document, looked up in
 * `x-amazon-apigateway-request-validators`), required parameters, and the body against the draft 4
 * model of the request's content type. Pure: the twin calls it after authorization and the API key
 * checks, before the cache and the integration, and answers the gateway response it names (400).
 *
 * What it does as API Gateway does (components/rest-api/models/README.md lists the sources):
 * - Parameters (`validateRequestParameters`): every `required: true` query string, header (any case)
 *   and path parameter must be present and not blank; presence only, never type or format. The
 *   answer names the missing ones, sorted as API Gateway sorts its `method.request.*` keys (headers,
 *   then path, then query strings; by name within each): `Missing required request parameters: [a, b]`.
 *   Parameters are checked before the body.
 * - Body (`validateRequestBody`): the model is the one of the request's Content-Type (its media type,
 *   without parameters, any case; `application/json` when the request has none), else `$default`; a
 *   content type with no model is not validated. An empty body is validated as `{}`; a body that is
 *   not JSON fails. The answer is `Invalid request body`; `detail` says why, for logs.
 * Formats (`format`) are not checked: ajv carries no format validators here.
 */
import Ajv from "ajv-draft-04";
import type { ErrorObject, ValidateFunction } from "ajv";

export const REQUEST_VALIDATORS_KEY = "x-amazon-apigateway-request-validators";
export const REQUEST_VALIDATOR_KEY = "x-amazon-apigateway-request-validator";

/** API Gateway's default message for BAD_REQUEST_BODY. */
export const INVALID_BODY_MESSAGE = "Invalid request body";

/** Used when the request names no Content-Type, as API Gateway assumes for model selection. */
export const DEFAULT_CONTENT_TYPE = "application/json";

export interface RequestToValidate {
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** The request's Content-Type header, parameters included (`application/json; charset=utf-8`). */
  readonly contentType: string | undefined;
  /** The body as text; empty when there is none. */
  readonly body: string;
  /** The matched route's path parameters; required path parameters are checked only when given. */
  readonly pathParameters?: Readonly<Record<string, string>>;
}

export interface RequestValidationFailure {
  readonly type: "BAD_REQUEST_PARAMETERS" | "BAD_REQUEST_BODY";
  /** What the gateway response's `$context.error.message` carries. */
  readonly message: string;
  /** For logs (BAD_REQUEST_BODY): the schema errors, or why the body could not be read. */
  readonly detail?: string;
}

export interface RequestValidatorSettings {
  readonly validateRequestBody: boolean;
  readonly validateRequestParameters: boolean;
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** `#/a/b~1c` → the value at that JSON pointer in the document, or undefined. */
function resolvePointer(document: Json, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Follows `$ref`s (parameters, request bodies) within the document. */
function deref(document: Json, value: unknown): unknown {
  let current = value;
  for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === "string"; i++) {
    current = resolvePointer(document, current.$ref);
  }
  return current;
}

/**
 * The validator that applies to an operation: the operation's own choice, else the document's
 * default; undefined when there is none or the name is not declared (nothing is validated).
 */
export function requestValidatorOf(document: Json, operation: Json): RequestValidatorSettings | undefined {
  const name = operation[REQUEST_VALIDATOR_KEY] ?? document[REQUEST_VALIDATOR_KEY];
  if (typeof name !== "string") return undefined;
  const validators = document[REQUEST_VALIDATORS_KEY];
  const definition = isObject(validators) ? validators[name] : undefined;
  if (!isObject(definition)) return undefined;
  return { validateRequestBody: definition.validateRequestBody === true, validateRequestParameters: definition.validateRequestParameters === true };
}

const LOCATION = { header: "header", path: "path", query: "querystring" } as const;

/** Required parameters that are absent or blank, named as API Gateway lists them. */
export function missingParameters(document: Json, operation: Json, request: RequestToValidate): string[] {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  const headers = new Map(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const missing: { key: string; name: string }[] = [];
  for (const entry of parameters) {
    const parameter = deref(document, entry);
    if (!isObject(parameter) || parameter.required !== true || typeof parameter.name !== "string") continue;
    const name = parameter.name;
    let value: string | undefined;
    if (parameter.in === "header") value = headers.get(name.toLowerCase());
    else if (parameter.in === "query") value = Object.prototype.hasOwnProperty.call(request.query, name) ? request.query[name] : undefined;
    else if (parameter.in === "path") {
      if (request.pathParameters === undefined) continue;
      value = Object.prototype.hasOwnProperty.call(request.pathParameters, name) ? request.pathParameters[name] : undefined;
    } else continue;
    if (value === undefined || value.trim() === "") {
      missing.push({ key: `method.request.${LOCATION[parameter.in as keyof typeof LOCATION]}.${name}`, name });
    }
  }
  return missing.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((m) => m.name);
}

/** The media type of a Content-Type header: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaTypeOf(contentType: string | undefined): string {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "" ? DEFAULT_CONTENT_TYPE : type;
}

/** The schema the body is validated against for a content type, or undefined (not validated). */
export function bodySchemaOf(document: Json, operation: Json, contentType: string | undefined): Json | undefined {
  const requestBody = deref(document, operation.requestBody);
  const content = isObject(requestBody) ? requestBody.content : undefined;
  if (!isObject(content)) return undefined;
  const type = mediaTypeOf(contentType);
  const key = Object.keys(content).find((k) => k.toLowerCase() === type) ?? ("$default" in content ? "$default" : undefined);
  const media = key === undefined ? undefined : content[key];
  const schema = isObject(media) ? media.schema : undefined;
  return isObject(schema) ? schema : undefined;
}

interface DocumentValidators {
  readonly ajv: Ajv;
  readonly compiled: Map<object, ValidateFunction>;
}

const byDocument = new WeakMap<object, DocumentValidators>();

/**
 * The compiled validator of one schema of a document, compiled once per document. The schema is
 * wrapped beside the document's `components`, so `#/components/schemas/X` references resolve.
 */
function validatorFor(document: Json, schema: Json): ValidateFunction {
  let entry = byDocument.get(document);
  if (entry === undefined) {
    entry = {
      ajv: new Ajv({ allErrors: true, strict: false, logger: false, validateFormats: false, validateSchema: false }),
      compiled: new Map(),
    };
    byDocument.set(document, entry);
  }
  let validate = entry.compiled.get(schema);
  if (validate === undefined) {
    try {
      validate = entry.ajv.compile({ allOf: [schema], components: document.components ?? {} });
    } catch (error) {
      throw new Error(`request body schema ${JSON.stringify(schema).slice(0, 200)} cannot be compiled: ${(error as Error).message}`);
    }
    entry.compiled.set(schema, validate);
  }
  return validate;
}

/**
 * ajv's errors in one line, each at its place in the body:
 * `body must NOT have additional properties (id); body/price must be >= 0`. A `pattern` error leaves
 * the pattern out (the trimmed-length one is hundreds of characters).
 */
export function formatSchemaErrors(errors: readonly ErrorObject[]): string {
  return errors
    .map((e) => {
      const params = e.params as { additionalProperty?: string };
      const message = e.keyword === "pattern" ? "must match the model's pattern" : (e.message ?? e.keyword);
      const extra = e.keyword === "additionalProperties" ? ` (${String(params.additionalProperty)})` : "";
      return `body${e.instancePath} ${message}${extra}`;
    })
    .join("; ");
}

/** Validates a request as its operation's request validator says; undefined when it passes. */
export function validateRequest(document: Json, operation: Json, request: RequestToValidate): RequestValidationFailure | undefined {
  const validator = requestValidatorOf(document, operation);
  if (validator === undefined) return undefined;
  if (validator.validateRequestParameters) {
    const missing = missingParameters(document, operation, request);
    if (missing.length > 0) return { type: "BAD_REQUEST_PARAMETERS", message: `Missing required request parameters: [${missing.join(", ")}]` };
  }
  if (validator.validateRequestBody) {
    const schema = bodySchemaOf(document, operation, request.contentType);
    if (schema === undefined) return undefined;
    const validate = validatorFor(document, schema);
    let value: unknown;
    if (request.body.trim() === "") {
      value = {};
    } else {
      try {
        value = JSON.parse(request.body);
      } catch {
        return { type: "BAD_REQUEST_BODY", message: INVALID_BODY_MESSAGE, detail: "body is not valid JSON" };
      }
    }
    if (!validate(value)) return { type: "BAD_REQUEST_BODY", message: INVALID_BODY_MESSAGE, detail: formatSchemaErrors(validate.errors ?? []) };
  }
  return undefined;
}
