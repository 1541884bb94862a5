import { accountRoleProblems, claimOf, otherStackClaims } from "./account-role";
import { parseReleases, RELEASES_KEY } from "./releases";
import { REGION_CONFIG_KEY, regionProblem } from "./aws-regions";
import { formatValue } from "./format";
import { ConfigError, parseStackConfig } from "./parse";
import type { StackConfig } from "./types";
import { configWarnings } from "./warnings";
import { plainTextApiKeyValues } from "./api-key-values";

/**
 * A stack's configuration as the engine gives it (all of its keys) checked as a whole. The engine is
 * read in load-config.ts, so config/ stays free of the Pulumi SDK.
 */

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

/** What the program reads of the engine: the stack's name and project, and its whole configuration. */
export interface ConfigSource {
  readonly project: string;
  readonly stack: string;
  /** Every config key of the stack, `<namespace>:<key>` → its value as the CLI serialized it. */
  readonly allConfig: Record<string, string>;
  /** Whether the CLI marked a config key secret. */
  readonly isConfigSecret: (key: string) => boolean;
  /** The folder the stack files (`Pulumi.<stack>.yaml`) are in. */
  readonly projectDir: string;
}

/** Reads and validates a stack's configuration; throws a ConfigError listing every problem. */
export function readConfigFrom(source: ConfigSource): LoadedConfig {
  const { project, stack, allConfig } = source;
  const problems = unknownProjectKeys(project, allConfig);
  const region = regionProblem(allConfig[REGION_CONFIG_KEY]);
  if (region) problems.push(region);
  const gatewayKey = `${project}:${CONFIG_KEY}`;
  const valuesKey = `${project}:${API_KEY_VALUES_KEY}`;
  problems.push(...plainTextApiKeyValues(project, API_KEY_VALUES_KEY, allConfig[valuesKey], source.isConfigSecret(valuesKey)));
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
  problems.push(...accountRoleProblems(claimOf(project, stack, "this stack", allConfig), otherStackClaims(project, stack, source.projectDir)));
  if (problems.length > 0 || config === undefined) throw new ConfigError(problems);
  const withReleases = "releases" in releases ? { ...config, releases: releases.releases } : config;
  return { config: withReleases, warnings: configWarnings(withReleases) };
}
