import "./deferred-sdk-parts";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, type RecordedResource } from "./mocks";
import { DEFAULT_MOCK_ENVIRONMENT } from "./mock-state";
import { REPO_ROOT, secretKeys } from "./stack-files";
import { endEvaluation } from "./evaluation";
import type { CheckedConfig } from "../load-config";
import { readStackInput, type StackInput } from "./stack-input";

export interface ProgramOptions {
  readonly project: string;
  readonly stack: string;
  /** Every config value, keyed `namespace:key`. */
  readonly config: Record<string, unknown>;
  /** The program's configuration, already checked from these values (preview/stack-input.ts): not checked again. */
  readonly checked?: CheckedConfig;
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
  // The instance of load-config.ts that index.ts is about to load (the program's modules may have been loaded afresh).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loadConfig = require(path.join(REPO_ROOT, "load-config")) as typeof import("../load-config");
  loadConfig.handOverCheckedConfig(opts.checked);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(path.join(REPO_ROOT, "index")) as Record<string, unknown>;
    const resources = await recorder.settled();
    return { resources, outputs: await resolveOutputs(exports) };
  } finally {
    loadConfig.handOverCheckedConfig(undefined);
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
  return runStackInput(readStackInput(stack, configFile), lambdaVersion);
}

/** `runStack`, for a configuration already read and checked (preview/load-program.ts reads it before loading Pulumi). */
export async function runStackInput(input: StackInput, lambdaVersion?: string): Promise<StackRun> {
  const { project, stack, config, region, checked } = input;
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
    return { project, region, ...(await evaluateProgram({ project, stack, config, checked, lambdaVersion })), warnings };
  } finally {
    console.log = log;
    console.warn = warn;
  }
}
