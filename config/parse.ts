import * as fs from "fs";
import * as path from "path";
import { applyDefaults } from "./apply-defaults";
import { FUNCTIONS_DIR, REPO_ROOT, STATE_MACHINES_DIR, TEMPLATES_DIR } from "./paths";
import { formatIssue } from "./format";
import { readOpenApiText } from "./openapi-import";
import { checkOpenApiFile, checkReferences, type ReferenceCheckOptions } from "./checks";
import { gatewaySchema } from "./gateway";
import type { StackConfig, StackContext } from "./types";
import { ConfigError } from "./config-error";

export { ConfigError };

/** The checks that look at files, reading the repository. */
export const FILES_ON_DISK: ReferenceCheckOptions = {
  entryExists: (entry) => fs.existsSync(path.join(FUNCTIONS_DIR, `${entry}.ts`)),
  templateExists: (file) => fs.existsSync(path.join(TEMPLATES_DIR, file)),
  readTemplate: (file) => fs.readFileSync(path.join(TEMPLATES_DIR, file), "utf8"),
  definitionExists: (file) => fs.existsSync(path.join(STATE_MACHINES_DIR, file)),
  folderExists: (folder) => fs.existsSync(path.join(REPO_ROOT, folder)) && fs.statSync(path.join(REPO_ROOT, folder)).isDirectory(),
  readOpenApi: (file) => {
    const full = path.join(REPO_ROOT, file);
    if (!fs.existsSync(full)) return { problems: [`no file ${file}`] };
    return readOpenApiText(file, fs.readFileSync(full, "utf8"));
  },
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Validates the `gateway` config value and returns the complete, frozen stack configuration,
 * or throws a ConfigError listing every problem.
 */
export function parseStackConfig(ctx: StackContext, raw: unknown, files: Partial<ReferenceCheckOptions> = {}): StackConfig {
  const parsed = gatewaySchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((issue) => formatIssue(gatewaySchema, issue, "gateway", raw)));
  }
  const opts = { ...FILES_ON_DISK, ...files };
  const openApi = checkOpenApiFile(parsed.data, opts);
  const problems = [...checkReferences(ctx, parsed.data, opts), ...openApi.problems];
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(applyDefaults(ctx, parsed.data, openApi.imported));
}
