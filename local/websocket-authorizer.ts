import type { RequestParts } from "./websocket-events";
import { headerValue } from "./websocket-events";

/**
 * What API Gateway does around a WebSocket API's REQUEST authorizer on `$connect`: checks the
 * identity sources before invoking it, then reads its answer (an IAM policy, or a thrown
 * "Unauthorized") into the handshake's outcome.
 */

export type AuthorizerContextValue = string | number | boolean;

export type AuthorizerOutcome =
  | { readonly allowed: true; readonly principalId: string; readonly context: Readonly<Record<string, AuthorizerContextValue>> }
  | {
      readonly allowed: false;
      /** The handshake's answer: 401, 403 or 500. */
      readonly status: 401 | 403 | 500;
      /** `{"message": ...}` of that answer. */
      readonly message: string;
      /** `$context.authorizer.error`. */
      readonly error: string;
      readonly principalId?: string;
    };

const UNAUTHORIZED = { allowed: false, status: 401, message: "Unauthorized", error: "Unauthorized" } as const;
const INTERNAL = (error: string): AuthorizerOutcome => ({ allowed: false, status: 500, message: "Internal server error", error });

/**
 * The first identity source (`route.request.querystring.token`, `route.request.header.Auth`, also in
 * the `$request.` form) the handshake lacks or sends empty, or undefined when all are there. API
 * Gateway then answers 401 without invoking the authorizer.
 */
export function missingIdentitySource(sources: readonly string[], parts: RequestParts): string | undefined {
  for (const source of sources) {
    const match = /^(?:route\.request|\$request)\.(querystring|header)\.(.+)$/.exec(source);
    // Other kinds (stageVariables., context.) cannot be missing from a handshake.
    if (match === null) continue;
    const [, kind, name = ""] = match;
    const value = kind === "header" ? headerValue(parts, name) : parts.queryStringParameters?.[name];
    if (value === undefined || value === "") return source;
  }
  return undefined;
}

/** Reads the authorizer's answer: what it returned, or why its invocation failed. */
export function authorizerOutcome(answer: PromiseSettledResult<unknown>, methodArn: string): AuthorizerOutcome {
  if (answer.status === "rejected") {
    const message = answer.reason instanceof Error ? answer.reason.message : String(answer.reason);
    // The only way a Lambda authorizer asks for a 401; anything else it throws is a 500.
    return message === "Unauthorized" ? UNAUTHORIZED : INTERNAL(message);
  }
  const result = answer.value as { principalId?: unknown; policyDocument?: unknown; context?: unknown } | null | undefined;
  if (typeof result !== "object" || result === null) return INTERNAL("Invalid authorizer response");
  const { principalId, policyDocument, context } = result;
  if (typeof principalId !== "string" || principalId === "") return INTERNAL("Invalid authorizer response: principalId is missing");
  const statements = statementsOf(policyDocument);
  if (statements === undefined) return INTERNAL("Invalid authorizer response: policyDocument is missing or malformed");
  const checked = checkContext(context);
  if (typeof checked === "string") return INTERNAL(`Invalid authorizer response: ${checked}`);

  const effect = evaluatePolicy(statements, "execute-api:Invoke", methodArn);
  if (effect !== "Allow") return { allowed: false, status: 403, message: "Forbidden", error: effect === "Deny" ? "Explicit deny" : "Not allowed by the policy", principalId };
  return { allowed: true, principalId, context: checked };
}

interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

function statementsOf(policyDocument: unknown): Statement[] | undefined {
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
    statements.push({ effect: Effect, actions, resources });
  }
  return statements.length === 0 ? undefined : statements;
}

const strings = (value: unknown): string[] | undefined =>
  typeof value === "string" ? [value] : Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : undefined;

/** IAM evaluation for one action and resource: an explicit Deny wins, then an Allow, else nothing allows it. */
export function evaluatePolicy(statements: readonly Statement[], action: string, resource: string): "Allow" | "Deny" | "None" {
  let allowed = false;
  for (const statement of statements) {
    const applies =
      statement.actions.some((pattern) => wildcardMatch(pattern.toLowerCase(), action.toLowerCase())) &&
      statement.resources.some((pattern) => wildcardMatch(pattern, resource));
    if (!applies) continue;
    if (statement.effect === "Deny") return "Deny";
    if (statement.effect === "Allow") allowed = true;
  }
  return allowed ? "Allow" : "None";
}

/** IAM wildcards: `*` any run of characters, `?` one character. */
function wildcardMatch(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(value);
}

/** API Gateway accepts only strings, numbers and booleans as context values. */
function checkContext(context: unknown): Record<string, AuthorizerContextValue> | string {
  if (context === undefined || context === null) return {};
  if (typeof context !== "object" || Array.isArray(context)) return "context must be an object";
  for (const [key, value] of Object.entries(context)) {
    if (!["string", "number", "boolean"].includes(typeof value)) return `context value ${JSON.stringify(key)} is not a string, number or boolean`;
  }
  return context as Record<string, AuthorizerContextValue>;
}
