/**
 * Reading the OpenAPI document a REST or HTTP API takes as its `body`: the JSON text this project
 * generates (components/rest-api/openapi.ts) or any other program's, OpenAPI 3.0 or Swagger 2.0, in
 * JSON or YAML (API Gateway imports both).
 */
import { parse as parseYaml } from "yaml";

/** The operation keys API Gateway imports from a path item; ANY is spelled as an extension. */
export const OPERATION_KEYS = ["get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method"] as const;
export type OperationKey = (typeof OPERATION_KEYS)[number];

export type JsonObject = Record<string, unknown>;

/** What a `body` input holds, as far as a rule can tell. */
export type BodyReading = { readonly kind: "absent" } | { readonly kind: "unreadable" } | { readonly kind: "document"; readonly document: JsonObject };

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses a body given as JSON or YAML text (or, from a program that passes one, an object). */
export function readBody(body: unknown): BodyReading {
  if (body === undefined || body === null || body === "") return { kind: "absent" };
  if (isObject(body)) return { kind: "document", document: body };
  if (typeof body !== "string") return { kind: "unreadable" };
  for (const parse of [JSON.parse, parseYaml] as ((text: string) => unknown)[]) {
    try {
      const parsed = parse(body);
      if (isObject(parsed)) return { kind: "document", document: parsed };
    } catch {
      // try the next format
    }
  }
  return { kind: "unreadable" };
}

export interface Operation {
  /** `GET`, `POST`, … or `ANY`. */
  readonly method: string;
  readonly path: string;
  /** The operation object itself. */
  readonly value: JsonObject;
}

/** `METHOD /path`, the way messages name an operation. */
export const operationLabel = (op: Operation): string => `${op.method} ${op.path}`;

/** Every operation of the document, in document order. */
export function operationsOf(document: JsonObject): Operation[] {
  const paths = document.paths;
  if (!isObject(paths)) return [];
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const key of OPERATION_KEYS) {
      const value = item[key];
      if (!isObject(value)) continue;
      operations.push({ method: key === "x-amazon-apigateway-any-method" ? "ANY" : key.toUpperCase(), path, value });
    }
  }
  return operations;
}

/** The message a rule gives when it needs a body it cannot parse. */
export const unreadableBodyMessage = (apiName: string, whatIsChecked: string, kind = "RestApi"): string =>
  `${kind} "${apiName}" has a body this policy cannot read, so ${whatIsChecked} cannot be checked (body is neither a JSON nor a YAML object). Give the body as an OpenAPI 3.0 document in JSON or YAML, or check this by hand and disable the policy for this stack.`;
