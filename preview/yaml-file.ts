import * as fs from "fs";
import * as path from "path";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { ConfigError } from "../config/config-error";
import { formatPath, type ConfigPath } from "../config/format";

/**
 * Reads a Pulumi project or stack file. Whatever is wrong with the file itself (not text, empty, not
 * YAML, a key given twice, a top level that is no mapping, NaN or Infinity, which config values
 * cannot carry) is a ConfigError naming the file, line and column, never a stack trace.
 */

/** The file as it is shown in messages: relative to the working directory when it is below it. */
export function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The offset of the first byte that is not UTF-8 text (a NUL, or an invalid sequence), if any. */
export function firstBinaryByte(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    if (b === 0) return i;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    if (length > 1) {
      try {
        STRICT_UTF8.decode(bytes.subarray(i, i + length)); // overlong forms, surrogates, past U+10FFFF
      } catch {
        return i;
      }
    }
    i += length;
  }
  return undefined;
}

/** 1-based line and column of a byte offset. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

const kindOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "a list"
      : typeof value === "object"
        ? "a mapping"
        : typeof value === "string"
          ? "a string"
          : `a ${typeof value}`;

export interface YamlMappingOptions {
  /** Top-level keys whose value, when present and not null, must be a mapping (e.g. `config`). */
  readonly mappingKeys?: readonly string[];
  /** What the file is, for messages: "a Pulumi stack file". */
  readonly what?: string;
}

/** Parses a YAML file's bytes into its top-level mapping, or throws a ConfigError naming file, line and column. */
export function parseYamlMapping(name: string, bytes: Uint8Array, options: YamlMappingOptions = {}): Record<string, unknown> {
  const what = options.what ?? "a YAML file";
  const fail = (line: number, col: number, message: string): never => {
    throw new ConfigError([`${name}:${line}:${col}: ${message}`]);
  };
  const binary = firstBinaryByte(bytes);
  if (binary !== undefined) {
    const { line, col } = bytePosition(bytes, binary);
    fail(line, col, `not a text file (byte 0x${(bytes[binary] as number).toString(16).padStart(2, "0")} is not UTF-8 text); ${what} is UTF-8 YAML`);
  }
  const text = new TextDecoder("utf-8").decode(bytes);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number) => lines.linePos(offset);
  const [error] = doc.errors;
  if (error) {
    const { line, col } = at(error.pos[0]);
    if (error.code === "MULTIPLE_DOCS") fail(line, col, `a second YAML document starts here; ${what} is one document`);
    fail(line, col, `YAML syntax error: ${error.message}`);
  }
  if (doc.contents === null) fail(1, 1, `the file is empty; ${what} is a YAML mapping`);

  const problems: string[] = [];
  const report = (offset: number, message: string) => {
    const { line, col } = at(offset);
    problems.push(`${name}:${line}:${col}: ${message}`);
  };
  const walk = (node: Node | null | undefined, where: ConfigPath): void => {
    if (!node || isAlias(node)) return;
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = isScalar(pair.key) ? pair.key : undefined;
        const key = keyNode ? String(keyNode.value) : undefined;
        const offset = keyNode?.range?.[0] ?? 0;
        if (key !== undefined) {
          const first = seen.get(key);
          if (first !== undefined) {
            const { line, col } = at(first);
            report(
              offset,
              `duplicate key ${JSON.stringify(key)} in ${where.length ? formatPath(where) : "the top level"} (first at line ${line}, column ${col}); YAML keys must be unique`,
            );
          } else seen.set(key, offset);
        }
        walk(pair.value as Node | null, [...where, key ?? "?"]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node | null, [...where, i]));
    } else if (isScalar(node) && typeof node.value === "number" && !Number.isFinite(node.value)) {
      const source = node.range ? text.slice(node.range[0], node.range[1]).trim() : String(node.value);
      report(
        node.range?.[0] ?? 0,
        `${formatPath(where)} is ${String(node.value)} (written ${source}); a config value cannot be NaN or Infinity: write a finite number, or quote it to make it a string`,
      );
    }
  };
  const root = doc.contents as Node;
  if (!isMap(root)) {
    const { line, col } = at(root.range?.[0] ?? 0);
    fail(line, col, `the top level is ${kindOf(doc.toJS())}; ${what} is a YAML mapping`);
  }
  walk(root, []);
  if (problems.length > 0) throw new ConfigError(problems);

  const value = doc.toJS() as Record<string, unknown>;
  for (const key of options.mappingKeys ?? []) {
    const inner = value[key];
    if (inner === undefined || inner === null || kindOf(inner) === "a mapping") continue;
    const pair = (root as { items: { key: unknown; value: Node | null }[] }).items.find((p) => isScalar(p.key) && p.key.value === key);
    const { line, col } = at(pair?.value?.range?.[0] ?? 0);
    fail(line, col, `${key} is ${kindOf(inner)}; it must be a mapping of config keys to values`);
  }
  return value;
}

/** Reads a YAML file that must be a mapping; a missing file is named too. */
export function readYamlMapping(file: string, options: YamlMappingOptions = {}): Record<string, unknown> {
  const name = displayName(file);
  if (!fs.existsSync(file)) throw new ConfigError([`${name}: no such file`]);
  return parseYamlMapping(name, fs.readFileSync(file), options);
}
