/**
 * `npm run docs:config`: writes docs/configuration.md from the schema (config/gateway.ts and the modules it
 * imports: its key paths, what each accepts, and its JSDoc comments and `@default` tags), and lists the
 * key paths that have no comment.
 */
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../config/paths";
import { parseOrExit } from "../preview/cli-args";

export const CONFIG_REFERENCE_HELP = `usage: npm run docs:config

Writes docs/configuration.md from the schema (config/gateway.ts and config/sections/): every key path,
what it accepts, its comment and its default. Lists the key paths that have no comment. A test fails
when the committed file differs from what this writes.

Exit status: 0 written, 1 a comment on a key path the schema does not have, 2 bad usage.`;

/** No arguments but --help. */
export function parseConfigReferenceArgs(argv: readonly string[]): "help" | Record<string, never> {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  if (argv.length > 0) throw new Error(`unknown argument ${JSON.stringify(argv[0])}; usage: npm run docs:config`);
  return {};
}

async function main(): Promise<number> {
  const parsed = parseOrExit(process.argv.slice(2), parseConfigReferenceArgs, CONFIG_REFERENCE_HELP);
  if ("exit" in parsed) return parsed.exit;
  // The schema and the TypeScript compiler (about 0.5 s of CPU) load once the arguments are good.
  const { generateReference, REFERENCE_FILE } = await import("./config-reference/generate");
  const reference = generateReference();
  if (reference.unmatchedDocs.length > 0) {
    console.error(`comments on key paths the schema does not have (the reader and the schema disagree):\n  ${reference.unmatchedDocs.join("\n  ")}`);
    return 1;
  }
  fs.mkdirSync(path.dirname(REFERENCE_FILE), { recursive: true });
  fs.writeFileSync(REFERENCE_FILE, reference.markdown);
  console.log(`wrote ${path.relative(REPO_ROOT, REFERENCE_FILE)}: ${reference.rows.length} key paths`);
  if (reference.undocumented.length > 0) {
    console.log(
      `undocumented (${reference.undocumented.length}; add a JSDoc comment to its schema in config/gateway.ts, config/sections/ or config/integrations/):\n  ${reference.undocumented.join("\n  ")}`,
    );
  }
  return 0;
}

if (require.main === module) void main().then((code) => (process.exitCode = code));
