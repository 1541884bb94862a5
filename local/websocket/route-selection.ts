/**
 * A WebSocket API's route selection expression, evaluated against a text message as API Gateway
 * documents it ("Create routes for WebSocket APIs", "WebSocket selection expressions"): variables
 * `$request.body.<path>` or `${request.body.<path>}`, static text around them, `\$` for a dollar sign,
 * one pass (a value is never evaluated again).
 */

/** A piece of an expression: static text, or the JSON path of a `request.body` variable. */
type Part = string | readonly string[];

// `\$`, a wrapped variable, an unwrapped one (its path ends at the first character a name cannot have), or a lone `$`.
const TOKEN = /\\\$|\$\{request\.body\.([^}]+)\}|\$request\.body\.([\w.]+)|\$/g;

function parse(expression: string): Part[] {
  const parts: Part[] = [];
  let text = "";
  let last = 0;
  for (const match of expression.matchAll(TOKEN)) {
    text += expression.slice(last, match.index);
    last = match.index + match[0].length;
    const path = match[1] ?? match[2];
    if (match[0] === "\\$") text += "$";
    else if (path === undefined) throw new Error(`unsupported route selection expression ${JSON.stringify(expression)}`);
    else {
      if (text !== "") parts.push(text);
      text = "";
      parts.push(path.split("."));
    }
  }
  text += expression.slice(last);
  if (text !== "") parts.push(text);
  return parts;
}

/** The value at `path` as route-key text, or undefined when it is missing or not a string, number or boolean. */
function valueAt(document: unknown, path: readonly string[]): string | undefined {
  let value = document;
  for (const key of path) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/**
 * The expression → the route key a text message selects, or undefined (`$default`) when the message
 * is not JSON, a variable has no string, number or boolean value, or the key is a reserved one (`$...`:
 * a message never selects `$connect`, and `$default` is where it goes anyway).
 */
export function routeSelector(expression: string): (body: string) => string | undefined {
  const parts = parse(expression.trim());
  const reserved = (key: string): string | undefined => (key.startsWith("$") ? undefined : key);
  if (parts.every((part) => typeof part === "string")) {
    const key = reserved(parts.join(""));
    return () => key;
  }
  return (body) => {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      return undefined;
    }
    let key = "";
    for (const part of parts) {
      const value = typeof part === "string" ? part : valueAt(document, part);
      if (value === undefined) return undefined;
      key += value;
    }
    return reserved(key);
  };
}
