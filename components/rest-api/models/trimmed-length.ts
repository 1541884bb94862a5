/**
 * A draft 4 `pattern` for "1 to `max` characters after trimming", which is how the handler checks
 * `name` (`Array.from(value.trim()).length`). `minLength`/`maxLength` count the raw string, so a plain
 * `maxLength` would make the gateway reject a padded name such as `" " + 200 characters` that the
 * handler accepts; this pattern accepts exactly what the handler accepts.
 *
 * It is written to mean the same in every regex engine a validator is likely to use:
 * - whitespace is listed explicitly, as the set `String.prototype.trim` removes (ECMAScript WhiteSpace
 *   and LineTerminator: TAB, LF, VT, FF, CR, SPACE, NBSP, U+1680, U+2000-U+200A, LS, PS, U+202F,
 *   U+205F, U+3000, BOM), not as `\s` (Java's `\s` is ASCII only);
 * - characters are counted as code points whether or not the engine reads the string by code points
 *   (ECMAScript with the `u` flag, as ajv does; Java) or by UTF-16 units (ECMAScript without `u`): a
 *   surrogate pair is one token, a lone surrogate is one token, and a high surrogate followed by a low
 *   one can only be read as a pair, so the tokenization is unambiguous (no exponential backtracking).
 */

export const TRIM_WHITESPACE = String.raw`\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff`;

const HIGH = String.raw`\ud800-\udbff`;
const LOW = String.raw`\udc00-\udfff`;
const PAIR = `[${HIGH}][${LOW}]`;
const LONE_HIGH = `[${HIGH}](?![${LOW}])`;
/** Any one code point. */
const CODE_POINT = `(?:${PAIR}|${LONE_HIGH}|[^${HIGH}])`;
/** One code point that `trim` keeps. */
const NON_WHITESPACE = `(?:${PAIR}|${LONE_HIGH}|[^${TRIM_WHITESPACE}${HIGH}])`;

/** `^ws* X (any{0,max-2} X)? ws*$` where X is a non-whitespace code point: 1..max after trimming. */
export function trimmedLengthPattern(max: number): string {
  if (!Number.isInteger(max) || max < 2) throw new Error(`trimmedLengthPattern: max must be an integer >= 2, got ${max}`);
  return `^[${TRIM_WHITESPACE}]*${NON_WHITESPACE}(?:${CODE_POINT}{0,${max - 2}}${NON_WHITESPACE})?[${TRIM_WHITESPACE}]*$`;
}
