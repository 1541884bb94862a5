import * as path from "path";
import { FUNCTIONS_DIR } from "../config/paths";

/**
 * Where a bundle of functions/ came from, read from its source map: esbuild names the sources
 * relative to `functions/.bundles/<entry>/` (where the bundle would be written), the entry last.
 */

/** Where a function's code comes from: its bundle's entry under functions/ (if any) and every source file (absolute). */
export interface FunctionSources {
  readonly entry: string | undefined;
  readonly sources: readonly string[];
}

const BUNDLES_DIR = path.join(FUNCTIONS_DIR, ".bundles");

/**
 * The entry and sources of a bundle from its source map: the map names its sources relative to
 * `functions/.bundles/<entry>/`, the entry last (esbuild emits the entry module after its imports).
 */
export function bundleSources(sourceMap: string): FunctionSources | undefined {
  let sources: unknown;
  try {
    sources = (JSON.parse(sourceMap) as { sources?: unknown }).sources;
  } catch {
    return undefined;
  }
  if (!Array.isArray(sources)) return undefined;
  const own = sources.map(String).filter((s) => !s.includes("node_modules/"));
  const last = own[own.length - 1];
  if (last === undefined) return undefined;
  const up = /^((?:\.\.\/)+)(.+)\.ts$/.exec(last);
  if (!up) return undefined;
  const entry = up[2] as string;
  // functions/.bundles/<entry>/ is one folder deeper than the entry has segments.
  if ((up[1] as string).length / 3 !== entry.split("/").length + 1) return undefined;
  const outDir = path.join(BUNDLES_DIR, entry);
  return { entry, sources: own.map((s) => path.resolve(outDir, s)) };
}

/**
 * The source map with every source as an absolute path: the twin writes bundles to a temporary folder,
 * where the relative paths would lead nowhere (stack traces and debuggers need the real files).
 */
export function withAbsoluteSources(sourceMap: string): string {
  const traced = bundleSources(sourceMap);
  if (!traced?.entry) return sourceMap;
  const map = JSON.parse(sourceMap) as { sources: string[] };
  const outDir = path.join(BUNDLES_DIR, traced.entry);
  return JSON.stringify({ ...map, sources: map.sources.map((s) => path.resolve(outDir, s)) });
}
