/** The rules of the stack's web ACL: AWS's managed protections, then a per-IP rate limit. */

export interface VisibilityConfig {
  readonly cloudwatchMetricsEnabled: true;
  readonly sampledRequestsEnabled: true;
  readonly metricName: string;
}

const visibility = (metricName: string): VisibilityConfig => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

export const COMMON_RULE_SET = "AWSManagedRulesCommonRuleSet";
export const KNOWN_BAD_INPUTS_RULE_SET = "AWSManagedRulesKnownBadInputsRuleSet";

const managed = (name: string, priority: number) => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
  visibilityConfig: visibility(name),
});

/**
 * AWS's common rule set (OWASP top risks), its known-bad-inputs rule set (Log4j, exploit paths), and a
 * block for any IP sending more than `ratePer5Minutes` requests in five minutes.
 */
export function webAclRules(ratePer5Minutes: number) {
  return [
    managed(COMMON_RULE_SET, 10),
    managed(KNOWN_BAD_INPUTS_RULE_SET, 20),
    {
      name: "rate-limit-per-ip",
      priority: 30,
      action: { block: {} },
      statement: { rateBasedStatement: { limit: ratePer5Minutes, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
      visibilityConfig: visibility("rate-limit-per-ip"),
    },
  ];
}

export const webAclVisibility = visibility;
