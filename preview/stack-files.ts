import * as fs from "fs";
import * as path from "path";

import { isSecureValue } from "../config/api-key-values";
import { ConfigError } from "../config/parse";
import { REPO_ROOT } from "../config/paths";
import { readYamlMapping } from "./yaml-file";

export { REPO_ROOT };

export interface ProjectFile {
  readonly name: string;
  /** Project-level config: `value` or `default` of each key in Pulumi.yaml. */
  readonly config: Record<string, unknown>;
}

const readYaml = (file: string, what: string) => readYamlMapping(file, { mappingKeys: ["config"], what });

/** A config key as the CLI stores it: keys without a namespace belong to the project. */
export function qualifiedKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function readProjectFile(root = REPO_ROOT): ProjectFile {
  const doc = readYaml(path.join(root, "Pulumi.yaml"), "a Pulumi project file");
  const name = doc.name;
  if (typeof name !== "string") throw new ConfigError(["Pulumi.yaml: the project has no name"]);
  const config: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    const value =
      spec && typeof spec === "object" && !Array.isArray(spec) ? ((spec as Record<string, unknown>).value ?? (spec as Record<string, unknown>).default) : spec;
    if (value !== undefined) config[qualifiedKey(name, key)] = value;
  }
  return { name, config };
}

/**
 * The config a stack runs with: the project's config in Pulumi.yaml, overridden by the stack file
 * (`Pulumi.<stack>.yaml`, or another file in the same format).
 */
export function stackConfig(project: ProjectFile, stackFile: string): Record<string, unknown> {
  const doc = readYaml(stackFile, "a Pulumi stack file");
  const config: Record<string, unknown> = { ...project.config };
  for (const [key, value] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    config[qualifiedKey(project.name, key)] = value;
  }
  return config;
}

function holdsSecure(value: unknown): boolean {
  if (isSecureValue(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecure);
  return typeof value === "object" && value !== null && Object.values(value).some(holdsSecure);
}

/** The config keys the CLI marks secret: those whose value is, or holds, a `secure:` value. */
export function secretKeys(config: Record<string, unknown>): string[] {
  return Object.keys(config).filter((key) => holdsSecure(config[key]));
}

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
