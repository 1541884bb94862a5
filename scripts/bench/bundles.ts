import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { BUNDLE_FILE, buildBundles, createBundler, type FunctionBundle } from "../../components/lambda/bundle";
import { FUNCTIONS_DIR } from "../../config/paths";
import { runChild } from "./child";
import { handlerEntries } from "./entries";
import { summarize, verdict } from "./stats";
import type { BuildTimes, BundleReport, Targets } from "./types";

/** Imports the file named by argv[1] and prints how long `await import()` took, in ms. */
const IMPORT_TIMER = [
  'import { pathToFileURL } from "node:url";',
  "const t0 = performance.now();",
  "await import(pathToFileURL(process.argv[1]).href);",
  "process.stdout.write(String(performance.now() - t0));",
].join("\n");

/** A clean environment, so the caller's NODE_OPTIONS or loaders do not affect the timing. */
const IMPORT_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  AWS_REGION: "us-east-1",
  ITEMS_TABLE_NAME: "bench-items",
  GREETING: "hello",
};

async function importMs(file: string, sourceMaps: boolean): Promise<number> {
  const flags = sourceMaps ? ["--enable-source-maps"] : [];
  const { stdout } = await runChild(process.execPath, [...flags, "--input-type=module", "-e", IMPORT_TIMER, file], IMPORT_ENV, path.dirname(file));
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`import timer printed ${JSON.stringify(stdout)} for ${file}`);
  return ms;
}

/** Bundles every handler entry, writes it as `index.mjs` (+ map) and times its import `runs` times each way. */
export async function measureBundles(targets: Targets, runs: number, progress: (message: string) => void): Promise<BundleReport[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-bench-"));
  try {
    const reports: BundleReport[] = [];
    for (const entry of handlerEntries(FUNCTIONS_DIR)) {
      progress(`bundling and loading functions/${entry}.ts`);
      const t = performance.now();
      const { bundle } = buildBundles([entry])[0] as { bundle: FunctionBundle };
      const bundleMs = performance.now() - t;
      const out = path.join(dir, entry.replace(/\//g, "-"));
      fs.mkdirSync(out);
      const file = path.join(out, BUNDLE_FILE);
      fs.writeFileSync(file, bundle.code);
      fs.writeFileSync(`${file}.map`, bundle.sourceMap);
      const withMaps: number[] = [];
      const withoutMaps: number[] = [];
      for (let i = 0; i < runs; i++) {
        withMaps.push(await importMs(file, true));
        withoutMaps.push(await importMs(file, false));
      }
      const loadMs = summarize(withMaps);
      reports.push({
        entry,
        bytes: bundle.bytes,
        sourceMapBytes: Buffer.byteLength(bundle.sourceMap),
        bundleMs,
        loadMs,
        loadMsWithoutSourceMaps: summarize(withoutMaps),
        sizeVerdict: verdict(bundle.bytes, targets.bundleBytes),
        loadVerdict: verdict(loadMs.median, targets.loadMs),
      });
    }
    return reports;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every handler bundled in one build into an empty cache (cold), then read back by a new bundler (warm). */
export function measureBuilds(progress: (message: string) => void): BuildTimes {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-bench-cache-"));
  try {
    const entries = handlerEntries(FUNCTIONS_DIR);
    progress(`bundling ${entries.length} entries cold and warm`);
    let t = performance.now();
    createBundler(dir).bundle(entries);
    const coldMs = performance.now() - t;
    t = performance.now();
    createBundler(dir).bundle(entries);
    return { entries: entries.length, coldMs, warmMs: performance.now() - t };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
