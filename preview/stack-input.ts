import * as path from "path";
import { readConfigFrom } from "../config/load";
import type { CheckedConfig } from "../load-config";
import { DEFAULT_MOCK_ENVIRONMENT, engineConfig } from "./mock-state";
import { readProjectFile, secretKeys, stackConfig, stackFilePath } from "./stack-files";

/** A stack's configuration, read and checked before Pulumi or the program are loaded. */
export interface StackInput {
  readonly project: string;
  readonly stack: string;
  /** Every config value, keyed `namespace:key`, as the stack file gives it over the project's. */
  readonly config: Record<string, unknown>;
  readonly region: string;
  /** What the program would make of it (config/load.ts), checked here once. */
  readonly checked: CheckedConfig;
}

/**
 * The configuration of a stack, from `Pulumi.<stack>.yaml` (or `configFile`, a file of the same
 * format) over the project's, checked as the program checks it when it starts: a ConfigError (an
 * invalid config, or a stack file that is no valid YAML) is thrown here, with no Pulumi loaded.
 */
export function readStackInput(stack: string, configFile?: string): StackInput {
  const project = readProjectFile();
  const config = stackConfig(project, configFile ? path.resolve(configFile) : stackFilePath(stack));
  const region = typeof config["aws:region"] === "string" ? (config["aws:region"] as string) : DEFAULT_MOCK_ENVIRONMENT.region;
  const keys = secretKeys(config);
  const allConfig = engineConfig(config, region);
  const loaded = readConfigFrom({ project: project.name, stack, allConfig, isConfigSecret: (key) => keys.includes(key), projectDir: process.cwd() });
  return { project: project.name, stack, config, region, checked: { project: project.name, stack, allConfig, loaded } };
}
