/** Where the test environment keeps the current test's output (see tests/setup/quiet-environment.ts). */
export const TEST_OUTPUT_KEY = "__gatewayTestOutput";

/**
 * A sink for output a test shows only when it fails: the twin's access log, the functions' own logs.
 * Without the quiet environment (a file run under another), lines go to stderr.
 */
export function testOutput(source: string): (line: string) => void {
  return (line) => {
    const buffer = (globalThis as Record<string, unknown>)[TEST_OUTPUT_KEY];
    if (Array.isArray(buffer)) buffer.push(`${source}: ${line}`);
    else process.stderr.write(`${source}: ${line}\n`);
  };
}
