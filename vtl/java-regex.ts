/**
 * Java's regular-expression String methods (`matches`, `replaceAll`, `replaceFirst`, `split`), which
 * templates call on strings (AWS's own idiom: `$util.escapeJavaScript(x).replaceAll("\\'", "'")`).
 *
 * A Java pattern is translated to a JavaScript `RegExp`. The common syntax is the same; the translation
 * handles leading inline flags `(?i)`, `(?s)`, `(?m)`, quoting `\Q...\E` and the anchors `\A`, `\z`, `\Z`.
 * Java-only syntax with no JavaScript equivalent (possessive quantifiers, atomic groups, `\p{Alpha}`-style
 * classes, class intersections, `\G`, `\R`, `\X`, `\h`) throws rather than silently matching something else.
 * Replacement strings follow `Matcher.appendReplacement`: `$1`, `${name}`, and `\` quoting the next char.
 */
import { TemplateRuntimeError } from "./errors";

const UNSUPPORTED_ESCAPES = new Set(["G", "R", "X", "h", "H", "p", "P", "K"]);

/** Patterns already translated, by flags and pattern: templates use a few constant patterns on every render. */
const translated = new Map<string, RegExp>();
const MAX_TRANSLATED = 1_000;

/**
 * Translates a Java pattern to a JavaScript RegExp with the given extra flags (`g`, `y`): a new
 * RegExp each call (`g` and `y` ones keep state), from a translation made once per pattern.
 */
export function compileJavaRegex(pattern: string, extraFlags = ""): RegExp {
  const key = `${extraFlags}/${pattern}`;
  let re = translated.get(key);
  if (re === undefined) {
    re = translateJavaRegex(pattern, extraFlags);
    if (translated.size >= MAX_TRANSLATED) translated.clear();
    translated.set(key, re);
  }
  return new RegExp(re);
}

function translateJavaRegex(pattern: string, extraFlags: string): RegExp {
  let flags = "";
  let rest = pattern;
  const inline = /^\(\?([idmsux]+)\)/.exec(rest);
  if (inline) {
    for (const f of inline[1]) {
      if (f === "i" || f === "m" || f === "s") flags += flags.includes(f) ? "" : f;
      else if (f === "x") throw new TemplateRuntimeError(`regex "${pattern}": the comments flag (?x) is not supported`);
      // d (UNIX_LINES) and u (UNICODE_CASE) change nothing for the patterns templates use.
    }
    rest = rest.slice(inline[0].length);
  }
  let source = "";
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === "\\") {
      const next = rest[i + 1];
      if (next === undefined) throw new TemplateRuntimeError(`regex "${pattern}": unexpected trailing backslash`);
      if (next === "Q") {
        const end = rest.indexOf("\\E", i + 2);
        const literal = end === -1 ? rest.slice(i + 2) : rest.slice(i + 2, end);
        source += escapeForRegex(literal);
        i = end === -1 ? rest.length : end + 1;
        continue;
      }
      if (!inClass && next === "A") source += "(?<![\\s\\S])";
      else if (!inClass && next === "z") source += "(?![\\s\\S])";
      else if (!inClass && next === "Z") source += "(?=\\n?(?![\\s\\S]))";
      else if (UNSUPPORTED_ESCAPES.has(next)) throw new TemplateRuntimeError(`regex "${pattern}": \\${next} is not supported`);
      else source += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      else if (c === "&" && rest[i + 1] === "&") throw new TemplateRuntimeError(`regex "${pattern}": class intersection && is not supported`);
      else if (c === "[") throw new TemplateRuntimeError(`regex "${pattern}": nested character classes are not supported`);
      source += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      source += c;
      // A ']' right after '[' or '[^' is a literal in Java; JavaScript needs it escaped.
      if (rest[i + 1] === "^") {
        source += "^";
        i++;
      }
      if (rest[i + 1] === "]") {
        source += "\\]";
        i++;
      }
      continue;
    }
    if (c === "(" && rest.startsWith("(?>", i)) throw new TemplateRuntimeError(`regex "${pattern}": atomic groups are not supported`);
    if (c === "(" && /^\(\?[idmsux-]+[:)]/.test(rest.slice(i)))
      throw new TemplateRuntimeError(`regex "${pattern}": inline flags are only supported at the start`);
    if (c === "+" && i > 0 && /[*+?}]/.test(rest[i - 1]) && rest[i - 2] !== "\\") {
      throw new TemplateRuntimeError(`regex "${pattern}": possessive quantifiers are not supported`);
    }
    source += c;
  }
  try {
    return new RegExp(source, flags + extraFlags);
  } catch (e) {
    throw new TemplateRuntimeError(`regex "${pattern}": ${(e as Error).message}`);
  }
}

function escapeForRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function groupCount(re: RegExp): number {
  const probe = new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, ""));
  const m = probe.exec("");
  return m ? m.length - 1 : 0;
}

/** Expands a Java replacement string (`$n`, `${name}`, `\x`) for one match. */
function expandReplacement(replacement: string, m: RegExpExecArray, groups: number): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === "\\") {
      i++;
      if (i >= replacement.length) throw new TemplateRuntimeError(`replacement "${replacement}": character to be escaped is missing`);
      out += replacement[i];
      continue;
    }
    if (c !== "$") {
      out += c;
      continue;
    }
    i++;
    if (i >= replacement.length) throw new TemplateRuntimeError(`replacement "${replacement}": group index is missing`);
    if (replacement[i] === "{") {
      const end = replacement.indexOf("}", i);
      if (end === -1) throw new TemplateRuntimeError(`replacement "${replacement}": named group is missing a '}'`);
      const name = replacement.slice(i + 1, end);
      const value = m.groups?.[name];
      if (m.groups === undefined || !(name in m.groups)) throw new TemplateRuntimeError(`replacement "${replacement}": no group with name {${name}}`);
      out += value ?? "";
      i = end;
      continue;
    }
    const first = replacement.charCodeAt(i) - 48;
    if (first < 0 || first > 9) throw new TemplateRuntimeError(`replacement "${replacement}": illegal group reference`);
    let ref = first;
    while (i + 1 < replacement.length) {
      const d = replacement.charCodeAt(i + 1) - 48;
      if (d < 0 || d > 9 || ref * 10 + d > groups) break;
      ref = ref * 10 + d;
      i++;
    }
    if (ref > groups) throw new TemplateRuntimeError(`replacement "${replacement}": no group ${ref}`);
    out += m[ref] ?? "";
  }
  return out;
}

/**
 * One shared RegExp per pattern and use (with its group count), for the String methods below: each
 * sets `lastIndex` to 0 before it uses it and runs it to the end without calling out, so sharing one
 * is safe; a new RegExp per call was a visible share of a small template's render.
 */
interface SharedRegex {
  readonly re: RegExp;
  readonly groups: number;
}
/** By use, then by pattern: a pattern is most often a template's literal, the same string on every render. */
const shared = { g: new Map<string, SharedRegex>(), whole: new Map<string, SharedRegex>() };

function sharedRegex(pattern: string, use: "g" | "whole"): SharedRegex {
  const byPattern = shared[use];
  let found = byPattern.get(pattern);
  if (found === undefined) {
    const translated = compileJavaRegex(pattern, use === "g" ? "g" : "y");
    const re = use === "g" ? translated : new RegExp(`(?:${translated.source})(?![\\s\\S])`, translated.flags);
    found = { re, groups: groupCount(re) };
    if (byPattern.size >= MAX_TRANSLATED) byPattern.clear();
    byPattern.set(pattern, found);
  }
  found.re.lastIndex = 0;
  return found;
}

function replace(s: string, pattern: string, replacement: string, firstOnly: boolean): string {
  const { re, groups } = sharedRegex(pattern, "g");
  let out = "";
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    out += s.slice(last, m.index) + expandReplacement(replacement, m, groups);
    last = m.index + m[0].length;
    if (firstOnly) break;
    if (m[0].length === 0) re.lastIndex++;
  }
  return out + s.slice(last);
}

/** `String.replaceAll(regex, replacement)`. */
export function javaReplaceAll(s: string, pattern: string, replacement: string): string {
  return replace(s, pattern, replacement, false);
}

/** `String.replaceFirst(regex, replacement)`. */
export function javaReplaceFirst(s: string, pattern: string, replacement: string): string {
  return replace(s, pattern, replacement, true);
}

/** `String.matches(regex)`: the whole string must match. */
export function javaMatches(s: string, pattern: string): boolean {
  return sharedRegex(pattern, "whole").re.test(s);
}

/** `String.split(regex, limit)` with Java 8+ semantics (no leading empty string from a zero-width match; trailing empty strings dropped when `limit` is 0). */
export function javaSplit(s: string, pattern: string, limit = 0): string[] {
  const { re } = sharedRegex(pattern, "g");
  const parts: string[] = [];
  let index = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
    if (limit <= 0 || parts.length < limit - 1) {
      if (index === 0 && start === 0 && start === end) continue;
      parts.push(s.slice(index, start));
      index = end;
    } else {
      break;
    }
  }
  if (index === 0) return [s];
  parts.push(s.slice(index));
  if (limit === 0) {
    while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  }
  return parts;
}
