import * as esbuild from "esbuild";
import * as path from "path";

import { FUNCTIONS_DIR } from "../../config/paths";

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

const cache = new Map<string, FunctionBundle>();

/**
 * Bundles `functions/<entry>.ts` for each entry not bundled yet in this run, in one esbuild build
 * (shared modules such as the AWS SDK are parsed once for all of them): ESM for the Node.js Lambda
 * runtime, minified, with a linked source map (functions run with --enable-source-maps).
 */
export function bundleFunctions(entries: readonly string[]): FunctionBundle[] {
  const missing = [...new Set(entries)].filter((e) => !cache.has(e));
  if (missing.length > 0) {
    const outdir = path.join(FUNCTIONS_DIR, ".bundles");
    const result = esbuild.buildSync({
      // Each output is `<entry>/index.mjs`, so its source map comment names `index.mjs.map`.
      entryPoints: Object.fromEntries(missing.map((e) => [`${e}/index`, path.join(FUNCTIONS_DIR, `${e}.ts`)])),
      outdir,
      outExtension: { ".js": ".mjs" },
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
      write: false,
      logLevel: "silent",
    });
    const output = (file: string) => {
      const found = result.outputFiles.find((f) => f.path === file);
      if (!found) throw new Error(`esbuild produced no ${path.relative(FUNCTIONS_DIR, file)}`);
      return found;
    };
    for (const entry of missing) {
      const code = output(path.join(outdir, entry, BUNDLE_FILE));
      const map = output(path.join(outdir, entry, `${BUNDLE_FILE}.map`));
      cache.set(entry, { entry, code: code.text, sourceMap: map.text, bytes: code.contents.byteLength });
    }
  }
  return entries.map((e) => cache.get(e) as FunctionBundle);
}

export function bundleFunction(entry: string): FunctionBundle {
  return bundleFunctions([entry])[0] as FunctionBundle;
}
