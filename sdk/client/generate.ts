/**
 * A typed TypeScript client from an OpenAPI 3.0 document: a type per component schema, and
 * `createClient({ baseUrl })` with one function per operation (named by its operationId) taking the
 * parameters and body the document declares and answering the body type of its 2xx response.
 * Standalone (fetch only), pure and deterministic: the same document gives the same text.
 */
import { operationsOf, type Operation, type Parameter } from "./operations";
import { docComment, propertyKey, schemaType, typeNameOf, type Schema } from "./schema-type";
import { CLIENT_RUNTIME, CLIENT_TYPES } from "./runtime";

export interface GenerateOptions {
  /** The command that regenerates the file, named in its header. */
  readonly command: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{ id: string; key: string }` for a group of parameters, and whether any is required. */
function parameterGroup(params: readonly Parameter[], indent: string): { type: string; required: boolean } | undefined {
  if (params.length === 0) return undefined;
  const inner = `${indent}  `;
  const lines = params.flatMap((p) => [...docComment(p.description, inner), `${inner}${propertyKey(p.name)}${p.required ? "" : "?"}: ${p.type};`]);
  return { type: `{\n${lines.join("\n")}\n${indent}}`, required: params.some((p) => p.required) };
}

/** The input type of an operation, or undefined when it takes none. */
function inputType(op: Operation): { type: string; required: boolean } | undefined {
  const indent = "    ";
  const fields: { key: string; type: string; required: boolean }[] = [];
  if (op.method === "ANY") fields.push({ key: "method", type: "HttpMethod", required: true });
  for (const [key, params] of [
    ["path", op.pathParams],
    ["query", op.queryParams],
    ["headers", op.headerParams],
  ] as const) {
    const group = parameterGroup(params, `${indent}  `);
    if (group) fields.push({ key, ...group });
  }
  if (op.body) fields.push({ key: "body", type: op.body.type, required: op.body.required });
  if (fields.length === 0) return undefined;
  return {
    type: `{\n${fields.map((f) => `${indent}  ${f.key}${f.required ? "" : "?"}: ${f.type};`).join("\n")}\n${indent}}`,
    required: fields.some((f) => f.required),
  };
}

function operationFunction(op: Operation): string[] {
  const input = inputType(op);
  const title = `${op.method} ${op.path}${op.summary ? `: ${op.summary}` : ""}`;
  const media = op.body ? JSON.stringify(op.body.mediaType) : "undefined";
  const call = (arg: string) => `send(${JSON.stringify(op.method)}, ${JSON.stringify(op.path)}, ${media}, ${arg}, init)`;
  const signature = input ? `(input: ${input.type}${input.required ? "" : " = {}"}, init?: RequestOptions)` : "(init?: RequestOptions)";
  return [...docComment(title, "    "), `    ${op.name}: ${signature}: Promise<ApiResponse<${op.response}>> =>`, `      ${call(input ? "input" : "{}")},`];
}

/** The client's source text for `document`. */
export function generateClient(document: Schema, options: GenerateOptions): string {
  const info = isObject(document.info) ? document.info : {};
  const title = `${String(info.title ?? "API")} ${String(info.version ?? "")}`.trim();
  const components = isObject(document.components) && isObject(document.components.schemas) ? Object.entries(document.components.schemas) : [];
  const types = components.flatMap(([key, schema]) => [
    ...docComment(isObject(schema) ? schema.description : undefined, ""),
    `export type ${typeNameOf(key)} = ${schemaType(schema)};`,
    "",
  ]);
  const operations = operationsOf(document, "    ");
  return [
    `// A typed client of ${title}, generated from its OpenAPI document by`,
    `//   ${options.command}`,
    "// Do not edit: regenerate it (a test fails when it no longer matches the document).",
    "",
    ...types,
    CLIENT_TYPES,
    `/** One function per operation of ${title}. */`,
    "export function createClient(options: ClientOptions) {",
    "  const send = sender(options);",
    "  return {",
    ...operations.flatMap(operationFunction),
    "  };",
    "}",
    "",
    "export type Client = ReturnType<typeof createClient>;",
    "",
    CLIENT_RUNTIME,
  ].join("\n");
}
