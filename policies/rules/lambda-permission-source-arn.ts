import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isWildcardId, parseExecuteApiArn } from "../lib/api-arn";
import { shown, TYPES } from "../lib/stack";

const FIX =
  "Set sourceArn to the API's execution ARN with a stage/method/path pattern (arn:aws:execute-api:<region>:<account>:<api-id>/*, e.g. `${api.executionArn}/*`).";

/**
 * A Lambda permission for `apigateway.amazonaws.com` without a source ARN (or with one naming every
 * API) lets any API Gateway API, in any account, invoke the function: the confused-deputy problem.
 * The grant must name this API's id.
 */
export const lambdaPermissionSourceArn: ResourceValidationPolicy = {
  name: "lambda-permission-source-arn",
  description: "A Lambda permission for apigateway.amazonaws.com is scoped by a sourceArn naming one API (an execute-api ARN whose API id is not a wildcard).",
  enforcementLevel: "mandatory",
  severity: "critical",
  validateResource: (args, report) => {
    if (args.type !== TYPES.lambdaPermission || args.props.principal !== "apigateway.amazonaws.com") return;
    const sourceArn = args.props.sourceArn;
    if (typeof sourceArn !== "string" || sourceArn === "") {
      report(`Permission "${args.name}" lets every API Gateway API in every account invoke the function (sourceArn is ${shown(sourceArn)}). ${FIX}`);
      return;
    }
    const arn = parseExecuteApiArn(sourceArn);
    if (!arn) {
      report(
        `Permission "${args.name}" for apigateway.amazonaws.com is not scoped to an API (sourceArn is ${shown(sourceArn)}, not an execute-api ARN). ${FIX}`,
      );
      return;
    }
    if (isWildcardId(arn.apiId)) {
      report(
        `Permission "${args.name}" lets every API matching the ARN invoke the function (sourceArn is ${shown(sourceArn)}, whose API id is a wildcard). ${FIX}`,
      );
    }
  },
};
