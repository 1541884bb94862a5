import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

import { REPO_ROOT } from "../config/paths";

export { REPO_ROOT };

export interface ProjectFile {
  readonly name: string;
  /** Project-level config: `value` or `default` of each key in Pulumi.yaml. */
  readonly config: Record<string, unknown>;
}

function readYaml(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(process.cwd(), file) || file}: no such file`);
  const doc: unknown = parse(fs.readFileSync(file, "utf8"));
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new Error(`${file}: expected a YAML mapping`);
  return doc as Record<string, unknown>;
}

/** A config key as the CLI stores it: keys without a namespace belong to the project. */
export function qualifiedKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function readProjectFile(root = REPO_ROOT): ProjectFile {
  const doc = readYaml(path.join(root, "Pulumi.yaml"));
  const name = doc.name;
  if (typeof name !== "string") throw new Error("Pulumi.yaml: the project has no name");
  const config: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    const value = spec && typeof spec === "object" && !Array.isArray(spec) ? ((spec as Record<string, unknown>).value ?? (spec as Record<string, unknown>).default) : spec;
    if (value !== undefined) config[qualifiedKey(name, key)] = value;
  }
  return { name, config };
}

/**
 * The config a stack runs with: the project's config in Pulumi.yaml, overridden by the stack file
 * (`Pulumi.<stack>.yaml`, or another file in the same format).
 */
export function stackConfig(project: ProjectFile, stackFile: string): Record<string, unknown> {
  const doc = readYaml(stackFile);
  const config: Record<string, unknown> = { ...project.config };
  for (const [key, value] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    config[qualifiedKey(project.name, key)] = value;
  }
  return config;
}

export const stackFilePath = (stack: string, root = REPO_ROOT) => path.join(root, `Pulumi.${stack}.yaml`);
