import * as pulumi from "@pulumi/pulumi";
import { ConfigError, parseStackConfig } from "./parse";
import type { StackConfig } from "./types";

export const CONFIG_KEY = "gateway";

/** Keys of this project's namespace other than `gateway`: typos that would otherwise be ignored. */
export function unknownProjectKeys(project: string, allConfig: Record<string, string>): string[] {
  const prefix = `${project}:`;
  return Object.keys(allConfig)
    .filter((key) => key.startsWith(prefix) && key !== `${prefix}${CONFIG_KEY}`)
    .sort()
    .map((key) => `${key}: unknown config key; this project reads only ${prefix}${CONFIG_KEY}`);
}

/** Reads and validates this stack's configuration; fails before any resource is registered. */
export function loadStackConfig(): StackConfig {
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const unknown = unknownProjectKeys(project, pulumi.runtime.allConfig());
  const raw = new pulumi.Config().getObject<unknown>(CONFIG_KEY);
  if (raw === undefined) {
    throw new ConfigError([...unknown, `${project}:${CONFIG_KEY}: is required (the stack configuration object)`]);
  }
  const problems = [...unknown];
  let config: StackConfig | undefined;
  try {
    config = parseStackConfig({ project, stack }, raw);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (problems.length > 0 || config === undefined) throw new ConfigError(problems);
  return config;
}
