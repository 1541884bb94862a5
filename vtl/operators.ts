/**
 * Velocity 1.7's operators, as the API Gateway compiler (`engine.ts`) evaluates them:
 *
 *  - truthiness (`#if`, `&&`, `||`, `!`): false only for null and boolean false;
 *  - `==` / `!=`: numbers by value (`2 == 2.0`), same types by `equals`, different types by their `toString()`;
 *  - `<`, `<=`, `>`, `>=` compare numbers only: "Only subclasses of Number can be compared"; anything
 *    else (a string, null) makes the comparison false (Velocity 1.7 `ASTLTNode` and its siblings log an
 *    error and return false);
 *  - arithmetic: integers give integers (`5 / 2` is 2), a `Double` operand gives a `Double` (`5 / 2.0` is
 *    2.5, `1.5 + 1.5` is 3.0); division or remainder by zero is null; `+` with a string operand
 *    concatenates.
 */
import { javaEquals } from "./java-methods";
import { isJavaDouble, javaDouble, numericValue } from "./java-number";
import { javaString } from "./java-text";

/** Velocity 1.7: only null and boolean false are false. */
export function velocityTruthy(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false;
}

/** Velocity 1.7 `==`. */
export function velocityEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  const x = numericValue(a);
  const y = numericValue(b);
  if (x !== undefined && y !== undefined) return x === y;
  if (typeof a === typeof b && Array.isArray(a) === Array.isArray(b)) return javaEquals(a, b);
  return javaString(a) === javaString(b);
}

/** `<`, `<=`, `>`, `>=`: false unless both sides are numbers. */
export function velocityCompare(operator: string, a: unknown, b: unknown): boolean {
  const x = numericValue(a);
  const y = numericValue(b);
  if (x === undefined || y === undefined) return false;
  switch (operator) {
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    default:
      return x >= y;
  }
}

/** `+ - * / %` and unary minus (`minus`, no right operand). */
export function velocityArithmetic(operator: string, a: unknown, b?: unknown): unknown {
  if (operator === "+" && (typeof a === "string" || typeof b === "string")) {
    if (a === null || a === undefined || b === null || b === undefined) return null;
    return javaString(a) + javaString(b);
  }
  const x = numericValue(a);
  if (operator === "minus") return x === undefined ? null : isJavaDouble(a) ? javaDouble(-x) : -x;
  const y = numericValue(b);
  if (x === undefined || y === undefined) return null;
  const double = isJavaDouble(a) || isJavaDouble(b);
  let result: number;
  switch (operator) {
    case "+":
      result = x + y;
      break;
    case "-":
      result = x - y;
      break;
    case "*":
      result = x * y;
      break;
    case "/":
      if (y === 0) return null;
      result = double ? x / y : Math.trunc(x / y);
      break;
    default:
      if (y === 0) return null;
      result = x % y;
  }
  return double ? javaDouble(result) : result;
}
