import { spawn } from "child_process";
import { performance } from "perf_hooks";

export interface ChildResult {
  readonly stdout: string;
  /** Spawn until exit, as this process saw it. */
  readonly wallMs: number;
}

/** Runs a child process to completion; rejects with its stderr when it fails. */
export function runChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const wallMs = performance.now() - started;
      if (code === 0) resolve({ stdout, wallMs });
      else reject(new Error(`${[command, ...args].join(" ")} failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`));
    });
  });
}
