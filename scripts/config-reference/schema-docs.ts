import ts from "typescript";
import { arrayItemPath, propertyPath, recordItemPath } from "../../config/schema-paths";

/** The JSDoc comment of one property of the schema: its text and its `@default` tag. */
export interface PropertyDoc {
  readonly text: string;
  readonly default?: string;
}

const OBJECT_FACTORIES = new Set(["object", "strictObject", "looseObject"]);
const UNION_FACTORIES = new Set(["union", "discriminatedUnion"]);

/**
 * The JSDoc comments of a zod schema's properties by key path (spelled as `schemaEntries` spells them),
 * read from the source file that declares `exportName`: `z.strictObject({...})` calls, method chains
 * (`.optional()`), `z.record(k, v)`, `z.array(x)`, unions, spreads, and identifiers naming other consts of
 * the same file. A path several union options share collects each option's comment.
 */
export function readSchemaDocs(sourceText: string, exportName: string, fileName = "schema.ts"): Map<string, PropertyDoc[]> {
  const file = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.ES2022, true);
  const consts = topLevelConsts(file);
  const root = consts.get(exportName);
  if (!root) throw new Error(`${fileName} declares no const ${exportName}`);
  const docs = new Map<string, PropertyDoc[]>();
  const add = (path: string, doc: PropertyDoc): void => void docs.set(path, [...(docs.get(path) ?? []), doc]);

  const walk = (expr: ts.Expression, prefix: string, seen: ReadonlySet<string>): void => {
    const e = skipOuterExpressions(expr);
    if (ts.isIdentifier(e)) {
      const target = consts.get(e.text);
      if (target && !seen.has(e.text)) walk(target, prefix, new Set([...seen, e.text]));
    } else if (ts.isObjectLiteralExpression(e)) {
      for (const property of e.properties) {
        if (ts.isSpreadAssignment(property)) {
          walk(property.expression, prefix, seen);
          continue;
        }
        const key = propertyName(property);
        if (key === undefined) continue;
        const path = propertyPath(prefix, key);
        const doc = jsDocOf(property, file);
        if (doc) add(path, doc);
        if (ts.isPropertyAssignment(property)) walk(property.initializer, path, seen);
        if (ts.isShorthandPropertyAssignment(property)) walk(property.name, path, seen);
      }
    } else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      const method = e.expression.name.text;
      const receiver = e.expression.expression;
      const [first, second] = e.arguments;
      if (!(ts.isIdentifier(receiver) && receiver.text === "z")) {
        walk(receiver, prefix, seen); // a chain: `.optional()`, `.min(1)`, `.extend({...})`
        if (method === "extend" && first) walk(first, prefix, seen);
      } else if (OBJECT_FACTORIES.has(method) && first) walk(first, prefix, seen);
      else if (method === "record" && second) walk(second, recordItemPath(prefix), seen);
      else if (method === "array" && first) walk(first, arrayItemPath(prefix), seen);
      else if (method === "intersection") e.arguments.forEach((a) => walk(a, prefix, seen));
      else if (UNION_FACTORIES.has(method)) {
        const options = e.arguments.find(ts.isArrayLiteralExpression);
        options?.elements.forEach((o) => walk(o, prefix, seen));
      }
    }
  };
  walk(root, "", new Set([exportName]));
  return docs;
}

function topLevelConsts(file: ts.SourceFile): Map<string, ts.Expression> {
  const consts = new Map<string, ts.Expression>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
    }
  }
  return consts;
}

function skipOuterExpressions(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  if (!name) return undefined;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/** One line of text: the comment's lines joined; `*\/` (how a comment writes `*` `/`) unescaped. */
const oneLine = (text: string | undefined): string => (text ?? "").replace(/\*\\\//g, "*/").replace(/\s+/g, " ").trim();

/**
 * TypeScript attaches a JSDoc comment to the property after it only when the comment starts a line;
 * one after other code on its line would be lost silently, so it is an error instead.
 */
function jsDocOf(node: ts.Node, file: ts.SourceFile): PropertyDoc | undefined {
  const jsDocs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const last = jsDocs[jsDocs.length - 1];
  if (!last) {
    const stray = (ts.getTrailingCommentRanges(file.text, node.pos) ?? []).find((c) => file.text.startsWith("/**", c.pos));
    if (stray) {
      const line = file.getLineAndCharacterOfPosition(stray.pos).line + 1;
      throw new Error(`${file.fileName}:${line}: a JSDoc comment after code on its line is not read; start it on a line of its own`);
    }
    return undefined;
  }
  const text = oneLine(ts.getTextOfJSDocComment(last.comment));
  const tag = last.tags?.find((t) => t.tagName.text === "default");
  return tag ? { text, default: oneLine(ts.getTextOfJSDocComment(tag.comment)) } : { text };
}
