/**
 * JSON numbers as json-smart (API Gateway's JSON library, see `json-value.ts`) reads and writes them: a
 * number written with a fraction or an exponent is a `Double` (`10.0`, `1e3`), one without an integer,
 * and a `Double` is written as Java's `Double.toString` gives it (`10.0`, `1000.0`, `1.0E-7`).
 * `JSON.parse` forgets that `10.0` was a double, so a text holding such a number (a fraction of zeros, or
 * an exponent) is read again here, keeping it a {@link JavaDouble}; texts without one (most payloads) are
 * only scanned.
 */
import { JavaDouble, javaDouble, javaDoubleString } from "./java-number";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** Index of the quote closing the string whose opening quote is at `open`. */
function stringEnd(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  while (close !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
  return text.length;
}

/**
 * What doubles a JSON text holds: none; only ones JavaScript writes as Java does (a fraction, from 10^-3
 * up to 10^7: `8.95`); also others with a fraction (`0.0001`, `12345678.5`: Java writes `1.0E-4`,
 * `1.23456785E7`); or also whole ones (`10.0`, `1e3`), which `JSON.parse` would make integers.
 */
export enum Doubles {
  None,
  SameText,
  OtherText,
  Whole,
}

/** The kind of the fraction whose point is at `dot`, the fraction's first digit not zero at `digit` (an integer part of 8 digits or more, or `0.000...`). */
function fractionKind(text: string, dot: number, digit: number): Doubles {
  let start = dot;
  while (isDigit(text.charCodeAt(start - 1))) start--;
  const integerDigits = dot - start;
  const tiny = integerDigits === 1 && text.charCodeAt(start) === ZERO && digit - dot > 3;
  return integerDigits >= 8 || tiny ? Doubles.OtherText : Doubles.SameText;
}

/** The doubles a (valid) JSON text holds: numbers with a point or an exponent, outside strings. */
export function doublesIn(text: string): Doubles {
  let found = Doubles.None;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) i = stringEnd(text, i);
    else if ((code === 0x65 || code === 0x45) && isDigit(text.charCodeAt(i - 1))) return Doubles.Whole;
    else if (code === DOT) {
      let j = i + 1;
      while (text.charCodeAt(j) === ZERO) j++;
      if (!isDigit(text.charCodeAt(j))) return Doubles.Whole;
      if (found !== Doubles.OtherText) found = fractionKind(text, i, j);
    }
  }
  return found;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** A reader of a JSON text already known valid (`JSON.parse` accepted it), keeping doubles doubles. */
class DoubleKeepingReader {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly onArray: (list: unknown[]) => void,
  ) {}

  read(): unknown {
    this.skipSpace();
    const code = this.text.charCodeAt(this.at);
    if (code === QUOTE) return this.readString();
    if (code === 0x7b) return this.readObject();
    if (code === 0x5b) return this.readArray();
    if (code === 0x74 || code === 0x66 || code === 0x6e) return this.readWord();
    return this.readNumber();
  }

  private skipSpace(): void {
    WHITESPACE.lastIndex = this.at;
    WHITESPACE.exec(this.text);
    this.at = WHITESPACE.lastIndex;
  }

  private readString(): string {
    const end = stringEnd(this.text, this.at);
    const value = JSON.parse(this.text.slice(this.at, end + 1)) as string;
    this.at = end + 1;
    return value;
  }

  private readWord(): boolean | null {
    const word = this.text.startsWith("true", this.at) ? "true" : this.text.startsWith("false", this.at) ? "false" : "null";
    this.at += word.length;
    return word === "null" ? null : word === "true";
  }

  private readNumber(): unknown {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text) as RegExpExecArray;
    this.at = NUMBER.lastIndex;
    const value = Number(match[0]);
    return match[1] !== undefined || match[2] !== undefined ? javaDouble(value) : value;
  }

  private readArray(): unknown[] {
    const list: unknown[] = [];
    this.at++;
    this.skipSpace();
    if (this.text.charCodeAt(this.at) === 0x5d) this.at++;
    else {
      for (;;) {
        list.push(this.read());
        this.skipSpace();
        if (this.text.charCodeAt(this.at++) === 0x5d) break;
      }
    }
    this.onArray(list);
    return list;
  }

  private readObject(): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.at++;
    this.skipSpace();
    if (this.text.charCodeAt(this.at) === 0x7d) {
      this.at++;
      return map;
    }
    for (;;) {
      this.skipSpace();
      const key = this.readString();
      this.skipSpace();
      this.at++; // the colon
      // defineProperty: a "__proto__" key is data, as JSON.parse makes it.
      Object.defineProperty(map, key, { value: this.read(), writable: true, enumerable: true, configurable: true });
      this.skipSpace();
      if (this.text.charCodeAt(this.at++) === 0x7d) break;
    }
    return map;
  }
}

/** Reads a valid JSON text, numbers with a fraction or exponent as doubles; `onArray` sees every array made. */
export function parseKeepingDoubles(text: string, onArray: (list: unknown[]) => void): unknown {
  return new DoubleKeepingReader(text, onArray).read();
}

/** Whether a value holds a number `JSON.stringify` writes otherwise than json-smart: a whole double, or one outside [10^-3, 10^7). */
export function hasJavaOnlyNumbers(value: unknown): boolean {
  if (typeof value === "number") return !Number.isInteger(value) && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e7);
  if (typeof value !== "object" || value === null) return false;
  if (value instanceof JavaDouble) return true;
  if (Array.isArray(value)) return value.some(hasJavaOnlyNumbers);
  for (const key in value) if (hasJavaOnlyNumbers((value as Record<string, unknown>)[key])) return true;
  return false;
}

function writeNumber(n: number, double: boolean): string {
  if (!Number.isFinite(n)) return "null";
  return double || !Number.isInteger(n) ? javaDoubleString(n) : JSON.stringify(n);
}

/** Compact JSON of a value, its doubles as json-smart writes them (functions and undefined as null). */
export function writeJson(value: unknown): string {
  if (value === null || value === undefined || typeof value === "function") return "null";
  if (typeof value === "number") return writeNumber(value, false);
  if (value instanceof JavaDouble) return writeNumber(value.value, true);
  if (typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(writeJson).join(",")}]`;
  const parts: string[] = [];
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) parts.push(`${JSON.stringify(key)}:${writeJson(field)}`);
  }
  return `{${parts.join(",")}}`;
}
