/**
 * velocityjs, the standard JavaScript Velocity engine, adjusted where it differs from the Java Velocity
 * (1.7) that API Gateway runs:
 *
 *  - references: a null or undefined reference renders as an empty string (API Gateway renders
 *    "$context.identity.apiKey" as "" when there is no key; a missing JSON property "will render it as an
 *    empty string", toqoz/api-gateway-mapping-template#5); other values print as Java's `toString()`
 *    (`java-text.ts`);
 *  - `#if`, `&&`, `||`, `!`: Velocity 1.7 truthiness, false only for null and boolean false, so an empty
 *    string or 0 is true (hence the `#if($x && $x.length() != 0)` and `#if("$!x" != "")` idioms seen in
 *    API Gateway templates); `==`, `<`, arithmetic: Velocity 1.7's operators (`operators.ts`), with
 *    Java's integers and doubles (`java-number.ts`: `2.0` stays a double, `1.0 / 3` is not 0);
 *  - `#set($x = <null>)` leaves `$x` unchanged (Velocity 1.7's default: a null right-hand side is not
 *    assigned; a classic trap inside `#foreach`, where `$x` keeps the previous iteration's value);
 *  - method calls on strings, numbers, lists and maps run their Java semantics (`java-methods.ts`);
 *  - a template with an unclosed `#if`/`#foreach`/`#macro`/`#define` or a stray `#end` is a syntax error
 *    (Velocity's parser rejects it; velocityjs would silently close or ignore it).
 *
 * Whitespace follows velocityjs: a newline right after a directive is dropped, text is otherwise kept.
 */
import { dirname, join } from "node:path";
import { Compile, parse } from "velocityjs";
import type { IfAST, MathAST, SetAST, VELOCITY_AST } from "velocityjs/dist/src/type";
import { TemplateRuntimeError, VtlError } from "./errors";
import { normalizeDirectives, renderAstList, renderForeach, type VelocityBlocks } from "./directives";
import { javaMethodHandler } from "./java-methods";
import { internAstStrings } from "./intern";
import { javaDouble } from "./java-number";
import { javaString } from "./java-text";
import { velocityArithmetic, velocityCompare, velocityEquals, velocityTruthy } from "./operators";
import { methodCallValue, referenceValue, type MethodNode, type VelocityReferences } from "./references";

interface FlatToken {
  readonly type: string;
  readonly pos?: { readonly first_line: number };
}

interface JisonHash {
  readonly line?: number;
  readonly loc?: { readonly first_line: number };
  readonly text?: string;
  readonly token?: string | number | null;
  readonly expected?: readonly string[];
}

const TOKENS: Readonly<Record<string, string>> = {
  EOF: "end of template",
  PARENTHESIS: '"("',
  CLOSE_PARENTHESIS: '")"',
  BRACKET: '"["',
  CLOSE_BRACKET: '"]"',
  MAP_BEGIN: '"{"',
  MAP_END: '"}"',
  DOLLAR: '"$"',
  COMMA: '","',
  DOT: '"."',
  EQUAL: '"="',
  IN: '"in"',
  ID: "a name",
  STRING: "a string",
  EVAL_STRING: "a string",
  INTEGER: "a number",
  BOOL: "true, false or null",
};

function tokenName(token: string): string {
  const bare = token.replace(/^'|'$/g, "");
  return TOKENS[bare] ?? `"${bare}"`;
}

/** "unexpected X, expecting Y" from a jison parse error (the token list is only kept when short). */
function describeParseError(hash: JisonHash): string {
  const got = hash.token === 1 || hash.token === "EOF" || hash.text === "" ? TOKENS.EOF : tokenName(String(hash.token ?? hash.text));
  const expected = hash.expected ?? [];
  const expecting = expected.length > 0 && expected.length <= 3 ? `, expecting ${expected.map(tokenName).join(" or ")}` : "";
  return `unexpected ${got}${expecting}`;
}

/** velocityjs's un-nested parser: its `parse` export nests blocks and hides unbalanced `#end`s. */
const flatParser = require(join(dirname(require.resolve("velocityjs")), "parse", "index.cjs")) as {
  readonly parse_1?: (template: string) => Array<string | FlatToken>;
};
if (typeof flatParser.parse_1 !== "function") throw new Error("velocityjs internals changed: parse/index.cjs no longer exports parse_1");
const parseFlat = flatParser.parse_1;

const BLOCK_TYPES = new Set(["if", "foreach", "macro", "define", "noescape", "macro_body"]);
const BLOCK_NAMES: Readonly<Record<string, string>> = { macro_body: "#@macro call", noescape: "#noescape" };

function syntaxError(templateName: string, e: unknown): VtlError {
  const error = e instanceof Error ? e : new Error(String(e));
  const hash = (error as Error & { hash?: JisonHash }).hash;
  const line = hash?.loc?.first_line ?? (hash?.line === undefined ? undefined : hash.line + 1);
  const detail = error.message.startsWith("Lexical error")
    ? "unrecognized text (an unterminated string or a stray character)"
    : hash?.expected !== undefined
      ? describeParseError(hash)
      : error.message;
  return new VtlError("syntax", templateName, detail, line);
}

/** Checks that every block directive is closed by exactly one `#end`. */
function checkBlocks(tokens: ReadonlyArray<string | FlatToken>, templateName: string): void {
  const open: FlatToken[] = [];
  for (const token of tokens) {
    if (typeof token === "string") continue;
    if (BLOCK_TYPES.has(token.type)) open.push(token);
    else if (token.type === "end") {
      if (open.pop() === undefined)
        throw new VtlError("syntax", templateName, "#end without a matching #if, #foreach, #macro or #define", token.pos?.first_line);
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) {
    const name = BLOCK_NAMES[unclosed.type] ?? `#${unclosed.type}`;
    throw new VtlError("syntax", templateName, `${name} is never closed with #end`, unclosed.pos?.first_line);
  }
}

/** Parses a template, throwing a `VtlError` that names the template and line on any syntax error. */
export function parseTemplate(template: string, templateName: string): VELOCITY_AST[] {
  let tokens: Array<string | FlatToken>;
  try {
    tokens = parseFlat(template);
  } catch (e) {
    throw syntaxError(templateName, e);
  }
  checkBlocks(tokens, templateName);
  try {
    return normalizeDirectives(internAstStrings(parse(template)));
  } catch (e) {
    throw syntaxError(templateName, e);
  }
}

function lineOf(ast: unknown): number | undefined {
  const pos = (ast as { pos?: { first_line?: unknown } } | null)?.pos;
  return typeof pos?.first_line === "number" ? pos.first_line : undefined;
}

/** Attaches the template line to an error thrown while evaluating `ast`. */
function annotate(e: unknown, ast: unknown): TemplateRuntimeError | VtlError {
  if (e instanceof VtlError) return e;
  const error = e instanceof TemplateRuntimeError ? e : new TemplateRuntimeError(e instanceof Error ? e.message : String(e));
  if (error.line === undefined) error.line = lineOf(ast);
  return error;
}

/** Stands in the right-hand side of a `#set` whose value was already computed. */
const PRECOMPUTED = { type: "precomputed" } as unknown as VELOCITY_AST;

/**
 * Double-quoted string literals (`"$!context.requestId"`) parsed once: velocityjs parses such a
 * literal again every time it is evaluated, which was most of a small template's render time. The
 * keys are literals of the templates themselves (a few per template), never request data; the cache
 * is emptied should it ever grow past its bound.
 */
const evalStringAsts = new Map<string, VELOCITY_AST[]>();
const MAX_EVAL_STRINGS = 10_000;

function evalStringAst(text: string): VELOCITY_AST[] {
  let asts = evalStringAsts.get(text);
  if (asts === undefined) {
    asts = internAstStrings(parse(text));
    if (evalStringAsts.size >= MAX_EVAL_STRINGS) evalStringAsts.clear();
    evalStringAsts.set(text, asts);
  }
  return asts;
}

/** velocityjs's own method call, for what {@link methodCallValue} does not take directly. */
const velocityGetPropMethod = (Compile.prototype as unknown as { getPropMethod: (property: MethodNode, baseRef: unknown, ast: VELOCITY_AST) => unknown })
  .getPropMethod;
if (typeof velocityGetPropMethod !== "function") throw new Error("velocityjs internals changed: Compile has no getPropMethod");

/** The velocityjs compiler with API Gateway's Velocity semantics. */
export class ApiGatewayCompile extends Compile {
  private precomputed: { readonly value: unknown } | undefined;

  constructor(asts: VELOCITY_AST[]) {
    super(asts, { escape: false, customMethodHandlers: [javaMethodHandler] });
    this.precomputed = undefined;
  }

  protected getReferences(ast: VELOCITY_AST, isVal?: boolean): string {
    let value: unknown;
    try {
      value = referenceValue(this as unknown as VelocityReferences, ast, isVal);
    } catch (e) {
      throw annotate(e, ast);
    }
    if (!isVal) return value as string;
    return value === null || value === undefined ? "" : javaString(value);
  }

  /** `$x.name(args)`: see {@link methodCallValue}. */
  getPropMethod(property: MethodNode, baseRef: unknown, ast: VELOCITY_AST): unknown {
    return methodCallValue(this as unknown as VelocityReferences, property, baseRef, ast, (p, b, a) => velocityGetPropMethod.call(this, p, b, a));
  }

  /** A double-quoted string's references replaced, as velocityjs does, from its parse kept in {@link evalStringAst}. */
  evalStr(str: string): string {
    return this.renderAstList(evalStringAst(str), this.contextId);
  }

  protected getLiteral(ast: VELOCITY_AST): string {
    if (ast === PRECOMPUTED && this.precomputed !== undefined) return this.precomputed.value as string;
    // A literal with a decimal point is a Double (Velocity 1.7 ASTFloatingPointLiteral): `2.0` stays 2.0.
    if (ast.type === "decimal") return javaDouble(Number((ast as { value: unknown }).value)) as unknown as string;
    return super.getLiteral(ast);
  }

  protected getExpression(ast: VELOCITY_AST): string {
    if (ast.type !== "math") return super.getExpression(ast);
    const math = ast as MathAST;
    const [left, right] = math.expression as unknown as VELOCITY_AST[];
    const value = (x: VELOCITY_AST): unknown => this.getExpression(x);
    let result: unknown;
    switch (math.operator) {
      case "||":
        result = velocityTruthy(value(left)) || velocityTruthy(value(right));
        break;
      case "&&":
        result = velocityTruthy(value(left)) && velocityTruthy(value(right));
        break;
      case "not":
        result = !velocityTruthy(value(left));
        break;
      case "==":
        result = velocityEquals(value(left), value(right));
        break;
      case "!=":
        result = !velocityEquals(value(left), value(right));
        break;
      case "<":
      case "<=":
      case ">":
      case ">=":
        result = velocityCompare(math.operator, value(left), value(right));
        break;
      case "minus":
        result = velocityArithmetic(math.operator, value(left));
        break;
      case "+":
      case "-":
      case "*":
      case "/":
      case "%":
        result = velocityArithmetic(math.operator, value(left), value(right));
        break;
      default:
        return super.getExpression(ast);
    }
    return result as string;
  }

  protected setValue(ast: SetAST): void {
    try {
      const right = ast.equal[1];
      const value: unknown = right.type === "math" ? this.getExpression(right) : this.getLiteral(right);
      if (value === null || value === undefined) return;
      this.precomputed = { value };
      super.setValue({ ...ast, equal: [ast.equal[0], PRECOMPUTED] });
    } catch (e) {
      throw annotate(e, ast);
    } finally {
      this.precomputed = undefined;
    }
  }

  /** velocityjs's loop over a list of nodes, stopping at `#break` (`directives.ts`). */
  renderAstList(asts?: VELOCITY_AST[], contextId?: string): string {
    return renderAstList(this as unknown as VelocityBlocks, asts ?? this.asts, contextId);
  }

  /** `#foreach` with Velocity 1.7's loop variables and `#break` (`directives.ts`). */
  getBlockEach(block: VELOCITY_AST[]): string {
    return renderForeach(this as unknown as VelocityBlocks, block);
  }

  /** `#if` / `#elseif` / `#else` with Velocity 1.7 truthiness (replaces velocityjs's JavaScript truthiness). */
  getBlockIf(block: Array<VELOCITY_AST | string>): string {
    let matched = false;
    const body: Array<VELOCITY_AST | string> = [];
    for (const ast of block) {
      const type = typeof ast === "string" ? "" : ast.type;
      if (type !== "if" && type !== "elseif" && type !== "else") {
        if (matched) body.push(ast);
        continue;
      }
      if (matched) break;
      if (type === "else") matched = true;
      else {
        try {
          matched = velocityTruthy(this.getExpression((ast as IfAST).condition));
        } catch (e) {
          throw annotate(e, ast);
        }
      }
    }
    return this.renderAstList(body as VELOCITY_AST[], this.contextId);
  }
}
