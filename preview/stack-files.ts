import * as path from "path";

import { isSecureValue } from "../config/api-key-values";
import { ConfigError } from "../config/config-error";
import { REPO_ROOT } from "../config/paths";
import { readYamlMapping } from "./yaml-file";

export { REPO_ROOT };
export { knownStacks, stackFilePath, stackFileProblem } from "./stack-names";

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
