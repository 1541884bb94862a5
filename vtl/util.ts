/**
 * `$util`: the utility functions AWS documents for mapping templates ("Unless otherwise specified, the
 * default character set is UTF-8").
 *
 * `escapeJavaScript` - AWS: "Escapes the characters in a string using JavaScript string rules. This
 * function will turn any regular single quotes (') into escaped ones (\'). However, the escaped single
 * quotes are not valid in JSON. Thus, when the output from this function is used in a JSON property, you
 * must turn any escaped single quotes (\') back to regular single quotes ('):
 * `$util.escapeJavaScript(data).replaceAll("\\'","'")`".
 * The first sentence is, word for word, the documentation of Apache Commons Lang's
 * `StringEscapeUtils.escapeJavaScript`, which is what is implemented here (Lang 2.6
 * `escapeJavaStyleString(str, escapeSingleQuote = true, escapeForwardSlash = true)`):
 * `'` -> `\'`, `"` -> `\"`, `\` -> `\\`, `/` -> `\/`, `\b \f \n \r \t` as such, other control characters
 * as `\u00XX`, and every character above U+007F as `\uXXXX` (uppercase hex, one escape per UTF-16 unit).
 * All of these but `\'` are valid JSON escapes, hence AWS's `replaceAll` idiom.
 *
 * `urlEncode` / `urlDecode` - "application/x-www-form-urlencoded", i.e. Java's `URLEncoder`/`URLDecoder`
 * in UTF-8: letters, digits and `.-*_` stay, a space becomes `+`, everything else `%XX` (uppercase) per
 * UTF-8 byte; decoding turns `+` into a space and fails on a malformed `%` escape. (So `~` is `%7E` and
 * `'` is `%27`, unlike JavaScript's `encodeURIComponent`.)
 *
 * `base64Encode` / `base64Decode` - standard alphabet with padding, over the UTF-8 bytes of the string.
 *
 * `parseJson` - "Takes "stringified" JSON and returns an object representation of the result", usable in
 * VTL like the result of `$input.path`.
 */
import { TemplateRuntimeError } from "./errors";
import { javaString } from "./java-text";
import { parseJsonText } from "./json-value";

function hex(code: number): string {
  return code.toString(16).toUpperCase();
}

/** `$util.escapeJavaScript`: Commons Lang's `StringEscapeUtils.escapeJavaScript`. Null stays null. */
export function escapeJavaScript(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = javaString(value);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch > 0xfff) out += `\\u${hex(ch)}`;
    else if (ch > 0xff) out += `\\u0${hex(ch)}`;
    else if (ch > 0x7f) out += `\\u00${hex(ch)}`;
    else if (ch < 32) {
      switch (ch) {
        case 0x08:
          out += "\\b";
          break;
        case 0x0a:
          out += "\\n";
          break;
        case 0x09:
          out += "\\t";
          break;
        case 0x0c:
          out += "\\f";
          break;
        case 0x0d:
          out += "\\r";
          break;
        default:
          out += ch > 0xf ? `\\u00${hex(ch)}` : `\\u000${hex(ch)}`;
      }
    } else {
      switch (ch) {
        case 0x27: // '
          out += "\\'";
          break;
        case 0x22: // "
          out += '\\"';
          break;
        case 0x5c: // backslash
          out += "\\\\";
          break;
        case 0x2f: // /
          out += "\\/";
          break;
        default:
          out += s[i];
      }
    }
  }
  return out;
}

/** A null argument gives null, as `escapeJavaScript` does: the reference then renders as an empty string. */
const isNull = (value: unknown): value is null | undefined => value === null || value === undefined;

/** `$util.urlEncode`: Java's `URLEncoder.encode(s, "UTF-8")`; null stays null. */
export function urlEncode(value: unknown): string | null {
  if (isNull(value)) return null;
  const s = javaString(value);
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** `$util.urlDecode`: Java's `URLDecoder.decode(s, "UTF-8")`; null stays null. */
export function urlDecode(value: unknown): string | null {
  if (isNull(value)) return null;
  const s = javaString(value);
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "+") {
      out += " ";
      i++;
    } else if (c === "%") {
      const bytes: number[] = [];
      while (i < s.length && s[i] === "%") {
        const pair = s.slice(i + 1, i + 3);
        if (pair.length < 2) throw new TemplateRuntimeError(`$util.urlDecode(): incomplete trailing escape (%) pattern in "${s}"`);
        if (!/^[0-9A-Fa-f]{2}$/.test(pair)) throw new TemplateRuntimeError(`$util.urlDecode(): illegal hex characters in escape (%) pattern "%${pair}"`);
        bytes.push(parseInt(pair, 16));
        i += 3;
      }
      out += Buffer.from(bytes).toString("utf8");
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** `$util.base64Encode`; null stays null. */
export function base64Encode(value: unknown): string | null {
  if (isNull(value)) return null;
  return Buffer.from(javaString(value), "utf8").toString("base64");
}

/** `$util.base64Decode`: rejects characters outside the standard alphabet (as Java's decoder does); null stays null. */
export function base64Decode(value: unknown): string | null {
  if (isNull(value)) return null;
  const s = javaString(value);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.replace(/=+$/, "").length % 4 === 1) {
    throw new TemplateRuntimeError(`$util.base64Decode(): "${s}" is not valid base64`);
  }
  return Buffer.from(s, "base64").toString("utf8");
}

/** `$util.parseJson`; null stays null. */
export function parseJson(value: unknown): unknown {
  if (isNull(value)) return null;
  const s = javaString(value);
  try {
    return parseJsonText(s);
  } catch (e) {
    throw new TemplateRuntimeError(`$util.parseJson(): ${(e as Error).message}`);
  }
}

/** The `$util` object templates call. */
export class TemplateUtil {
  escapeJavaScript(value: unknown): string | null {
    return escapeJavaScript(value);
  }

  parseJson(value: unknown): unknown {
    return parseJson(value);
  }

  urlEncode(value: unknown): string | null {
    return urlEncode(value);
  }

  urlDecode(value: unknown): string | null {
    return urlDecode(value);
  }

  base64Encode(value: unknown): string | null {
    return base64Encode(value);
  }

  base64Decode(value: unknown): string | null {
    return base64Decode(value);
  }

  toString(): string {
    return "{}";
  }
}
