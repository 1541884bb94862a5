import { wafKnownBadInputs as rule } from "../../policies/rules/waf-known-bad-inputs";
import { check, fake, messages } from "../helpers/policy-harness";

const VISIBILITY = { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: "m" };
const managed = (name: string, overrideAction: Record<string, unknown> = { none: {} }) => ({
  name,
  priority: 1,
  overrideAction,
  statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
  visibilityConfig: VISIBILITY,
});
const webAcl = (inputs: Record<string, unknown>) =>
  fake("aws:wafv2/webAcl:WebAcl", "api-acl", { name: "api", scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: VISIBILITY, ...inputs });
const MISSING =
  'WebAcl "api" does not block known bad inputs such as Log4j (Log4Shell) lookups (no rule\'s statement.managedRuleGroupStatement is { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" }). Add a rule with that managed rule group statement and overrideAction: { none: {} }.';
const COUNT_ONLY = (rule: string) =>
  `WebAcl "api" only counts known bad inputs instead of blocking them (overrideAction of rule "${rule}" is count). Set the rule's overrideAction to { none: {} } so the group's own Block actions apply.`;

describe("waf-known-bad-inputs", () => {
  test("passes: an inline rule running the group", async () => {
    expect(await check(rule, [webAcl({ rules: [managed("AWSManagedRulesCommonRuleSet"), managed("AWSManagedRulesKnownBadInputsRuleSet")] })])).toEqual([]);
  });

  test("passes: the group in ruleJson, in the WAF API's shape", async () => {
    const ruleJson = JSON.stringify([
      {
        Name: "bad-inputs",
        Priority: 1,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesKnownBadInputsRuleSet" } },
      },
    ]);
    expect(await check(rule, [webAcl({ ruleJson })])).toEqual([]);
  });

  test("passes: the group as a separate WebAclRule or WebAclRuleGroupAssociation of the ACL", async () => {
    const acl = webAcl({});
    const aclRule = fake(
      "aws:wafv2/webAclRule:WebAclRule",
      "bad-inputs",
      { webAclArn: "arn", ...managed("AWSManagedRulesKnownBadInputsRuleSet") },
      { from: { webAclArn: [acl] } },
    );
    const association = fake(
      "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation",
      "bad-inputs-group",
      { webAclArn: "arn", ruleName: "bad-inputs", priority: 2, managedRuleGroup: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } },
      { from: { webAclArn: [acl] } },
    );
    expect(await check(rule, [acl, aclRule])).toEqual([]);
    expect(await check(rule, [acl, association])).toEqual([]);
  });

  test("fails: a web ACL without the group", async () => {
    expect(await check(rule, [webAcl({ rules: [managed("AWSManagedRulesCommonRuleSet")] })])).toEqual([
      { policy: "waf-known-bad-inputs", enforcementLevel: "advisory", resource: "aws:wafv2/webAcl:WebAcl::api-acl", message: MISSING },
    ]);
  });

  test("fails: a rule of another ACL, or another vendor's group of that name, does not count", async () => {
    const acl = webAcl({
      rules: [
        {
          ...managed("AWSManagedRulesKnownBadInputsRuleSet"),
          statement: { managedRuleGroupStatement: { vendorName: "Fortinet", name: "AWSManagedRulesKnownBadInputsRuleSet" } },
        },
      ],
    });
    const other = fake("aws:wafv2/webAcl:WebAcl", "other-acl", { name: "other", scope: "REGIONAL", rules: [managed("AWSManagedRulesKnownBadInputsRuleSet")] });
    const otherRule = fake(
      "aws:wafv2/webAclRule:WebAclRule",
      "bad-inputs",
      { webAclArn: "arn", ...managed("AWSManagedRulesKnownBadInputsRuleSet") },
      { from: { webAclArn: [other] } },
    );
    expect(await messages(rule, [acl, other, otherRule])).toEqual([MISSING]);
  });

  test("fails: the group overridden to count", async () => {
    expect(await messages(rule, [webAcl({ rules: [managed("AWSManagedRulesKnownBadInputsRuleSet", { count: {} })] })])).toEqual([
      COUNT_ONLY("AWSManagedRulesKnownBadInputsRuleSet"),
    ]);
  });

  test("fails: the group overridden to count in ruleJson and in a rule group association", async () => {
    const ruleJson = JSON.stringify([
      {
        Name: "bad-inputs",
        Priority: 1,
        OverrideAction: { Count: {} },
        Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: "AWSManagedRulesKnownBadInputsRuleSet" } },
      },
    ]);
    const acl = webAcl({ ruleJson });
    const association = fake(
      "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation",
      "bad-inputs-group",
      {
        webAclArn: "arn",
        ruleName: "bad-inputs-2",
        priority: 2,
        overrideAction: "count",
        managedRuleGroup: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" },
      },
      { from: { webAclArn: [acl] } },
    );
    expect(await messages(rule, [acl, association])).toEqual([COUNT_ONLY("bad-inputs")]);
  });
});
