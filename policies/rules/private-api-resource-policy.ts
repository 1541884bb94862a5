import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { endpointTypesOf } from "../lib/api-endpoint";
import { readBody, unreadableBodyMessage } from "../lib/api-openapi";
import { dependsThrough, ofType, TYPES } from "../lib/stack";

const nonEmpty = (v: unknown): boolean => (typeof v === "string" ? v.trim() !== "" : v !== undefined && v !== null);

function checkApi(api: PolicyResource, policies: readonly PolicyResource[], report: ReportViolation): void {
  const { types } = endpointTypesOf(api.props);
  if (!types.includes("PRIVATE")) return;
  if (nonEmpty(api.props.policy)) return;
  if (policies.some((p) => dependsThrough(p, "restApiId", api))) return;
  const reading = readBody(api.props.body);
  if (reading.kind === "document" && nonEmpty(reading.document["x-amazon-apigateway-policy"])) return;
  if (reading.kind === "unreadable") {
    report(unreadableBodyMessage(api.name, "whether it carries x-amazon-apigateway-policy"), api.urn);
    return;
  }
  report(
    `Private RestApi "${api.name}" has no resource policy, and a private API cannot be deployed without one (policy is unset, its body has no x-amazon-apigateway-policy and no RestApiPolicy targets it). Add an aws.apigateway.RestApiPolicy with restApiId set to this API's id that allows execute-api:Invoke from your VPC endpoints (aws:SourceVpce).`,
    api.urn,
  );
}

/**
 * A private REST API is reached only through execute-api VPC endpoints, and API Gateway refuses to
 * deploy it without a resource policy saying which endpoints or VPCs may invoke it.
 */
export const privateApiResourcePolicy: StackValidationPolicy = {
  name: "private-api-resource-policy",
  description: "A PRIVATE REST API has a resource policy: its policy input, x-amazon-apigateway-policy in its body, or a RestApiPolicy resource targeting it.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (args, report) => {
    const policies = ofType(args.resources, TYPES.restApiPolicy);
    for (const api of ofType(args.resources, TYPES.restApi)) checkApi(api, policies, report);
  },
};
