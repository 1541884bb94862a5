/**
 * `node --import tsx tests/setup/capture-stack.ts <out file> <stack> [<config file>]`: runs the program
 * for the stack under mocks, as `npm run preview` does, and writes what it registered and exported.
 */
import * as fs from "fs";
import { runStack } from "../../preview/run-program";
import type { StackCapture } from "./stack-capture";
import { recordMeasures } from "./suite-timings";

async function main(): Promise<void> {
  const [file, stack, configFile] = process.argv.slice(2) as [string, string, string | undefined];
  const stopMeasures = recordMeasures("capture");
  const run = await runStack(stack, configFile);
  stopMeasures();
  const capture: StackCapture = { stack, configFile, region: run.region, resources: run.resources, outputs: run.outputs };
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify(capture));
  fs.renameSync(temporary, file);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
