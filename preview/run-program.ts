import * as path from "path";
import { installMocks, type RecordedResource } from "./mocks";
import { DEFAULT_MOCK_ENVIRONMENT } from "./mock-state";
import { REPO_ROOT, readProjectFile, stackConfig, stackFilePath } from "./stack-files";
import { resumeStackTraces } from "./stack-traces";

export interface ProgramOptions {
  readonly project: string;
  readonly stack: string;
  /** Every config value, keyed `namespace:key`. */
  readonly config: Record<string, unknown>;
}

/**
 * Runs the real program (index.ts) under Pulumi mocks and returns every resource it registered.
 * Pulumi's runtime state is global: one program run per process.
 */
export async function runProgram(opts: ProgramOptions): Promise<RecordedResource[]> {
  const region = typeof opts.config["aws:region"] === "string" ? (opts.config["aws:region"] as string) : DEFAULT_MOCK_ENVIRONMENT.region;
  const recorder = await installMocks({
    project: opts.project,
    stack: opts.stack,
    config: opts.config,
    environment: { ...DEFAULT_MOCK_ENVIRONMENT, region },
  });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(REPO_ROOT, "index"));
    return await recorder.settled();
  } finally {
    resumeStackTraces();
  }
}

export interface StackRun {
  readonly project: string;
  readonly region: string;
  readonly resources: RecordedResource[];
}

/**
 * Runs the program for a stack, with its configuration from `Pulumi.<stack>.yaml` (or `configFile`,
 * a file of the same format) over the project's. Anything the program writes to stdout goes to
 * stderr instead, so the commands' own stdout carries only their output. A ConfigError propagates.
 */
export async function runStack(stack: string, configFile?: string): Promise<StackRun> {
  const project = readProjectFile();
  const config = stackConfig(project, configFile ? path.resolve(configFile) : stackFilePath(stack));
  const region = typeof config["aws:region"] === "string" ? (config["aws:region"] as string) : DEFAULT_MOCK_ENVIRONMENT.region;
  const log = console.log;
  console.log = (...parts: unknown[]) => process.stderr.write(`${parts.map(String).join(" ")}\n`);
  try {
    return { project: project.name, region, resources: await runProgram({ project: project.name, stack, config }) };
  } finally {
    console.log = log;
  }
}
