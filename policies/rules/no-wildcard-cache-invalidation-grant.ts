import type { ResourceValidationPolicy } from "@pulumi/policy";
import { actionMatches, isWildcardApiResource, statementsOf } from "../lib/iam";
import { TYPES } from "../lib/stack";

/** Where each resource type keeps its policy documents. */
const DOCUMENTS: Record<string, (props: Record<string, unknown>) => unknown[]> = {
  [TYPES.iamPolicy]: (p) => [p.policy],
  [TYPES.iamRolePolicy]: (p) => [p.policy],
  [TYPES.iamUserPolicy]: (p) => [p.policy],
  [TYPES.iamGroupPolicy]: (p) => [p.policy],
  [TYPES.iamRole]: (p) => ((p.inlinePolicies as { policy?: unknown }[] | undefined) ?? []).map((i) => i.policy),
  [TYPES.restApiPolicy]: (p) => [p.policy],
  [TYPES.restApi]: (p) => [p.policy],
};

export const noWildcardCacheInvalidationGrant: ResourceValidationPolicy = {
  name: "no-wildcard-cache-invalidation-grant",
  description: "No IAM policy grants execute-api:InvalidateCache on every API (Resource \"*\").",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: (args, report) => {
    const documents = DOCUMENTS[args.type];
    if (!documents) return;
    for (const doc of documents(args.props)) {
      for (const statement of statementsOf(doc)) {
        if (statement.effect !== "Allow") continue;
        const action = statement.actions.find((a) => actionMatches(a, "execute-api:InvalidateCache"));
        const resource = statement.resources.find(isWildcardApiResource);
        if (action && resource) {
          report(
            `${args.type.split(":").pop()} "${args.name}" allows ${JSON.stringify(action)} on ${JSON.stringify(resource)}, which lets its holder flush the cache of every API and stage. Grant execute-api:InvalidateCache only on the ARNs of the stages and methods that cache (arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>).`,
          );
          return;
        }
      }
    }
  },
};
