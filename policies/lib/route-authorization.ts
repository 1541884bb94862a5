/** What method-authorization and http-default-route-authorization share: their config and the route fix. */

export interface MethodAuthorizationConfig {
  /** HTTP API route keys (and WebSocket `$connect`) that are public by design, e.g. "GET /health". */
  readonly publicRouteKeys: readonly string[];
  /**
   * Whether an operation without `security` is covered by the document-level `security`. API Gateway
   * does not apply the document-level requirement to imported methods, so by default it does not count.
   */
  readonly acceptDocumentSecurity: boolean;
}

export const PUBLIC_ROUTE_KEYS_SCHEMA = {
  type: "array",
  items: { type: "string" },
  default: [],
  description: 'HTTP API route keys (e.g. "GET /health", "$default") and WebSocket "$connect" that are public by design.',
} as const;

/** The config a rule was given, with defaults for what is missing or of the wrong type. */
export function authorizationConfig(given: Partial<Record<keyof MethodAuthorizationConfig, unknown>>): MethodAuthorizationConfig {
  const keys = Array.isArray(given.publicRouteKeys) ? given.publicRouteKeys.filter((k): k is string => typeof k === "string") : [];
  return { publicRouteKeys: keys, acceptDocumentSecurity: given.acceptDocumentSecurity === true };
}

export const HTTP_ROUTE_FIX = 'Set authorizationType to "JWT", "AWS_IAM" or "CUSTOM" with an authorizer';
export const WEBSOCKET_ROUTE_FIX = 'Set authorizationType to "AWS_IAM" or "CUSTOM" on "$connect", the only WebSocket route that can carry authorization';

export const orPublic = (routeKey: string): string => `or list "${routeKey}" in publicRouteKeys if it is public by design.`;
