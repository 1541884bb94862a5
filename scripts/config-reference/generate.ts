import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../config/paths";
import { gatewaySchema } from "../../config/gateway";
import { configExamples } from "./examples";
import { renderReference } from "./markdown";
import { referenceRows, type ReferenceRows } from "./rows";
import { readSchemaDocs, type ModuleLoader } from "./schema-docs";

/** The file declaring `gatewaySchema`; its sections' schemas are read through its imports. */
export const SCHEMA_FILE = path.join(REPO_ROOT, "config", "gateway.ts");
export const REFERENCE_FILE = path.join(REPO_ROOT, "docs", "configuration.md");

export interface GeneratedReference extends ReferenceRows {
  readonly markdown: string;
}

/** A module of the repository a schema file imports by a relative path (`./sections/stage`, or a folder's `./integrations/index.ts`). */
const loadModule: ModuleLoader = (specifier, fromFile) => {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.join(path.dirname(path.join(REPO_ROOT, fromFile)), specifier);
  const file = [`${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate));
  return file ? { fileName: path.relative(REPO_ROOT, file), text: fs.readFileSync(file, "utf8") } : undefined;
};

/**
 * docs/configuration.md as the schema (config/gateway.ts, its sections and config/schema.ts) describes
 * it now: the schema's key paths and its comments, with examples the program checks.
 */
export function generateReference(): GeneratedReference {
  const docs = readSchemaDocs(fs.readFileSync(SCHEMA_FILE, "utf8"), "gatewaySchema", path.relative(REPO_ROOT, SCHEMA_FILE), loadModule);
  const rows = referenceRows(gatewaySchema, docs);
  return { ...rows, markdown: renderReference(rows.rows, configExamples()) };
}
