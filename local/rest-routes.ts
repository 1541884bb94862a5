/**
 * API Gateway's REST route matching over an OpenAPI document: the most specific resource wins, segment
 * by segment (a literal over `{param}` over a greedy `{param+}`), then the exact method over ANY.
 */

export const ANY_METHOD_KEY = "x-amazon-apigateway-any-method";

export interface MatchedRoute {
  /** The resource path, e.g. `/items/{id}`. */
  readonly resource: string;
  /** The operation's method key in the document (`get`, or the ANY extension). */
  readonly methodKey: string;
  readonly operation: Readonly<Record<string, unknown>>;
  readonly pathParameters: Readonly<Record<string, string>>;
}

type Segment = { kind: "literal"; text: string } | { kind: "param"; name: string } | { kind: "greedy"; name: string };

function segmentsOf(resource: string): Segment[] {
  if (resource === "/") return [];
  return resource
    .slice(1)
    .split("/")
    .map((part): Segment => {
      const greedy = /^\{(.+)\+\}$/.exec(part);
      if (greedy) return { kind: "greedy", name: greedy[1] as string };
      const param = /^\{(.+)\}$/.exec(part);
      return param ? { kind: "param", name: param[1] as string } : { kind: "literal", text: part };
    });
}

/** Scores a resource against the request's segments: undefined when it does not match; higher is more specific. */
function score(resource: Segment[], request: readonly string[]): { rank: number[]; params: Record<string, string> } | undefined {
  const rank: number[] = [];
  const params: Record<string, string> = {};
  for (let i = 0; i < resource.length; i++) {
    const s = resource[i] as Segment;
    if (s.kind === "greedy") {
      if (i >= request.length) return undefined;
      params[s.name] = request.slice(i).join("/");
      rank.push(0);
      return { rank, params };
    }
    const part = request[i];
    if (part === undefined) return undefined;
    if (s.kind === "literal") {
      if (s.text !== part) return undefined;
      rank.push(2);
    } else {
      params[s.name] = part;
      rank.push(1);
    }
  }
  return resource.length === request.length ? { rank, params } : undefined;
}

const better = (a: number[], b: number[]): boolean => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? -1;
    const y = b[i] ?? -1;
    if (x !== y) return x > y;
  }
  return false;
};

/** The operation a request reaches, or undefined (API Gateway then answers MISSING_AUTHENTICATION_TOKEN). */
export function matchRoute(paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>, method: string, path: string): MatchedRoute | undefined {
  const request = path === "/" || path === "" ? [] : path.replace(/^\//, "").split("/").map((p) => decodeURIComponent(p));
  let best: { resource: string; rank: number[]; params: Record<string, string>; item: Readonly<Record<string, unknown>> } | undefined;
  for (const [resource, item] of Object.entries(paths)) {
    const methodKey = method.toLowerCase();
    if (!(methodKey in item) && !(ANY_METHOD_KEY in item)) continue;
    const scored = score(segmentsOf(resource), request);
    if (scored && (!best || better(scored.rank, best.rank))) best = { resource, ...scored, item };
  }
  if (!best) return undefined;
  const methodKey = method.toLowerCase() in best.item ? method.toLowerCase() : ANY_METHOD_KEY;
  return { resource: best.resource, methodKey, operation: best.item[methodKey] as Record<string, unknown>, pathParameters: best.params };
}
