/**
 * The decision both authorizers (TOKEN and REQUEST) make, and the one log line it leaves.
 *
 * How API Gateway answers the client, per outcome:
 * - 401: no token, a scheme other than Bearer, a malformed JWT, or a JWT that fails verification
 *   (bad signature, unknown key, `alg` none, expired, not yet valid, wrong issuer or audience, no
 *   `sub`/`exp`). The authorizer throws an Error whose message is exactly "Unauthorized", the only
 *   way a REST API Lambda authorizer can ask for a 401: the client should get new credentials.
 * - 403: a valid token that lacks a scope of `JWT_REQUIRED_SCOPES`. The authorizer returns an
 *   explicit Deny policy: the client is known, new credentials would not help.
 * - 401 as well, logged at ERROR: the authorizer cannot decide (missing or invalid settings, JWKS
 *   unreachable, a method ARN it does not recognise). It fails closed and still throws only
 *   "Unauthorized", since anything else thrown becomes a 500 whose cause the client must not see.
 *
 * Nothing else is ever thrown to API Gateway, and the token (or the header carrying it) is never logged.
 */
import type { APIGatewayAuthorizerResult, Context } from "aws-lambda";
import { performance } from "node:perf_hooks";
import { logger } from "../shared/logger";
import type { Credential, CredentialProblem } from "./bearer";
import { allowPolicy, denyPolicy, stageResource } from "./policy";
import { missingScopes } from "./scopes";
import { readSettings, type AuthorizerSettings } from "./settings";
import { createVerifier, type Failure, type Rejection, type VerifyToken } from "./verifier";

/** The message API Gateway turns into a 401; any other error becomes a 500. */
export const UNAUTHORIZED = "Unauthorized";

/** The message of the one line every invocation logs. */
export const DECISION_MESSAGE = "authorizer decision";

export type AuthorizerType = "TOKEN" | "REQUEST";

export type Reason = "authorized" | "missing-scope" | CredentialProblem | Rejection | Failure | "misconfigured" | "malformed-method-arn";

interface Decision {
  /** Undefined: throw "Unauthorized". */
  result?: APIGatewayAuthorizerResult;
  reason: Reason;
  principal?: string;
  missingScopes?: string[];
  /** Only for failures of the authorizer itself, never for a refused token. */
  error?: { name: string; message: string };
}

interface Container {
  settings: AuthorizerSettings;
  verify: VerifyToken;
}

let container: Container | undefined;

/**
 * Settings and verifier, created on the first invocation and kept for the container's life (the
 * verifier caches the fetched JWKS). Settings that fail to load are read again next time.
 */
function loadContainer(): Container {
  if (container === undefined) {
    const settings = readSettings();
    container = { settings, verify: createVerifier(settings) };
  }
  return container;
}

export interface AuthorizeRequest {
  type: AuthorizerType;
  /** Read inside the guard, so a malformed event cannot make the handler throw anything but "Unauthorized". */
  credential: () => Credential;
  methodArn: () => unknown;
  /** Extra keys for the decision line (never the token, nor headers). */
  logKeys?: () => Record<string, string | undefined>;
}

/** Answers an authorizer request: a policy, or a thrown `Error("Unauthorized")`. */
export async function authorize(request: AuthorizeRequest, context: Context | undefined): Promise<APIGatewayAuthorizerResult> {
  const startedAt = performance.now();
  let result: APIGatewayAuthorizerResult | undefined;
  try {
    beginInvocation(request, context);
    const decision = await decideSafely(request);
    logDecision(decision, performance.now() - startedAt);
    result = decision.result;
  } catch {
    // Only the logger can get here; whatever it was, the request is refused (fail closed).
    result = undefined;
  } finally {
    logger.resetKeys();
  }
  if (result === undefined) throw new Error(UNAUTHORIZED);
  return result;
}

async function decideSafely(request: AuthorizeRequest): Promise<Decision> {
  try {
    return await decide(request);
  } catch (error) {
    return { reason: "internal", error: errorDetails(error) };
  }
}

async function decide(request: AuthorizeRequest): Promise<Decision> {
  const resource = stageResource(request.methodArn());
  if (resource === undefined) return { reason: "malformed-method-arn" };

  const credential = request.credential();
  if ("problem" in credential) return { reason: credential.problem };

  let loaded: Container;
  try {
    loaded = loadContainer();
  } catch (error) {
    return { reason: "misconfigured", error: errorDetails(error) };
  }

  const verification = await loaded.verify(credential.token);
  if (!verification.ok) {
    if ("failure" in verification) return { reason: verification.failure, error: verification.error };
    return { reason: verification.rejection, ...(verification.principal === undefined ? {} : { principal: verification.principal }) };
  }

  const { sub, iss, exp, scope } = verification.claims;
  const missing = missingScopes(loaded.settings.requiredScopes, scope);
  if (missing.length > 0) {
    return { result: denyPolicy(sub, resource), reason: "missing-scope", principal: sub, missingScopes: missing };
  }
  return {
    result: allowPolicy(sub, resource, { sub, issuer: iss, scope: scope ?? "", expiresAt: exp }),
    reason: "authorized",
    principal: sub,
  };
}

function beginInvocation(request: AuthorizeRequest, context: Context | undefined): void {
  // As in httpHandler: nothing left over from outside an invocation, a new sampling decision.
  logger.resetKeys();
  logger.refreshSampleRateCalculation();
  if (context !== undefined) logger.addContext(context);
  let extra: Record<string, string | undefined> = {};
  try {
    extra = request.logKeys?.() ?? {};
  } catch {
    // A malformed event: the decision will say so; the keys are only a convenience.
  }
  logger.appendKeys({ function_version: context?.functionVersion, authorizerType: request.type, ...extra });
}

function logDecision(decision: Decision, elapsedMs: number): void {
  const line = {
    message: DECISION_MESSAGE,
    decision: decision.result === undefined ? "unauthorized" : decision.result.policyDocument.Statement[0]?.Effect === "Allow" ? "allow" : "deny",
    reason: decision.reason,
    ...(decision.principal === undefined ? {} : { principal: decision.principal }),
    ...(decision.missingScopes === undefined ? {} : { missingScopes: decision.missingScopes }),
    ...(decision.error === undefined ? {} : { error: decision.error }),
    durationMs: Math.round(elapsedMs * 100) / 100,
  };
  if (isAuthorizerFault(decision.reason)) logger.error(line);
  else if (decision.reason === "authorized") logger.info(line);
  else logger.warn(line);
}

function isAuthorizerFault(reason: Reason): boolean {
  return ["jwks-unavailable", "bad-key", "internal", "misconfigured", "malformed-method-arn"].includes(reason);
}

function errorDetails(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: typeof error, message: String(error) };
}
