import * as fs from "fs";
import * as path from "path";
import { applyDefaults } from "./defaults";
import { formatIssue } from "./format";
import { checkReferences, type ReferenceCheckOptions } from "./references";
import { gatewaySchema } from "./schema";
import type { StackConfig, StackContext } from "./types";

/** An invalid stack configuration, with every problem found. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

export const FUNCTIONS_DIR = path.resolve(__dirname, "..", "functions");

export const entryExistsOnDisk = (entry: string): boolean => fs.existsSync(path.join(FUNCTIONS_DIR, `${entry}.ts`));

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
export function parseStackConfig(
  ctx: StackContext,
  raw: unknown,
  opts: ReferenceCheckOptions = { entryExists: entryExistsOnDisk },
): StackConfig {
  const parsed = gatewaySchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.flatMap((issue) => formatIssue(gatewaySchema, issue, "gateway")));
  }
  const problems = checkReferences(ctx, parsed.data, opts);
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(applyDefaults(ctx, parsed.data));
}
