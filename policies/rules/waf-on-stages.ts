import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isRestStageArn } from "../lib/api-arn";
import { dependsThrough, ofType, TYPES } from "../lib/stack";

/** Whether `association` protects `stage`: through the ARN it took from the stage, or an equal stage ARN. */
function protects(association: PolicyResource, stage: PolicyResource): boolean {
  if (dependsThrough(association, "resourceArn", stage)) return true;
  const arn = association.props.resourceArn;
  const { restApi, stageName } = stage.props;
  return typeof arn === "string" && typeof restApi === "string" && typeof stageName === "string" && isRestStageArn(arn, restApi, stageName);
}

/**
 * A WAF web ACL in front of a REST stage filters common exploits, bad bots and floods before they
 * reach the integration and count against its throttling. REST stages (not HTTP APIs) can be
 * associated with a regional web ACL.
 */
export const wafOnStages: StackValidationPolicy = {
  name: "waf-on-stages",
  description: "Every REST API stage is associated with an AWS WAF web ACL (an aws.wafv2.WebAclAssociation whose resourceArn is the stage).",
  enforcementLevel: "advisory",
  severity: "medium",
  validateStack: (args, report) => {
    const associations = ofType(args.resources, TYPES.webAclAssociation);
    for (const stage of ofType(args.resources, TYPES.stage)) {
      if (associations.some((a) => protects(a, stage))) continue;
      report(
        `REST stage "${String(stage.props.stageName ?? stage.name)}" is not protected by a WAF web ACL (no WebAclAssociation has its ARN as resourceArn). Add an aws.wafv2.WebAclAssociation with resourceArn set to the stage's arn and a REGIONAL web ACL's arn.`,
        stage.urn,
      );
    }
  },
};
