import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import type { RecordedResource } from "../../preview/mocks";
import { REPO_ROOT, programSourcesHash } from "./program-sources";

/** What one run of the program under mocks registered and exported: written once, read by every suite. */
export interface StackCapture {
  readonly stack: string;
  /** The config file the stack ran with instead of `Pulumi.<stack>.yaml`, relative to the repository. */
  readonly configFile: string | undefined;
  readonly region: string;
  readonly resources: RecordedResource[];
  readonly outputs: Record<string, unknown>;
}

export interface CaptureSpec {
  readonly stack: string;
  readonly configFile?: string;
  /** The version the mocks answer for a published function (their default: "1"). */
  readonly lambdaVersion?: string;
}

export interface CaptureJob {
  readonly spec: CaptureSpec;
  /** Where its capture is written. */
  readonly file: string;
}

/** Captures live between runs, one folder per hash of the program's sources (see program-sources.ts). */
export const CAPTURES_DIR = path.join(REPO_ROOT, "node_modules", ".cache", "microservice-gateway", "captures");
/** Folders of other hashes unused for this long are removed; their variants (about 13 MB each for prod) at once. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

export const captureFolder = (hash: string) => path.join(CAPTURES_DIR, hash);

export function captureFile(folder: string, spec: CaptureSpec): string {
  const config = spec.configFile ? `.${spec.configFile.replace(/[^A-Za-z0-9_.-]+/g, "_")}` : "";
  return path.join(folder, `${spec.stack}${config}.json`);
}

/**
 * Runs the program for each job in one child process (Pulumi's runtime state is global; the child
 * loads the program afresh for each stack) and writes their captures; rejects naming every stack
 * that could not be captured, with the program's error.
 */
export function runCaptures(jobs: readonly CaptureJob[]): Promise<void> {
  if (jobs.length === 0) return Promise.resolve();
  const started = performance.now();
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", "./scripts/register-typescript.cjs", path.join(__dirname, "capture-stack.ts"), JSON.stringify(jobs)], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const missing = jobs.filter((job) => !fs.existsSync(job.file)).map(({ spec }) => `${spec.stack}${spec.configFile ? ` (${spec.configFile})` : ""}`);
      if (code === 0 && missing.length === 0) resolve();
      else reject(new Error(`could not capture ${missing.join(", ") || "the stacks"} (${signal ?? `exit ${code}`}):\n${stderr.trim()}`));
    });
  }).finally(() => performance.measure("program: capture", { start: started, detail: { stacks: jobs.length } }));
}

/**
 * Makes sure every spec has a capture for the program's current sources, running the missing ones
 * in one child process; returns the folder. A capture that fails is not written: the suites that
 * read it run the program themselves and fail with its error.
 */
export async function prepareCaptures(specs: readonly CaptureSpec[]): Promise<string> {
  const folder = captureFolder(programSourcesHash());
  fs.mkdirSync(folder, { recursive: true });
  const now = new Date();
  fs.utimesSync(folder, now, now);
  for (const other of fs.readdirSync(CAPTURES_DIR)) {
    const dir = path.join(CAPTURES_DIR, other);
    if (dir === folder) continue;
    if (now.getTime() - fs.statSync(dir).mtimeMs > KEEP_MS) fs.rmSync(dir, { recursive: true, force: true });
    else fs.rmSync(path.join(dir, "variants"), { recursive: true, force: true });
  }
  const missing = specs.filter((s) => !fs.existsSync(captureFile(folder, s)));
  for (const spec of specs) if (!missing.includes(spec)) performance.measure("program: capture reused", { start: performance.now(), detail: spec });
  await runCaptures(missing.map((spec) => ({ spec, file: captureFile(folder, spec) }))).catch(() => undefined);
  return folder;
}
