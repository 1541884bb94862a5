import * as esbuild from "esbuild";
import * as path from "path";
import { performance } from "perf_hooks";

import { FUNCTIONS_DIR, REPO_ROOT } from "../../config/paths";
import { BundleCache, DEFAULT_BUNDLE_CACHE_DIR, sourceHashes } from "./bundle-cache";

/** ESM bundles use `require` for the CommonJS parts of their dependencies; Node's ESM has none. */
const REQUIRE_SHIM = "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);";

export const BUNDLE_FILE = "index.mjs";
export const HANDLER = "index.handler";

export interface FunctionBundle {
  readonly entry: string;
  readonly code: string;
  readonly sourceMap: string;
  readonly bytes: number;
}

/**
 * ESM for the Node.js Lambda runtime, minified, with a linked source map (functions run with
 * --enable-source-maps). Part of every cached bundle's key.
 */
const BUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  // ESM builds of dependencies first: the AWS SDK tree-shakes from about 550 KB to about 350 KB.
  mainFields: ["module", "main"],
  format: "esm",
  target: "node22",
  minify: true,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "none",
  banner: { js: REQUIRE_SHIM },
  outExtension: { ".js": ".mjs" },
} satisfies esbuild.BuildOptions;

const OUTDIR = path.join(FUNCTIONS_DIR, ".bundles");
const entryPath = (entry: string) =>
  path
    .relative(REPO_ROOT, path.join(FUNCTIONS_DIR, `${entry}.ts`))
    .split(path.sep)
    .join("/");

/** The repository files an entry's bundle was built from: everything it imports, dependencies aside. */
function sourcesOf(entry: string, metafile: esbuild.Metafile): string[] {
  const seen = new Set<string>();
  const pending = [entryPath(entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file) || file.includes("node_modules/")) continue;
    seen.add(file);
    for (const imported of metafile.inputs[file]?.imports ?? []) if (!imported.external) pending.push(imported.path);
  }
  return [...seen].sort();
}

/** Builds `entries` in one esbuild build: shared modules such as the AWS SDK are parsed once for all. */
export function buildBundles(entries: readonly string[]): { bundle: FunctionBundle; sources: string[] }[] {
  const result = esbuild.buildSync({
    ...BUILD_OPTIONS,
    // Each output is `<entry>/index.mjs`, so its source map comment names `index.mjs.map`.
    entryPoints: Object.fromEntries(entries.map((e) => [`${e}/index`, path.join(FUNCTIONS_DIR, `${e}.ts`)])),
    outdir: OUTDIR,
    absWorkingDir: REPO_ROOT,
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const output = (file: string) => {
    const found = result.outputFiles.find((f) => f.path === file);
    if (!found) throw new Error(`esbuild produced no ${path.relative(FUNCTIONS_DIR, file)}`);
    return found;
  };
  return entries.map((entry) => {
    const code = output(path.join(OUTDIR, entry, BUNDLE_FILE));
    const map = output(path.join(OUTDIR, entry, `${BUNDLE_FILE}.map`));
    return { bundle: { entry, code: code.text, sourceMap: map.text, bytes: code.contents.byteLength }, sources: sourcesOf(entry, result.metafile) };
  });
}

export interface Bundler {
  /** Bundles, in the order of `entries`: from this process's memory, else the disk cache, else esbuild. */
  bundle(entries: readonly string[]): FunctionBundle[];
  /** Drops the bundles kept in memory: the next `bundle` checks the disk cache's sources again (the twin's --watch). */
  forget(): void;
}

/** A bundler over the cache in `cacheDir`; each bundler keeps its own bundles in memory. */
export function createBundler(cacheDir = DEFAULT_BUNDLE_CACHE_DIR): Bundler {
  const cache = new BundleCache(cacheDir, { ...BUILD_OPTIONS, esbuild: esbuild.version });
  const memory = new Map<string, FunctionBundle>();
  return {
    bundle(entries) {
      const wanted = [...new Set(entries)].filter((e) => !memory.has(e));
      const missing: string[] = [];
      // Measured for `npm run bench -- --suite`.
      let started = performance.now();
      for (const entry of wanted) {
        const cached = cache.read(entry);
        if (cached) memory.set(entry, { entry, code: cached.code, sourceMap: cached.sourceMap, bytes: Buffer.byteLength(cached.code) });
        else missing.push(entry);
      }
      if (wanted.length > missing.length) performance.measure("bundle: cache read", { start: started, detail: { entries: wanted.length - missing.length } });
      if (missing.length > 0) {
        started = performance.now();
        for (const { bundle, sources } of buildBundles(missing)) {
          memory.set(bundle.entry, bundle);
          cache.write(bundle.entry, { code: bundle.code, sourceMap: bundle.sourceMap, sources: sourceHashes(sources) });
        }
        performance.measure("bundle: esbuild", { start: started, detail: { entries: missing.length } });
      }
      return entries.map((e) => memory.get(e) as FunctionBundle);
    },
    forget: () => memory.clear(),
  };
}

const shared = createBundler();

/** Bundles `functions/<entry>.ts` for each entry, once per process and, while its sources are unchanged, once per machine. */
export function bundleFunctions(entries: readonly string[]): FunctionBundle[] {
  return shared.bundle(entries);
}

/** Forgets this process's bundles: the next call rebuilds an entry whose sources changed (and reads the others from disk). */
export function forgetBundles(): void {
  shared.forget();
}

export function bundleFunction(entry: string): FunctionBundle {
  return bundleFunctions([entry])[0] as FunctionBundle;
}
