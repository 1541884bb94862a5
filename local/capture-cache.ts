import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT, programSourcesHash } from "../preview/program-sources";
import type { RecordedResource } from "../preview/mocks";

/**
 * What the program registered for a stack, kept on disk between starts of the twin: the program runs
 * under mocks only when something it can depend on changed (any file of the repository, the Node.js
 * version: preview/program-sources.ts; the stack; a config file given from elsewhere, by its content).
 * A start that finds its capture loads neither Pulumi nor the program (about 2.5 s of a start).
 */

/** One file per capture key; files unused for a week are removed. */
export const TWIN_CAPTURES_DIR = path.join(REPO_ROOT, "node_modules", ".cache", "microservice-gateway", "twin-captures");
const KEEP_MS = 7 * 24 * 3600 * 1000;

export interface CapturedRun {
  readonly region: string;
  readonly resources: readonly RecordedResource[];
}

/** The key of a stack's capture: the program's sources, the stack, and the config file's path and content when one is given. */
export function captureKey(stack: string, configFile: string | undefined): string {
  const hash = createHash("sha256").update(programSourcesHash()).update(`\0${stack}\0`);
  if (configFile !== undefined) {
    const file = path.resolve(configFile);
    hash.update(file).update("\0").update(fs.readFileSync(file));
  }
  return hash.digest("hex").slice(0, 32);
}

const fileOf = (key: string, dir: string) => path.join(dir, `${key}.json`);

export function readCapture(key: string, dir = TWIN_CAPTURES_DIR): CapturedRun | undefined {
  try {
    const run = JSON.parse(fs.readFileSync(fileOf(key, dir), "utf8")) as CapturedRun;
    if (typeof run.region !== "string" || !Array.isArray(run.resources)) return undefined;
    const now = new Date();
    fs.utimesSync(fileOf(key, dir), now, now);
    return run;
  } catch {
    return undefined;
  }
}

/** Writes a capture (a whole file or none: written aside, then renamed) and removes stale ones. Never throws: the cache is only a shortcut. */
export function writeCapture(key: string, run: CapturedRun, dir = TWIN_CAPTURES_DIR): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const file = fileOf(key, dir);
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, JSON.stringify({ region: run.region, resources: run.resources }));
    fs.renameSync(partial, file);
    const now = Date.now();
    for (const name of fs.readdirSync(dir)) {
      const other = path.join(dir, name);
      if (other !== file && now - fs.statSync(other).mtimeMs > KEEP_MS) fs.rmSync(other, { force: true });
    }
  } catch {
    // A read-only or full disk: the next start runs the program again.
  }
}

/**
 * The stack's resources and region: from the capture cache, else by running the program under mocks
 * (Pulumi and the program are loaded only then) and keeping what it registered.
 */
export async function captureRun(stack: string, configFile: string | undefined): Promise<CapturedRun> {
  const key = captureKey(stack, configFile);
  const cached = readCapture(key);
  if (cached) return cached;
  const { runStack } = await import("../preview/run-program");
  const run = await runStack(stack, configFile);
  const captured = { region: run.region, resources: run.resources };
  writeCapture(key, captured);
  return captured;
}
