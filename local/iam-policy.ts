/**
 * IAM policy evaluation for the twin's authorizers: the policy document a Lambda authorizer returns,
 * checked for `execute-api:Invoke` on a method ARN, as API Gateway does (REST and WebSocket alike).
 */

export interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** The patterns compiled once, when the policy is read (answers are cached and evaluated per request). */
  readonly actionPatterns: readonly RegExp[];
  readonly resourcePatterns: readonly RegExp[];
}

export function statementsOf(policyDocument: unknown): Statement[] | undefined {
  if (typeof policyDocument !== "object" || policyDocument === null) return undefined;
  const raw = (policyDocument as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: Statement[] = [];
  for (const entry of list) {
    if (typeof entry !== "object" || entry === null) return undefined;
    const { Effect, Action, Resource } = entry as { Effect?: unknown; Action?: unknown; Resource?: unknown };
    const actions = strings(Action);
    const resources = strings(Resource);
    if (typeof Effect !== "string" || actions === undefined || resources === undefined) return undefined;
    statements.push({
      effect: Effect,
      actions,
      resources,
      actionPatterns: actions.map((pattern) => wildcardPattern(pattern, "i")),
      resourcePatterns: resources.map((pattern) => wildcardPattern(pattern, "")),
    });
  }
  return statements.length === 0 ? undefined : statements;
}

const strings = (value: unknown): string[] | undefined =>
  typeof value === "string" ? [value] : Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : undefined;

/** IAM evaluation for one action and resource: an explicit Deny wins, then an Allow, else nothing allows it. */
export function evaluatePolicy(statements: readonly Statement[], action: string, resource: string): "Allow" | "Deny" | "None" {
  let allowed = false;
  for (const statement of statements) {
    const applies = statement.actionPatterns.some((pattern) => pattern.test(action)) && statement.resourcePatterns.some((pattern) => pattern.test(resource));
    if (!applies) continue;
    if (statement.effect === "Deny") return "Deny";
    if (statement.effect === "Allow") allowed = true;
  }
  return allowed ? "Allow" : "None";
}

/** IAM wildcards: `*` any run of characters, `?` one character (actions match in any case: flags "i"). */
function wildcardPattern(pattern: string, flags: "i" | ""): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, `s${flags}`);
}
