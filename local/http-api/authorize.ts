import type { TwinHttpApi, TwinHttpRoute } from "../http-api-capture";
import type { Claims, TokenVerifier } from "../tokens";
import { gatewayError, type HttpRequest, type Outcome } from "./outcome";
import { claimStrings, tokenScopes } from "./payload";

export type HttpAuthResult = { readonly refused?: Outcome; readonly authorizer?: Record<string, unknown>; readonly claims?: Claims };

/**
 * An HTTP API route's authorization (AWS, "Controlling access to HTTP APIs with JWT authorizers"): JWT
 * routes need a token of the issuer (the twin's stands in for the stack's user pool), 401 without one
 * or with a bad one, 403 without one of the route's scopes; the claims (as strings) and scopes go to
 * the integration. IAM routes need a SigV4 signature (header or presigned query), not verified.
 */
export async function authorizeHttp(api: TwinHttpApi, tokens: TokenVerifier, route: TwinHttpRoute, r: HttpRequest): Promise<HttpAuthResult> {
  const routeKey = route.routeKey;
  if (route.authorizationType === "JWT") {
    const source = api.jwt?.identitySource ?? "$request.header.Authorization";
    const [, where, name = ""] = /^\$request\.(header|querystring)\.(.+)$/.exec(source) ?? [];
    const value = where === "querystring" ? (new URLSearchParams(r.rawQueryString).get(name) ?? undefined) : r.headers[name.toLowerCase()];
    if (!value) return { refused: gatewayError("UNAUTHORIZED", { routeKey, authorizerError: "the token is missing" }) };
    const claims = await tokens.verify(value.replace(/^Bearer\s+/i, "").trim());
    if (!claims) {
      const challenge = { "www-authenticate": 'Bearer scope="" error="invalid_token" error_description="the token is not valid"' };
      return { refused: gatewayError("UNAUTHORIZED", { routeKey, authorizerError: "the token is not valid" }, challenge) };
    }
    const scopes = tokenScopes(claims);
    if (route.scopes.length > 0 && !route.scopes.some((s) => scopes.includes(s))) {
      const wanted = route.scopes.join(" ");
      const challenge = { "www-authenticate": `Bearer scope="${wanted}" error="insufficient_scope" error_description="expected scopes: [${wanted}]"` };
      return { refused: gatewayError("FORBIDDEN", { routeKey, claims, authorizerError: "insufficient scope" }, challenge) };
    }
    return { claims, authorizer: { jwt: { claims: claimStrings(claims), scopes: scopes.length > 0 ? scopes : null } } };
  }
  if (route.authorizationType === "AWS_IAM") {
    // The twin has no IAM: a SigV4 signature is required but not checked.
    const header = r.headers.authorization ?? "";
    const query = new URLSearchParams(r.rawQueryString);
    const signed = header.startsWith("AWS4-HMAC-SHA256 ") || query.get("X-Amz-Algorithm") === "AWS4-HMAC-SHA256";
    if (!signed) return { refused: gatewayError("FORBIDDEN", { routeKey, authorizerError: "the request is not signed (SigV4)" }) };
    const accessKey = /Credential=([^/]+)\//.exec(header)?.[1] ?? query.get("X-Amz-Credential")?.split("/")[0] ?? null;
    return { authorizer: { iam: { accessKey, accountId: null, callerId: null, cognitoIdentity: null, principalOrgId: null, userArn: null, userId: null } } };
  }
  return {};
}
