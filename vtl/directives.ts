/**
 * `#foreach`, `#break`, `#stop` and macro calls as Velocity 1.7 runs them, where velocityjs differs:
 *
 *  - `#break` ends the innermost `#foreach` at once: the rest of the iteration is not rendered, also when
 *    the `#break` sits in an `#if` (velocityjs only skipped the next iterations, and a `#break` in a loop
 *    over a map stayed in force for the rest of the template). `#break($foreach)` names that same loop.
 *    Outside any loop it ends the template (Velocity 1.7's `#break` ends its nearest scope; not checked
 *    against API Gateway).
 *  - `#stop` ends the template (velocityjs knows only `#stop()`).
 *  - inside a `#foreach`, `$foreach` has `index`, `count`, `hasNext`, `first` and `last` (Velocity 1.7
 *    `ForeachScope`: isFirst, isLast), besides `$velocityCount` and `$velocityHasNext` (Velocity 1.7's
 *    default `velocity.properties`: `directive.foreach.counter.name = velocityCount`,
 *    `directive.foreach.counter.initial.value = 1`, `directive.foreach.iterator.name = velocityHasNext`).
 *  - a macro called with fewer arguments than it declares sees the missing ones as null (velocityjs
 *    failed on `#m()`).
 *
 * The AST changes are made once per template (`normalizeDirectives`); rendering keeps velocityjs's steps.
 */
import type { VELOCITY_AST } from "velocityjs/dist/src/type";
import { isPlainObject } from "./json-value";

/** `#stop` or `#{stop}` in a template's text (velocityjs's parser knows only `#stop()`, and cuts `#stop` into text). */
const BARE_STOP = /#stop(?![\w(])|#\{stop\}/;

type Node = VELOCITY_AST | string | Node[];

function isNode(value: unknown, type: string): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && (value as { type?: unknown }).type === type;
}

/** Drops the `($foreach)` velocityjs leaves as text after a `#break($foreach)`. */
function dropBreakScope(list: Node[], at: number): void {
  const [open, scope, close] = [list[at + 1], list[at + 2], list[at + 3]];
  if (open !== "(" || !isNode(scope, "references") || typeof close !== "string" || !close.startsWith(")")) return;
  list.splice(at + 1, 3, ...(close.length > 1 ? [close.slice(1)] : []));
}

/** Joins adjacent text chunks of a node list, then makes each `#stop` in the text a call of velocityjs's `stop`. */
function parseStops(list: Node[]): void {
  for (let i = 0; i < list.length; i++) {
    const text = list[i];
    if (typeof text !== "string") continue;
    while (typeof list[i + 1] === "string") list[i] = (list[i] as string) + (list.splice(i + 1, 1)[0] as string);
    const joined = list[i] as string;
    const stop = BARE_STOP.exec(joined);
    if (stop === null) continue;
    const call = { type: "macro_call", id: "stop", args: [] } as unknown as VELOCITY_AST;
    const after = joined.slice(stop.index + stop[0].length);
    list.splice(i, 1, ...(stop.index > 0 ? [joined.slice(0, stop.index)] : []), call, ...(after.length > 0 ? [after] : []));
  }
}

/** Rewrites, in place, the parse of a template where velocityjs's parse differs from Velocity's (see above). */
export function normalizeDirectives<T>(asts: T): T {
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      const list = value as Node[];
      parseStops(list);
      for (let i = 0; i < list.length; i++) {
        if (isNode(list[i], "break")) dropBreakScope(list, i);
        visit(list[i]);
      }
      return;
    }
    if (isNode(value, "macro_call") && !Array.isArray((value as { args?: unknown }).args)) (value as { args: unknown[] }).args = [];
  };
  visit(asts);
  return asts;
}

/** The members of velocityjs's compiler that the loop below uses. */
export interface VelocityBlocks {
  readonly runState: { stop: boolean; break: boolean };
  readonly local: Record<string, unknown>;
  conditions: string[];
  contextId: string;
  /** A reference's text as it renders (this compiler's `getReferences` with `isVal` gives a string). */
  getReferences(ast: VELOCITY_AST, isVal: true): string;
  getLiteral(ast: VELOCITY_AST): unknown;
  setValue(ast: VELOCITY_AST): void;
  getMacro(ast: VELOCITY_AST): string;
  getBlock(ast: VELOCITY_AST): string;
  renderAstList(asts: VELOCITY_AST[], contextId: string): string;
}

/** velocityjs's `renderAstList`, which also stops at a `#break` (velocityjs went on to the end of the list). */
export function renderAstList(compile: VelocityBlocks, asts: ReadonlyArray<VELOCITY_AST | string>, contextId: string | undefined): string {
  if (contextId) {
    if (contextId !== compile.contextId && !compile.conditions.includes(contextId)) compile.conditions.unshift(contextId);
    compile.contextId = contextId;
  } else compile.contextId = "";
  let out = "";
  const state = compile.runState;
  for (const ast of asts) {
    if (state.stop || state.break) break;
    if (typeof ast === "string") {
      out += ast;
      continue;
    }
    switch (ast.type) {
      case "references":
        out += compile.getReferences(ast, true);
        break;
      case "set":
        compile.setValue(ast);
        break;
      case "break":
        state.break = true;
        break;
      case "macro_call":
        out += compile.getMacro(ast);
        break;
      case "comment":
        break;
      case "raw":
        out += (ast as { value: string }).value;
        break;
      default:
        out += compile.getBlock(ast);
    }
  }
  return out;
}

let loops = 0;

/** `#foreach` (velocityjs's `getBlockEach`, with Velocity 1.7's loop variables and `#break`). */
export function renderForeach(compile: VelocityBlocks, block: VELOCITY_AST[]): string {
  const ast = block[0] as unknown as { readonly from: VELOCITY_AST; readonly to: string; readonly pos?: unknown };
  const from = compile.getLiteral({ ...ast.from, pos: ast.pos } as VELOCITY_AST);
  if (typeof from !== "object" || from === null) return "";
  const items: unknown[] = Array.isArray(from) ? from : isPlainObject(from) ? Object.values(from) : [];
  if (items.length === 0) return "";
  const body = block.slice(1);
  const contextId = `foreach:${loops++}`;
  const local: Record<string, unknown> = {};
  let out = "";
  for (let i = 0; i < items.length && !compile.runState.break && !compile.runState.stop; i++) {
    const hasNext = i + 1 < items.length;
    local[ast.to] = items[i];
    local.foreach = { index: i, count: i + 1, hasNext, first: i === 0, last: !hasNext };
    local.velocityCount = i + 1;
    local.velocityHasNext = hasNext;
    compile.local[contextId] = local;
    out += compile.renderAstList(body, contextId);
  }
  compile.runState.break = false;
  compile.local[contextId] = {};
  compile.conditions.shift();
  compile.contextId = compile.conditions[0] || "";
  return out;
}
