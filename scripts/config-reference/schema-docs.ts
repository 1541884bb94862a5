import ts from "typescript";
import { arrayItemPath, propertyPath, recordItemPath } from "../../config/schema-paths";

/** The JSDoc comment of one property of the schema: its text and its `@default` tag. */
export interface PropertyDoc {
  readonly text: string;
  readonly default?: string;
}

const OBJECT_FACTORIES = new Set(["object", "strictObject", "looseObject"]);
const UNION_FACTORIES = new Set(["union", "discriminatedUnion"]);

/** A module of the schema's source: its text and a name for messages and for resolving its imports. */
export interface SchemaModule {
  readonly fileName: string;
  readonly text: string;
}

/** The module `specifier` names when `fromFile` imports it (`./sections/stage`), or undefined (a package). */
export type ModuleLoader = (specifier: string, fromFile: string) => SchemaModule | undefined;

interface ParsedModule {
  readonly file: ts.SourceFile;
  readonly consts: Map<string, ts.Expression>;
  /** Local name → the module and the name it is imported from (`import { a as b } from "./x"`). */
  readonly imports: Map<string, { readonly specifier: string; readonly name: string }>;
}

/**
 * The JSDoc comments of a zod schema's properties by key path (spelled as `schemaEntries` spells them),
 * read from the source file that declares `exportName`: `z.strictObject({...})` calls, method chains
 * (`.optional()`), `z.record(k, v)`, `z.array(x)`, unions, spreads, and identifiers naming other consts of
 * the same file or, given `load`, consts other modules declare and the file imports by name. A path
 * several union options share collects each option's comment.
 */
export function readSchemaDocs(sourceText: string, exportName: string, fileName = "schema.ts", load?: ModuleLoader): Map<string, PropertyDoc[]> {
  const modules = new Map<string, ParsedModule>();
  const parse = (name: string, text: string): ParsedModule => {
    const file = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
    const parsed = { file, consts: topLevelConsts(file), imports: namedImports(file) };
    modules.set(name, parsed);
    return parsed;
  };
  const main = parse(fileName, sourceText);
  const root = main.consts.get(exportName);
  if (!root) throw new Error(`${fileName} declares no const ${exportName}`);
  const docs = new Map<string, PropertyDoc[]>();
  const add = (path: string, doc: PropertyDoc): void => void docs.set(path, [...(docs.get(path) ?? []), doc]);

  /** The const an identifier names, in its own module or, through an import, in another. */
  const resolve = (name: string, from: ParsedModule): { module: ParsedModule; expr: ts.Expression; key: string } | undefined => {
    const local = from.consts.get(name);
    if (local) return { module: from, expr: local, key: `${from.file.fileName}#${name}` };
    const imported = from.imports.get(name);
    const found = imported && load?.(imported.specifier, from.file.fileName);
    if (!imported || !found) return undefined;
    const module = modules.get(found.fileName) ?? parse(found.fileName, found.text);
    const expr = module.consts.get(imported.name);
    return expr && { module, expr, key: `${found.fileName}#${imported.name}` };
  };

  const walk = (expr: ts.Expression, prefix: string, seen: ReadonlySet<string>, mod: ParsedModule): void => {
    const e = skipOuterExpressions(expr);
    if (ts.isIdentifier(e)) {
      const target = resolve(e.text, mod);
      if (target && !seen.has(target.key)) walk(target.expr, prefix, new Set([...seen, target.key]), target.module);
    } else if (ts.isObjectLiteralExpression(e)) {
      for (const property of e.properties) {
        if (ts.isSpreadAssignment(property)) {
          walk(property.expression, prefix, seen, mod);
          continue;
        }
        const key = propertyName(property);
        if (key === undefined) continue;
        const path = propertyPath(prefix, key);
        const doc = jsDocOf(property, mod.file);
        if (doc) add(path, doc);
        if (ts.isPropertyAssignment(property)) walk(property.initializer, path, seen, mod);
        if (ts.isShorthandPropertyAssignment(property)) walk(property.name, path, seen, mod);
      }
    } else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      const method = e.expression.name.text;
      const receiver = e.expression.expression;
      const [first, second] = e.arguments;
      if (!(ts.isIdentifier(receiver) && receiver.text === "z")) {
        walk(receiver, prefix, seen, mod); // a chain: `.optional()`, `.min(1)`, `.extend({...})`
        if (method === "extend" && first) walk(first, prefix, seen, mod);
      } else if (OBJECT_FACTORIES.has(method) && first) walk(first, prefix, seen, mod);
      else if (method === "record" && second) walk(second, recordItemPath(prefix), seen, mod);
      else if (method === "array" && first) walk(first, arrayItemPath(prefix), seen, mod);
      else if (method === "intersection") e.arguments.forEach((a) => walk(a, prefix, seen, mod));
      else if (UNION_FACTORIES.has(method)) {
        const options = e.arguments.find(ts.isArrayLiteralExpression);
        options?.elements.forEach((o) => walk(o, prefix, seen, mod));
      }
    }
  };
  walk(root, "", new Set([`${fileName}#${exportName}`]), main);
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

/** The values a file imports by name from other modules (type-only imports name no schema). */
function namedImports(file: ts.SourceFile): Map<string, { specifier: string; name: string }> {
  const imports = new Map<string, { specifier: string; name: string }>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) continue;
    for (const element of clause.namedBindings.elements) {
      if (!element.isTypeOnly) imports.set(element.name.text, { specifier: statement.moduleSpecifier.text, name: (element.propertyName ?? element.name).text });
    }
  }
  return imports;
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
const oneLine = (text: string | undefined): string =>
  (text ?? "")
    .replace(/\*\\\//g, "*/")
    .replace(/\s+/g, " ")
    .trim();

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
