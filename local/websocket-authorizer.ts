import { evaluatePolicy, statementsOf } from "./iam-policy";
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
  if (effect !== "Allow")
    return { allowed: false, status: 403, message: "Forbidden", error: effect === "Deny" ? "Explicit deny" : "Not allowed by the policy", principalId };
  return { allowed: true, principalId, context: checked };
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
