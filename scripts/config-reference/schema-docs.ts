import ts from "typescript";
import { arrayItemPath, propertyPath, recordItemPath } from "../../config/schema-paths";

/** The JSDoc comment of one property of the schema: its text and its `@default` tag. */
export interface PropertyDoc {
  readonly text: string;
  readonly default?: string;
}

const OBJECT_FACTORIES = new Set(["object", "strictObject", "looseObject"]);
const UNION_FACTORIES = new Set(["union", "discriminatedUnion"]);

/** Reads a module a schema file imports: its text and name, or undefined for a package. */
export type ModuleReader = (fromFile: string, specifier: string) => { readonly text: string; readonly fileName: string } | undefined;

interface SchemaSource {
  readonly file: ts.SourceFile;
  readonly consts: Map<string, ts.Expression>;
  /** Local name → the module specifier and the name it exports. */
  readonly imports: Map<string, { readonly specifier: string; readonly name: string }>;
}

/**
 * The JSDoc comments of a zod schema's properties by key path (spelled as `schemaEntries` spells them),
 * read from the source file that declares `exportName`: `z.strictObject({...})` calls, method chains
 * (`.optional()`), `z.record(k, v)`, `z.array(x)`, unions, spreads, identifiers naming other consts of
 * the same file, and (with `readModule`) consts imported from the project's own modules, like the
 * integration types' schemas in config/integrations/. A path several union options share collects each
 * option's comment.
 */
export function readSchemaDocs(sourceText: string, exportName: string, fileName = "schema.ts", readModule?: ModuleReader): Map<string, PropertyDoc[]> {
  const sources = new Map<string, SchemaSource>();
  const load = (name: string, text: string): SchemaSource => {
    const known = sources.get(name);
    if (known) return known;
    const file = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
    const source = { file, consts: topLevelConsts(file), imports: importedNames(file) };
    sources.set(name, source);
    return source;
  };
  const main = load(fileName, sourceText);
  const root = main.consts.get(exportName);
  if (!root) throw new Error(`${fileName} declares no const ${exportName}`);
  const docs = new Map<string, PropertyDoc[]>();
  const add = (path: string, doc: PropertyDoc): void => void docs.set(path, [...(docs.get(path) ?? []), doc]);

  /** The const an identifier of `source` names: its own, or one it imports from a module of the project. */
  const resolve = (source: SchemaSource, name: string): { source: SchemaSource; expr: ts.Expression } | undefined => {
    const own = source.consts.get(name);
    if (own) return { source, expr: own };
    const imported = source.imports.get(name);
    const module = imported && readModule?.(source.file.fileName, imported.specifier);
    if (!imported || !module) return undefined;
    return resolve(load(module.fileName, module.text), imported.name);
  };

  const walk = (source: SchemaSource, expr: ts.Expression, prefix: string, seen: ReadonlySet<ts.Expression>): void => {
    const e = skipOuterExpressions(expr);
    const file = source.file;
    if (ts.isIdentifier(e)) {
      const target = resolve(source, e.text);
      if (target && !seen.has(target.expr)) walk(target.source, target.expr, prefix, new Set([...seen, target.expr]));
    } else if (ts.isObjectLiteralExpression(e)) {
      for (const property of e.properties) {
        if (ts.isSpreadAssignment(property)) {
          walk(source, property.expression, prefix, seen);
          continue;
        }
        const key = propertyName(property);
        if (key === undefined) continue;
        const path = propertyPath(prefix, key);
        const doc = jsDocOf(property, file);
        if (doc) add(path, doc);
        if (ts.isPropertyAssignment(property)) walk(source, property.initializer, path, seen);
        if (ts.isShorthandPropertyAssignment(property)) walk(source, property.name, path, seen);
      }
    } else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      const method = e.expression.name.text;
      const receiver = e.expression.expression;
      const [first, second] = e.arguments;
      if (!(ts.isIdentifier(receiver) && receiver.text === "z")) {
        walk(source, receiver, prefix, seen); // a chain: `.optional()`, `.min(1)`, `.extend({...})`
        if (method === "extend" && first) walk(source, first, prefix, seen);
      } else if (OBJECT_FACTORIES.has(method) && first) walk(source, first, prefix, seen);
      else if (method === "record" && second) walk(source, second, recordItemPath(prefix), seen);
      else if (method === "array" && first) walk(source, first, arrayItemPath(prefix), seen);
      else if (method === "intersection") e.arguments.forEach((a) => walk(source, a, prefix, seen));
      else if (UNION_FACTORIES.has(method)) {
        const options = e.arguments.find(ts.isArrayLiteralExpression);
        options?.elements.forEach((o) => walk(source, o, prefix, seen));
      }
    }
  };
  walk(main, root, "", new Set([root]));
  return docs;
}

/** The names a file imports from relative modules (`import { a, b as c } from "./x"`). */
function importedNames(file: ts.SourceFile): Map<string, { readonly specifier: string; readonly name: string }> {
  const out = new Map<string, { readonly specifier: string; readonly name: string }>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const specifier = statement.moduleSpecifier.text;
    const bindings = statement.importClause?.namedBindings;
    if (!specifier.startsWith(".") || !bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) out.set(element.name.text, { specifier, name: (element.propertyName ?? element.name).text });
  }
  return out;
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
