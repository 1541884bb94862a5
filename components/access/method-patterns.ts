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
  // The API's resource policy is checked by its component and again by restApiResourcePolicy: the same pairs twice.
  const key = `${pattern}\0${covered.method}\0${covered.path}`;
  let covers = answers.get(key);
  if (covers === undefined) {
    covers = searchPatternCoversRoute(pattern, covered);
    answers.set(key, covers);
  }
  return covers;
}

const answers = new Map<string, boolean>();

function searchPatternCoversRoute(pattern: string, covered: CallerRoute): boolean {
  const method = covered.method.toUpperCase() === "ANY" ? [anyRun(false)] : literal(covered.method.toUpperCase());
  const route: Token[] = [...literal("execute-api:/"), anyRun(false), ...literal("/"), ...method, ...routePath(covered.path)];
  return intersects(globTokens(pattern), route);
}

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
 * index has its minimum. A set of positions is kept sorted, so equal sets have equal keys.
 */
type Position = number;
const at = (index: number, satisfied: boolean): Position => index * 2 + (satisfied ? 1 : 0);
const indexOf = (p: Position): number => p >> 1;

function closure(tokens: readonly Token[], positions: readonly Position[]): Position[] {
  const out = new Set<Position>();
  const visit = (p: Position): void => {
    if (out.has(p)) return;
    out.add(p);
    const token = tokens[indexOf(p)];
    if (token?.kind === "run" && (token.min === 0 || p % 2 === 1)) visit(at(indexOf(p) + 1, false));
  };
  positions.forEach(visit);
  return [...out].sort((x, y) => x - y);
}

function step(tokens: readonly Token[], positions: readonly Position[], char: string): Position[] {
  const next: Position[] = [];
  for (const p of positions) {
    const index = indexOf(p);
    const token = tokens[index];
    if (token?.kind === "char" && token.char === char) next.push(at(index + 1, false));
    if (token?.kind === "run" && (token.slash || char !== "/")) next.push(at(index, true));
  }
  return closure(tokens, next);
}

const accepts = (tokens: readonly Token[], positions: readonly Position[]) => positions.some((p) => indexOf(p) === tokens.length);

/** Whether one string matches both token lists: a search over pairs of position sets. */
function intersects(a: readonly Token[], b: readonly Token[]): boolean {
  // Characters the patterns name, `/`, and one character neither names stand for every character.
  const alphabet = [...new Set([...a, ...b].flatMap((t) => (t.kind === "char" ? [t.char] : [])).concat("/", "\u0000"))];
  const key = (x: readonly Position[], y: readonly Position[]) => `${x.join(" ")}|${y.join(" ")}`;
  let frontier: [Position[], Position[]][] = [[closure(a, [at(0, false)]), closure(b, [at(0, false)])]];
  const seen = new Set(frontier.map(([x, y]) => key(x, y)));
  while (frontier.length > 0) {
    const next: [Position[], Position[]][] = [];
    for (const [x, y] of frontier) {
      if (accepts(a, x) && accepts(b, y)) return true;
      for (const char of alphabet) {
        const nx = step(a, x, char);
        if (nx.length === 0) continue;
        const ny = step(b, y, char);
        if (ny.length === 0) continue;
        const k = key(nx, ny);
        if (seen.has(k)) continue;
        seen.add(k);
        next.push([nx, ny]);
      }
    }
    frontier = next;
  }
  return false;
}
