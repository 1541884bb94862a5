import { randomFillSync, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * A REST API request as API Gateway reads it, before any route is chosen. What AWS does, as recorded
 * against AWS in LocalStack's test_apigateway_lambda.snapshot.json (test_lambda_aws_proxy_integration):
 * - the path is never percent-decoded (`test%2Balias@gmail.com` stays so in `path` and the path
 *   parameters; `+` stays `+`), so a malformed escape is only text;
 * - slashes before the stage are collapsed (`//stage/x`: `requestContext.path` `/stage/x`); slashes
 *   right after the stage are dropped from `path` (`/stage//x`: `path` `/x`) but kept in
 *   `requestContext.path`; a `//` inside the path is kept (`/x//y`);
 * - a trailing slash stays in `path` (`/x/`) and is not part of a greedy parameter (`x`);
 * - query strings are form-decoded (`+` is a space, `%2B` a plus), repeated ones listed in order with
 *   the last in `queryStringParameters`;
 * - header names keep the client's spelling, except `Authorization`, which API Gateway spells so.
 */

export interface RestRequest {
  readonly method: string;
  /** The first path segment (the stage name the request asks for); undefined for `/`. */
  readonly stage: string | undefined;
  /** `requestContext.path`: the raw path, slashes before the stage collapsed. */
  readonly contextPath: string;
  /** The event's `path`: the raw path after the stage (`/` at least). */
  readonly path: string;
  /** The path's segments for route matching (a trailing slash dropped). */
  readonly segments: readonly string[];
  readonly rawQuery: string;
  readonly query: Readonly<Record<string, string>>;
  readonly multiQuery: Readonly<Record<string, readonly string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly multiHeaders: Readonly<Record<string, readonly string[]>>;
  /** A header's last value, whatever the case of its name. */
  header(name: string): string | undefined;
  readonly sourceIp: string;
  readonly protocol: string;
  /** The Host the client used (the twin's address). */
  readonly host: string;
  readonly requestId: string;
  readonly extendedRequestId: string;
  /** Epoch milliseconds. */
  readonly started: number;
}

/** Names API Gateway delivers in its own spelling whatever the client sent. */
const CANONICAL_NAMES: Readonly<Record<string, string>> = { authorization: "Authorization" };

const HEX = /^[0-9A-Fa-f]{2}$/;

/** Form-decodes `+` and `%XX` (UTF-8); a malformed escape is kept as written. */
export function formDecode(text: string): string {
  if (!/[%+]/.test(text)) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "+") bytes.push(0x20);
    else if (c === "%" && HEX.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else for (const b of Buffer.from(c, "utf8")) bytes.push(b);
  }
  return Buffer.from(bytes).toString("utf8");
}

export function parseQuery(rawQuery: string): { query: Record<string, string>; multiQuery: Record<string, string[]> } {
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = formDecode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? "" : formDecode(pair.slice(eq + 1));
    if (name === "") continue;
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  return { query, multiQuery };
}

/** The stage, `requestContext.path`, the event's path and its segments, from the raw request path. */
export function splitPath(rawPath: string): Pick<RestRequest, "stage" | "contextPath" | "path" | "segments"> {
  const contextPath = rawPath.replace(/^\/+/, "/");
  const afterFirst = contextPath.slice(1);
  const slash = afterFirst.indexOf("/");
  const stage = afterFirst === "" ? undefined : slash === -1 ? afterFirst : afterFirst.slice(0, slash);
  const rest = slash === -1 ? "" : afterFirst.slice(slash);
  const path = rest.replace(/^\/+/, "/") || "/";
  const parts = path === "/" ? [] : path.slice(1).split("/");
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return { stage, contextPath, path, segments: parts };
}

/**
 * Headers API Gateway drops as it reads a request: no integration, template or proxy event sees them
 * (recorded from AWS in LocalStack's test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration:
 * the client's `Connection: keep-alive` is not in the event; test_apigateway_integrations.snapshot.json,
 * TestApiGatewayHeaderRemapping: Connection, Content-Length, Content-MD5, Expect, Max-Forwards,
 * Proxy-Authenticate, Server, TE, Transfer-Encoding, Trailer, Upgrade and WWW-Authenticate sent by the
 * client reach neither an AWS_PROXY event nor a template's `$input.params().header`).
 */
const DROPPED_HEADERS: ReadonlySet<string> = new Set([
  "connection",
  "content-length",
  "content-md5",
  "expect",
  "max-forwards",
  "proxy-authenticate",
  "server",
  "te",
  "transfer-encoding",
  "trailer",
  "upgrade",
  "www-authenticate",
]);

/**
 * Headers in the client's order and spelling (the last value of a repeated one in `headers`), without
 * those API Gateway drops, and the last values by lower-case name.
 */
export function requestHeaders(rawHeaders: readonly string[]): {
  headers: Record<string, string>;
  multiHeaders: Record<string, string[]>;
  byLowerName: Map<string, string>;
} {
  const headers: Record<string, string> = {};
  const multiHeaders: Record<string, string[]> = {};
  const byLowerName = new Map<string, string>();
  const spelling = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const raw = rawHeaders[i] as string;
    const lower = raw.toLowerCase();
    if (DROPPED_HEADERS.has(lower)) continue;
    const name = spelling.get(lower) ?? CANONICAL_NAMES[lower] ?? raw;
    spelling.set(lower, name);
    const value = rawHeaders[i + 1] as string;
    headers[name] = value;
    (multiHeaders[name] ??= []).push(value);
    byLowerName.set(lower, value);
  }
  return { headers, multiHeaders, byLowerName };
}

/** Random bytes drawn a few kilobytes at a time: one call into the system's generator serves hundreds of requests. */
const RANDOM_POOL = Buffer.alloc(4096);
let randomOffset = RANDOM_POOL.length;

/** `count` random bytes (at most the pool's size) as base64 or hex text. */
function randomText(count: number, encoding: "base64" | "hex"): string {
  if (randomOffset + count > RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    randomOffset = 0;
  }
  const text = RANDOM_POOL.toString(encoding, randomOffset, randomOffset + count);
  randomOffset += count;
  return text;
}

/** API Gateway's extended request ids: 11 random bytes in base64 (16 characters, ending in `=`). */
export function extendedRequestId(): string {
  return randomText(11, "base64");
}

/**
 * Reads an incoming request. API Gateway adds the forwarding headers its integrations see
 * (`X-Forwarded-For` with the caller's address, `X-Forwarded-Port`, `X-Forwarded-Proto`) and a trace id.
 */
export function parseRequest(req: IncomingMessage, port: number, started: number): RestRequest {
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const rawPath = q === -1 ? target : target.slice(0, q);
  const rawQuery = q === -1 ? "" : target.slice(q + 1);
  const sourceIp = req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1";
  const { headers, multiHeaders, byLowerName: lower } = requestHeaders(req.rawHeaders);
  const add = (name: string, value: string) => {
    if (lower.has(name.toLowerCase())) return;
    headers[name] = value;
    multiHeaders[name] = [value];
    lower.set(name.toLowerCase(), value);
  };
  const forwardedFor = lower.get("x-forwarded-for");
  if (forwardedFor !== undefined) {
    const name = Object.keys(headers).find((k) => k.toLowerCase() === "x-forwarded-for") as string;
    headers[name] = `${forwardedFor}, ${sourceIp}`;
    multiHeaders[name] = [headers[name]];
    lower.set("x-forwarded-for", headers[name]);
  } else add("X-Forwarded-For", sourceIp);
  add("X-Forwarded-Port", String(port));
  add("X-Forwarded-Proto", "http");
  add("X-Amzn-Trace-Id", `Root=1-${Math.floor(started / 1000).toString(16)}-${randomText(12, "hex")}`);
  return {
    method: (req.method ?? "GET").toUpperCase(),
    ...splitPath(rawPath),
    rawQuery,
    ...parseQuery(rawQuery),
    headers,
    multiHeaders,
    header: (name) => lower.get(name.toLowerCase()),
    sourceIp,
    protocol: `HTTP/${req.httpVersion}`,
    host: lower.get("host") ?? `127.0.0.1:${port}`,
    requestId: randomUUID(),
    extendedRequestId: extendedRequestId(),
    started,
  };
}
