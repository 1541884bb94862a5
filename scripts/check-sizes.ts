/**
 * `npm run check-sizes`: lists the files over 400 lines and the functions (declarations, function
 * expressions, arrows, methods, constructors and accessors) over 80 lines in the program's code (app.ts,
 * app-outputs.ts, components/, config/, local/, preview/, policies/, vtl/, sdk/, functions/ and
 * scripts/; tests/ is not checked), or in the folders and files given, and exits 1 when there is any.
 * Generated code (the typed clients in sdk/clients/) is skipped. A function's lines run from its first
 * token (its comment not counted) to its last, and include the functions nested in it.
 */
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";

// The compiler costs about 0.2 s of CPU to load: loaded by the check, not by --help.
let ts: typeof TS;

export const MAX_FILE_LINES = 400;
export const MAX_FUNCTION_LINES = 80;
/** The program's code: every folder and root file but tests/ (and examples, templates and the docs site). */
export const DEFAULT_FOLDERS = ["app.ts", "app-outputs.ts", "components", "config", "local", "preview", "policies", "vtl", "sdk", "functions", "scripts"];

const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIPPED_FOLDERS = new Set(["node_modules", ".bundles"]);
/** Generated code, relative to the root the check runs in: `npm run client` writes the typed clients. */
export const GENERATED_FOLDERS = new Set(["sdk/clients"]);

export interface SizeProblem {
  /** The file, relative to the root the check ran in, with `/` separators. */
  readonly file: string;
  /** The line the file or function starts on (1 for a file). */
  readonly line: number;
  /** `file`, or the function's name (`name`, `Class.method`, `(anonymous)`). */
  readonly what: string;
  readonly lines: number;
  readonly max: number;
}

export interface SizeLimits {
  readonly fileLines: number;
  readonly functionLines: number;
}

const DEFAULT_LIMITS: SizeLimits = { fileLines: MAX_FILE_LINES, functionLines: MAX_FUNCTION_LINES };

type FunctionNode = TS.FunctionLikeDeclaration;

function isFunctionNode(node: TS.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

function nameText(name: TS.Node | undefined, file: TS.SourceFile): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText(file);
}

/** A function's name: its own, the variable or property it is assigned to, with its class in front. */
function functionName(node: FunctionNode, file: TS.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return `${nameText(node.parent.name, file) ?? "(class)"}.constructor`;
  const own = nameText(node.name, file);
  const parent = node.parent;
  const assigned =
    own ??
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) ? nameText(parent.name, file) : undefined) ??
    (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? parent.left.getText(file) : undefined);
  const name = assigned ?? "(anonymous)";
  const owner = ts.isClassLike(parent) || ts.isPropertyDeclaration(parent) ? (ts.isClassLike(parent) ? parent : parent.parent) : undefined;
  const className = owner && ts.isClassLike(owner) ? nameText(owner.name, file) : undefined;
  return className ? `${className}.${name}` : name;
}

const lineOf = (file: TS.SourceFile, position: number): number => file.getLineAndCharacterOfPosition(position).line + 1;

/** What is too long in one file's text. */
export function sizeProblemsOf(fileName: string, text: string, limits: SizeLimits = DEFAULT_LIMITS): SizeProblem[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ts ??= require("typescript") as typeof TS;
  const problems: SizeProblem[] = [];
  const lines = text.length === 0 ? 0 : text.replace(/\r?\n$/, "").split(/\r?\n/).length;
  if (lines > limits.fileLines) problems.push({ file: fileName, line: 1, what: "file", lines, max: limits.fileLines });
  const kind = /\.(js|mjs|cjs)$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const visit = (node: TS.Node): void => {
    if (isFunctionNode(node) && node.body) {
      const start = lineOf(file, node.getStart(file));
      const length = lineOf(file, node.getEnd()) - start + 1;
      if (length > limits.functionLines)
        problems.push({ file: fileName, line: start, what: functionName(node, file), lines: length, max: limits.functionLines });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return problems;
}

const relativeTo = (root: string, file: string): string => path.relative(root, file).split(path.sep).join("/");

const isSourceFile = (name: string): boolean => SOURCE_FILE.test(name) && !name.endsWith(".d.ts");

/** The source files at `target` (a folder, walked in name order, or one file), but skipped and generated folders. */
function sourceFiles(root: string, target: string): string[] {
  if (!fs.existsSync(target)) return [];
  if (!fs.statSync(target).isDirectory()) return isSourceFile(target) ? [target] : [];
  if (GENERATED_FOLDERS.has(relativeTo(root, target))) return [];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(target, entry.name);
      if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(root, full);
      return isSourceFile(entry.name) ? [full] : [];
    });
}

/** What is too long in the folders and files under `root`, in the order given, each folder in path order. */
export function checkSizes(root: string, folders: readonly string[] = DEFAULT_FOLDERS, limits: SizeLimits = DEFAULT_LIMITS): SizeProblem[] {
  return folders.flatMap((folder) =>
    sourceFiles(root, path.join(root, folder)).flatMap((file) => sizeProblemsOf(relativeTo(root, file), fs.readFileSync(file, "utf8"), limits)),
  );
}

export function formatProblem(p: SizeProblem): string {
  return p.what === "file"
    ? `${p.file}: ${p.lines} lines (at most ${p.max})`
    : `${p.file}:${p.line}: function ${p.what} is ${p.lines} lines (at most ${p.max})`;
}

const USAGE = `usage: npm run check-sizes [-- <folder or file>...]
Lists files over ${MAX_FILE_LINES} lines and functions over ${MAX_FUNCTION_LINES} lines in the folders and files given, by default
${DEFAULT_FOLDERS.join(", ")} (not tests);
generated code (${[...GENERATED_FOLDERS].join(", ")}) is skipped. Exits 1 when there is any.`;

export function main(args: readonly string[], root = process.cwd()): number {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.find((a) => a.startsWith("-"));
  if (unknown !== undefined) {
    console.error(`unknown option ${unknown}\n${USAGE}`);
    return 2;
  }
  const folders = args.length > 0 ? args : DEFAULT_FOLDERS;
  const problems = checkSizes(root, folders);
  for (const p of problems) console.log(formatProblem(p));
  if (problems.length > 0) {
    console.log(`${problems.length} over the limits in ${folders.join(", ")}`);
    return 1;
  }
  console.log(`no file over ${MAX_FILE_LINES} lines and no function over ${MAX_FUNCTION_LINES} lines in ${folders.join(", ")}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
