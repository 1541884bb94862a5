import * as pulumi from "@pulumi/pulumi";
import { accountRoleProblems, claimOf, otherStackClaims } from "./account-role";
import { apiKeyValueOf, plainTextApiKeyValues } from "./api-key-values";
import { parseReleases, RELEASES_KEY } from "./releases";
import { REGION_CONFIG_KEY, regionProblem } from "./aws-regions";
import { formatValue } from "./format";
import { ConfigError, parseStackConfig } from "./parse";
import type { StackConfig } from "./types";
import { configWarnings } from "./warnings";

// The SDK's own test of whether the CLI marked a config key secret (exported at run time, not typed).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean };

export const CONFIG_KEY = "gateway";
/** Secret values of imported API keys, by key name: `pulumi config set --secret --path 'apiKeyValues.<name>' <value>`. */
export const API_KEY_VALUES_KEY = "apiKeyValues";

/** Keys of this project's namespace it does not read: typos that would otherwise be ignored. */
export function unknownProjectKeys(project: string, allConfig: Record<string, string>): string[] {
  const prefix = `${project}:`;
  const known = [CONFIG_KEY, API_KEY_VALUES_KEY, RELEASES_KEY].map((k) => `${prefix}${k}`);
  return Object.keys(allConfig)
    .filter((key) => key.startsWith(prefix) && !known.includes(key))
    .sort()
    .map((key) => `${key}: unknown config key; this project reads only ${known.join(", ")}`);
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
  const values = new pulumi.Config().getSecretObject<Record<string, unknown>>(API_KEY_VALUES_KEY);
  return { apiKeyValues: values?.apply((v) => Object.fromEntries(Object.entries(v).map(([name, value]) => [name, apiKeyValueOf(value)]))) };
}

/** The `gateway` value: JSON the CLI serialized from the stack file, or a plain string it could not be. */
function parseGatewayValue(key: string, value: string): { raw: unknown } | { problem: string } {
  try {
    return { raw: JSON.parse(value) as unknown };
  } catch {
    return { problem: `${key}: ${formatValue(value)} is not an object (the stack configuration object)` };
  }
}

export interface LoadedConfig {
  readonly config: StackConfig;
  /** What AWS allows but may surprise: logged, never fatal. */
  readonly warnings: readonly string[];
}

/** Reads and validates this stack's configuration; throws a ConfigError listing every problem. */
export function readStackConfig(): LoadedConfig {
  const project = pulumi.getProject();
  const stack = pulumi.getStack();
  const allConfig = pulumi.runtime.allConfig();
  const problems = unknownProjectKeys(project, allConfig);
  const region = regionProblem(allConfig[REGION_CONFIG_KEY]);
  if (region) problems.push(region);
  const gatewayKey = `${project}:${CONFIG_KEY}`;
  const valuesKey = `${project}:${API_KEY_VALUES_KEY}`;
  problems.push(...plainTextApiKeyValues(project, API_KEY_VALUES_KEY, allConfig[valuesKey], runtimeConfig.isConfigSecret(valuesKey)));
  const value = allConfig[gatewayKey];
  if (value === undefined) throw new ConfigError([...problems, `${gatewayKey}: is required (the stack configuration object)`]);
  const gateway = parseGatewayValue(gatewayKey, value);
  if ("problem" in gateway) throw new ConfigError([...problems, gateway.problem]);
  let config: StackConfig | undefined;
  try {
    config = parseStackConfig({ project, stack }, gateway.raw);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (config) problems.push(...missingImportedKeyValues(project, config, allConfig));
  const releases = config ? parseReleases(allConfig[`${project}:${RELEASES_KEY}`], Object.keys(config.stages), `${project}:${RELEASES_KEY}`) : { releases: {} };
  if ("problems" in releases) problems.push(...releases.problems);
  problems.push(...accountRoleProblems(claimOf(project, stack, "this stack", allConfig), otherStackClaims(project, stack, process.cwd())));
  if (problems.length > 0 || config === undefined) throw new ConfigError(problems);
  const withReleases = "releases" in releases ? { ...config, releases: releases.releases } : config;
  return { config: withReleases, warnings: configWarnings(withReleases) };
}

/** The stack's configuration, its warnings logged with `pulumi.log.warn`; fails before any resource is registered. */
export function loadStackConfig(): StackConfig {
  const { config, warnings } = readStackConfig();
  for (const warning of warnings) void pulumi.log.warn(warning);
  return config;
}
