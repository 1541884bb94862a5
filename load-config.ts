import * as pulumi from "@pulumi/pulumi";
import { apiKeyValueOf } from "./config/api-key-values";
import { API_KEY_VALUES_KEY, readConfigFrom, type LoadedConfig } from "./config/load";
import type { StackConfig } from "./config/types";

/** The program's side of config/: what it reads of the Pulumi engine (config/ stays free of the SDK). */

// The SDK's own test of whether the CLI marked a config key secret (exported at run time, not typed).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean };

export interface StackSecrets {
  /** Values of imported API keys, by key name. */
  readonly apiKeyValues: pulumi.Output<Record<string, string>> | undefined;
}

export function loadStackSecrets(): StackSecrets {
  const values = new pulumi.Config().getSecretObject<Record<string, unknown>>(API_KEY_VALUES_KEY);
  return { apiKeyValues: values?.apply((v) => Object.fromEntries(Object.entries(v).map(([name, value]) => [name, apiKeyValueOf(value)]))) };
}

/** A configuration already read and checked by what runs the program, with what it was checked from. */
export interface CheckedConfig {
  readonly project: string;
  readonly stack: string;
  readonly allConfig: Readonly<Record<string, string>>;
  readonly loaded: LoadedConfig;
}

let handedOver: CheckedConfig | undefined;

/**
 * For the next evaluation only: preview/run-program.ts checks a stack's configuration before it loads
 * Pulumi (an invalid one fails without it), and hands the result over rather than have it checked twice.
 */
export function handOverCheckedConfig(checked: CheckedConfig | undefined): void {
  handedOver = checked;
}

const sameValues = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((key) => a[key] === b[key]);

/** Reads and validates this stack's configuration; throws a ConfigError listing every problem. */
export function readStackConfig(): LoadedConfig {
  const source = {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    allConfig: pulumi.runtime.allConfig(),
    isConfigSecret: (key: string) => runtimeConfig.isConfigSecret(key),
    projectDir: process.cwd(),
  };
  const given = handedOver;
  handedOver = undefined;
  if (given && given.project === source.project && given.stack === source.stack && sameValues(given.allConfig, source.allConfig)) return given.loaded;
  return readConfigFrom(source);
}

/** The stack's configuration, its warnings logged with `pulumi.log.warn`; fails before any resource is registered. */
export function loadStackConfig(): StackConfig {
  const { config, warnings } = readStackConfig();
  for (const warning of warnings) void pulumi.log.warn(warning);
  return config;
}
