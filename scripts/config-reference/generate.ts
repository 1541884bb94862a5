import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../config/paths";
import { gatewaySchema } from "../../config/schema";
import { configExamples } from "./examples";
import { renderReference } from "./markdown";
import { referenceRows, type ReferenceRows } from "./rows";
import { readSchemaDocs } from "./schema-docs";

export const SCHEMA_FILE = path.join(REPO_ROOT, "config", "schema.ts");
export const REFERENCE_FILE = path.join(REPO_ROOT, "docs", "configuration.md");

export interface GeneratedReference extends ReferenceRows {
  readonly markdown: string;
}

/** A module of the project a schema file imports (`./integrations` is `config/integrations/index.ts`). */
export function readProjectModule(fromFile: string, specifier: string): { text: string; fileName: string } | undefined {
  const base = path.join(REPO_ROOT, path.dirname(fromFile), specifier);
  const file = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
  return file ? { text: fs.readFileSync(file, "utf8"), fileName: path.relative(REPO_ROOT, file) } : undefined;
}

/**
 * docs/configuration.md as config/schema.ts (and the modules it imports its parts from) describes it now: the schema's key paths and its comments,
 * with examples the program checks.
 */
export function generateReference(): GeneratedReference {
  const docs = readSchemaDocs(fs.readFileSync(SCHEMA_FILE, "utf8"), "gatewaySchema", path.relative(REPO_ROOT, SCHEMA_FILE), readProjectModule);
  const rows = referenceRows(gatewaySchema, docs);
  return { ...rows, markdown: renderReference(rows.rows, configExamples()) };
}
