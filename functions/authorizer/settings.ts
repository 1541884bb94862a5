import type { Jwks } from "aws-jwt-verify/jwk";
import { assertIsJwks } from "aws-jwt-verify/jwk";
import { requireEnv } from "../shared/env";
import { parseScopes } from "./scopes";

/** What the authorizer accepts, from its environment. */
export interface AuthorizerSettings {
  /** `JWT_ISSUER`: the exact `iss` every token must carry. */
  readonly issuer: string;
  /** `JWT_AUDIENCE`: a token's `aud` must contain at least one of these. */
  readonly audience: readonly string[];
  /**
   * `JWT_JWKS_URI`, else `<issuer>/.well-known/jwks.json` (where Cognito user pools and most OIDC
   * providers publish their keys). With an inline JWKS it is only the library's cache key.
   */
  readonly jwksUri: string;
  /** `JWT_PUBLIC_JWKS`: the keys, given inline; when set the authorizer never fetches. */
  readonly inlineJwks: Jwks | undefined;
  /** `JWT_REQUIRED_SCOPES`: every one must be in the token's `scope` claim. */
  readonly requiredScopes: readonly string[];
}

/**
 * Reads and checks the settings; throws naming the variable when one is missing or invalid. The
 * messages never quote a value that could be secret (the JWKS is public, but is not quoted either).
 */
export function readSettings(): AuthorizerSettings {
  const env = process.env;
  const issuer = requireEnv("JWT_ISSUER");
  const audience = splitList(requireEnv("JWT_AUDIENCE"), /,/);
  if (audience.length === 0) throw new Error("JWT_AUDIENCE must name at least one audience");

  const jwksUriSetting = env.JWT_JWKS_URI || undefined;
  const inlineSetting = env.JWT_PUBLIC_JWKS || undefined;
  if (jwksUriSetting !== undefined && inlineSetting !== undefined) {
    throw new Error("set JWT_JWKS_URI or JWT_PUBLIC_JWKS, not both");
  }
  const jwksUri = jwksUriSetting ?? `${issuer.replace(/\/+$/, "")}/.well-known/jwks.json`;
  // Keys fetched over plain HTTP could be swapped by anyone on the path (the library refuses them too).
  if (inlineSetting === undefined && !isHttpsUrl(jwksUri)) {
    throw new Error(
      jwksUriSetting === undefined
        ? "JWT_ISSUER must be an https URL when JWT_JWKS_URI and JWT_PUBLIC_JWKS are unset (the JWKS is fetched from <issuer>/.well-known/jwks.json)"
        : "JWT_JWKS_URI must be an https URL",
    );
  }

  return {
    issuer,
    audience,
    jwksUri,
    inlineJwks: inlineSetting === undefined ? undefined : parseJwks(inlineSetting),
    requiredScopes: parseScopes(env.JWT_REQUIRED_SCOPES ?? ""),
  };
}

function parseJwks(text: string): Jwks {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("JWT_PUBLIC_JWKS is not valid JSON");
  }
  try {
    assertIsJwks(parsed as Parameters<typeof assertIsJwks>[0]);
  } catch (error) {
    throw new Error(`JWT_PUBLIC_JWKS is not a JWKS (${error instanceof Error ? error.message : String(error)})`);
  }
  const jwks = parsed as Jwks;
  if (jwks.keys.length === 0) throw new Error("JWT_PUBLIC_JWKS has no keys");
  return jwks;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

function splitList(value: string, separator: RegExp): string[] {
  return value
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
