/**
 * `npm run docs:config`: writes docs/configuration.md from the schema (config/gateway.ts and the modules it
 * imports: its key paths, what each accepts, and its JSDoc comments and `@default` tags), and lists the
 * key paths that have no comment.
 */
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../config/paths";
import { generateReference, REFERENCE_FILE } from "./config-reference/generate";

function main(): number {
  const reference = generateReference();
  if (reference.unmatchedDocs.length > 0) {
    console.error(`comments on key paths the schema does not have (the reader and the schema disagree):\n  ${reference.unmatchedDocs.join("\n  ")}`);
    return 1;
  }
  fs.mkdirSync(path.dirname(REFERENCE_FILE), { recursive: true });
  fs.writeFileSync(REFERENCE_FILE, reference.markdown);
  console.log(`wrote ${path.relative(REPO_ROOT, REFERENCE_FILE)}: ${reference.rows.length} key paths`);
  if (reference.undocumented.length > 0) {
    console.log(`undocumented (${reference.undocumented.length}; add a JSDoc comment to its schema in config/gateway.ts or config/sections/):\n  ${reference.undocumented.join("\n  ")}`);
  }
  return 0;
}

process.exitCode = main();
