/**
 * What one operation needs for request validation at API Gateway: its `requestBody` (a model
 * reference), `required: true` entries for the query strings and headers it requires, and the name of
 * the request validator that checks them. Pure, so the OpenAPI generator can call it per route:
 *
 *   const v = requestValidation({ bodyModel: "ItemCreate", requiredHeaders: ["If-Match"] });
 *   operation = {
 *     ...operation,
 *     ...(v.requestBody ? { requestBody: v.requestBody } : {}),
 *     parameters: mergeParameters(operation.parameters ?? [], v.parameters),
 *     ...(v.validator ? { [REQUEST_VALIDATOR_EXTENSION]: v.validator } : {}),
 *   };
 *   document[REQUEST_VALIDATORS_EXTENSION] = REQUEST_VALIDATORS;
 *   document.components.schemas = componentSchemas(<every bodyModel used>);
 */
import { schemaRef } from "./components";
import type { RequestModelName } from "./items";
import type { RequestValidatorName } from "./validators";

export const JSON_MEDIA_TYPE = "application/json";

export interface OpenApiRequestBody {
  readonly content: Readonly<Record<string, { readonly schema: { readonly $ref: string } }>>;
  readonly required: true;
}

/** The shape of openapi.ts's parameters, restricted to the ones a validator checks. */
export interface RequiredParameter {
  readonly name: string;
  readonly in: "query" | "header";
  readonly required: true;
  readonly schema: { readonly type: "string" };
}

export interface RequestValidationInput {
  /** The route's body model; undefined when the body is not validated. */
  readonly bodyModel?: RequestModelName | undefined;
  readonly requiredQueryStrings?: readonly string[] | undefined;
  readonly requiredHeaders?: readonly string[] | undefined;
  /**
   * Media types the body model applies to. API Gateway validates a body only when its Content-Type
   * has a model, so a route whose handler also takes e.g. `application/merge-patch+json` should list
   * it too, or such requests reach Lambda unvalidated. Default: `application/json` only.
   */
  readonly mediaTypes?: readonly string[] | undefined;
}

export interface RequestValidation {
  readonly requestBody?: OpenApiRequestBody;
  /** Query strings (sorted), then headers (sorted), each `required: true`. */
  readonly parameters: readonly RequiredParameter[];
  /** `all` for both, `body-only`, `params-only`; absent when there is nothing to validate. */
  readonly validator?: RequestValidatorName;
}

function checkNames(kind: string, names: readonly string[], key: (name: string) => string): string[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    if (name.trim() === "" || name !== name.trim()) throw new Error(`required ${kind} name ${JSON.stringify(name)} is empty or padded`);
    const previous = seen.get(key(name));
    if (previous !== undefined) throw new Error(`required ${kind} ${JSON.stringify(name)} is listed twice (as ${JSON.stringify(previous)})`);
    seen.set(key(name), name);
  }
  return [...names];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function requestValidation(input: RequestValidationInput): RequestValidation {
  const query = checkNames("query string", input.requiredQueryStrings ?? [], (n) => n).sort(byName);
  // Header names are case-insensitive: "If-Match" and "if-match" are the same header.
  const headers = checkNames("header", input.requiredHeaders ?? [], (n) => n.toLowerCase()).sort(byName);
  const parameters: RequiredParameter[] = [
    ...query.map((name): RequiredParameter => ({ name, in: "query", required: true, schema: { type: "string" } })),
    ...headers.map((name): RequiredParameter => ({ name, in: "header", required: true, schema: { type: "string" } })),
  ];

  let requestBody: OpenApiRequestBody | undefined;
  if (input.bodyModel !== undefined) {
    const mediaTypes = [...new Set(input.mediaTypes ?? [JSON_MEDIA_TYPE])].sort(byName);
    if (mediaTypes.length === 0) throw new Error("a body model needs at least one media type");
    const schema = { $ref: schemaRef(input.bodyModel) };
    requestBody = { content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])), required: true };
  }

  const body = requestBody !== undefined;
  const params = parameters.length > 0;
  const validator: RequestValidatorName | undefined = body && params ? "all" : body ? "body-only" : params ? "params-only" : undefined;
  return {
    ...(requestBody ? { requestBody } : {}),
    parameters,
    ...(validator ? { validator } : {}),
  };
}

/** A parameter as openapi.ts writes it (path, query or header). */
export interface ParameterLike {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
}

/**
 * `existing` with `extra` merged in: an extra parameter replaces an existing one of the same name and
 * location in place (so a cache-key parameter declared `required: false` becomes required), others are
 * appended. OpenAPI forbids two parameters with the same name and location.
 */
export function mergeParameters<P extends ParameterLike>(existing: readonly P[], extra: readonly RequiredParameter[]): (P | RequiredParameter)[] {
  const key = (p: { name: string; in: string }) => `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
  const extras = new Map(extra.map((p) => [key(p), p]));
  const merged: (P | RequiredParameter)[] = existing.map((p) => {
    const replacement = extras.get(key(p));
    if (replacement === undefined) return p;
    extras.delete(key(p));
    return replacement;
  });
  return [...merged, ...extras.values()];
}
