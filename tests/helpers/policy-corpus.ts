/**
 * `node -r ./scripts/register-typescript.cjs tests/helpers/policy-corpus.ts <dir>...`: what
 * `npm run policy -- --program <dir> --json` prints and exits with, for each program, in one process
 * (the CLI's own `checkProgram`, each program and this repository's modules loaded afresh; the
 * dependencies, which cost most of a process's start, loaded once). Prints one JSON array.
 */
import type { checkProgram } from "../../preview/policy-cli";
import { forgetRepositoryModules } from "../setup/program-sources";

export interface CorpusRun {
  readonly program: string;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function main(programs: readonly string[]): Promise<CorpusRun[]> {
  const runs: CorpusRun[] = [];
  for (const program of programs) {
    forgetRepositoryModules();
    // Loaded afresh, as the CLI would be: the pack and the mocks keep no state from the program before.
    const { checkProgram: check } = require("../../preview/policy-cli") as { checkProgram: typeof checkProgram };
    const { code, stdout, stderr } = await check({ program, stack: "dev", configFile: undefined, json: true }).catch((error: unknown) => ({
      code: 1,
      stdout: "",
      stderr: `policy check failed: ${error instanceof Error ? error.message : String(error)}\n`,
    }));
    runs.push({ program, status: code, stdout, stderr });
  }
  return runs;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (runs) => process.stdout.write(`${JSON.stringify(runs)}\n`, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
