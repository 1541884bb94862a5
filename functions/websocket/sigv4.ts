import { createHash, createHmac } from "node:crypto";

/**
 * SigV4 for the broadcast's posts (AWS, "Create a signed AWS API request"), computing what
 * `@smithy/signature-v4` (the SDK's signer) computes for the same request, with the work per request
 * cut to one SHA-256 and one HMAC: the signing key is kept for its day, region, service and
 * credentials (the SDK's signer keeps it too, but hashes the credentials again on every request to
 * find it). `tests/functions/websocket-sigv4.test.ts` checks every header against the SDK's signer.
 */

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignableRequest {
  readonly method: string;
  /** The path as sent (already percent-encoded once). */
  readonly path: string;
  /** Every header to sign, the host among them, lower-case names; `x-amz-content-sha256` is the payload's hash. */
  readonly headers: Readonly<Record<string, string>>;
}

/** `encodeURIComponent`, and `!'()*` too (the SDK's escapeUri: how it encodes a path segment, and what it encodes again to sign). */
export const escapeUri = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The SDK's canonical path for services other than S3: dot segments resolved, empty ones dropped, then encoded again. */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return escapeUri(normalized).replace(/%2F/g, "/");
}

/** A header's canonical value: line breaks as spaces, runs of spaces and tabs as one, no space at either end. */
const canonicalValue = (value: string): string =>
  value
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/^ | $/g, "");

const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** `20261205T101500Z` and `20261205`. */
function signingDates(now: Date): { readonly long: string; readonly short: string } {
  const long = now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  return { long, short: long.slice(0, 8) };
}

export type Signer = (request: SignableRequest, now?: Date) => Promise<Record<string, string>>;

/** Signs requests to `service` with the credentials and region the providers give (called on every request: the SDK's providers memoize and refresh). */
export function createSigner(service: string, region: () => Promise<string>, credentials: () => Promise<SigningCredentials>): Signer {
  let kept: { readonly id: string; readonly key: Buffer } | undefined;
  const signingKey = (c: SigningCredentials, shortDate: string, regionName: string): Buffer => {
    const id = `${shortDate}\n${regionName}\n${c.accessKeyId}\n${c.secretAccessKey}`;
    if (kept?.id !== id) {
      const key = hmac(hmac(hmac(hmac(`AWS4${c.secretAccessKey}`, shortDate), regionName), service), "aws4_request");
      kept = { id, key };
    }
    return kept.key;
  };
  return async (request, now = new Date()) => {
    const [c, regionName] = await Promise.all([credentials(), region()]);
    const dates = signingDates(now);
    const headers: Record<string, string> = { ...request.headers, "x-amz-date": dates.long };
    if (c.sessionToken) headers["x-amz-security-token"] = c.sessionToken;
    const names = Object.keys(headers).sort();
    const canonicalHeaders = names.map((name) => `${name}:${canonicalValue(headers[name] as string)}\n`).join("");
    const signedHeaders = names.join(";");
    const payloadHash = headers["x-amz-content-sha256"];
    if (payloadHash === undefined) throw new Error("SigV4: the request has no x-amz-content-sha256 header (the payload's hash)");
    const canonicalRequest = `${request.method}\n${canonicalPath(request.path)}\n\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
    const scope = `${dates.short}/${regionName}/${service}/aws4_request`;
    const stringToSign = `AWS4-HMAC-SHA256\n${dates.long}\n${scope}\n${createHash("sha256").update(canonicalRequest).digest("hex")}`;
    const signature = createHmac("sha256", signingKey(c, dates.short, regionName))
      .update(stringToSign)
      .digest("hex");
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${c.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return headers;
  };
}
