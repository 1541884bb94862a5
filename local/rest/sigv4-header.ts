import { createHash } from "crypto";
import { restError, type RestError } from "../gateway-errors";
import type { RestRequest } from "./request";

/** Whether the request carries a SigV4 Authorization header (the twin has no IAM: it checks no signature). */
export function isSigV4Signed(req: RestRequest): boolean {
  return req.header("authorization")?.startsWith("AWS4-HMAC-SHA256 ") === true;
}

/**
 * API Gateway's answer where a request has no authentication token (an unknown route, an IAM route
 * unsigned): without an Authorization header, 403 Missing Authentication Token; with one that is not a
 * SigV4 signature, API Gateway reads it as one and answers 403 IncompleteSignatureException with what is
 * wrong in it (the same gateway response type: its definition replaces the answer). The messages, as
 * recorded from AWS (tests/local/rest-authorizers.test.ts names the sources):
 * - `<algorithm> <parts>` with a part that is no `key=value`: "Invalid key=value pair (missing
 *   equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '<hash>'.", the
 *   hash that of the whole header value;
 * - otherwise, each missing SigV4 component: "Authorization header requires 'Credential' parameter. ...
 *   Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.
 *   Authorization=<value>".
 * A header that starts as a signature (`AWS4-HMAC-SHA256 `) keeps Missing Authentication Token: the twin
 * checks no signature.
 */
export function missingTokenError(req: RestRequest): RestError {
  const missing = restError("MISSING_AUTHENTICATION_TOKEN");
  const value = req.header("authorization");
  if (value === undefined || value === "" || isSigV4Signed(req)) return missing;
  const message = incompleteSignatureMessage(value, req.header("x-amz-date") !== undefined || req.header("date") !== undefined);
  return message === undefined ? missing : { ...missing, errorType: "IncompleteSignatureException", message };
}

function incompleteSignatureMessage(value: string, dated: boolean): string | undefined {
  const space = value.indexOf(" ");
  const parts =
    space < 0
      ? []
      : value
          .slice(space + 1)
          .split(",")
          .map((part) => part.trim())
          .filter((part) => part !== "");
  if (parts.some((part) => !part.includes("="))) {
    const hash = createHash("sha256").update(value).digest("base64");
    return `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${hash}'.`;
  }
  const keys = new Set(parts.map((part) => part.slice(0, part.indexOf("="))));
  const complaints = ["Credential", "Signature", "SignedHeaders"]
    .filter((key) => !keys.has(key))
    .map((key) => `Authorization header requires '${key}' parameter.`);
  if (!dated) complaints.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  return complaints.length === 0 ? undefined : `${complaints.join(" ")} Authorization=${value}`;
}
