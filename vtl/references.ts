/**
 * Reference evaluation for the API Gateway compiler (`engine.ts`): velocityjs 2.1.7's
 * `References.getReferences` and `getPropMethod`, step for step, with the per-node work done once (a
 * reference's text) and without the steps that only cost time on every call (see each function).
 */
import { dirname, join } from "node:path";
import type { VELOCITY_AST } from "velocityjs/dist/src/type";
import { interned } from "./intern";
import { callJavaMethod, isDataValue } from "./java-methods";

/** velocityjs's text of a reference (`$!context.requestId`, `$input.params('id')`): what it prints for an undefined one. */
const velocityHelper = require(join(dirname(require.resolve("velocityjs")), "helper", "index.cjs")) as { readonly getRefText?: (ast: VELOCITY_AST) => string };
if (typeof velocityHelper.getRefText !== "function") throw new Error("velocityjs internals changed: helper/index.cjs no longer exports getRefText");
const getRefText = velocityHelper.getRefText;

/**
 * Each reference's text, made once per AST node: velocityjs builds it again on every evaluation of the
 * reference (a string assembled from its AST, its method arguments included), a visible share of a
 * small template's render. The nodes are those of parsed templates; the text depends on nothing else.
 */
const refTexts = new WeakMap<VELOCITY_AST, string>();
function refTextOf(ast: VELOCITY_AST): string {
  let text = refTexts.get(ast);
  if (text === undefined) {
    text = interned(getRefText(ast));
    refTexts.set(ast, text);
  }
  return text;
}

/** The members of velocityjs's References compiler that `referenceValue` uses (its own getReferences's). */
export interface VelocityReferences {
  readonly context: Record<string, unknown>;
  readonly defines: Record<string, VELOCITY_AST[]>;
  readonly silence: boolean;
  readonly config: { readonly unescape?: Record<string, unknown> };
  /** The #foreach and #macro scopes in effect, innermost first, and each scope's variables. */
  readonly conditions: readonly string[];
  readonly local: Record<string, unknown>;
  renderAstList(asts: VELOCITY_AST[]): string;
  getLiteral(ast: VELOCITY_AST): unknown;
  isBlockedPathKey(baseRef: unknown, key: string): boolean;
  getPropMethod(property: unknown, baseRef: unknown, ast: VELOCITY_AST): unknown;
  getAttributes(property: unknown, baseRef: unknown, ast: VELOCITY_AST): unknown;
  _throw(ast: VELOCITY_AST, property: unknown, errorName?: string): void;
}

interface ReferenceNode {
  prue?: boolean;
  readonly id: string;
  readonly leader?: string;
  readonly args?: unknown;
  readonly path?: readonly unknown[];
}

/**
 * velocityjs 2.1.7's `References.getReferences`, step for step, with the reference's text from
 * {@link refTextOf} (and without HTML escaping: this compiler never escapes).
 */
export function referenceValue(compile: VelocityReferences, ast: VELOCITY_AST, isVal: boolean | undefined): unknown {
  const node = ast as unknown as ReferenceNode;
  if (node.prue) {
    const define = compile.defines[node.id];
    if (Array.isArray(define)) return compile.renderAstList(define);
    if (compile.config.unescape && node.id in compile.config.unescape) node.prue = false;
  }
  const isSilent = compile.silence || node.leader === "$!";
  const context = compile.context;
  let ret: unknown = compile.isBlockedPathKey(context, node.id) ? undefined : context[node.id];
  // velocityjs's getLocal, without its closure and result object: the variable of the innermost scope that has it.
  let isLocal = false;
  let localValue: unknown;
  for (const contextId of compile.conditions) {
    const scope = compile.local[contextId];
    if ((typeof scope === "object" || typeof scope === "function") && scope !== null && Object.prototype.hasOwnProperty.call(scope, node.id)) {
      isLocal = true;
      localValue = (scope as Record<string, unknown>)[node.id];
      break;
    }
  }
  const text = refTextOf(ast);
  if (Object.prototype.hasOwnProperty.call(context, text)) return context[text];
  if (ret !== undefined && node.args !== undefined) ret = compile.getPropMethod(ast, context, ast);
  if (isLocal) ret = localValue;
  if (Array.isArray(node.path)) {
    for (const property of node.path) {
      if (ret === undefined) compile._throw(ast, property);
      ret = compile.getAttributes(property, ret, ast);
    }
  }
  if (isVal && ret === undefined) ret = isSilent ? "" : text;
  return ret;
}

/** A method call's node, as velocityjs's parser makes it (`$x.name(args)`). */
export interface MethodNode {
  readonly id: string;
  readonly args?: readonly VELOCITY_AST[] | false;
}

/**
 * `$x.name(args)`: velocityjs's getPropMethod, with two of its steps taken directly. A method of a data
 * value (string, number, boolean, list, map) runs its Java semantics: the first custom method handler
 * the compiler is given, which matches every data value (`javaMethodHandler`). A method an object has
 * (`$input.params`, `$util.escapeJavaScript`) is called at once: velocityjs's own handlers (`get`,
 * `size`, `keySet`, ...) match only names the object lacks. Neither builds the call's payload nor
 * searches the handlers; and the object is not given velocityjs's `eval` method on every call (no
 * Velocity engine of API Gateway has one). Anything else goes the whole way (`generic`).
 */
export function methodCallValue(
  compile: VelocityReferences,
  property: MethodNode,
  baseRef: unknown,
  ast: VELOCITY_AST,
  generic: (property: MethodNode, baseRef: unknown, ast: VELOCITY_AST) => unknown,
): unknown {
  const id = property.id;
  const data = isDataValue(baseRef);
  const owned = !data && (typeof baseRef === "object" || typeof baseRef === "function") && baseRef !== null && id in baseRef;
  if (!data && !owned) return generic(property, baseRef, ast);
  if (compile.isBlockedPathKey(baseRef, id)) {
    compile._throw(ast, property, "TypeError");
    return undefined;
  }
  const args: unknown[] = [];
  for (const exp of property.args || []) args.push(compile.getLiteral(exp));
  if (data) return callJavaMethod({ property: id, params: args, context: baseRef });
  const method = (baseRef as Record<string, unknown>)[id];
  if (typeof method !== "function") {
    compile._throw(ast, property, "TypeError");
    return undefined;
  }
  // An error keeps its own message: the caller names the template and line (velocityjs appended its own "on <reference> at L/N").
  return (method as (...args: unknown[]) => unknown).apply(baseRef, args);
}
