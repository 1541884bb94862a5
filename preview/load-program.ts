import type { StackRun } from "./run-program";

/**
 * `runStack`, with the program, Pulumi and the pack loaded only when a stack is run: a command's
 * `--help` and usage errors answer without them (about 0.7 s of CPU each), and a stack file that is
 * no valid YAML or an invalid configuration fails before Pulumi is loaded (about 1.5 s).
 */
export async function runStack(stack: string, configFile?: string): Promise<StackRun> {
  const { readStackInput } = await import("./stack-input");
  const input = readStackInput(stack, configFile);
  const program = await import("./run-program");
  return program.runStackInput(input);
}
