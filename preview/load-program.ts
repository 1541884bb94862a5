import type { StackRun } from "./run-program";

/**
 * `runStack`, with the program, Pulumi and the pack loaded only when a stack is run: a command's
 * `--help` and usage errors answer without loading them (about 0.7 s of CPU each).
 */
export async function runStack(stack: string, configFile?: string): Promise<StackRun> {
  const program = await import("./run-program");
  return program.runStack(stack, configFile);
}
