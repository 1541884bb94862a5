/**
 * `$input`: the payload and the request parameters (AWS, "Variables for data transformations"):
 *
 *  - `$input.body` "Returns the raw request payload as a string." An empty payload reads as `{}`: API
 *    Gateway "will replace an empty body with `{}` when using `$input.body` in a VTL template", whatever
 *    the content type (LocalStack PR #12413, verified against AWS; it is why an SQS integration with
 *    `MessageBody=$util.urlEncode($input.body)` still sends a non-empty message). `$input.json('$')` of an
 *    empty payload is `{}` too (recorded against AWS in ToQoz/api-gateway-mapping-template test/_.md).
 *  - `$input.json(x)` "evaluates a JSONPath expression and returns the results as a JSON string": compact
 *    JSON, strings quoted and escaped, objects and arrays serialized. A path that selects nothing gives
 *    `null` (LocalStack's AWS-checked finding in PR #12774; not stated by AWS's reference).
 *  - `$input.path(x)` "returns a JSON object representation of the result", to use natively in VTL
 *    (`#foreach`, `.size()`); nothing selected gives null. It is a live view of the one parsed document:
 *    `#set($b = $input.path('$'))#set($b.url = "...")` changes what `$input.json('$')` prints afterwards.
 *  - `$input.params()` "Returns a map of all the request parameters": `path`, `querystring`, `header`,
 *    in that order (the order events printed by functions behind AWS's "Method Request passthrough"
 *    template show, which lists the map's keySet(): `params={path={}, querystring={...}, header={...}}`).
 *  - `$input.params(x)` "Returns the value of a method request parameter from the path, query string, or
 *    header value (searched in that order)". A missing parameter reads as an empty string.
 *
 * The payload is parsed only when `json`/`path` is called, as API Gateway does: a non-JSON payload that
 * does not start like JSON reads as a plain string (API Gateway's parser, json-smart, is permissive:
 * payload `a=b` gives `$input.json('$')` = `"a=b"`, recorded against AWS), while a payload that starts
 * with `{`, `[` or `"` and is not valid JSON fails ("Could not process payload", a 400 in API Gateway).
 */
import { TemplateRuntimeError } from "./errors";
import { evaluateJsonPath } from "./json-path";
import { javaString } from "./java-text";
import { parseJsonDocument, toJsonText, type JsonDocument } from "./json-value";
import type { TemplateRequest } from "./types";

/** The map `$input.params()` returns. */
export interface InputParameters {
  readonly path: Record<string, string>;
  readonly querystring: Record<string, string>;
  readonly header: Record<string, string>;
}

function parsePayload(text: string): JsonDocument {
  const trimmed = text.trim();
  if (trimmed === "") return { value: {}, hasDoubles: false };
  try {
    return parseJsonDocument(trimmed);
  } catch (e) {
    if (/^[{["]/.test(trimmed)) throw new TemplateRuntimeError(`Could not process payload: ${(e as Error).message}`);
    return { value: text, hasDoubles: false };
  }
}

/** The last value of a repeated query-string parameter is the one templates see. */
function lastValue(value: string | readonly string[]): string {
  if (typeof value === "string") return value;
  return value.length === 0 ? "" : value[value.length - 1];
}

export class TemplateInput {
  /** `$input.body`. */
  readonly body: string;
  private readonly parameters: InputParameters;
  private document: JsonDocument | undefined;

  constructor(request: TemplateRequest) {
    const raw = request.body ?? "";
    this.body = raw === "" ? "{}" : raw;
    this.parameters = {
      path: { ...request.pathParameters },
      querystring: Object.fromEntries(Object.entries(request.queryString ?? {}).map(([k, v]) => [k, lastValue(v)])),
      header: { ...request.headers },
    };
    this.document = undefined;
  }

  private parsed(): JsonDocument {
    if (this.document === undefined) this.document = parsePayload(this.body);
    return this.document;
  }

  /** `$input.json(x)`. */
  json(path: unknown): string {
    const document = this.parsed();
    const result = evaluateJsonPath(document.value, javaString(path));
    return result.found ? toJsonText(result.value, document.hasDoubles) : "null";
  }

  /** `$input.path(x)`. */
  path(path: unknown): unknown {
    const result = evaluateJsonPath(this.parsed().value, javaString(path));
    return result.found ? result.value : null;
  }

  /** `$input.params()` and `$input.params(x)`. */
  params(name?: unknown): InputParameters | string {
    if (name === undefined) return this.parameters;
    const key = javaString(name);
    const { path, querystring, header } = this.parameters;
    if (Object.prototype.hasOwnProperty.call(path, key)) return path[key];
    if (Object.prototype.hasOwnProperty.call(querystring, key)) return querystring[key];
    if (Object.prototype.hasOwnProperty.call(header, key)) return header[key];
    // HTTP header names are case-insensitive (RFC 9110); method.request.header.X mappings are too.
    const lower = key.toLowerCase();
    const headerName = Object.keys(header).find((h) => h.toLowerCase() === lower);
    return headerName === undefined ? "" : header[headerName];
  }

  toString(): string {
    return "{}";
  }
}
