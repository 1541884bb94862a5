/**
 * Java's two kinds of numbers in templates: integers (`Integer`/`Long`) and floating point (`Double`).
 *
 * Velocity 1.7 makes a literal with a decimal point a `Double` ("The value will be either a Double or a
 * BigDecimal", `ASTFloatingPointLiteral`), and arithmetic with a `Double` operand gives a `Double`; a
 * `Double` prints as Java's `Double.toString` does: `2.0`, `3.0`, `1.0E10`, `1.0E-4`. JavaScript has one
 * number type, so a double whose value is whole (`2.0`) would print as the integer `2` and divide as one
 * (`1.0 / 3` would be 0). Such doubles are held as {@link JavaDouble}; a double with a fraction stays a
 * plain number (a plain number that is not whole can only be a double).
 */

/** A Java `Double` whose value is a whole number (`2.0`, `-0.0`, `1.0E10`). */
export class JavaDouble {
  constructor(readonly value: number) {}

  /** Relational operators and ranges compare by value. */
  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return javaDoubleString(this.value);
  }

  /** A double in a JSON text written with `JSON.stringify` (json-smart would write `2.0`; JSON cannot tell). */
  toJSON(): number {
    return this.value;
  }
}

/** The value Java would hold for a `Double` result `n`. */
export function javaDouble(n: number): number | JavaDouble {
  return Number.isInteger(n) || Object.is(n, -0) ? new JavaDouble(n) : n;
}

/** The numeric value of a template value, or undefined for anything that is not a number. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  return value instanceof JavaDouble ? value.value : undefined;
}

/** Whether a number is a Java `Double` (rather than an integer). */
export function isJavaDouble(value: unknown): boolean {
  return value instanceof JavaDouble || (typeof value === "number" && !Number.isInteger(value));
}

/**
 * Java's `Double.toString(d)`: from 10^-3 up to (not including) 10^7 a decimal with at least one digit
 * after the point; otherwise "computerized scientific notation" (`1.0E10`, `1.5E-7`). The digits are the
 * shortest that identify the value, as JavaScript chooses them (and Java does since JDK 19).
 */
export function javaDoubleString(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(n);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(n);
    return text.includes(".") ? text : `${text}.0`;
  }
  const [mantissa, exponent] = n.toExponential().split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${exponent.startsWith("+") ? exponent.slice(1) : exponent}`;
}
