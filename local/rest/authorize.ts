import { EXPLICIT_DENY_MESSAGE, restError, type RestError } from "../gateway-errors";
import { evaluatePolicy, statementsOf } from "../iam-policy";
import { invokeWithin } from "../invoke";
import type { FunctionInvoker } from "../model";
import type { TokenVerifier } from "../tokens";
import { functionTarget } from "./capture";
import type { RestAuth, RestRoute } from "./model";
import type { RestRequest } from "./request";
import { isSigV4Signed, missingTokenError } from "./sigv4-header";
import { substituteStageVariables } from "./stage-variables";

/**
 * The authorization step of a REST route, as API Gateway runs it (AWS, "Use API Gateway Lambda
 * authorizers", "Control access to REST APIs using Amazon Cognito user pools"; the answers'
 * exception names and messages are in local/gateway-errors.ts):
 * - SigV4 (IAM) routes need an `AWS4-HMAC-SHA256` Authorization header: without one, 403 Missing
 *   Authentication Token, or IncompleteSignatureException for another Authorization header
 *   (./sigv4-header.ts; the twin has no IAM to check the signature against);
 * - Cognito routes: a valid token of the pool (the twin's issuer stands in for it), else 401: an ID token
 *   when the method names no scopes, else an access token with one of them; the claims reach the
 *   integration as strings; an expired token's 401 says "The incoming token has expired"
 *   (tests/local/rest-authorizers.test.ts names the sources);
 * - Lambda authorizers: 401 without invoking the function when an identity source is missing or empty
 *   (or a TOKEN fails the authorizer's validation expression); the function's "Unauthorized" error is
 *   401; any other error, a timeout or a response that is not a principal with a policy is 500
 *   (AuthorizerConfigurationException); an explicit Deny is 403 "User is not authorized to access this
 *   resource with an explicit deny", a policy that allows nothing 403 "User is not authorized to access
 *   this resource"; an Allow passes `principalId`, `integrationLatency` and the context, its values as
 *   strings (AWS delivers a number 1 as "1"). Answers are cached per authorizer and identity for the
 *   authorizer's TTL, the policy evaluated against each request's method ARN.
 */

/**
 * The message of a Cognito authorizer's 401 for a token of the pool that has expired (recorded from AWS:
 * aws-amplify/amplify-js issue #6060, `401,{"message":"The incoming token has expired"}`).
 */
export const EXPIRED_TOKEN_MESSAGE = "The incoming token has expired";

/** API Gateway's limit on a Lambda authorizer's run (its integration timeout). */
const AUTHORIZER_TIMEOUT_MS = 29_000;

export type AuthResult =
  | { readonly ok: true; readonly authorizer?: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly error: RestError; readonly authorizerError?: string };

interface CachedAnswer {
  readonly expires: number;
  readonly principalId: string;
  readonly context: Readonly<Record<string, string>>;
  readonly policy: NonNullable<ReturnType<typeof statementsOf>>;
  readonly latencyMs: number;
}

export interface AuthorizerDeps {
  readonly invoker: FunctionInvoker;
  readonly tokens: TokenVerifier;
  /** Epoch ms, for the authorizer cache. @default Date.now */
  readonly now?: () => number;
}

export interface AuthRequest {
  readonly req: RestRequest;
  readonly route: RestRoute;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
  readonly methodArn: string;
  /** The request context before authorization (the REQUEST authorizer's `requestContext`). */
  readonly context: Readonly<Record<string, unknown>>;
}

const refuse = (type: "UNAUTHORIZED" | "ACCESS_DENIED" | "AUTHORIZER_CONFIGURATION_ERROR", why: string, message?: string): AuthResult => ({
  ok: false,
  error: restError(type, message === undefined ? {} : { message }),
  authorizerError: why,
});

/** The value of one identity source, or undefined. */
function identityValue(source: string, r: AuthRequest): string | undefined {
  const [, where, name = ""] = /^(?:method\.request\.)?(header|querystring|path|stageVariables|context)\.(.+)$/.exec(source) ?? [];
  if (where === "header") return r.req.header(name);
  if (where === "querystring") return r.req.query[name];
  if (where === "path") return r.pathParameters[name];
  if (where === "stageVariables") return r.variables[name];
  if (where === "context") return String((r.context as Record<string, unknown>)[name] ?? "") || undefined;
  return undefined;
}

/** A Lambda authorizer's answer in the form API Gateway accepts, or why it does not. */
export function readAuthorizerAnswer(value: unknown): { principalId: string; policy: CachedAnswer["policy"]; context: Record<string, string> } | string {
  if (typeof value !== "object" || value === null) return "the authorizer returned no object";
  const { principalId, policyDocument, context } = value as { principalId?: unknown; policyDocument?: unknown; context?: unknown };
  if (typeof principalId !== "string" || principalId === "") return "the authorizer's response has no principalId";
  const policy = statementsOf(policyDocument);
  if (policy === undefined) return "the authorizer's policyDocument is missing or malformed";
  const strings: Record<string, string> = {};
  if (context !== undefined && context !== null) {
    if (typeof context !== "object" || Array.isArray(context)) return "the authorizer's context is not an object";
    for (const [key, v] of Object.entries(context)) {
      if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
        return `the authorizer's context value ${JSON.stringify(key)} is not a string, number or boolean`;
      strings[key] = String(v);
    }
  }
  return { principalId, policy, context: strings };
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Epoch seconds as AWS writes a Cognito token's `exp` and `iat`: `Sun Dec 17 07:28:12 UTC 2017`. */
function claimDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  const time = `${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}:${twoDigits(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${twoDigits(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

/**
 * A Cognito token's claims as `requestContext.authorizer.claims` has them: strings, `exp` and `iat` as
 * dates (other numbers and booleans as their text), a list (`cognito:groups`) as its items joined by
 * commas. Objects are kept as they are: no recorded answer shows how AWS writes them.
 */
export function cognitoClaims(claims: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const strings: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims)) {
    if ((name === "exp" || name === "iat") && typeof value === "number") strings[name] = claimDate(value);
    else if (Array.isArray(value)) strings[name] = value.join(",");
    else strings[name] = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  }
  return strings;
}

function authorizerEvent(auth: Extract<RestAuth, { kind: "lambda" }>, r: AuthRequest, token: string): unknown {
  if (auth.type === "token") return { type: "TOKEN", authorizationToken: token, methodArn: r.methodArn };
  const { req } = r;
  const some = <T extends object>(o: T): T | null => (Object.keys(o).length > 0 ? o : null);
  return {
    type: "REQUEST",
    methodArn: r.methodArn,
    resource: r.route.resource,
    path: req.path,
    httpMethod: req.method,
    headers: req.headers,
    multiValueHeaders: req.multiHeaders,
    queryStringParameters: some(req.query),
    multiValueQueryStringParameters: some(req.multiQuery),
    // An object even when empty, unlike the proxy event (AWS, "Input to an Amazon API Gateway Lambda authorizer").
    pathParameters: r.pathParameters,
    stageVariables: some(r.variables),
    requestContext: r.context,
  };
}

export interface Authorizer {
  authorize(r: AuthRequest): Promise<AuthResult>;
}

export function createAuthorizer(deps: AuthorizerDeps): Authorizer {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, CachedAnswer>();

  const lambda = async (auth: Extract<RestAuth, { kind: "lambda" }>, r: AuthRequest): Promise<AuthResult> => {
    const identity = auth.identitySources.map((source) => identityValue(source, r));
    if (identity.some((v) => v === undefined || v === "")) return refuse("UNAUTHORIZED", "an identity source is missing");
    const token = identity.join(",");
    if (auth.type === "token" && auth.validationExpression && !auth.validationExpression.test(token))
      return refuse("UNAUTHORIZED", "the token fails the validation expression");
    const key = `${auth.name}\u0000${token}`;
    let answer = cache.get(key);
    if (!answer || answer.expires <= now()) {
      const target = functionTarget(substituteStageVariables(auth.uri, r.variables));
      if (!target) return refuse("AUTHORIZER_CONFIGURATION_ERROR", `no function in ${auth.uri}`);
      const call = await invokeWithin(deps.invoker, target.functionName, authorizerEvent(auth, r, token), {
        timeoutMs: AUTHORIZER_TIMEOUT_MS,
        qualifier: target.qualifier,
      });
      if (call.outcome === "error" && call.message === "Unauthorized") return refuse("UNAUTHORIZED", "the authorizer answered Unauthorized");
      if (call.outcome !== "result")
        return refuse("AUTHORIZER_CONFIGURATION_ERROR", call.outcome === "error" ? call.message : `the authorizer's invocation failed (${call.outcome})`);
      const read = readAuthorizerAnswer(call.value);
      if (typeof read === "string") return refuse("AUTHORIZER_CONFIGURATION_ERROR", read);
      answer = { ...read, expires: now() + auth.ttlSeconds * 1000, latencyMs: call.latencyMs };
      if (auth.ttlSeconds > 0) cache.set(key, answer);
    }
    const effect = evaluatePolicy(answer.policy, "execute-api:Invoke", r.methodArn);
    if (effect === "Deny") return refuse("ACCESS_DENIED", "explicit deny", EXPLICIT_DENY_MESSAGE);
    if (effect !== "Allow") return refuse("ACCESS_DENIED", "the policy allows nothing for this method");
    return { ok: true, authorizer: { ...answer.context, principalId: answer.principalId, integrationLatency: answer.latencyMs } };
  };

  const cognito = async (auth: Extract<RestAuth, { kind: "cognito" }>, r: AuthRequest): Promise<AuthResult> => {
    const token = r.req.header("authorization")?.replace(/^Bearer\s+/i, "");
    const claims = token ? await deps.tokens.verify(token) : undefined;
    if (!claims) {
      if (token && deps.tokens.expired?.(token)) return refuse("UNAUTHORIZED", "the token has expired", EXPIRED_TOKEN_MESSAGE);
      return refuse("UNAUTHORIZED", "no valid token of the user pool");
    }
    // Without scopes on the method the token must be an ID token; with scopes, an access token with one of them.
    if (auth.scopes.length === 0) {
      if (claims.token_use !== "id") return refuse("UNAUTHORIZED", "a method without scopes takes ID tokens only");
    } else {
      const granted = claims.token_use === "access" ? String(claims.scope ?? "").split(" ") : [];
      if (!auth.scopes.some((s) => granted.includes(s))) return refuse("UNAUTHORIZED", "the token is no access token with one of the method's scopes");
    }
    return { ok: true, authorizer: { claims: cognitoClaims(claims) } };
  };

  return {
    async authorize(r) {
      const auth = r.route.auth;
      switch (auth.kind) {
        case "none":
          return { ok: true };
        case "iam":
          return isSigV4Signed(r.req) ? { ok: true } : { ok: false, error: missingTokenError(r.req), authorizerError: "the request is not signed" };
        case "cognito":
          return cognito(auth, r);
        case "lambda":
          return lambda(auth, r);
        default: {
          const unknown: never = auth;
          throw new Error(`unknown authorization ${JSON.stringify(unknown)}`);
        }
      }
    },
  };
}
