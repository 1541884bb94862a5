import { pathSegments, type PathSegment } from "../config/route-paths";

/**
 * Route paths matched against request paths, for the REST API and the HTTP API twins alike, over the
 * config's own path syntax (config/route-paths.ts: literal segments, `{param}`, a final `{param+}`).
 * The most specific route wins, segment by segment: a literal over `{param}` over `{param+}`.
 */

export interface PathPattern {
  /** The route path, e.g. `/items/{id}`. */
  readonly path: string;
  readonly segments: readonly PathSegment[];
}

export function compilePath(path: string): PathPattern {
  return { path, segments: pathSegments(path) };
}

export interface MatchRules {
  /**
   * Whether a greedy parameter may span empty segments (`a//b`): REST APIs keep a `//` inside a greedy
   * path (recorded from AWS: `proxy-value//double-slash`); HTTP APIs match no empty segment.
   */
  readonly emptyInGreedy: boolean;
}

/**
 * The path parameters (raw: the request's own text, percent-encoding kept) when `parts` (the request
 * path's segments after the leading `/`) match the pattern, else undefined. A `{param}` takes one
 * non-empty segment; a greedy parameter one segment or more.
 */
export function matchPath(pattern: PathPattern, parts: readonly string[], rules: MatchRules): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const { segments } = pattern;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as PathSegment;
    if (segment.kind === "param" && segment.greedy) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.every((p) => p === "")) return undefined;
      if (!rules.emptyInGreedy && rest.some((p) => p === "")) return undefined;
      params[segment.name] = rest.join("/");
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === "") return undefined;
    if (segment.kind === "literal") {
      if (segment.text !== part) return undefined;
    } else params[segment.name] = part;
  }
  return segments.length === parts.length ? params : undefined;
}

const RANK = { literal: 3, param: 2, greedy: 1 } as const;
const rankOf = (s: PathSegment): number => (s.kind === "literal" ? RANK.literal : s.greedy ? RANK.greedy : RANK.param);

/** Negative when `a` is the more specific path (compared segment by segment; a longer path wins a tie). */
export function compareSpecificity(a: PathPattern, b: PathPattern): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) return x ? -1 : 1;
    const diff = rankOf(y) - rankOf(x);
    if (diff !== 0) return diff;
  }
  return 0;
}
