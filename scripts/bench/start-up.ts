import { spawn } from "child_process";
import * as path from "path";
import { performance } from "perf_hooks";
import type { StartUpReport, StartUpRun } from "./types";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const READY = /ready in ([0-9.]+) s/;
/** How long one start may take before the run counts as failed. */
const START_TIMEOUT_MS = 60_000;

/**
 * `npm start -- --port 0` once: the time from spawning npm to the twin's ready banner on stderr (what
 * a developer waits for), and the figure the banner itself prints (from the twin's first line of code).
 * The twin is then stopped with SIGINT, as Ctrl-C stops it.
 */
function startOnce(): Promise<StartUpRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("npm", ["start", "--silent", "--", "--port", "0"], { cwd: REPO_ROOT, env: process.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let result: StartUpRun | undefined;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`npm start printed no ready banner within ${START_TIMEOUT_MS} ms:\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      const match = READY.exec(stderr);
      if (result === undefined && match) {
        result = { bannerMs: performance.now() - started, reportedMs: Number(match[1]) * 1000 };
        clearTimeout(timer);
        child.kill("SIGINT");
        // npm passes SIGINT on to the twin; should anything hang, it is killed.
        setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
      }
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`npm start ended (${signal ?? `exit ${code}`}) before its ready banner:\n${stderr}`));
    });
  });
}

/**
 * `npm start`'s time to its ready banner, `runs` times after one unmeasured start (which fills the
 * on-disk bundle cache, as a developer's earlier run has). Nothing else of the bench runs meanwhile.
 */
export async function measureStartUp(runs: number, progress: (message: string) => void): Promise<StartUpReport> {
  progress("start-up: npm start once to warm the bundle cache");
  await startOnce();
  const measured: StartUpRun[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`start-up: npm start ${i + 1} of ${runs}`);
    measured.push(await startOnce());
  }
  return { runs: measured };
}
