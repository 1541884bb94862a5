import type * as pulumi from "@pulumi/pulumi";
import type { HttpApiAuthorization, HttpApiJwt } from "./types";

export const DEFAULT_JWT_IDENTITY_SOURCE = "$request.header.Authorization";

const IDENTITY_SOURCE = /^\$request\.(header|querystring)\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Problems with the JWT authorizer arguments (empty when they are valid); only plain values can be checked. */
export function jwtProblems(jwt: HttpApiJwt): string[] {
  const problems: string[] = [];
  if (typeof jwt.issuer === "string" && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(jwt.issuer)) {
    problems.push(`jwt.issuer: ${JSON.stringify(jwt.issuer)} is not an https:// URL (the tokens' iss claim)`);
  }
  if (Array.isArray(jwt.audiences) && jwt.audiences.length === 0) {
    problems.push("jwt.audiences: at least one audience is required (the aud or client_id the tokens carry)");
  }
  const source = jwt.identitySource;
  if (source !== undefined && !IDENTITY_SOURCE.test(source)) {
    problems.push(`jwt.identitySource: ${JSON.stringify(source)} is not $request.header.<name> or $request.querystring.<name>`);
  }
  return problems;
}

/** The inputs of the API's `aws.apigatewayv2.Authorizer`, but the API id and name. */
export function jwtAuthorizerConfig(jwt: HttpApiJwt): {
  authorizerType: "JWT";
  identitySources: string[];
  jwtConfiguration: { issuer: pulumi.Input<string>; audiences: pulumi.Input<pulumi.Input<string>[]> };
} {
  return {
    authorizerType: "JWT",
    identitySources: [jwt.identitySource ?? DEFAULT_JWT_IDENTITY_SOURCE],
    jwtConfiguration: { issuer: jwt.issuer, audiences: jwt.audiences },
  };
}

/** How a route is authorized: its `authorizationType`, whether it uses the JWT authorizer, and its scopes. */
export function routeAuthorization(
  authorization: HttpApiAuthorization,
  scopes: readonly string[] = [],
): { authorizationType: "NONE" | "JWT" | "AWS_IAM"; usesAuthorizer: boolean; authorizationScopes?: string[] } {
  switch (authorization) {
    case "jwt":
      return { authorizationType: "JWT", usesAuthorizer: true, ...(scopes.length > 0 ? { authorizationScopes: [...scopes] } : {}) };
    case "iam":
      return { authorizationType: "AWS_IAM", usesAuthorizer: false };
    case "none":
      return { authorizationType: "NONE", usesAuthorizer: false };
  }
}
