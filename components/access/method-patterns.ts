import type { CallerRoute } from "./caller-role";

/**
 * Whether some request to `covered` would also match the IAM resource pattern `pattern`.
 *
 * A method ARN's path is what the client sent: a route parameter (`{id}`) stands for one non-empty
 * segment, a greedy one (`{proxy+}`) for one or more segments, and `ANY` for any method. In an IAM
 * resource pattern `*` matches any run of characters, `/` included, so `execute-api:/*\/GET/items/*`
 * covers `GET /items/{id}/lines` as well as `GET /items/{id}`.
 */
export function patternCoversRoute(pattern: string, covered: CallerRoute): boolean {
  const key = `${pattern}\n${covered.method} ${covered.path}`;
  let covers = answers.get(key);
  if (covers === undefined) {
    const method = covered.method.toUpperCase() === "ANY" ? [anyRun(false)] : literal(covered.method.toUpperCase());
    const route: Token[] = [...literal("execute-api:/"), anyRun(false), ...literal("/"), ...method, ...routePath(covered.path)];
    const glob = globTokens(pattern);
    covers = literalEndsAgree(glob, route) && intersects(glob, route);
    answers.set(key, covers);
  }
  return covers;
}

/** Answers already given: an API's check asks each pair twice (its component and its policy document). */
const answers = new Map<string, boolean>();

type Token = { readonly kind: "char"; readonly char: string } | { readonly kind: "run"; readonly slash: boolean; readonly min: 0 | 1 };

const literal = (text: string): Token[] => [...text].map((char) => ({ kind: "char", char }));
const anyRun = (slash: boolean, min: 0 | 1 = 1): Token => ({ kind: "run", slash, min });

/** `*` as IAM reads it; `?` (one character) is written by nobody here and refused. */
function globTokens(pattern: string): Token[] {
  if (pattern.includes("?")) throw new Error(`patternCoversRoute: ${JSON.stringify(pattern)} uses "?", which this check does not model`);
  return [...pattern].map((char) => (char === "*" ? anyRun(true, 0) : { kind: "char", char }));
}

function routePath(path: string): Token[] {
  return path.split(/(\{[^/{}]+\})/).flatMap((part): Token[] => {
    if (/^\{[^/{}]+\+\}$/.test(part)) return [anyRun(true)];
    if (/^\{[^/{}]+\}$/.test(part)) return [anyRun(false)];
    return literal(part);
  });
}

/**
 * A position in a token list, as one number: the token index times two, plus one when the run at that
 * index has its minimum.
 */
type Position = number;

const at = (index: number, satisfied: boolean): Position => index * 2 + (satisfied ? 1 : 0);

/** The positions reachable from `positions` without reading a character, sorted. */
function closure(tokens: readonly Token[], positions: readonly Position[]): Position[] {
  const out = new Set<Position>();
  const visit = (p: Position): void => {
    if (out.has(p)) return;
    out.add(p);
    const token = tokens[p >> 1];
    if (token?.kind === "run" && (token.min === 0 || (p & 1) === 1)) visit(at((p >> 1) + 1, false));
  };
  positions.forEach(visit);
  return [...out].sort((x, y) => x - y);
}

function step(tokens: readonly Token[], positions: readonly Position[], char: string): Position[] {
  const next: Position[] = [];
  for (const p of positions) {
    const token = tokens[p >> 1];
    if (token?.kind === "char" && token.char === char) next.push(at((p >> 1) + 1, false));
    if (token?.kind === "run" && (token.slash || char !== "/")) next.push(at(p >> 1, true));
  }
  return next.length === 0 ? next : closure(tokens, next);
}

const accepts = (tokens: readonly Token[], positions: readonly Position[]) => positions.some((p) => p >> 1 === tokens.length);

/** The characters the tokens at `positions` name. */
function named(tokens: readonly Token[], positions: readonly Position[], into: Set<string>): void {
  for (const p of positions) {
    const token = tokens[p >> 1];
    if (token?.kind === "char") into.add(token.char);
  }
}

/**
 * Whether the characters both lists begin with, up to the first run in either, are the same, and
 * likewise those they end with: a string matching both starts and ends with each. Most pairs of an
 * API's open resources and IAM routes differ there (their methods, their last segments).
 */
function literalEndsAgree(a: readonly Token[], b: readonly Token[]): boolean {
  const agree = (x: Token | undefined, y: Token | undefined): boolean | undefined => (x?.kind === "char" && y?.kind === "char" ? x.char === y.char : undefined);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const same = agree(a[i], b[i]);
    if (same === undefined) break;
    if (!same) return false;
  }
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const same = agree(a[a.length - i], b[b.length - i]);
    if (same === undefined) break;
    if (!same) return false;
  }
  return true;
}

/** Whether one string matches both token lists: a search over pairs of position sets. */
function intersects(a: readonly Token[], b: readonly Token[]): boolean {
  const key = (x: readonly Position[], y: readonly Position[]) => `${x.join(",")}|${y.join(",")}`;
  let frontier: [Position[], Position[]][] = [[closure(a, [at(0, false)]), closure(b, [at(0, false)])]];
  const seen = new Set(frontier.map(([x, y]) => key(x, y)));
  while (frontier.length > 0) {
    const next: [Position[], Position[]][] = [];
    for (const [x, y] of frontier) {
      if (accepts(a, x) && accepts(b, y)) return true;
      // Characters the current tokens name, `/`, and one character none of them names: any other
      // character moves both lists as that one does.
      const alphabet = new Set(["/", "\u0000"]);
      named(a, x, alphabet);
      named(b, y, alphabet);
      for (const char of alphabet) {
        const nx = step(a, x, char);
        if (nx.length === 0) continue;
        const ny = step(b, y, char);
        if (ny.length === 0 || seen.has(key(nx, ny))) continue;
        seen.add(key(nx, ny));
        next.push([nx, ny]);
      }
    }
    frontier = next;
  }
  return false;
}
