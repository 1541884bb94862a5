import * as fs from "fs";
import * as path from "path";
import { BUNDLE_FILE, bundleFunctions, forgetBundles } from "../components/lambda/bundle";
import { FUNCTIONS_DIR } from "../config/paths";
import type { LocalFunctions } from "./functions";
import { bundleSources, type FunctionSources } from "./bundle-sources";
import type { FunctionCode, TwinFunction } from "./model";

export { bundleSources, type FunctionSources } from "./bundle-sources";

/**
 * `npm start -- --watch`: which source files each function was built from, rebuilding the functions
 * a change touches (their containers swapped: new events go to new containers, events in flight
 * finish on the old ones), and a debounced `fs.watch` over the functions' folders and the stack file.
 */

/** What a function's code was built from, as far as the twin can tell; undefined for a package it cannot trace. */
export function sourcesOf(code: FunctionCode): FunctionSources | undefined {
  switch (code.kind) {
    case "module":
      return { entry: undefined, sources: [path.resolve(code.path)] };
    case "entry": {
      const [bundle] = bundleFunctions([code.entry]);
      return bundle ? bundleSources(bundle.sourceMap) : undefined;
    }
    case "files": {
      const map = code.files[`${BUNDLE_FILE}.map`];
      return map === undefined ? undefined : bundleSources(map);
    }
  }
}

/** The outcome of one reload of the functions: those given new code, and those that failed to build. */
export interface FunctionReload {
  readonly reloaded: readonly string[];
  readonly failed: readonly { readonly name: string; readonly error: string }[];
  /** The changed files that went into a function (others, an editor's temporary files, are left out). */
  readonly sources: readonly string[];
}

/**
 * Rebuilds each function one of `changed` (absolute paths) went into and swaps its containers; a
 * function whose bundle comes out the same is left alone. Bundles go through the shared bundler
 * (after it forgets what it holds), so a later capture of the stack sees the new code too.
 */
export function reloadFunctions(functions: LocalFunctions, model: Readonly<Record<string, TwinFunction>>, changed: readonly string[]): FunctionReload {
  const touched = new Set(changed.map((f) => path.resolve(f)));
  const reloaded: string[] = [];
  const failed: { name: string; error: string }[] = [];
  const used = new Set<string>();
  let forgotten = false;
  for (const name of Object.keys(model).sort()) {
    const code = functions.code(name);
    const sources = code ? sourcesOf(code) : undefined;
    if (!code || !sources || !sources.sources.some((s) => touched.has(s))) continue;
    const mine = sources.sources.filter((s) => touched.has(s));
    if (code.kind === "module") {
      functions.replaceCode(name, code);
      reloaded.push(name);
      for (const source of mine) used.add(source);
      continue;
    }
    if (sources.entry === undefined) continue;
    if (!forgotten) {
      forgetBundles();
      forgotten = true;
    }
    let next: FunctionCode;
    try {
      const [bundle] = bundleFunctions([sources.entry]);
      if (!bundle) continue;
      next = { kind: "files", files: { [BUNDLE_FILE]: bundle.code, [`${BUNDLE_FILE}.map`]: bundle.sourceMap } };
    } catch (error) {
      failed.push({ name, error: (error as Error).message.split("\n").slice(0, 3).join(" ") });
      for (const source of mine) used.add(source);
      continue;
    }
    if (code.kind === "files" && code.files[BUNDLE_FILE] === next.files[BUNDLE_FILE]) continue;
    functions.replaceCode(name, next);
    reloaded.push(name);
    for (const source of mine) used.add(source);
  }
  return { reloaded, failed, sources: [...used].sort() };
}

export interface Watcher {
  close(): void;
}

export interface WatchOptions {
  /** Folders whose files (recursively) the functions are built from. */
  readonly sourceDirs: readonly string[];
  /** The stack file (`Pulumi.<stack>.yaml` or --config-file). */
  readonly stackFile: string;
  /** Called once per burst of changes to source files, with the files (absolute). */
  onSources(files: readonly string[]): void;
  /** Called once per burst of changes to the stack file. */
  onStackFile(): void;
  /** How long a burst of changes (an editor's save: write, rename, chmod) settles. @default 150 */
  readonly debounceMs?: number;
}

/** Calls `fire` with what was gathered once `ms` pass without another `add`. */
function debounced<T>(ms: number, fire: (items: T[]) => void): { add(item: T): void; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let items: T[] = [];
  return {
    add(item) {
      items.push(item);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const batch = items;
        items = [];
        fire(batch);
      }, ms);
    },
    cancel: () => clearTimeout(timer),
  };
}

const IGNORED = /(^|[/\\])(\.bundles|node_modules|\.git)([/\\]|$)|~$|\.swp$/;

/**
 * Watches every folder of a tree, one watch per folder (a folder made later is watched from then on),
 * calling `onFile` with each file an event names. Node 20's `recursive` watch on Linux loses a file
 * that is replaced (an editor's or git's write-and-rename); a folder's watch sees every name in it.
 */
function watchTree(root: string, onFile: (file: string) => void): { close(): void } {
  const watchers = new Map<string, fs.FSWatcher>();
  const addTree = (dir: string): void => {
    if (watchers.has(dir) || IGNORED.test(dir)) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, (_event, name) => {
        if (name === null) return;
        const file = path.join(dir, name);
        if (IGNORED.test(file)) return;
        let folder = false;
        try {
          folder = fs.statSync(file).isDirectory();
        } catch {
          // Gone again (a temporary file): still a change to report.
        }
        if (folder) addTree(file);
        else onFile(file);
      });
    } catch {
      return;
    }
    watcher.on("error", () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      // A folder that went away as it was found.
    }
    for (const entry of entries) if (entry.isDirectory()) addTree(path.join(dir, entry.name));
  };
  addTree(root);
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/**
 * Watches the source folders (every folder below them) and the stack file's folder (the file itself
 * is often replaced by editors, which ends a watch on the file). Changes are debounced.
 */
export function watchSources(options: WatchOptions): Watcher {
  const ms = options.debounceMs ?? 150;
  const sources = debounced<string>(ms, (files) => options.onSources([...new Set(files)]));
  const stack = debounced<string>(ms, () => options.onStackFile());
  const stackFile = path.resolve(options.stackFile);
  const trees = [...new Set(options.sourceDirs.map((d) => path.resolve(d)))].map((dir) =>
    watchTree(dir, (file) => {
      if (file !== stackFile) sources.add(file);
    }),
  );
  const stackWatcher = fs.watch(path.dirname(stackFile), (_event, name) => {
    if (name === path.basename(stackFile)) stack.add(stackFile);
  });
  stackWatcher.on("error", () => undefined);
  return {
    close() {
      sources.cancel();
      stack.cancel();
      for (const tree of trees) tree.close();
      stackWatcher.close();
    },
  };
}

/** The folders to watch for a model's functions: functions/ and the folders of any source outside it. */
export function sourceDirsOf(functions: LocalFunctions, names: readonly string[]): string[] {
  const dirs = new Set<string>([FUNCTIONS_DIR]);
  for (const name of names) {
    const code = functions.code(name);
    for (const source of (code ? sourcesOf(code)?.sources : undefined) ?? []) {
      if (!source.startsWith(`${FUNCTIONS_DIR}${path.sep}`)) dirs.add(path.dirname(source));
    }
  }
  return [...dirs];
}
