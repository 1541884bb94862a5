import * as pulumi from "@pulumi/pulumi";
import { accountRoleProblems, claimOf, otherStackClaims } from "./account-role";
import { ConfigError, parseStackConfig } from "./parse";
import type { StackConfig } from "./types";

export const CONFIG_KEY = "gateway";
/** Secret values of imported API keys, by key name: `pulumi config set --secret --path 'apiKeyValues.<name>' <value>`. */
export const API_KEY_VALUES_KEY = "apiKeyValues";

/** Keys of this project's namespace it does not read: typos that would otherwise be ignored. */
export function unknownProjectKeys(project: string, allConfig: Record<string, string>): string[] {
  const prefix = `${project}:`;
  const known = [CONFIG_KEY, API_KEY_VALUES_KEY].map((k) => `${prefix}${k}`);
  return Object.keys(allConfig)
    .filter((key) => key.startsWith(prefix) && !known.includes(key))
    .sort()
    .map((key) => `${key}: unknown config key; this project reads only ${known.join(" and ")}`);
}

/** Imported keys whose secret value is missing from `apiKeyValues` (only the names are read here). */
export function missingImportedKeyValues(project: string, config: StackConfig, allConfig: Record<string, string>): string[] {
  let names: string[] = [];
  const raw = allConfig[`${project}:${API_KEY_VALUES_KEY}`];
  if (raw !== undefined) {
    try {
      names = Object.keys(JSON.parse(raw) as Record<string, unknown>);
    } catch {
      return [`${project}:${API_KEY_VALUES_KEY}: must be an object of key name to value`];
    }
  }
  return Object.values(config.apiKeys)
    .filter((key) => key.imported && !names.includes(key.name))
    .map(
      (key) =>
        `${project}:${API_KEY_VALUES_KEY}.${key.name}: missing; gateway.apiKeys.${key.name} is imported (pulumi config set --secret --path '${API_KEY_VALUES_KEY}.${key.name}' <value>)`,
    );
}

export interface StackSecrets {
  /** Values of imported API keys, by key name. */
  readonly apiKeyValues: pulumi.Output<Record<string, string>> | undefined;
}

export function loadStackSecrets(): StackSecrets {
  return { apiKeyValues: new pulumi.Config().getSecretObject<Record<string, string>>(API_KEY_VALUES_KEY) };
}

/** Reads and validates this stack's configuration; fails before any resource is registered. */
export function loadStackConfig(): StackConfig {
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const allConfig = pulumi.runtime.allConfig();
  const unknown = unknownProjectKeys(project, allConfig);
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
  if (config) problems.push(...missingImportedKeyValues(project, config, allConfig));
  problems.push(...accountRoleProblems(claimOf(project, stack, "this stack", allConfig), otherStackClaims(project, stack, process.cwd())));
  if (problems.length > 0 || config === undefined) throw new ConfigError(problems);
  return config;
}
