import { JwtVerifier } from "aws-jwt-verify";
import {
  FetchError,
  JwkInvalidKtyError,
  JwkInvalidUseError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
  JwkValidationError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidClaimError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  WaitPeriodNotYetEndedJwkError,
} from "aws-jwt-verify/error";
import type { JwtPayload } from "aws-jwt-verify/jwt-model";
import type { AuthorizerSettings } from "./settings";

/**
 * Seconds of clock skew allowed on `exp` and `nbf` between the issuer and Lambda. Small and
 * explicit: the library's default is none.
 */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** The claims of a token that passed every check. */
export interface VerifiedClaims {
  readonly sub: string;
  readonly iss: string;
  readonly exp: number;
  readonly scope: string | undefined;
}

/** Why a token was refused: the caller's fault, answered 401. */
export type Rejection =
  "malformed-token" | "bad-algorithm" | "bad-signature" | "unknown-kid" | "expired" | "not-yet-valid" | "wrong-issuer" | "wrong-audience" | "missing-claim";

/** Why a token could not be checked at all: the authorizer's or the issuer's fault. */
export type Failure = "jwks-unavailable" | "bad-key" | "internal";

export type Verification =
  | { readonly ok: true; readonly claims: VerifiedClaims }
  /** `principal`: the `sub` of a token whose signature was valid but a claim was not (e.g. expired). */
  | { readonly ok: false; readonly rejection: Rejection; readonly principal?: string }
  | { readonly ok: false; readonly failure: Failure; readonly error: { name: string; message: string } };

export type VerifyToken = (token: string) => Promise<Verification>;

/**
 * A verifier for one issuer and its audiences, built on aws-jwt-verify's generic `JwtVerifier`
 * (`JwtRsaVerifier` is its deprecated alias; it verifies Cognito tokens as well as any OIDC issuer's).
 * It checks the signature against the issuer's JWKS, then `exp`, `nbf`, `iss` and `aud`; only
 * RS/ES/EdDSA algorithms are accepted, so `alg: none` and HMAC confusion are refused.
 *
 * - JWKS URI: fetched over HTTPS on first use, cached for the container, re-fetched when a token
 *   names an unknown `kid` (key rotation), at most once per 10 s per URI (the library's penalty box).
 * - Inline JWKS: loaded with `cacheJwks` and checked with `verifySync`, which reads only that cache:
 *   an unknown `kid` is refused without any fetch (the async `verify` would try the URI).
 */
export function createVerifier(settings: AuthorizerSettings): VerifyToken {
  const verifier = JwtVerifier.create({
    issuer: settings.issuer,
    audience: [...settings.audience],
    jwksUri: settings.jwksUri,
    graceSeconds: CLOCK_TOLERANCE_SECONDS,
    // Lets an expired (but authentic) token's `sub` be logged; the raw JWT itself is never logged.
    includeRawJwtInErrors: true,
  });
  const inline = settings.inlineJwks;
  if (inline !== undefined) verifier.cacheJwks(inline);
  const check = inline === undefined ? (token: string) => verifier.verify(token) : async (token: string) => verifier.verifySync(token);

  return async (token) => {
    let payload: JwtPayload;
    try {
      payload = await check(token);
    } catch (error) {
      return classify(error);
    }
    return requiredClaims(payload);
  };
}

/** The library does not require `exp` (a token without it would never expire) nor `sub`; both are required here. */
function requiredClaims(payload: JwtPayload): Verification {
  const { sub, iss, exp, scope } = payload;
  if (typeof sub !== "string" || sub === "" || typeof exp !== "number" || typeof iss !== "string") {
    return { ok: false, rejection: "missing-claim", ...(typeof sub === "string" && sub !== "" ? { principal: sub } : {}) };
  }
  return { ok: true, claims: { sub, iss, exp, scope } };
}

/** Maps the library's errors to a reason. Its messages are not passed on: a parse error can quote the decoded token. */
function classify(error: unknown): Verification {
  const rejection = rejectionOf(error);
  if (rejection !== undefined) {
    const sub = error instanceof JwtInvalidClaimError ? error.rawJwt?.payload.sub : undefined;
    return { ok: false, rejection, ...(typeof sub === "string" && sub !== "" ? { principal: sub } : {}) };
  }
  const failure: Failure =
    error instanceof FetchError || error instanceof JwksValidationError || error instanceof JwksNotAvailableInCacheError
      ? "jwks-unavailable"
      : error instanceof JwkValidationError || error instanceof JwkInvalidKtyError || error instanceof JwkInvalidUseError
        ? "bad-key"
        : "internal";
  return {
    ok: false,
    failure,
    error: error instanceof Error ? { name: error.name, message: error.message } : { name: typeof error, message: String(error) },
  };
}

function rejectionOf(error: unknown): Rejection | undefined {
  if (error instanceof JwtParseError) return "malformed-token";
  if (error instanceof JwtInvalidSignatureAlgorithmError) return "bad-algorithm";
  if (error instanceof JwtInvalidSignatureError) return "bad-signature";
  if (error instanceof JwtWithoutValidKidError || error instanceof KidNotFoundInJwksError) return "unknown-kid";
  // A kid that was just looked up and not found: the library refuses to re-fetch for 10 s.
  if (error instanceof WaitPeriodNotYetEndedJwkError) return "unknown-kid";
  if (error instanceof JwtExpiredError) return "expired";
  if (error instanceof JwtNotBeforeError) return "not-yet-valid";
  if (error instanceof JwtInvalidIssuerError) return "wrong-issuer";
  if (error instanceof JwtInvalidAudienceError) return "wrong-audience";
  return undefined;
}
