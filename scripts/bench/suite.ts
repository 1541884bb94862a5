import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { DEFAULT_BUNDLE_CACHE_DIR } from "../../components/lambda/bundle-cache";
import { REPO_ROOT } from "../../config/paths";
import { CAPTURES_DIR } from "../../tests/setup/stack-capture";
import { SUITE_TIMINGS_ENV, type SuiteTiming } from "../../tests/setup/suite-timings";
import type { SuitePart, SuiteReport } from "./types";

interface JestResults {
  readonly success: boolean;
  readonly numTotalTestSuites: number;
  readonly numTotalTests: number;
  readonly numFailedTests: number;
  readonly testResults: readonly { readonly name: string; readonly startTime: number; readonly endTime: number }[];
}

/** Runs jest as `npm test` does, in a child process; resolves with its exit code and output. */
function runJest(env: NodeJS.ProcessEnv, resultsFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve("jest/bin/jest"), "--json", `--outputFile=${resultsFile}`], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-20_000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** jest's summary of the failing tests, or the end of its output. */
function failureSummary(output: string): string {
  const summary = output.lastIndexOf("Summary of all failing tests");
  return (summary >= 0 ? output.slice(summary) : output.split("\n").slice(-40).join("\n")).trim();
}

function part(timings: readonly SuiteTiming[], name: string, where?: string): SuitePart {
  const matching = timings.filter((t) => t.name === name && t.in === where);
  return { count: matching.length, ms: matching.reduce((sum, t) => sum + t.ms, 0) };
}

const sum = (a: SuitePart, b: SuitePart): SuitePart => ({ count: a.count + b.count, ms: a.ms + b.ms });

const entriesOf = (timings: readonly SuiteTiming[], name: string) =>
  timings.filter((t) => t.name === name).reduce((sum, t) => sum + ((t.detail as { entries?: number } | undefined)?.entries ?? 0), 0);

/**
 * `npm test` once, as a clean clone runs it (`cold`: no shared captures, no bundle cache) or as it
 * runs again with unchanged sources, with where its time went: the program's evaluations under mocks
 * (the shared captures of the global set-up, then the suites' own), DynamoDB Local, bundling.
 * Times of parts that overlap (test files run side by side) add up to more than the wall time.
 */
export async function measureSuite(cold: boolean, progress: (message: string) => void): Promise<SuiteReport> {
  if (cold) for (const dir of [CAPTURES_DIR, DEFAULT_BUNDLE_CACHE_DIR]) fs.rmSync(dir, { recursive: true, force: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-bench-suite-"));
  try {
    const timingsFile = path.join(dir, "timings.jsonl");
    const resultsFile = path.join(dir, "results.json");
    progress(`running npm test (${cold ? "cold: no shared captures, no bundle cache" : "warm"})`);
    const started = performance.now();
    const { code, output } = await runJest({ ...process.env, [SUITE_TIMINGS_ENV]: timingsFile }, resultsFile);
    const wallMs = performance.now() - started;
    if (!fs.existsSync(resultsFile)) throw new Error(`npm test did not finish (exit ${code}):\n${output}`);
    const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as JestResults;
    const timings = fs.existsSync(timingsFile)
      ? fs
          .readFileSync(timingsFile, "utf8")
          .split("\n")
          .filter((line) => line !== "")
          .map((line) => JSON.parse(line) as SuiteTiming)
      : [];
    const slowest = [...results.testResults]
      .map((r) => ({ file: path.relative(REPO_ROOT, r.name), ms: r.endTime - r.startTime }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    return {
      cold,
      wallMs,
      passed: results.success && code === 0,
      files: results.numTotalTestSuites,
      tests: results.numTotalTests,
      failedTests: results.numFailedTests,
      sharedCaptures: part(timings, "program: capture"),
      capturedStacks: timings
        .filter((t) => t.name === "program: capture")
        .reduce((sum, t) => sum + ((t.detail as { stacks?: number } | undefined)?.stacks ?? 0), 0),
      reusedCaptures: part(timings, "program: capture reused").count,
      evaluations: part(timings, "program: evaluation"),
      capturedEvaluations: part(timings, "program: evaluation", "capture"),
      dynamoDbStarts: part(timings, "dynamodb-local: start"),
      dynamoDbStops: part(timings, "dynamodb-local: stop"),
      esbuild: { ...sum(part(timings, "bundle: esbuild"), part(timings, "bundle: esbuild", "capture")), entries: entriesOf(timings, "bundle: esbuild") },
      bundleCache: {
        ...sum(part(timings, "bundle: cache read"), part(timings, "bundle: cache read", "capture")),
        entries: entriesOf(timings, "bundle: cache read"),
      },
      slowest,
      ...(results.success && code === 0 ? {} : { output: failureSummary(output) }),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
