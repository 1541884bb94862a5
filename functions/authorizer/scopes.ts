/** A scope list as configured: names separated by spaces and/or commas. */
export function parseScopes(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter((scope) => scope !== ""))];
}

/**
 * The required scopes the token's `scope` claim (OAuth 2.0: space-separated) lacks. Every required
 * scope must be granted; aws-jwt-verify's own `scope` option accepts any one of them, so it is not used.
 */
export function missingScopes(required: readonly string[], scopeClaim: string | undefined): string[] {
  const granted = new Set((scopeClaim ?? "").split(" ").filter((scope) => scope !== ""));
  return required.filter((scope) => !granted.has(scope));
}
