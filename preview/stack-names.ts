/**
 * Which stacks have a file, with nothing but the file system: a command's usage errors answer from
 * here before it loads the YAML parser or the config's schema.
 */
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../config/paths";

export const stackFilePath = (stack: string, root = REPO_ROOT) => path.join(root, `Pulumi.${stack}.yaml`);

/** The stacks with a file beside Pulumi.yaml: `Pulumi.<stack>.yaml`. */
export function knownStacks(root = REPO_ROOT): string[] {
  return fs
    .readdirSync(root)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/**
 * Why `--stack`/`--config-file` name no stack file, or undefined when they do: a typo'd stack is
 * answered with the stacks that exist (and how to add one), never a stack trace.
 */
export function stackFileProblem(stack: string, configFile: string | undefined, root = REPO_ROOT): string | undefined {
  if (configFile !== undefined) return fs.existsSync(configFile) ? undefined : `--config-file: ${configFile}: no such file`;
  if (fs.existsSync(stackFilePath(stack, root))) return undefined;
  const stacks = knownStacks(root);
  return `no stack "${stack}": there is no Pulumi.${stack}.yaml; the stacks here are ${stacks.join(", ") || "none"} (add one by copying a stack file, and policies/config/<stack>.json for its pack config)`;
}
