/**
 * The Java methods templates call on values: in API Gateway a string is a `java.lang.String`, a JSON
 * object a `Map`, a JSON array a `List`, so templates write `$s.length()`, `$s.replaceAll(...)`,
 * `$map.keySet()`, `$list.size()`. velocityjs would call the JavaScript method of the same name, which
 * differs (`"a".length` is not a method, `replace` replaces once, `split` keeps trailing empties), so
 * every method call on a data value is dispatched here instead, with Java semantics.
 *
 * A method that is not emulated throws (naming the type and method) instead of rendering nothing: a
 * template relying on it would silently differ from AWS, and a test must not pass on that.
 */
import { TemplateRuntimeError } from "./errors";
import { javaMatches, javaReplaceAll, javaReplaceFirst, javaSplit } from "./java-regex";
import { JavaDouble, isJavaDouble, javaDouble } from "./java-number";
import { javaString } from "./java-text";
import { isJsonArray, isPlainObject } from "./json-value";

/** A `Map.Entry` from `entrySet()`: `$e.key`, `$e.value`, `$e.getKey()`, `$e.getValue()`. */
export class MapEntry {
  constructor(
    readonly key: string,
    readonly value: unknown,
  ) {}

  getKey(): string {
    return this.key;
  }

  getValue(): unknown {
    return this.value;
  }

  toString(): string {
    return `${this.key}=${javaString(this.value)}`;
  }
}

export interface MethodCall {
  readonly property: string;
  readonly context: unknown;
  readonly params: unknown[];
}

/** `Object.equals` as Java would answer it for the values templates hold. */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== typeof b) return false;
  if (typeof a !== "object") return a === b;
  if (a instanceof JavaDouble || b instanceof JavaDouble) return a instanceof JavaDouble && b instanceof JavaDouble && Object.is(a.value, b.value);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => javaEquals(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && javaEquals(a[k], b[k]));
  }
  return a === b;
}

function typeName(value: unknown): string {
  if (typeof value === "string") return "String";
  if (typeof value === "number" || value instanceof JavaDouble) return isJavaDouble(value) ? "Double" : "Integer";
  if (typeof value === "boolean") return "Boolean";
  if (Array.isArray(value)) return isJsonArray(value) ? "JSONArray" : "List";
  return "Map";
}

function unsupported(call: MethodCall): never {
  throw new TemplateRuntimeError(`${typeName(call.context)}.${call.property}() is not emulated (Java method not supported by this engine)`);
}

function arity(call: MethodCall, ...allowed: number[]): void {
  if (!allowed.includes(call.params.length)) {
    throw new TemplateRuntimeError(`${typeName(call.context)}.${call.property}() takes ${allowed.join(" or ")} argument(s), got ${call.params.length}`);
  }
}

function str(call: MethodCall, i: number): string {
  const v = call.params[i];
  if (typeof v !== "string") {
    throw new TemplateRuntimeError(
      `${typeName(call.context)}.${call.property}(): argument ${i + 1} must be a string, got ${v === null || v === undefined ? "null" : typeName(v)}`,
    );
  }
  return v;
}

function int(call: MethodCall, i: number): number {
  const v = call.params[i];
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new TemplateRuntimeError(`${typeName(call.context)}.${call.property}(): argument ${i + 1} must be an integer, got ${javaString(v)}`);
  }
  return v;
}

function outOfBounds(call: MethodCall, detail: string): never {
  throw new TemplateRuntimeError(`${typeName(call.context)}.${call.property}(): index out of bounds (${detail})`);
}

/** Java trims every char <= U+0020, and nothing else. */
function javaTrim(s: string): string {
  return s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
}

/** `String.charAt(int)`: the index must be within the string. */
function charAt(s: string, call: MethodCall): string {
  arity(call, 1);
  const i = int(call, 0);
  if (i < 0 || i >= s.length) outOfBounds(call, `index ${i}, length ${s.length}`);
  return s[i];
}

/** `String.substring(begin[, end])`: both within the string, begin not after end. */
function substring(s: string, call: MethodCall): string {
  arity(call, 1, 2);
  const begin = int(call, 0);
  const end = call.params.length === 2 ? int(call, 1) : s.length;
  if (begin < 0 || end > s.length || begin > end) outOfBounds(call, `begin ${begin}, end ${end}, length ${s.length}`);
  return s.slice(begin, end);
}

/** String.replace(CharSequence, CharSequence) replaces every occurrence, literally. */
function replaceLiterally(s: string, call: MethodCall): string {
  arity(call, 2);
  const target = str(call, 0);
  const replacement = str(call, 1);
  if (target === "") return replacement + [...s].join(replacement) + (s.length > 0 ? replacement : "");
  return s.split(target).join(replacement);
}

function stringMethod(s: string, call: MethodCall): unknown {
  switch (call.property) {
    case "length":
      arity(call, 0);
      return s.length;
    case "isEmpty":
      arity(call, 0);
      return s.length === 0;
    case "toString":
      arity(call, 0);
      return s;
    case "trim":
      arity(call, 0);
      return javaTrim(s);
    case "toLowerCase":
      arity(call, 0);
      return s.toLowerCase();
    case "toUpperCase":
      arity(call, 0);
      return s.toUpperCase();
    case "equals":
      arity(call, 1);
      return call.params[0] === s;
    case "equalsIgnoreCase":
      arity(call, 1);
      return typeof call.params[0] === "string" && call.params[0].toLowerCase() === s.toLowerCase();
    case "contains":
      arity(call, 1);
      return s.includes(str(call, 0));
    case "startsWith":
      arity(call, 1, 2);
      return s.startsWith(str(call, 0), call.params.length === 2 ? int(call, 1) : 0);
    case "endsWith":
      arity(call, 1);
      return s.endsWith(str(call, 0));
    case "indexOf":
      arity(call, 1, 2);
      return s.indexOf(str(call, 0), call.params.length === 2 ? Math.max(0, int(call, 1)) : 0);
    case "lastIndexOf":
      arity(call, 1, 2);
      return call.params.length === 2 ? s.lastIndexOf(str(call, 0), int(call, 1)) : s.lastIndexOf(str(call, 0));
    case "charAt":
      return charAt(s, call);
    case "substring":
      return substring(s, call);
    case "concat":
      arity(call, 1);
      return s + str(call, 0);
    case "replace":
      return replaceLiterally(s, call);
    case "replaceAll":
      arity(call, 2);
      return javaReplaceAll(s, str(call, 0), str(call, 1));
    case "replaceFirst":
      arity(call, 2);
      return javaReplaceFirst(s, str(call, 0), str(call, 1));
    case "matches":
      arity(call, 1);
      return javaMatches(s, str(call, 0));
    case "split":
      arity(call, 1, 2);
      return javaSplit(s, str(call, 0), call.params.length === 2 ? int(call, 1) : 0);
    default:
      return unsupported(call);
  }
}

/** Methods of `Integer` and `Double` (`double`: whether the number is a `Double`). */
function numberMethod(n: number, double: boolean, call: MethodCall): unknown {
  switch (call.property) {
    case "toString":
      arity(call, 0);
      return javaString(double ? javaDouble(n) : n);
    case "intValue":
    case "longValue":
      arity(call, 0);
      return Math.trunc(n);
    case "doubleValue":
    case "floatValue":
      arity(call, 0);
      return javaDouble(n);
    case "equals":
      arity(call, 1);
      return javaEquals(double ? javaDouble(n) : n, call.params[0]);
    default:
      return unsupported(call);
  }
}

function booleanMethod(b: boolean, call: MethodCall): unknown {
  switch (call.property) {
    case "toString":
      arity(call, 0);
      return javaString(b);
    case "booleanValue":
      arity(call, 0);
      return b;
    case "equals":
      arity(call, 1);
      return call.params[0] === b;
    default:
      return unsupported(call);
  }
}

function listMethod(list: unknown[], call: MethodCall): unknown {
  switch (call.property) {
    case "size":
      arity(call, 0);
      return list.length;
    case "isEmpty":
      arity(call, 0);
      return list.length === 0;
    case "get": {
      arity(call, 1);
      const i = int(call, 0);
      if (i < 0 || i >= list.length) outOfBounds(call, `index ${i}, size ${list.length}`);
      return list[i];
    }
    case "contains":
      arity(call, 1);
      return list.some((x) => javaEquals(x, call.params[0]));
    case "indexOf":
      arity(call, 1);
      return list.findIndex((x) => javaEquals(x, call.params[0]));
    case "add":
      arity(call, 1);
      list.push(call.params[0]);
      return true;
    case "set": {
      arity(call, 2);
      const i = int(call, 0);
      if (i < 0 || i >= list.length) outOfBounds(call, `index ${i}, size ${list.length}`);
      const previous = list[i];
      list[i] = call.params[1];
      return previous;
    }
    case "remove": {
      arity(call, 1);
      const arg = call.params[0];
      if (typeof arg === "number") {
        const i = int(call, 0);
        if (i < 0 || i >= list.length) outOfBounds(call, `index ${i}, size ${list.length}`);
        return list.splice(i, 1)[0];
      }
      const at = list.findIndex((x) => javaEquals(x, arg));
      if (at >= 0) list.splice(at, 1);
      return at >= 0;
    }
    case "subList": {
      arity(call, 2);
      const from = int(call, 0);
      const to = int(call, 1);
      if (from < 0 || to > list.length || from > to) outOfBounds(call, `from ${from}, to ${to}, size ${list.length}`);
      return list.slice(from, to);
    }
    case "toString":
      arity(call, 0);
      return javaString(list);
    default:
      return unsupported(call);
  }
}

function mapMethod(map: Record<string, unknown>, call: MethodCall): unknown {
  const has = (k: unknown): k is string => typeof k === "string" && Object.prototype.hasOwnProperty.call(map, k);
  switch (call.property) {
    case "size":
      arity(call, 0);
      return Object.keys(map).length;
    case "isEmpty":
      arity(call, 0);
      return Object.keys(map).length === 0;
    case "get":
      arity(call, 1);
      return has(call.params[0]) ? map[call.params[0]] : null;
    case "containsKey":
      arity(call, 1);
      return has(call.params[0]);
    case "containsValue":
      arity(call, 1);
      return Object.values(map).some((v) => javaEquals(v, call.params[0]));
    case "keySet":
      arity(call, 0);
      return Object.keys(map);
    case "values":
      arity(call, 0);
      return Object.values(map);
    case "entrySet":
      arity(call, 0);
      return Object.entries(map).map(([k, v]) => new MapEntry(k, v));
    case "put": {
      arity(call, 2);
      const key = javaString(call.params[0]);
      const previous = has(key) ? map[key] : null;
      map[key] = call.params[1];
      return previous;
    }
    case "putAll": {
      arity(call, 1);
      const other = call.params[0];
      if (!isPlainObject(other)) throw new TemplateRuntimeError("Map.putAll(): argument must be a map");
      for (const [k, v] of Object.entries(other)) map[k] = v;
      return null;
    }
    case "remove": {
      arity(call, 1);
      const key = call.params[0];
      if (!has(key)) return null;
      const previous = map[key];
      delete map[key];
      return previous;
    }
    case "toString":
      arity(call, 0);
      return javaString(map);
    default:
      return unsupported(call);
  }
}

/** Whether a method call on this value is answered here (data values), rather than by velocityjs. */
export function isDataValue(value: unknown): boolean {
  return (
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean" ||
    value instanceof JavaDouble ||
    Array.isArray(value) ||
    isPlainObject(value)
  );
}

/** Calls the Java method `call.property` on the data value `call.context`. */
export function callJavaMethod(call: MethodCall): unknown {
  const target = call.context;
  if (typeof target === "string") return stringMethod(target, call);
  if (typeof target === "number") return numberMethod(target, !Number.isInteger(target), call);
  if (target instanceof JavaDouble) return numberMethod(target.value, true, call);
  if (typeof target === "boolean") return booleanMethod(target, call);
  if (Array.isArray(target)) return listMethod(target, call);
  if (isPlainObject(target)) return mapMethod(target, call);
  return unsupported(call);
}

/** The velocityjs `customMethodHandlers` entry that routes data-value method calls to `callJavaMethod`. */
export const javaMethodHandler = {
  uid: "api-gateway: java methods on data values",
  match: (call: MethodCall): boolean => isDataValue(call.context),
  resolve: (call: MethodCall): unknown => callJavaMethod(call),
};
