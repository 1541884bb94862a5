import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { CORS_ENVIRONMENT as STACK_CORS_ENVIRONMENT } from "../../config/shared/cors-environment";
import { CORS_ENVIRONMENT as FUNCTION_CORS_ENVIRONMENT } from "../../functions/shared/cors-environment";

const REPO = path.join(__dirname, "..", "..");
const CONFIG = path.join(REPO, "config");
/** Folders of the repository config/ must not import: config is read before any of them exists. */
const FORBIDDEN_FOLDERS = ["components", "local", "functions"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|cts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Every module a file names: imports, re-exports, `import("...")`, `require("...")` and `import x = require(...)`. */
function moduleSpecifiers(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) {
      found.push(node.expression.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))
    ) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) found.push(first.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Why `file` may not import `specifier`, or undefined when it may. */
function forbidden(file: string, specifier: string): string | undefined {
  if (specifier === "@pulumi" || specifier.startsWith("@pulumi/")) return "the Pulumi SDK";
  if (!specifier.startsWith(".")) return undefined;
  const target = path.relative(REPO, path.resolve(path.dirname(file), specifier)).split(path.sep);
  return FORBIDDEN_FOLDERS.includes(target[0] ?? "") ? `${target[0]}/` : undefined;
}

describe("config/ depends on nothing the program builds", () => {
  test("no file under config/ imports components/, local/, functions/ or @pulumi/*", () => {
    const violations = sourceFiles(CONFIG).flatMap((file) =>
      moduleSpecifiers(file, fs.readFileSync(file, "utf8")).flatMap((specifier) => {
        const what = forbidden(file, specifier);
        return what ? [`${path.relative(REPO, file)}: imports ${JSON.stringify(specifier)} (${what})`] : [];
      }),
    );
    expect(violations).toEqual([]);
  });

  test("the check sees every way a module is named", () => {
    const text = [
      'import { a } from "../components/x";',
      'import type { B } from "@pulumi/pulumi";',
      'export { c } from "../local/y";',
      'const d = require("../functions/z");',
      'const e = import("@pulumi/aws");',
      'type F = import("../components/f").F;',
      'import g = require("./shared/g");',
    ].join("\n");
    expect(moduleSpecifiers("config/example.ts", text)).toEqual([
      "../components/x",
      "@pulumi/pulumi",
      "../local/y",
      "../functions/z",
      "@pulumi/aws",
      "../components/f",
      "./shared/g",
    ]);
    const file = path.join(CONFIG, "example.ts");
    expect(moduleSpecifiers(file, text).map((s) => forbidden(file, s))).toEqual([
      "components/",
      "the Pulumi SDK",
      "local/",
      "functions/",
      "the Pulumi SDK",
      "components/",
      undefined,
    ]);
  });

  test("the stack sets the CORS variables under the names the functions read", () => {
    expect(STACK_CORS_ENVIRONMENT).toEqual(FUNCTION_CORS_ENVIRONMENT);
  });
});
