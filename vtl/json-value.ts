/**
 * JSON values as API Gateway's templates hold them.
 *
 * API Gateway evaluates JSONPath with a JSON library whose objects are Java `LinkedHashMap`s and whose
 * arrays are json-smart `JSONArray`s. The two print differently when a template outputs them directly:
 * a map prints Java-style (`{a=1, b=x}`) while an array prints as JSON (`["x",1]`), and so does every
 * value inside such an array. LocalStack, whose emulation is checked against AWS, records exactly that:
 * "`$input.path('$')` where path is {"a": 1, "b": [{"c": 5}]} results in '{a=1, b=[{"c":5}]}'"
 * (localstack `template_mapping.py`, `VTLJsonDict`/`VTLJsonList`).
 *
 * So arrays that come from a parsed JSON document are marked here, and `java-text.ts` prints marked
 * arrays as JSON and every other list (a VTL literal `[1, 2]`, a `keySet()`) Java-style (`[1, 2]`).
 */
import { Doubles, doublesIn, hasJavaOnlyNumbers, parseKeepingDoubles, writeJson } from "./json-doubles";
import type { JsonValue } from "./types";

const jsonArrays = new WeakSet<readonly unknown[]>();

/** Whether `value` is an array that came from parsed JSON (a json-smart `JSONArray`). */
export function isJsonArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && jsonArrays.has(value);
}

/** Marks a list as a JSON array (the result list of an indefinite JSONPath is one). */
export function markJsonArray<T extends unknown[]>(list: T): T {
  jsonArrays.add(list);
  return list;
}

const markArray = (list: unknown[]): void => {
  jsonArrays.add(list);
};

/** A parsed JSON document, and whether it has doubles that JSON.stringify would write otherwise than json-smart. */
export interface JsonDocument {
  readonly value: JsonValue;
  readonly hasDoubles: boolean;
}

/**
 * Parses strict JSON, marking every array as a JSON array; a number with a fraction or an exponent is a
 * double (`json-doubles.ts`: `10.0` stays 10.0). Throws `SyntaxError` on invalid JSON.
 */
export function parseJsonDocument(text: string): JsonDocument {
  const value = JSON.parse(text, (_key, v: unknown) => {
    if (Array.isArray(v)) jsonArrays.add(v);
    return v;
  }) as JsonValue;
  const doubles = doublesIn(text);
  if (doubles !== Doubles.Whole) return { value, hasDoubles: doubles === Doubles.OtherText };
  return { value: parseKeepingDoubles(text, markArray) as JsonValue, hasDoubles: true };
}

/** {@link parseJsonDocument}'s value. */
export function parseJsonText(text: string): JsonValue {
  return parseJsonDocument(text).value;
}

/**
 * Compact JSON text of a value (`undefined` and functions read as `null`, as a Java null would), doubles
 * as json-smart writes them. `mayHaveDoubles` false (a value of a document without doubles) skips looking
 * for them: a double a template set into such a document then prints as JSON.stringify writes it.
 */
export function toJsonText(value: unknown, mayHaveDoubles = true): string {
  if (mayHaveDoubles && hasJavaOnlyNumbers(value)) return writeJson(value);
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "function" ? null : v));
  return text === undefined ? "null" : text;
}

/** A plain data object (a JSON object or a VTL map literal), not an array, class instance or proxy-less null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
