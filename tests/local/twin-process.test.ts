import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * `npm start` as a process: every way of stopping it ends the twin and its DynamoDB Local JVM, and a
 * JVM that dies is reported at once with exit code 1. (`npm start` runs `exec node ...`, so npm's own
 * signals reach the twin; when npm is killed outright the twin notices its parent is gone.)
 */

const ROOT = path.resolve(__dirname, "..", "..");
/** The smallest stack: what the twin serves does not matter here, only how it starts and stops. */
const CLI = ["-r", "./scripts/register-typescript.cjs", "local/cli.ts", "--stack", "dev", "--config-file", "tests/fixtures/minimal.yaml", "--port", "0"];

interface Running {
  readonly child: ChildProcess;
  readonly twinPid: number;
  readonly jvmPid: number;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/** Whether `pid` runs (a zombie left for a parent that never reaps it counts as ended). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
};

/**
 * At most two twins start at once: six program evaluations and JVM start-ups together on two cores
 * (beside the other test worker) could outlast any deadline on a loaded machine.
 */
const starting = { running: 0, waiting: [] as (() => void)[] };
async function startSlot<T>(start: () => Promise<T>): Promise<T> {
  if (starting.running >= 2) await new Promise<void>((resolve) => starting.waiting.push(resolve));
  starting.running += 1;
  try {
    return await start();
  } finally {
    starting.running -= 1;
    starting.waiting.shift()?.();
  }
}

/** Starts `command args` and resolves once a twin inside it printed its ready banner (two starting at a time). */
const startCli = (command: string, args: readonly string[]): Promise<Running> => startSlot(() => startNow(command, args));

function startNow(command: string, args: readonly string[]): Promise<Running> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
  let text = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const pids = /twin pid (\d+), DynamoDB Local pid (\d+)/.exec(text);
      if (pids && text.includes("Ctrl-C stops it.")) resolve({ child, twinPid: Number(pids[1]), jvmPid: Number(pids[2]), stderr: () => text, exited });
    });
    void exited.then((code) => reject(new Error(`the twin exited (${code}) before it was ready:\n${text}`)));
  });
}

/** Resolves when `pid` no longer runs. */
async function gone(pid: number): Promise<void> {
  while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe("stopping the twin", () => {
  test.concurrent.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)(
    "%s to the twin ends it (exit 0) and its JVM",
    async (signal) => {
      const twin = await startCli(process.execPath, CLI);
      process.kill(twin.twinPid, signal);
      const code = await twin.exited;
      expect([
        code,
        twin
          .stderr()
          .split("\n")
          .filter((line) => line.startsWith("stopping the twin")),
      ]).toEqual([0, [`stopping the twin: ${signal}`]]);
      expect(alive(twin.jvmPid)).toBe(false);
    },
    240_000,
  );

  test.concurrent(
    "killing the process that started it (SIGKILL: it cannot pass anything on) ends the twin and its JVM",
    async () => {
      // A parent like npm: it starts the twin and stays until it is killed.
      const parent = `const c = require("child_process").spawn(process.execPath, ${JSON.stringify(CLI)}, { stdio: ["ignore", "ignore", "inherit"] }); setInterval(() => {}, 1000);`;
      const running = await startCli(process.execPath, ["-e", parent]);
      running.child.kill("SIGKILL");
      await gone(running.twinPid);
      await gone(running.jvmPid);
      expect([alive(running.twinPid), alive(running.jvmPid)]).toEqual([false, false]);
    },
    240_000,
  );

  test.concurrent(
    "SIGKILL to the twin (nothing can run then): its JVM goes too",
    async () => {
      const twin = await startCli(process.execPath, CLI);
      process.kill(twin.twinPid, "SIGKILL");
      await twin.exited;
      await gone(twin.jvmPid);
      expect(alive(twin.jvmPid)).toBe(false);
    },
    240_000,
  );

  test.concurrent(
    "DynamoDB Local dying is reported at once and the twin exits 1",
    async () => {
      const twin = await startCli(process.execPath, CLI);
      process.kill(twin.jvmPid, "SIGKILL");
      expect(await twin.exited).toBe(1);
      expect(twin.stderr()).toContain(
        `stopping the twin: DynamoDB Local stopped unexpectedly (pid ${twin.jvmPid} killed by SIGKILL); the twin cannot serve without it`,
      );
    },
    240_000,
  );
});
