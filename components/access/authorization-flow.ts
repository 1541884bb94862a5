import { BlockList, isIPv4, isIPv6 } from "net";
import type { RouteAuthorization } from "../../config/constants";

/**
 * API Gateway's decision on one call to a REST API method that has a resource policy, as AWS's
 * "How API Gateway resource policies affect authorization workflow" describes it:
 * - no IAM authorization (NONE, API key): the resource policy must explicitly allow the call;
 * - Amazon Cognito: "the resource policy is evaluated independently, and an explicit allow is required";
 * - IAM, or a Lambda authorizer (whose returned policy stands for the caller's): tables A and B. Same
 *   account: the caller's policy OR the resource policy allows; another account: both must allow;
 * - an explicit Deny anywhere wins.
 */

/** What one policy says of a request: an explicit Allow, an explicit Deny, or neither. */
export type PolicyVerdict = "Allow" | "Deny" | "Neither";

/** The request facts a resource policy's principals and conditions read. */
export interface InvokeRequest {
  /** `arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/{METHOD}/{path}`. */
  readonly methodArn: string;
  /** The IAM principal that signed the call; absent for an unsigned call. */
  readonly principal?: { readonly arn: string; readonly accountId: string };
  readonly sourceIp?: string;
  readonly sourceVpce?: string;
}

export interface InvokeDecision {
  readonly allowed: boolean;
  /** `explicit` when a Deny decided, `implicit` when nothing allowed. */
  readonly denial?: "explicit" | "implicit";
}

export interface AuthorizationInput {
  readonly authorization: RouteAuthorization;
  /** The account that owns the API. */
  readonly apiAccountId: string;
  /** The API's resource policy; undefined when it has none. */
  readonly resourcePolicy: unknown;
  /** For `iam`: the caller's identity policies' verdict; for `lambda`: the authorizer's policy's. */
  readonly callerVerdict: PolicyVerdict;
  readonly request: InvokeRequest;
}

const ALLOW: InvokeDecision = { allowed: true };
const EXPLICIT: InvokeDecision = { allowed: false, denial: "explicit" };
const IMPLICIT: InvokeDecision = { allowed: false, denial: "implicit" };

export function authorizeInvoke(input: AuthorizationInput): InvokeDecision {
  const resource = input.resourcePolicy === undefined ? "Neither" : resourcePolicyVerdict(input.resourcePolicy, input.request);
  const caller = input.callerVerdict;
  if (resource === "Deny" || ((input.authorization === "iam" || input.authorization === "lambda") && caller === "Deny")) return EXPLICIT;
  switch (input.authorization) {
    case "none":
    case "cognito":
      if (input.resourcePolicy === undefined) return ALLOW;
      return resource === "Allow" ? ALLOW : IMPLICIT;
    case "iam":
    case "lambda": {
      const sameAccount = input.authorization === "lambda" || input.request.principal?.accountId === input.apiAccountId;
      if (input.authorization === "iam" && input.request.principal === undefined) return IMPLICIT;
      const allowed = sameAccount ? caller === "Allow" || resource === "Allow" : caller === "Allow" && resource === "Allow";
      return allowed ? ALLOW : IMPLICIT;
    }
    default: {
      const unknown: never = input.authorization;
      throw new Error(`authorizeInvoke: unknown authorization ${JSON.stringify(unknown)}`);
    }
  }
}

interface Statement {
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Resource?: unknown;
  readonly Condition?: unknown;
}

/** What a resource policy says of `execute-api:Invoke` on the request: an explicit Deny wins over an Allow. */
export function resourcePolicyVerdict(policy: unknown, request: InvokeRequest): PolicyVerdict {
  return policyVerdict(policy, request, true);
}

/** What the caller's identity policy (statements without a Principal) says of the request. */
export function identityPolicyVerdict(policy: unknown, request: InvokeRequest): PolicyVerdict {
  return policyVerdict(policy, request, false);
}

function policyVerdict(policy: unknown, request: InvokeRequest, resourcePolicy: boolean): PolicyVerdict {
  const raw = (policy as { Statement?: unknown } | null)?.Statement;
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Statement[];
  const apiArn = request.methodArn.split("/")[0] as string;
  let verdict: PolicyVerdict = "Neither";
  for (const s of statements) {
    const applies =
      strings(s.Action, "Action").some((a) => globMatch(a.toLowerCase(), "execute-api:invoke")) &&
      strings(s.Resource, "Resource").some((r) => globMatch(r.replace(/^execute-api:/, apiArn), request.methodArn)) &&
      (!resourcePolicy || principalMatches(s.Principal, request)) &&
      conditionsHold(s.Condition, request);
    if (!applies) continue;
    if (s.Effect === "Deny") return "Deny";
    if (s.Effect === "Allow") verdict = "Allow";
  }
  return verdict;
}

function strings(value: unknown, field: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  throw new Error(`resourcePolicyVerdict: ${field} ${JSON.stringify(value)} is not a string or a list of strings`);
}

/** `*` any run of characters, `?` one character, as IAM matches resources and actions. */
function globMatch(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(value);
}

/** `"*"` is everyone, signed or not; `{AWS: …}` names accounts (root ARN or id) or principal ARNs. */
function principalMatches(principal: unknown, request: InvokeRequest): boolean {
  if (principal === "*") return true;
  const aws = (principal as { AWS?: unknown } | null)?.AWS;
  if (aws === undefined) throw new Error(`resourcePolicyVerdict: Principal ${JSON.stringify(principal)} is not "*" or {"AWS": …}`);
  const caller = request.principal;
  return strings(aws, "Principal.AWS").some((p) => {
    if (p === "*") return true;
    if (caller === undefined) return false;
    const account = /^(?:arn:aws[a-z-]*:iam::(\d{12}):root|(\d{12}))$/.exec(p);
    return account ? (account[1] ?? account[2]) === caller.accountId : p === caller.arn;
  });
}

/** The request's value of a condition key; `undefined` when the request does not carry it. */
function keyValue(key: string, request: InvokeRequest): string | undefined {
  switch (key.toLowerCase()) {
    case "aws:sourceip":
      return request.sourceIp;
    case "aws:sourcevpce":
      return request.sourceVpce;
    case "aws:principalaccount":
      return request.principal?.accountId;
    case "aws:principalarn":
      return request.principal?.arn;
    default:
      throw new Error(`resourcePolicyVerdict: condition key ${key} is not modelled`);
  }
}

type Operator = (value: string | undefined, expected: readonly string[]) => boolean;

/**
 * IAM's condition operators this project writes. A positive operator is false when the key is absent;
 * its negated form is then true (IAM: "Condition operators" in the IAM User Guide).
 */
const OPERATORS: Readonly<Record<string, Operator>> = {
  StringEquals: (v, e) => v !== undefined && e.includes(v),
  StringNotEquals: (v, e) => v === undefined || !e.includes(v),
  StringLike: (v, e) => v !== undefined && e.some((p) => globMatch(p, v)),
  StringNotLike: (v, e) => v === undefined || !e.some((p) => globMatch(p, v)),
  IpAddress: (v, e) => v !== undefined && e.some((cidr) => inCidr(v, cidr)),
  NotIpAddress: (v, e) => v === undefined || !e.some((cidr) => inCidr(v, cidr)),
  Null: (v, e) => e.every((flag) => (flag === "true" ? v === undefined : v !== undefined)),
};

function conditionsHold(condition: unknown, request: InvokeRequest): boolean {
  if (condition === undefined) return true;
  return Object.entries(condition as Record<string, Record<string, unknown>>).every(([operator, keys]) => {
    const test = OPERATORS[operator];
    if (!test) throw new Error(`resourcePolicyVerdict: condition operator ${operator} is not modelled`);
    return Object.entries(keys).every(([key, expected]) => test(keyValue(key, request), strings(expected, `Condition.${operator}.${key}`)));
  });
}

function inCidr(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split("/") as [string, string | undefined];
  const type = isIPv4(base) ? "ipv4" : isIPv6(base) ? "ipv6" : undefined;
  if (type === undefined) throw new Error(`resourcePolicyVerdict: ${JSON.stringify(cidr)} is not a CIDR block`);
  const list = new BlockList();
  list.addSubnet(base, bits === undefined ? (type === "ipv4" ? 32 : 128) : Number(bits), type);
  return (isIPv4(address) && list.check(address, "ipv4")) || (isIPv6(address) && list.check(address, "ipv6"));
}
