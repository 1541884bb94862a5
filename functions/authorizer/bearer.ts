/** Why a request carried no usable token, before the token itself is looked at. */
export type CredentialProblem = "missing-token" | "wrong-scheme" | "malformed-token" | "duplicate-token";

export type Credential = { readonly token: string } | { readonly problem: CredentialProblem };

/** RFC 6750's b64token: the characters a bearer token may use (a JWT uses a subset). */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The token of an `Authorization: Bearer <token>` value (RFC 6750). The scheme is matched ignoring
 * case (RFC 9110); anything but exactly one token after it is malformed.
 */
export function bearerCredential(header: string | undefined): Credential {
  const value = header?.trim() ?? "";
  if (value === "") return { problem: "missing-token" };
  const [scheme = "", ...rest] = value.split(/\s+/);
  if (scheme.toLowerCase() !== "bearer") return { problem: "wrong-scheme" };
  if (rest.length === 0) return { problem: "missing-token" };
  return rawCredential(rest.join(" "));
}

/** A token given as it is, with no scheme (the `token` query parameter of a WebSocket `$connect`). */
export function rawCredential(value: string | undefined): Credential {
  if (value === undefined || value === "") return { problem: "missing-token" };
  return B64TOKEN.test(value) ? { token: value } : { problem: "malformed-token" };
}
