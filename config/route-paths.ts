/** Route path syntax as API Gateway accepts it: literal segments, `{param}`, and a final `{param+}`. */

const LITERAL = /^[A-Za-z0-9._~-]+$/;
const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const GREEDY = /^\{([A-Za-z_][A-Za-z0-9_]*)\+\}$/;

export type PathSegment = { readonly kind: "literal"; readonly text: string } | { readonly kind: "param"; readonly name: string; readonly greedy: boolean };

/** The problem with a path, or undefined when it is valid. */
export function pathSyntaxProblem(path: string): string | undefined {
  const shown = JSON.stringify(path);
  if (!path.startsWith("/")) return `${shown} must start with "/"`;
  if (path === "/") return undefined;
  if (path.endsWith("/")) return `${shown} must not end with "/"`;
  const parts = path.slice(1).split("/");
  const seen = new Set<string>();
  for (const [i, part] of parts.entries()) {
    const param = PARAM.exec(part) ?? GREEDY.exec(part);
    if (param) {
      if (GREEDY.test(part) && i !== parts.length - 1) {
        return `${shown}: the greedy parameter "${part}" must be the last segment`;
      }
      const name = param[1] as string;
      if (seen.has(name)) return `${shown}: path parameter "${name}" appears twice`;
      seen.add(name);
    } else if (!LITERAL.test(part)) {
      return `${shown}: segment ${JSON.stringify(part)} is not a literal ([A-Za-z0-9._~-]+), {param} or a final {param+}`;
    }
  }
  return undefined;
}

/** Segments of a valid path; `/` has none. */
export function pathSegments(path: string): PathSegment[] {
  if (path === "/") return [];
  return path
    .slice(1)
    .split("/")
    .map((part): PathSegment => {
      const greedy = GREEDY.exec(part);
      if (greedy) return { kind: "param", name: greedy[1] as string, greedy: true };
      const param = PARAM.exec(part);
      if (param) return { kind: "param", name: param[1] as string, greedy: false };
      return { kind: "literal", text: part };
    });
}

export function pathParameterNames(path: string): string[] {
  return pathSegments(path).flatMap((s) => (s.kind === "param" ? [s.name] : []));
}

/**
 * The resource a path maps to, with parameter names erased: `/items/{id}` and `/items/{itemId}` are
 * the same resource to API Gateway, which allows one parameter name per level.
 */
export function resourceShape(path: string): string {
  return (
    "/" +
    pathSegments(path)
      .map((s) => (s.kind === "literal" ? s.text : s.greedy ? "{+}" : "{}"))
      .join("/")
  );
}
