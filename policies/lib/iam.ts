/** Reading IAM policy documents the way IAM evaluates Allow statements (Action/NotAction, Resource/NotResource, Principal). */
import { isObject } from "./api-openapi";

export interface Statement {
  readonly effect: string;
  /** Action patterns; empty when the statement uses NotAction. */
  readonly actions: readonly string[];
  /** NotAction patterns: the statement covers every action none of them matches. */
  readonly notActions: readonly string[] | undefined;
  readonly resources: readonly string[];
  /** NotResource patterns: the statement covers every resource none of them matches. */
  readonly notResources: readonly string[] | undefined;
  /** Principal as written (resource policies only). */
  readonly principal: unknown;
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);
const optionalList = (v: unknown): string[] | undefined => (v === undefined || v === null ? undefined : asList(v));

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
  if (!isObject(doc)) return [];
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.filter(isObject).map((s) => ({
    effect: String(s.Effect ?? ""),
    actions: asList(s.Action),
    notActions: optionalList(s.NotAction),
    resources: asList(s.Resource),
    notResources: optionalList(s.NotResource),
    principal: s.Principal,
  }));
}

/** Whether an IAM action pattern (with `*` and `?` wildcards, case-insensitive) covers `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return regex.test(action);
}

/** How a statement covers `action`, as a message shows it, or undefined when it does not. */
export function coveringAction(statement: Statement, action: string): string | undefined {
  if (statement.notActions !== undefined) {
    return statement.notActions.some((p) => actionMatches(p, action)) ? undefined : `NotAction ${JSON.stringify(statement.notActions)}`;
  }
  const found = statement.actions.find((a) => actionMatches(a, action));
  return found === undefined ? undefined : JSON.stringify(found);
}

/** A resource that names every API: `*`, or an execute-api ARN whose API id is a wildcard. */
export function isWildcardApiResource(resource: string): boolean {
  if (resource === "*") return true;
  const parts = resource.split(":");
  if (parts.length < 6 || parts[2] !== "execute-api") return false;
  return (parts.slice(5).join(":").split("/")[0] ?? "") === "*";
}

/** How a statement covers every API, as a message shows it, or undefined when it names particular APIs. */
export function coveringEveryApi(statement: Statement): string | undefined {
  if (statement.notResources !== undefined) {
    // Every resource but those listed: every other API, unless the list itself excludes them all.
    return statement.notResources.some(isWildcardApiResource) ? undefined : `NotResource ${JSON.stringify(statement.notResources)}`;
  }
  const found = statement.resources.find(isWildcardApiResource);
  return found === undefined ? undefined : JSON.stringify(found);
}

/** A principal that is everyone: "*" or { AWS: "*" } (or a list holding "*"). */
export function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (!isObject(principal)) return false;
  return asList(principal.AWS).includes("*");
}
