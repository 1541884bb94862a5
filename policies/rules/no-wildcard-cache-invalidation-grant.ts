import type { ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { isObject } from "../lib/api-openapi";
import { AWS_MANAGED_POLICY_STATEMENTS, awsManagedPolicyName } from "../lib/aws-managed-policies";
import { coveringAction, coveringEveryApi, isEveryone, statementsOf } from "../lib/iam";
import { TYPES } from "../lib/stack";
import { Pending, UNKNOWN } from "../lib/unknown";

const ACTION = "execute-api:InvalidateCache";
const SCOPE_FIX =
  "Grant execute-api:InvalidateCache only on the ARNs of the stages and methods that cache (arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>).";

/** Identity policies, by where each resource type keeps its documents. */
const IDENTITY_DOCUMENTS: Record<string, (p: Record<string, unknown>, pending: Pending) => unknown[]> = {
  [TYPES.iamPolicy]: (p, pending) => [pending.read("policy", () => p.policy)],
  [TYPES.iamRolePolicy]: (p, pending) => [pending.read("policy", () => p.policy)],
  [TYPES.iamUserPolicy]: (p, pending) => [pending.read("policy", () => p.policy)],
  [TYPES.iamGroupPolicy]: (p, pending) => [pending.read("policy", () => p.policy)],
  [TYPES.iamRole]: (p, pending) => {
    const inline = pending.read("inlinePolicies", () => p.inlinePolicies);
    return Array.isArray(inline) ? inline.map((i, n) => (isObject(i) ? pending.read(`inlinePolicies[${n}].policy`, () => i.policy) : undefined)) : [];
  },
};

/** API resource policies: whoever the Principal names may call the API's actions. */
const RESOURCE_POLICY_TYPES: readonly string[] = [TYPES.restApiPolicy, TYPES.restApi];

/** Where each resource type attaches managed policies by ARN. */
const ATTACHMENTS: Record<string, (p: Record<string, unknown>, pending: Pending) => unknown[]> = {
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (p, pending) => [pending.read("policyArn", () => p.policyArn)],
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": (p, pending) => [pending.read("policyArn", () => p.policyArn)],
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": (p, pending) => [pending.read("policyArn", () => p.policyArn)],
  "aws:iam/policyAttachment:PolicyAttachment": (p, pending) => [pending.read("policyArn", () => p.policyArn)],
  [TYPES.iamRole]: (p, pending) => {
    const arns = pending.read("managedPolicyArns", () => p.managedPolicyArns);
    return Array.isArray(arns) ? arns : [];
  },
};

const kindOf = (type: string): string => type.split(":").pop() as string;

function checkIdentityDocument(subject: string, doc: unknown, report: ReportViolation, via = ""): boolean {
  for (const statement of statementsOf(doc)) {
    if (statement.effect !== "Allow") continue;
    const action = coveringAction(statement, ACTION);
    const resource = coveringEveryApi(statement);
    if (action && resource) {
      report(`${subject} allows ${action} on ${resource}${via}, which lets its holder flush the cache of every API and stage. ${SCOPE_FIX}`);
      return true;
    }
  }
  return false;
}

function checkResourcePolicy(subject: string, doc: unknown, report: ReportViolation): boolean {
  for (const statement of statementsOf(doc)) {
    if (statement.effect !== "Allow" || !isEveryone(statement.principal)) continue;
    const action = coveringAction(statement, ACTION);
    if (!action) continue;
    report(
      `${subject} allows ${action} to every principal (Principal is ${JSON.stringify(statement.principal)}), so any caller may flush the API's cache with "Cache-Control: max-age=0". Allow only execute-api:Invoke to "*", and grant ${ACTION} to the IAM principals that may flush the cache.`,
    );
    return true;
  }
  return false;
}

/**
 * Whoever holds execute-api:InvalidateCache may flush a caching stage with "Cache-Control: max-age=0"
 * ("Invalidate an API Gateway cache entry", API Gateway developer guide). It must never be granted on
 * every API (Resource "*", a wildcard API id, or NotResource), by any action pattern that covers it
 * (including NotAction), nor to every principal in an API's resource policy; AWS managed policies
 * attached by ARN are read from their published documents (AdministratorAccess, PowerUserAccess).
 */
export const noWildcardCacheInvalidationGrant: ResourceValidationPolicy = {
  name: "no-wildcard-cache-invalidation-grant",
  description:
    'No IAM policy (inline, attached, or an AWS managed policy attached by ARN) grants execute-api:InvalidateCache on every API, and no API resource policy grants it to Principal "*".',
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: (args, report) => {
    const pending = new Pending();
    const subject = `${kindOf(args.type)} "${args.name}"`;
    let reported = false;
    for (const doc of IDENTITY_DOCUMENTS[args.type]?.(args.props, pending) ?? []) {
      if (doc !== UNKNOWN && !reported) reported = checkIdentityDocument(subject, doc, report);
    }
    if (RESOURCE_POLICY_TYPES.includes(args.type)) {
      const doc = pending.read("policy", () => args.props.policy);
      if (doc !== UNKNOWN && !reported) reported = checkResourcePolicy(subject, doc, report) || checkIdentityDocument(subject, doc, report);
    }
    for (const arn of ATTACHMENTS[args.type]?.(args.props, pending) ?? []) {
      const name = awsManagedPolicyName(arn);
      const statements = name === undefined ? undefined : AWS_MANAGED_POLICY_STATEMENTS[name];
      if (statements && !reported)
        reported = checkIdentityDocument(subject, { Statement: statements }, report, ` (the AWS managed policy ${name}, attached as ${String(arn)})`);
    }
    pending.settle(subject, `who may invalidate API caches`);
  },
};
