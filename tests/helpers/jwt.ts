import { createHmac, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from "node:crypto";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { selfSignedCertificate } from "./tls";

/** A public key as a JWKS lists it. */
export type PublicJwk = JsonWebKey & { kid: string; alg: "RS256"; use: "sig" };

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: PublicJwk;
}

/** An RSA 2048 key pair; the public half as a JWK carrying `kid`, `alg: RS256` and `use: sig`, as identity providers publish it. */
export function makeKeyPair(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, publicJwk: { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" } };
}

export const jwks = (...keys: SigningKey[]): { keys: PublicJwk[] } => ({ keys: keys.map((key) => key.publicJwk) });

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

/**
 * An RS256 JWT: base64url(header).base64url(claims).base64url(RSASSA-PKCS1-v1_5 SHA-256 signature).
 * The header is `{ alg: "RS256", typ: "JWT", kid }` with `header` merged over it (a key in `header`
 * set to undefined is left out).
 */
export function signToken(key: SigningKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const input = `${base64url({ alg: "RS256", typ: "JWT", kid: key.kid, ...header })}.${base64url(claims)}`;
  return `${input}.${sign("sha256", Buffer.from(input), key.privateKey).toString("base64url")}`;
}

/** An `alg: none` JWT: no signature, or `signature` as given. */
export function unsignedToken(kid: string, claims: Record<string, unknown>, signature = ""): string {
  return `${base64url({ alg: "none", typ: "JWT", kid })}.${base64url(claims)}.${signature}`;
}

/** The classic key-confusion attack: HS256 with the issuer's public key (a JWK's JSON) as the HMAC secret. */
export function hmacTokenWithPublicKey(key: SigningKey, claims: Record<string, unknown>): string {
  const input = `${base64url({ alg: "HS256", typ: "JWT", kid: key.kid })}.${base64url(claims)}`;
  return `${input}.${createHmac("sha256", JSON.stringify(key.publicJwk)).update(input).digest("base64url")}`;
}

export interface JwksServer {
  /** `https://127.0.0.1:<port>`: serves the JWKS on every path. */
  readonly origin: string;
  /** PEM: the server's self-signed certificate, for a client in another process to trust (`NODE_EXTRA_CA_CERTS`). */
  readonly cert: string;
  /** The path of every request received so far. */
  requests(): string[];
  /** What later requests get. */
  setJwks(document: unknown): void;
  /** Later requests get this status (and no JWKS) instead of 200. */
  setStatus(status: number): void;
  close(): Promise<void>;
}

/**
 * Serves a JWKS over HTTPS on 127.0.0.1 (a port the OS picks), as an identity provider does.
 *
 * HTTPS because aws-jwt-verify fetches with `https.request` and refuses `http:` URIs outright (as a
 * JWKS fetched in clear could be swapped on the way). The certificate is self-signed and made for
 * this server only; it is trusted by adding it as the CA of Node's global HTTPS agent, which the
 * library's requests go through, until `close()`. Only one server may be open at a time.
 */
export async function serveJwks(document: unknown): Promise<JwksServer> {
  const agentOptions = https.globalAgent.options as https.AgentOptions;
  if (agentOptions.ca !== undefined) throw new Error("a JWKS server is already open (or something else set the global agent's CA)");
  const { key, cert } = selfSignedCertificate();
  let body = JSON.stringify(document);
  let status = 200;
  const paths: string[] = [];

  const server = https.createServer({ key, cert }, (request, response) => {
    paths.push(request.url ?? "");
    if (status !== 200) {
      response.writeHead(status).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  agentOptions.ca = cert;

  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cert,
    requests: () => [...paths],
    setJwks: (next) => {
      body = JSON.stringify(next);
    },
    setStatus: (next) => {
      status = next;
    },
    close: async () => {
      delete agentOptions.ca;
      // The global agent keeps sockets alive; without this, close() would wait for them to time out.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
