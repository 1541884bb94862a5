/**
 * How a value prints in a template: Java's `toString()` of the object Velocity would hold.
 *
 *  - a map (JSON object, VTL map literal) prints `{key=value, key2=value2}` (`AbstractMap.toString`);
 *  - a list prints `[a, b]` (`AbstractCollection.toString`), except an array that came from a parsed JSON
 *    document, which prints as compact JSON (json-smart `JSONArray.toString`, see `json-value.ts`);
 *  - an integer prints as its digits, a double as Java's `Double.toString` (`2.0`, `1.0E10`, see
 *    `java-number.ts`); booleans and strings print as themselves; null prints `null` inside a collection
 *    (the engine renders a null reference itself as an empty string, see `engine.ts`).
 */
import { JavaDouble, javaDoubleString } from "./java-number";
import { isJsonArray, isPlainObject, toJsonText } from "./json-value";

export function javaString(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return javaNumberString(value);
    case "boolean":
      return value ? "true" : "false";
    case "function":
      return "";
    case "bigint":
      return value.toString();
    case "symbol":
      return value.toString();
    default:
      break;
  }
  if (value instanceof JavaDouble) return javaDoubleString(value.value);
  if (isJsonArray(value)) return toJsonText(value);
  if (Array.isArray(value)) return `[${value.map(javaString).join(", ")}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(", ")}}`;
  }
  return String(value);
}

/**
 * A whole number prints as an integer (`2`: JSON cannot tell `2.0` from `2` once parsed), all its digits
 * however large (Java's `Long`/`BigInteger`, not JavaScript's `1e+21`); any other number is a double.
 */
export function javaNumberString(n: number): string {
  if (!Number.isInteger(n)) return javaDoubleString(n);
  if (Object.is(n, -0)) return "0";
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}
