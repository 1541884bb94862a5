/**
 * The JSONPath subset that `$input.json(x)` and `$input.path(x)` evaluate. API Gateway uses Jayway's
 * JSONPath for Java (the AWS reference links "JSONPath for Java (https://github.com/jayway/JsonPath)"),
 * whose rules are followed here:
 *
 *  - `$` is the root; a path not starting with `$` is read as `$.` + path (Jayway prepends it);
 *  - `.name` and `['name']` / `["name"]` select a property; `[n]` an array element, `[-1]` the last;
 *  - `.*` and `[*]` select every element or property value. A path with a wildcard is *indefinite*:
 *    its result is always the list of matches (possibly empty). A *definite* path yields one value or
 *    nothing (Jayway's `PathNotFoundException`).
 *
 * Deep scan (`..`), filters (`[?()]`), slices (`[1:3]`) and unions (`['a','b']`) throw: no template here
 * needs them, and a silent wrong answer would be worse than an error.
 */
import { TemplateRuntimeError } from "./errors";
import { isPlainObject, markJsonArray } from "./json-value";

export type JsonPathSegment =
  { readonly kind: "name"; readonly name: string } | { readonly kind: "index"; readonly index: number } | { readonly kind: "wildcard" };

export interface JsonPathResult {
  /** False when a definite path selects nothing. An indefinite path is always found (maybe an empty list). */
  readonly found: boolean;
  readonly value: unknown;
}

function fail(path: string, detail: string): never {
  throw new TemplateRuntimeError(`JSONPath "${path}": ${detail}`);
}

/** Parses a JSONPath into segments (throws on syntax this engine does not support). */
export function parseJsonPath(path: string): JsonPathSegment[] {
  const trimmed = path.trim();
  if (trimmed === "") fail(path, "the path is empty");
  let rest: string;
  if (trimmed.startsWith("$")) rest = trimmed.slice(1);
  else if (trimmed.startsWith("[")) rest = trimmed;
  else rest = `.${trimmed}`;
  const segments: JsonPathSegment[] = [];
  let i = 0;
  while (i < rest.length) {
    const c = rest[i];
    if (c === ".") {
      if (rest[i + 1] === ".") fail(path, "deep scan (..) is not supported");
      if (rest[i + 1] === "*") {
        segments.push({ kind: "wildcard" });
        i += 2;
        continue;
      }
      if (rest[i + 1] === "[") {
        i += 1;
        continue;
      }
      let end = i + 1;
      while (end < rest.length && rest[end] !== "." && rest[end] !== "[") end++;
      const name = rest.slice(i + 1, end);
      if (name === "") fail(path, `expected a property name at position ${i + 1}`);
      if (/[\s'"\]]/.test(name)) fail(path, `invalid property name "${name}" (use ['...'] for such names)`);
      segments.push({ kind: "name", name });
      i = end;
      continue;
    }
    if (c === "[") {
      const inner = rest.slice(i + 1);
      if (inner.startsWith("*]")) {
        segments.push({ kind: "wildcard" });
        i += 3;
        continue;
      }
      const quote = inner[0];
      if (quote === "'" || quote === '"') {
        let name = "";
        let j = 1;
        for (; j < inner.length && inner[j] !== quote; j++) {
          if (inner[j] === "\\" && j + 1 < inner.length) j++;
          name += inner[j];
        }
        if (j >= inner.length) fail(path, "unterminated quoted property name");
        if (inner[j + 1] !== "]") fail(path, "only one quoted property name per [...] is supported");
        segments.push({ kind: "name", name });
        i += j + 3;
        continue;
      }
      const close = inner.indexOf("]");
      if (close === -1) fail(path, "missing ]");
      const body = inner.slice(0, close).trim();
      if (!/^-?\d+$/.test(body)) fail(path, `unsupported selector [${body}] (only indexes, quoted names and * are supported)`);
      segments.push({ kind: "index", index: Number(body) });
      i += close + 2;
      continue;
    }
    fail(path, `unexpected "${c}" at position ${i + 1}`);
  }
  return segments;
}

/** Evaluates a JSONPath against a parsed document. */
export function evaluateJsonPath(root: unknown, path: string): JsonPathResult {
  const segments = parseJsonPath(path);
  let current: unknown[] = [root];
  let definite = true;
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (segment.kind === "name") {
        if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, segment.name)) next.push(value[segment.name]);
      } else if (segment.kind === "index") {
        if (Array.isArray(value)) {
          const at = segment.index < 0 ? value.length + segment.index : segment.index;
          if (at >= 0 && at < value.length) next.push(value[at]);
        }
      } else {
        definite = false;
        if (Array.isArray(value)) next.push(...value);
        else if (isPlainObject(value)) next.push(...Object.values(value));
      }
    }
    current = next;
  }
  if (!definite) return { found: true, value: markJsonArray(current) };
  return current.length === 1 ? { found: true, value: current[0] } : { found: false, value: null };
}
