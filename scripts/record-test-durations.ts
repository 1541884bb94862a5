/**
 * `node -r ./scripts/register-typescript.cjs scripts/record-test-durations.ts <jest --json report>`:
 * writes tests/setup/test-durations.json, the seconds each test file took, which the test sequencer
 * (tests/setup/test-sequencer.cjs) uses to start the slowest files first until jest has timings of its own.
 */
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../config/paths";
import { parseOrExit } from "../preview/cli-args";

export const DURATIONS_FILE = path.join(REPO_ROOT, "tests", "setup", "test-durations.json");

export const RECORD_DURATIONS_HELP = `usage: node -r ./scripts/register-typescript.cjs scripts/record-test-durations.ts <report.json>

Writes tests/setup/test-durations.json from a jest report (npx jest --json --outputFile=<report.json>):
each test file's duration in seconds, by path. Record it from a whole run on a 2-core machine after
adding or much changing a slow file; until jest has timings of its own (a clean clone), the suite starts
the files in that order, the slowest first.

Exit status: 0 written, 1 the report cannot be read, 2 bad usage.`;

interface JestReport {
  readonly testResults: readonly { readonly name: string; readonly startTime: number; readonly endTime: number }[];
}

export function parseRecordDurationsArgs(argv: readonly string[]): "help" | { readonly report: string } {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  if (argv.length !== 1 || argv[0]!.startsWith("-"))
    throw new Error("expected one argument, the jest report; usage: scripts/record-test-durations.ts <report.json>");
  return { report: argv[0]! };
}

/** Each file's duration in seconds (one decimal), keyed by its path from `root` with forward slashes, sorted by path. */
export function durationsFromReport(report: JestReport, root: string): Record<string, number> {
  const rows = report.testResults.map(
    (r) => [path.relative(root, r.name).split(path.sep).join("/"), Math.round((r.endTime - r.startTime) / 100) / 10] as const,
  );
  return Object.fromEntries(rows.sort(([a], [b]) => (a < b ? -1 : 1)));
}

function main(): number {
  const parsed = parseOrExit(process.argv.slice(2), parseRecordDurationsArgs, RECORD_DURATIONS_HELP);
  if ("exit" in parsed) return parsed.exit;
  let report: JestReport;
  try {
    report = JSON.parse(fs.readFileSync(parsed.args.report, "utf8")) as JestReport;
  } catch (error) {
    console.error(`could not read the jest report ${parsed.args.report}: ${(error as Error).message}`);
    return 1;
  }
  const durations = durationsFromReport(report, REPO_ROOT);
  fs.writeFileSync(DURATIONS_FILE, `${JSON.stringify(durations, null, 2)}\n`);
  console.log(`wrote ${path.relative(REPO_ROOT, DURATIONS_FILE)}: ${Object.keys(durations).length} files`);
  return 0;
}

if (require.main === module) process.exitCode = main();
