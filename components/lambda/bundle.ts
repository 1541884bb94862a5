import * as esbuild from "esbuild";
import * as path from "path";

export const FUNCTIONS_ROOT = path.resolve(__dirname, "..", "..", "functions");

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
 * Bundles `functions/<entry>.ts` once per run: ESM for the Node.js Lambda runtime, minified, with an
 * external source map (the function runs with --enable-source-maps).
 */
export function bundleFunction(entry: string): FunctionBundle {
  const cached = cache.get(entry);
  if (cached) return cached;
  const result = esbuild.buildSync({
    entryPoints: [path.join(FUNCTIONS_ROOT, `${entry}.ts`)],
    outfile: BUNDLE_FILE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    minify: true,
    sourcemap: "external",
    sourcesContent: false,
    legalComments: "none",
    banner: { js: REQUIRE_SHIM },
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles.find((f) => f.path.endsWith(BUNDLE_FILE));
  const map = result.outputFiles.find((f) => f.path.endsWith(`${BUNDLE_FILE}.map`));
  if (!code || !map) throw new Error(`esbuild produced no bundle for functions/${entry}.ts`);
  const bundle = { entry, code: code.text, sourceMap: map.text, bytes: code.contents.byteLength };
  cache.set(entry, bundle);
  return bundle;
}
