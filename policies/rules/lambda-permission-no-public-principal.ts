import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../lib/stack";

/**
 * A Lambda permission whose principal is "*" (or any pattern with "*") makes the function callable by
 * anyone who knows its ARN; even with a source condition it is one edit away from public.
 */
export const lambdaPermissionNoPublicPrincipal: ResourceValidationPolicy = {
  name: "lambda-permission-no-public-principal",
  description: 'No Lambda permission grants invocation to a wildcard principal ("*" or a pattern containing "*").',
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: (args, report) => {
    if (args.type !== TYPES.lambdaPermission) return;
    const principal = args.props.principal;
    if (typeof principal !== "string" || !principal.includes("*")) return;
    report(
      `Permission "${args.name}" lets anyone invoke the function (principal is ${JSON.stringify(principal)}). Grant the one service or account that calls it, e.g. principal: "apigateway.amazonaws.com" with a sourceArn.`,
    );
  },
};
