import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..");

/**
 * For another run of a program in the same process: this repository's modules (but those under `kept`
 * folders) are loaded afresh next time, as in a process of their own; dependencies stay loaded. Node
 * keeps each module it loaded, so without this index.ts would not run again.
 */
export function forgetRepositoryModules(kept: readonly string[] = []): void {
  const dependencies = `${path.sep}node_modules${path.sep}`;
  const keptRoots = kept.map((folder) => path.join(REPO_ROOT, folder) + path.sep);
  for (const id of Object.keys(require.cache)) {
    if (id.startsWith(REPO_ROOT + path.sep) && !id.includes(dependencies) && !keptRoots.some((root) => id.startsWith(root))) delete require.cache[id];
  }
}

/** Never part of what the program reads: dependencies are stood for by the lock file, tests by their own helpers. */
const SKIPPED = new Set([".git", "node_modules", "bin", "coverage", ".build", path.join("functions", ".bundles")]);
/** The parts of tests/ a capture depends on: the test suite's capturing code itself and the configs it may be given. */
const TEST_PARTS = [path.join("tests", "setup"), path.join("tests", "helpers"), path.join("tests", "fixtures")];

function files(root: string, relativeDir: string, out: string[]): void {
  for (const entry of fs.readdirSync(path.join(root, relativeDir), { withFileTypes: true })) {
    const relative = path.join(relativeDir, entry.name);
    if (SKIPPED.has(relative)) continue;
    if (entry.isDirectory()) {
      if (relative !== "tests") files(root, relative, out);
      else for (const part of TEST_PARTS) if (fs.existsSync(path.join(root, part))) files(root, part, out);
    } else if (entry.isFile() && !entry.name.endsWith(".test.ts")) out.push(relative);
  }
}

/**
 * A hash of everything a run of the program under mocks can depend on: every file of the repository
 * (the program, its stack files, templates and the lock file, whatever folders are added later)
 * except tests (*.test.ts, and tests/ but for its set-up, helpers and fixtures), the Node.js
 * version, and where the repository is (captures hold absolute paths: a copied node_modules/.cache
 * must not answer for another checkout). Any change to any of them makes a new hash. The test suite's shared captures
 * (tests/setup/stack-capture.ts) and the local twin's (local/capture-cache.ts) are kept under it.
 */
export function programSourcesHash(root = REPO_ROOT): string {
  const all: string[] = [];
  files(root, "", all);
  const hash = createHash("sha256")
    .update(process.version)
    .update(`\0${path.resolve(root)}`);
  for (const file of all.sort()) hash.update(`\0${file.split(path.sep).join("/")}\0`).update(fs.readFileSync(path.join(root, file)));
  return hash.digest("hex").slice(0, 32);
}
