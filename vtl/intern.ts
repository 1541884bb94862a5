/**
 * Strings of parsed templates, internalized once. velocityjs's parser cuts names out of the template's
 * text (`$input.params`'s `input` and `params`), and reference texts are built by concatenation: V8
 * looks up a property by such a string only after finding its internalized twin in its string table,
 * on every lookup. Rendering reads `context[id]`, `value[name]` and `hasOwnProperty(text)` with them
 * many times per template: internalized once at parse time, each lookup takes V8's fast path.
 */

/** Names longer than this are no identifiers worth keeping in V8's string table. */
const MAX_INTERNED_LENGTH = 256;

/** The internalized string equal to `text` (object keys are internalized). */
export function interned(text: string): string {
  if (text.length > MAX_INTERNED_LENGTH) return text;
  for (const key in { [text]: true }) return key;
  return text;
}

/** Replaces, in place, every string held by a field of an AST node (not the template's text chunks) by its internalized twin. */
export function internAstStrings<T>(asts: T): T {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const field = node[key];
      if (typeof field === "string") node[key] = interned(field);
      else visit(field);
    }
  };
  visit(asts);
  return asts;
}
