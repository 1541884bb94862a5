import * as fs from "fs";
import * as path from "path";
import type { PackConfig } from "./policy-evaluation";
import { REPO_ROOT } from "./stack-files";

export const packConfigPath = (stack: string, root = REPO_ROOT) => path.join(root, "policies", "config", `${stack}.json`);

/** The stack's pack config (`policies/config/<stack>.json`), the same file the CLI takes; none means every default. */
export function readPackConfig(stack: string, root = REPO_ROOT): PackConfig {
  const file = packConfigPath(stack, root);
  if (!fs.existsSync(file)) return {};
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${file}: expected a JSON object`);
  return parsed as PackConfig;
}
