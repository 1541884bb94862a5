import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, type RecordedResource } from "./mocks";
import { DEFAULT_MOCK_ENVIRONMENT } from "./mock-state";
import { REPO_ROOT, readProjectFile, secretKeys, stackConfig, stackFilePath } from "./stack-files";
import { endEvaluation } from "./evaluation";

export interface ProgramOptions {
  readonly project: string;
  readonly stack: string;
  /** Every config value, keyed `namespace:key`. */
  readonly config: Record<string, unknown>;
  /** The version a function with `publish: true` reports (see `MockEnvironment`). */
  readonly lambdaVersion?: string;
}

export interface ProgramRun {
  readonly resources: RecordedResource[];
  /** The stack outputs (index.ts's exports), resolved; secrets in the clear. */
  readonly outputs: Record<string, unknown>;
}

/** The resolved value of every output a module exports. */
function resolveOutputs(exports: Record<string, unknown>): Promise<Record<string, unknown>> {
  const outputs = Object.fromEntries(Object.entries(exports).filter(([name]) => name !== "__esModule"));
  return new Promise((resolve) => pulumi.output(outputs).apply((values) => resolve(values as Record<string, unknown>)));
}

/**
 * Runs the real program (index.ts) under Pulumi mocks and returns every resource it registered.
 * Pulumi's runtime state is global: one program run per process.
 */
export async function runProgram(opts: ProgramOptions): Promise<RecordedResource[]> {
  return (await evaluateProgram(opts)).resources;
}

/** `runProgram`, with the stack outputs. */
export async function evaluateProgram(opts: ProgramOptions): Promise<ProgramRun> {
  const region = typeof opts.config["aws:region"] === "string" ? (opts.config["aws:region"] as string) : DEFAULT_MOCK_ENVIRONMENT.region;
  const recorder = await installMocks({
    project: opts.project,
    stack: opts.stack,
    config: opts.config,
    secretKeys: secretKeys(opts.config),
    environment: { ...DEFAULT_MOCK_ENVIRONMENT, region, lambdaVersion: opts.lambdaVersion },
  });
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(path.join(REPO_ROOT, "index")) as Record<string, unknown>;
    const resources = await recorder.settled();
    return { resources, outputs: await resolveOutputs(exports) };
  } finally {
    endEvaluation();
  }
}

export interface StackRun extends ProgramRun {
  readonly project: string;
  readonly region: string;
  /** What the program logged with `pulumi.log.warn` (the config's warnings), as `pulumi preview` shows them. */
  readonly warnings: string[];
}

/** How `pulumi.log.warn` writes when no engine is attached, as under the mocks. */
const RUNTIME_WARNING = "warning: [runtime] ";

/**
 * Runs the program for a stack, with its configuration from `Pulumi.<stack>.yaml` (or `configFile`,
 * a file of the same format) over the project's. Anything the program writes to stdout goes to
 * stderr instead, so the commands' own stdout carries only their output; its runtime warnings are
 * collected. A ConfigError (an invalid config, or a stack file that is no valid YAML) propagates.
 * `lambdaVersion` is the version the mocks answer for a published function (tests of canary weights).
 */
export async function runStack(stack: string, configFile?: string, lambdaVersion?: string): Promise<StackRun> {
  const project = readProjectFile();
  const config = stackConfig(project, configFile ? path.resolve(configFile) : stackFilePath(stack));
  const region = typeof config["aws:region"] === "string" ? (config["aws:region"] as string) : DEFAULT_MOCK_ENVIRONMENT.region;
  const log = console.log;
  const warn = console.warn;
  const warnings: string[] = [];
  console.log = (...parts: unknown[]) => process.stderr.write(`${parts.map(String).join(" ")}\n`);
  console.warn = (...parts: unknown[]) => {
    const text = parts.map(String).join(" ");
    if (text.startsWith(RUNTIME_WARNING)) warnings.push(text.slice(RUNTIME_WARNING.length));
    else process.stderr.write(`${text}\n`);
  };
  try {
    return { project: project.name, region, ...(await evaluateProgram({ project: project.name, stack, config, lambdaVersion })), warnings };
  } finally {
    console.log = log;
    console.warn = warn;
  }
}
