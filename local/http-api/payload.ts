import { isUtf8 } from "node:buffer";
import type { Claims } from "../tokens";

/**
 * The Lambda payload format 2.0 of HTTP APIs (AWS, "Create AWS Lambda proxy integrations for HTTP APIs"):
 * request bodies as text or base64, claims as strings, and the 2.0 response rules.
 */

/**
 * The media types whose bodies reach the function as text: `text/*`, `application/json`, `application/xml`
 * and `application/javascript`, whatever their parameters. Anything else, a missing Content-Type and
 * `application/x-www-form-urlencoded` among them, arrives base64-encoded: the split observed on a real
 * HTTP API (payload 2.0, AWS_PROXY) in ministackorg/ministack pull request #766.
 */
const TEXT_TYPES: ReadonlySet<string> = new Set(["application/json", "application/xml", "application/javascript"]);

/** Whether a request body reaches the function as text (else base64): a text media type, and UTF-8. */
export function bodyIsText(contentType: string | undefined, body: Buffer): boolean {
  if (contentType === undefined) return false;
  const semicolon = contentType.indexOf(";");
  const type = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return (type.startsWith("text/") || TEXT_TYPES.has(type)) && isUtf8(body);
}

/**
 * The request path as HTTP APIs hand it to a function (`rawPath`, `requestContext.http.path`):
 * percent-decoded, and cut at a `?` the decoding made. Recorded from AWS: `/a%2Fb` arrives as `/a/b`
 * (fastify/aws-lambda-fastify issue #169), `/RSC/%40id%2Fassets%2Frsf0.js%23save.txt` as
 * `/RSC/@id/assets/rsf0.js#save.txt` (honojs/hono issue #2156), and a decoded `?` truncates the path
 * (middleapi/standard-server pull request #93, from live captures). A path that does not decode stays raw.
 */
export function eventPath(rawPath: string): string {
  if (!rawPath.includes("%")) return rawPath;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
  const question = decoded.indexOf("?");
  return question === -1 ? decoded : decoded.slice(0, question);
}

/** Claims as HTTP APIs hand them to integrations: every value a string (numbers as digits, lists as `[a b]`). */
export function claimStrings(claims: Claims): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      typeof value === "string"
        ? value
        : Array.isArray(value)
          ? `[${value.map(String).join(" ")}]`
          : typeof value === "object" && value !== null
            ? JSON.stringify(value)
            : String(value),
    ]),
  );
}

/** The scopes a token carries (`scope`, space-separated, or `scp`). */
export function tokenScopes(claims: Claims): string[] {
  const raw = claims.scope ?? claims.scp;
  if (Array.isArray(raw)) return raw.map(String);
  return typeof raw === "string" ? raw.split(" ").filter((s) => s !== "") : [];
}

export interface IntegrationAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer | string;
}

/**
 * A function's result under the 2.0 rules: an object with `statusCode` is the response (headers,
 * cookies as set-cookie headers, body, isBase64Encoded); any other value is 200, `content-type:
 * application/json`, with the value as the body (a string as it is, anything else as its JSON).
 * Undefined when the result cannot be a response (a bad statusCode): the gateway answers 500.
 */
export function lambdaResponse(result: unknown): IntegrationAnswer | undefined {
  if (typeof result === "object" && result !== null && !Array.isArray(result) && "statusCode" in result) {
    const r = result as { statusCode: unknown; headers?: Record<string, unknown>; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
    const status = Number(r.statusCode);
    if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(r.headers ?? {})) headers[name.toLowerCase()] = String(value);
    if (Array.isArray(r.cookies) && r.cookies.length > 0) headers["set-cookie"] = r.cookies.map(String);
    const text = r.body === undefined || r.body === null ? "" : typeof r.body === "string" ? r.body : JSON.stringify(r.body);
    return { status, headers, body: r.isBase64Encoded === true ? Buffer.from(text, "base64") : text };
  }
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: typeof result === "string" ? result : JSON.stringify(result ?? null),
  };
}
