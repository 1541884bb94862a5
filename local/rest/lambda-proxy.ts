import { unsendable, type Reply } from "../server-kit";
import type { RestRoute } from "./model";
import type { RestRequest } from "./request";

/**
 * The Lambda proxy integration (payload 1.0) of a REST API: the event API Gateway sends, and how it
 * reads the function's answer. Sources: AWS, "Lambda proxy integrations in API Gateway" (input and
 * output formats, "If you specify values for both headers and multiValueHeaders, API Gateway merges
 * them into a single list. If the same key-value pair is specified in both, only the values from
 * multiValueHeaders will appear"), "Binary media types for REST APIs" ("API Gateway uses the first
 * Accept header from clients to determine if a response should return binary media"), and LocalStack's
 * AWS-validated test_aws_proxy_response_payload_format_validation (a numeric string statusCode works,
 * a missing one is 200, an unknown key, a statusCode that is no number or multiValueHeaders values that
 * are no lists are 502 "Internal server error").
 */

/** An API's binaryMediaTypes read once: exact entries, `type/*`, `*\/subtype` and `*\/*`. */
function compileBinaryMediaTypes(binaryMediaTypes: readonly string[]): (value: string) => boolean {
  const exact = new Set<string>();
  const anySubtype = new Set<string>();
  const anyType = new Set<string>();
  let all = false;
  for (const entry of binaryMediaTypes) {
    const [t = "", s = ""] = entry.toLowerCase().split("/");
    if (t === "*" && s === "*") all = true;
    else if (s === "*") anySubtype.add(t);
    else if (t === "*") anyType.add(s);
    else exact.add(`${t}/${s}`);
  }
  // A route sees few distinct Content-Type and Accept values: each is read once.
  const seen = new Map<string, boolean>();
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    const media = (value.split(",")[0] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const slash = media.indexOf("/");
    const type = slash === -1 ? media : media.slice(0, slash);
    const matches = media !== "" && (all || exact.has(media) || anySubtype.has(type) || (slash !== -1 && anyType.has(media.slice(slash + 1))));
    if (seen.size >= 256) seen.clear();
    seen.set(value, matches);
    return matches;
  };
}

const matchers = new WeakMap<readonly string[], (value: string) => boolean>();

/** `image/png`, `image/*` or `*\/*` entries against a Content-Type or Accept value (its first media type). */
export function matchesBinaryMediaType(value: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (value === undefined || binaryMediaTypes.length === 0) return false;
  let matcher = matchers.get(binaryMediaTypes);
  if (matcher === undefined) matchers.set(binaryMediaTypes, (matcher = compileBinaryMediaTypes(binaryMediaTypes)));
  return matcher(value);
}

export interface ProxyEventInput {
  readonly req: RestRequest;
  readonly route: RestRoute;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
  readonly requestContext: Readonly<Record<string, unknown>>;
  readonly body: Buffer;
  readonly binaryMediaTypes: readonly string[];
}

const someOrNull = <T extends object>(o: T): T | null => (Object.keys(o).length > 0 ? o : null);

/** The v1 event: every field AWS sends, null where AWS sends null; a binary body base64-encoded. */
export function proxyEvent(input: ProxyEventInput): Record<string, unknown> {
  const { req, route } = input;
  const binary = input.body.length > 0 && matchesBinaryMediaType(req.header("content-type"), input.binaryMediaTypes);
  return {
    resource: route.resource,
    path: req.path,
    httpMethod: req.method,
    headers: req.headers,
    multiValueHeaders: req.multiHeaders,
    queryStringParameters: someOrNull(req.query),
    multiValueQueryStringParameters: someOrNull(req.multiQuery),
    pathParameters: someOrNull(input.pathParameters),
    stageVariables: someOrNull(input.variables),
    requestContext: input.requestContext,
    body: input.body.length === 0 ? null : binary ? input.body.toString("base64") : input.body.toString("utf8"),
    isBase64Encoded: binary,
  };
}

const RESPONSE_KEYS = new Set(["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]);
const isScalar = (v: unknown): v is string | number | boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

export type ProxyResponse = { readonly ok: true; readonly reply: Reply } | { readonly ok: false; readonly reason: string };

function statusOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return 200;
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

/** The response headers: multiValueHeaders win over headers of the same name (any case); Content-Type defaults to JSON. */
function mergedHeaders(headers: Readonly<Record<string, unknown>>, multi: Readonly<Record<string, unknown>>): Record<string, string | string[]> | string {
  const out: Record<string, string | string[]> = {};
  // Most answers set no multiValueHeaders: no set of their names is needed then.
  let seen: Set<string> | undefined;
  let contentType = false;
  for (const name of Object.keys(multi)) {
    const values = multi[name];
    if (values === null || values === undefined) continue;
    if (!Array.isArray(values) || !values.every(isScalar)) return `multiValueHeaders.${name} is not a list of strings`;
    out[name] = values.map(String);
    const lower = name.toLowerCase();
    (seen ??= new Set()).add(lower);
    contentType ||= lower === "content-type";
  }
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === null || value === undefined) continue;
    if (!isScalar(value)) return `headers.${name} is not a string`;
    const lower = name.toLowerCase();
    if (seen?.has(lower)) continue;
    out[name] = String(value);
    contentType ||= lower === "content-type";
  }
  if (!contentType) out["Content-Type"] = "application/json";
  return out;
}

const objectOrEmpty = (v: unknown): Readonly<Record<string, unknown>> | undefined =>
  v === undefined || v === null ? {} : typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * The client's answer from a function's result, or why API Gateway would call it a malformed Lambda
 * proxy response (a 502). `accept` is the request's Accept header: a base64 body is decoded only when
 * its first media type is one of the API's binary media types; otherwise the client gets the text.
 */
export function readProxyResponse(result: unknown, accept: string | undefined, binaryMediaTypes: readonly string[]): ProxyResponse {
  if (typeof result !== "object" || result === null || Array.isArray(result)) return { ok: false, reason: "the function's response is not an object" };
  const r = result as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !RESPONSE_KEYS.has(k));
  if (unknown.length > 0) return { ok: false, reason: `the function's response has keys API Gateway does not accept: ${unknown.join(", ")}` };
  const status = statusOf(r.statusCode);
  if (status === undefined) return { ok: false, reason: `statusCode ${JSON.stringify(r.statusCode)} is not an HTTP status` };
  const headers = objectOrEmpty(r.headers);
  const multi = objectOrEmpty(r.multiValueHeaders);
  if (!headers || !multi) return { ok: false, reason: "headers and multiValueHeaders must be objects" };
  const merged = mergedHeaders(headers, multi);
  if (typeof merged === "string") return { ok: false, reason: merged };
  if (r.body !== undefined && r.body !== null && typeof r.body !== "string") return { ok: false, reason: "body must be a string" };
  if (r.isBase64Encoded !== undefined && r.isBase64Encoded !== null && typeof r.isBase64Encoded !== "boolean")
    return { ok: false, reason: "isBase64Encoded must be a boolean" };
  const text = typeof r.body === "string" ? r.body : "";
  const decode = r.isBase64Encoded === true && matchesBinaryMediaType(accept, binaryMediaTypes);
  const reply: Reply = { status, headers: merged, body: decode ? Buffer.from(text, "base64") : text };
  const invalid = unsendable(reply);
  return invalid === undefined ? { ok: true, reply } : { ok: false, reason: invalid };
}
