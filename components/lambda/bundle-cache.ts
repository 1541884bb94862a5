import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

import { REPO_ROOT } from "../../config/paths";

/** Where bundles are kept between runs: never in the repository, gone with `npm ci`. */
export const DEFAULT_BUNDLE_CACHE_DIR = path.join(REPO_ROOT, "node_modules", ".cache", "microservice-gateway", "bundles");

export interface CachedBundle {
  readonly code: string;
  readonly sourceMap: string;
  /** Every repository file the bundle was built from (relative to the repository), by SHA-256 of its content. */
  readonly sources: Readonly<Record<string, string>>;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

function fileHash(relative: string): string | undefined {
  try {
    return sha256(fs.readFileSync(path.join(REPO_ROOT, relative)));
  } catch {
    return undefined;
  }
}

/** Hashes of `relative` files as they are now: what a cached bundle records and is checked against. */
export function sourceHashes(relative: readonly string[]): Record<string, string> {
  return Object.fromEntries(relative.map((file) => [file, fileHash(file) ?? "missing"]));
}

let lockHash: string | undefined;
/** Dependencies are bundled too: the lock file stands for their content. */
function lockFileHash(): string {
  lockHash ??= fileHash("package-lock.json") ?? "no lock file";
  return lockHash;
}

/**
 * One file per entry and build: the key covers the entry, the build options, the esbuild version and
 * the lock file; the file records the sources the entry was built from, and a bundle is used only
 * while every one of them has the content it was built from.
 */
export class BundleCache {
  constructor(
    readonly dir: string,
    private readonly build: Readonly<Record<string, unknown>>,
  ) {}

  private file(entry: string): string {
    return path.join(this.dir, `${sha256(JSON.stringify({ entry, build: this.build, lock: lockFileHash() }))}.json`);
  }

  read(entry: string): CachedBundle | undefined {
    let cached: CachedBundle;
    try {
      cached = JSON.parse(fs.readFileSync(this.file(entry), "utf8")) as CachedBundle;
    } catch {
      return undefined;
    }
    for (const [file, hash] of Object.entries(cached.sources)) {
      if (fileHash(file) !== hash) return undefined;
    }
    return cached;
  }

  /** Best effort: a cache that cannot be written only costs the next run a build. */
  write(entry: string, bundle: CachedBundle): void {
    const file = this.file(entry);
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(temporary, JSON.stringify(bundle));
      fs.renameSync(temporary, file);
    } catch {
      fs.rmSync(temporary, { force: true });
    }
  }
}
