/**
 * `node -r ./scripts/register-typescript.cjs tests/setup/capture-stack.ts '<jobs as JSON>'`: for each job (a stack, maybe a
 * config file, and the file to write), runs the program under mocks as `npm run preview` does and
 * writes what it registered and exported. One process for every stack: loading the program's
 * dependencies and bundling the functions are paid once. Exits 1 if a stack could not be captured.
 */
import * as fs from "fs";
import { runStack } from "../../preview/run-program";
import { forgetRepositoryModules } from "./program-sources";
import type { CaptureJob, StackCapture } from "./stack-capture";
import { recordMeasures } from "./suite-timings";

/**
 * Folders whose modules keep nothing of a run (the functions' bundles and the templates are memoized by
 * their sources): loaded once for every job. The program's entry and the files beside it load afresh.
 */
const STATELESS_FOLDERS = ["components", "config", "functions", "vtl"];

async function capture({ spec, file }: CaptureJob): Promise<void> {
  const run = await runStack(spec.stack, spec.configFile, spec.lambdaVersion);
  const captured: StackCapture = { stack: spec.stack, configFile: spec.configFile, region: run.region, resources: run.resources, outputs: run.outputs };
  const temporary = `${file}.${process.pid}`;
  fs.writeFileSync(temporary, JSON.stringify(captured));
  fs.renameSync(temporary, file);
}

async function main(): Promise<number> {
  const jobs = JSON.parse(process.argv[2] ?? "[]") as CaptureJob[];
  const stopMeasures = recordMeasures("capture");
  let failed = 0;
  for (const [i, job] of jobs.entries()) {
    if (i > 0) forgetRepositoryModules(STATELESS_FOLDERS);
    try {
      await capture(job);
    } catch (error) {
      failed++;
      process.stderr.write(
        `${job.spec.stack}${job.spec.configFile ? ` (${job.spec.configFile})` : ""}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
  }
  stopMeasures();
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
