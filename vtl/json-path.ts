/**
 * The JSONPath subset that `$input.json(x)` and `$input.path(x)` evaluate. API Gateway uses Jayway's
 * JSONPath for Java (the AWS reference links "JSONPath for Java (https://github.com/jayway/JsonPath)"),
 * whose rules are followed here:
 *
 *  - `$` is the root; a path not starting with `$` is read as `$.` + path (Jayway prepends it);
 *  - `.name` and `['name']` / `["name"]` select a property; `[n]` an array element, `[-1]` the last;
 *  - `.*` and `[*]` select every element or property value; `[0,1]` the elements at those indexes;
 *    `[start:end]` a slice (`[:2]` the first two, `[1:2]`, `[-2:]` the last two, `[2:]` from index 2);
 *    `..` (deep scan) applies what follows to the node and every node below it, in document order
 *    (`$..author` all authors, `$.store..price` every price). A path with any of these is *indefinite*:
 *    its result is always the list of matches (possibly empty). A *definite* path yields one value or
 *    nothing (Jayway's `PathNotFoundException`). (Jayway's README, "Operators" and "Path Examples".)
 *
 * Filters (`[?()]`), functions (`.length()`) and name unions (`['a','b']`) throw: a silent wrong answer
 * would be worse than an error. A path's parse is kept: templates name the same few paths on every request.
 */
import { TemplateRuntimeError } from "./errors";
import { isPlainObject, markJsonArray } from "./json-value";

export type JsonPathSegment =
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "wildcard" }
  | { readonly kind: "indexes"; readonly indexes: readonly number[] }
  | { readonly kind: "slice"; readonly start?: number; readonly end?: number }
  | { readonly kind: "scan" };

export interface JsonPathResult {
  /** False when a definite path selects nothing. An indefinite path is always found (maybe an empty list). */
  readonly found: boolean;
  readonly value: unknown;
}

function fail(path: string, detail: string): never {
  throw new TemplateRuntimeError(`JSONPath "${path}": ${detail}`);
}

const INDEX = /^-?\d+$/;
const INDEXES = /^-?\d+(?:\s*,\s*-?\d+)+$/;
const SLICE = /^(-?\d+)?\s*:\s*(-?\d+)?$/;

/** `[n]`, `[n,m]` or `[start:end]`. */
function bracketSelector(path: string, body: string): JsonPathSegment {
  if (INDEX.test(body)) return { kind: "index", index: Number(body) };
  if (INDEXES.test(body)) return { kind: "indexes", indexes: body.split(",").map(Number) };
  const slice = SLICE.exec(body);
  if (slice === null) fail(path, `unsupported selector [${body}] (only indexes, slices, quoted names and * are supported)`);
  return { kind: "slice", start: slice[1] === undefined ? undefined : Number(slice[1]), end: slice[2] === undefined ? undefined : Number(slice[2]) };
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
      if (rest[i + 1] === "." && segments[segments.length - 1]?.kind !== "scan") {
        segments.push({ kind: "scan" });
        i += 1;
        continue;
      }
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
      if (name.endsWith(")")) fail(path, `functions (${name}) are not supported`);
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
      segments.push(bracketSelector(path, inner.slice(0, close).trim()));
      i += close + 2;
      continue;
    }
    fail(path, `unexpected "${c}" at position ${i + 1}`);
  }
  return segments;
}

/** Every node from `value` down, each before its children (Jayway's deep scan order). */
function collectNodes(value: unknown, into: unknown[]): void {
  into.push(value);
  if (Array.isArray(value)) for (const item of value) collectNodes(item, into);
  else if (isPlainObject(value)) for (const key in value) collectNodes(value[key], into);
}

/** Where an index or a slice bound lands in a list of `length` (a negative one counts from the end). */
function position(index: number, length: number): number {
  return index < 0 ? length + index : index;
}

/** Adds to `next` the element of `list` at `index`, if there is one. */
function pushAt(list: readonly unknown[], index: number, next: unknown[]): void {
  const at = position(index, list.length);
  if (at >= 0 && at < list.length) next.push(list[at]);
}

/** Adds to `next` what `segment` selects in `value`. */
function select(segment: JsonPathSegment, value: unknown, next: unknown[]): void {
  switch (segment.kind) {
    case "name":
      if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, segment.name)) next.push(value[segment.name]);
      return;
    case "index":
      if (Array.isArray(value)) pushAt(value, segment.index, next);
      return;
    case "indexes":
      if (Array.isArray(value)) for (const index of segment.indexes) pushAt(value, index, next);
      return;
    case "slice":
      if (!Array.isArray(value)) return;
      next.push(...value.slice(Math.max(0, position(segment.start ?? 0, value.length)), Math.max(0, position(segment.end ?? value.length, value.length))));
      return;
    case "scan":
      collectNodes(value, next);
      return;
    default:
      if (Array.isArray(value)) next.push(...value);
      else if (isPlainObject(value)) next.push(...Object.values(value));
  }
}

/** Parsed paths by their text: the few paths of a stack's templates, parsed once. Emptied should it outgrow its bound. */
const parsedPaths = new Map<string, JsonPathSegment[]>();
const MAX_PATHS = 10_000;

function parsedPath(path: string): JsonPathSegment[] {
  let segments = parsedPaths.get(path);
  if (segments === undefined) {
    segments = parseJsonPath(path);
    if (parsedPaths.size >= MAX_PATHS) parsedPaths.clear();
    parsedPaths.set(path, segments);
  }
  return segments;
}

/** Evaluates a JSONPath against a parsed document. */
export function evaluateJsonPath(root: unknown, path: string): JsonPathResult {
  let current: unknown[] = [root];
  let definite = true;
  for (const segment of parsedPath(path)) {
    if (segment.kind !== "name" && segment.kind !== "index") definite = false;
    const next: unknown[] = [];
    for (const value of current) select(segment, value, next);
    current = next;
  }
  if (!definite) return { found: true, value: markJsonArray(current) };
  return current.length === 1 ? { found: true, value: current[0] } : { found: false, value: null };
}
