import { generateKeyPairSync, randomUUID, sign, type KeyObject } from "crypto";
import { JwtVerifier } from "aws-jwt-verify";
import { JwtExpiredError } from "aws-jwt-verify/error";

/** Claims of a verified token. */
export type Claims = Readonly<Record<string, unknown>>;

export interface TokenVerifier {
  /** The token's claims when it is valid (signature, issuer, audience or client, expiry), else undefined. */
  verify(token: string): Promise<Claims | undefined>;
  /** Whether a token `verify` refused is one of the issuer's, refused only because it has expired. */
  expired?(token: string): boolean;
}

/** The twin's own user pool: it signs tokens for local users, and its public keys verify them. */
export interface TokenIssuer extends TokenVerifier {
  readonly issuer: string;
  readonly clientId: string;
  /** The JWKS the authorizer functions get inline (`JWT_PUBLIC_JWKS`), so they never fetch. */
  readonly jwks: { readonly keys: readonly Record<string, unknown>[] };
  /** A Cognito-style ID token (aud = the client) for a local user, valid for `ttlSeconds`. */
  idToken(user: string, ttlSeconds?: number): string;
  /** A Cognito-style access token (client_id, scope) for a local user. */
  accessToken(user: string, scopes: readonly string[], ttlSeconds?: number): string;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

function signJwt(privateKey: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const payload = b64url(JSON.stringify(claims));
  return `${header}.${payload}.${b64url(sign("sha256", Buffer.from(`${header}.${payload}`), privateKey))}`;
}

/**
 * A key pair made at start-up, an issuer URL shaped like the stack's pool's, and tokens shaped like
 * Cognito's: ID tokens carry `aud` (the client), access tokens `client_id` and `scope`, as Cognito's do.
 */
export function createTokenIssuer(region: string, poolId = `${region}_localtwin`): TokenIssuer {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  const clientId = "localtwinclient0000000000";
  const jwks = { keys: [jwk as Record<string, unknown>] };
  const verifier = JwtVerifier.create({ issuer, audience: null, jwksUri: `${issuer}/.well-known/jwks.json` });
  verifier.cacheJwks(jwks as unknown as Parameters<typeof verifier.cacheJwks>[0]);
  const now = () => Math.floor(Date.now() / 1000);
  return {
    issuer,
    clientId,
    jwks,
    idToken: (user, ttl = 3600) =>
      signJwt(privateKey, kid, {
        sub: randomUUID(),
        "cognito:username": user,
        email: `${user}@example.com`,
        aud: clientId,
        iss: issuer,
        token_use: "id",
        iat: now(),
        exp: now() + ttl,
      }),
    accessToken: (user, scopes, ttl = 3600) =>
      signJwt(privateKey, kid, {
        sub: randomUUID(),
        username: user,
        client_id: clientId,
        scope: scopes.join(" "),
        iss: issuer,
        token_use: "access",
        iat: now(),
        exp: now() + ttl,
      }),
    async verify(token) {
      try {
        const claims = verifier.verifySync(token) as Record<string, unknown>;
        const audienceOk = claims.aud === clientId || claims.client_id === clientId;
        return audienceOk ? claims : undefined;
      } catch {
        return undefined;
      }
    },
    // aws-jwt-verify checks the signature before the expiry: an expired token is one this issuer signed.
    expired(token) {
      try {
        verifier.verifySync(token);
        return false;
      } catch (error) {
        return error instanceof JwtExpiredError;
      }
    },
  };
}
