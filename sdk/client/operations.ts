/**
 * The operations of an OpenAPI 3.0 document as a client calls them: method, path, the parameters it
 * declares (path, query, header), the request body and the answer's type. Pure.
 */
import { identifier, schemaType, type Schema } from "./schema-type";

export interface Parameter {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  /** A greedy path parameter (`{key+}`): its value keeps its `/`. */
  readonly greedy: boolean;
  readonly description: string | undefined;
}

export interface Operation {
  /** The client's function: the operationId as an identifier. */
  readonly name: string;
  /** GET, POST, ...; ANY for API Gateway's any-method (the caller names the method). */
  readonly method: string;
  readonly path: string;
  readonly summary: string | undefined;
  readonly pathParams: readonly Parameter[];
  readonly queryParams: readonly Parameter[];
  readonly headerParams: readonly Parameter[];
  /** The body: its type and content type; `unknown` where a method may carry a body the document does not describe. */
  readonly body: { readonly type: string; readonly required: boolean; readonly mediaType: string } | undefined;
  /** The type of a 2xx answer's JSON body (`unknown` when the document gives none). */
  readonly response: string;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method"] as const;
const CAN_CARRY_BODY = new Set(["POST", "PUT", "PATCH", "DELETE", "ANY"]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `get /items/{id}` → `getItemsId`, as the stack names its operations, for an operation without an operationId. */
export function derivedName(method: string, path: string): string {
  const words = path
    .split("/")
    .flatMap((segment) => segment.replace(/[{}+]/g, "").split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return identifier([method === "ANY" ? "any" : method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join(""));
}

function resolve(document: Schema, value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  const ref = value.$ref;
  if (typeof ref !== "string") return value;
  const match = /^#\/components\/(parameters|requestBodies|responses)\/([^/]+)$/.exec(ref);
  const components = isObject(document.components) ? document.components : {};
  const group = match && isObject(components[match[1] as string]) ? (components[match[1] as string] as Record<string, unknown>) : undefined;
  return group ? resolve(document, group[decodeURIComponent(match![2] as string)]) : undefined;
}

/** The JSON media type of a content map: application/json first, then any `+json`, then the first. */
function jsonMedia(content: unknown): [string, Schema | undefined] | undefined {
  if (!isObject(content)) return undefined;
  const types = Object.keys(content);
  const chosen = types.find((t) => t === "application/json") ?? types.find((t) => /\+json$/.test(t)) ?? types[0];
  if (chosen === undefined) return undefined;
  const media = content[chosen];
  return [chosen, isObject(media) && isObject(media.schema) ? media.schema : undefined];
}

function parameters(document: Schema, path: string, item: Record<string, unknown>, op: Record<string, unknown>, where: string, indent: string): Parameter[] {
  const byName = new Map<string, Record<string, unknown>>();
  for (const raw of [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
    const p = resolve(document, raw);
    if (p && p.in === where && typeof p.name === "string") byName.set(p.name, p);
  }
  return [...byName.values()].map((p) => ({
    name: p.name as string,
    // On the wire every parameter is text: one the document gives no type is a string.
    type: schemaType(p.schema, indent).replace(/^unknown$/, "string"),
    required: where === "path" || p.required === true,
    greedy: where === "path" && path.includes(`{${String(p.name)}+}`),
    description: typeof p.description === "string" ? p.description : undefined,
  }));
}

function responseType(document: Schema, responses: unknown, indent: string): string {
  if (!isObject(responses)) return "unknown";
  const types = Object.entries(responses)
    .filter(([status]) => /^2(\d\d|XX)$/.test(status))
    .map(([, r]) => jsonMedia(resolve(document, r)?.content))
    .map((media) => (media?.[1] ? schemaType(media[1], indent) : "unknown"));
  if (types.length === 0 || types.includes("unknown")) return "unknown";
  return [...new Set(types)].join(" | ");
}

/** A MOCK OPTIONS operation is API Gateway's answer to a browser's CORS preflight, not something a client calls. */
function isCorsPreflight(key: string, op: Record<string, unknown>): boolean {
  const integration = op["x-amazon-apigateway-integration"];
  return key === "options" && isObject(integration) && String(integration.type).toLowerCase() === "mock";
}

/** Every operation of the document a client calls, in the document's order; throws naming two operations that share a name. */
export function operationsOf(document: Schema, indent = ""): Operation[] {
  const paths = isObject(document.paths) ? document.paths : {};
  const operations: Operation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    if (!isObject(rawItem)) continue;
    for (const key of METHODS) {
      const op = rawItem[key];
      if (!isObject(op) || isCorsPreflight(key, op)) continue;
      const method = key === "x-amazon-apigateway-any-method" ? "ANY" : key.toUpperCase();
      const declared = resolve(document, op.requestBody);
      const media = declared ? jsonMedia(declared.content) : undefined;
      const bodyTypes =
        declared && isObject(declared.content)
          ? [...new Set(Object.values(declared.content).map((m) => schemaType(isObject(m) ? m.schema : undefined, indent)))]
          : [];
      const body = media
        ? { type: bodyTypes.includes("unknown") ? "unknown" : bodyTypes.join(" | "), required: declared?.required === true, mediaType: media[0] }
        : CAN_CARRY_BODY.has(method)
          ? { type: "unknown", required: false, mediaType: "application/json" }
          : undefined;
      operations.push({
        name: typeof op.operationId === "string" && op.operationId !== "" ? identifier(op.operationId) : derivedName(method, path),
        method,
        path,
        summary: typeof op.summary === "string" ? op.summary : undefined,
        pathParams: parameters(document, path, rawItem, op, "path", indent),
        queryParams: parameters(document, path, rawItem, op, "query", indent),
        headerParams: parameters(document, path, rawItem, op, "header", indent),
        body,
        response: responseType(document, op.responses, indent),
      });
    }
  }
  const seen = new Map<string, Operation>();
  for (const op of operations) {
    const other = seen.get(op.name);
    if (other)
      throw new Error(`two operations would be the client's ${op.name}: ${other.method} ${other.path} and ${op.method} ${op.path} (give one an operationId)`);
    seen.set(op.name, op);
  }
  return operations;
}
