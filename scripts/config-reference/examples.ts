import { stringify } from "yaml";
import { ConfigError, parseStackConfig } from "../../config";

const PROJECT = "microservice-gateway";
const CONFIG_KEY = `${PROJECT}:gateway`;

/** The smallest valid configuration, and one with two mistakes. */
const MINIMAL = { environment: "dev", owner: "platform-team", stages: { dev: {} } };
const BROKEN = { environment: "develop", owner: "platform-team", stages: { dev: { cache: { sizeGb: 2 } } } };

export interface ConfigExamples {
  /** The minimal configuration as a stack file writes it. */
  readonly minimalYaml: string;
  readonly brokenYaml: string;
  /** What the program answers to the broken one, word for word. */
  readonly brokenMessage: string;
}

const asStackFile = (gateway: unknown): string => stringify({ config: { [CONFIG_KEY]: gateway } }).trimEnd();

/** The reference's examples, checked by the program itself so they cannot go stale. */
export function configExamples(): ConfigExamples {
  const ctx = { project: PROJECT, stack: "dev" };
  parseStackConfig(ctx, MINIMAL);
  try {
    parseStackConfig(ctx, BROKEN);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { minimalYaml: asStackFile(MINIMAL), brokenYaml: asStackFile(BROKEN), brokenMessage: error.message };
  }
  throw new Error("the broken example configuration was accepted");
}
