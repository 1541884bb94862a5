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

/**
 * docs/configuration.md as config/schema.ts describes it now: the schema's key paths and its comments,
 * with examples the program checks.
 */
export function generateReference(): GeneratedReference {
  const docs = readSchemaDocs(fs.readFileSync(SCHEMA_FILE, "utf8"), "gatewaySchema", path.relative(REPO_ROOT, SCHEMA_FILE));
  const rows = referenceRows(gatewaySchema, docs);
  return { ...rows, markdown: renderReference(rows.rows, configExamples()) };
}
