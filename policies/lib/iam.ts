/** Reading IAM policy documents the way IAM evaluates Allow statements. */

export interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** Statements of a policy document given as JSON text or an object; anything unreadable yields none. */
export function statementsOf(document: unknown): Statement[] {
  let doc = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  if (!doc || typeof doc !== "object") return [];
  const raw = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((s: Record<string, unknown>) => ({
    effect: String(s.Effect ?? ""),
    actions: asList(s.Action),
    resources: asList(s.Resource),
  }));
}

/** Whether an IAM action pattern (with `*` and `?` wildcards, case-insensitive) covers `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return regex.test(action);
}

/** A resource that names every API: `*`, or an execute-api ARN whose API id is a wildcard. */
export function isWildcardApiResource(resource: string): boolean {
  if (resource === "*") return true;
  const parts = resource.split(":");
  if (parts.length < 6 || parts[2] !== "execute-api") return false;
  return (parts.slice(5).join(":").split("/")[0] ?? "") === "*";
}
