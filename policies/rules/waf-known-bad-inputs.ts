import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { isObject, type JsonObject } from "../lib/api-openapi";
import { dependsThrough, ofType, TYPES } from "../lib/stack";

/** Rules kept outside the web ACL, joined to it through the property dependency of `webAclArn`. */
const WEB_ACL_RULE = "aws:wafv2/webAclRule:WebAclRule";
const RULE_GROUP_ASSOCIATION = "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";
const GROUP = "AWSManagedRulesKnownBadInputsRuleSet";

/** A rule of a web ACL that runs the group, and whether it only counts what it matches. */
interface GroupUse {
  readonly rule: string;
  readonly countOnly: boolean;
}

const isGroup = (vendor: unknown, name: unknown): boolean => vendor === "AWS" && name === GROUP;

/** From the `rules` input, a WebAclRule resource: `statement.managedRuleGroupStatement`, `overrideAction.count`. */
function fromRule(rule: unknown, fallbackName: string): GroupUse | undefined {
  if (!isObject(rule)) return undefined;
  const statement = isObject(rule.statement) ? rule.statement.managedRuleGroupStatement : undefined;
  if (!isObject(statement) || !isGroup(statement.vendorName, statement.name)) return undefined;
  const override = rule.overrideAction;
  return { rule: String(rule.name ?? fallbackName), countOnly: isObject(override) && override.count !== undefined };
}

/** From `ruleJson`, the WAF API's own shape: `Statement.ManagedRuleGroupStatement`, `OverrideAction.Count`. */
function fromRuleJson(text: unknown): GroupUse[] {
  if (typeof text !== "string") return [];
  let rules: unknown;
  try {
    rules = JSON.parse(text);
  } catch {
    return [];
  }
  return (Array.isArray(rules) ? rules : []).flatMap((rule: unknown) => {
    if (!isObject(rule) || !isObject(rule.Statement)) return [];
    const statement = rule.Statement.ManagedRuleGroupStatement as JsonObject | undefined;
    if (!isObject(statement) || !isGroup(statement.VendorName, statement.Name)) return [];
    const override = rule.OverrideAction;
    return [{ rule: String(rule.Name), countOnly: isObject(override) && override.Count !== undefined }];
  });
}

/** From a WebAclRuleGroupAssociation: `managedRuleGroup`, `overrideAction: "count"`. */
function fromAssociation(association: PolicyResource): GroupUse | undefined {
  const group = association.props.managedRuleGroup;
  if (!isObject(group) || !isGroup(group.vendorName, group.name)) return undefined;
  return { rule: String(association.props.ruleName ?? association.name), countOnly: association.props.overrideAction === "count" };
}

function checkWebAcl(acl: PolicyResource, resources: readonly PolicyResource[], report: ReportViolation): void {
  const inline = Array.isArray(acl.props.rules) ? acl.props.rules : [];
  const uses: GroupUse[] = [
    ...inline.flatMap((r: unknown, i: number) => fromRule(r, `rules[${i}]`) ?? []),
    ...fromRuleJson(acl.props.ruleJson),
    ...ofType(resources, WEB_ACL_RULE)
      .filter((r) => dependsThrough(r, "webAclArn", acl))
      .flatMap((r) => fromRule(r.props, r.name) ?? []),
    ...ofType(resources, RULE_GROUP_ASSOCIATION)
      .filter((a) => dependsThrough(a, "webAclArn", acl))
      .flatMap((a) => fromAssociation(a) ?? []),
  ];
  const name = String(acl.props.name ?? acl.name);
  if (uses.length === 0) {
    report(
      `WebAcl "${name}" does not block known bad inputs such as Log4j (Log4Shell) lookups (no rule's statement.managedRuleGroupStatement is { vendorName: "AWS", name: "${GROUP}" }). Add a rule with that managed rule group statement and overrideAction: { none: {} }.`,
      acl.urn,
    );
    return;
  }
  if (uses.every((u) => u.countOnly)) {
    report(
      `WebAcl "${name}" only counts known bad inputs instead of blocking them (overrideAction of rule "${uses[0].rule}" is count). Set the rule's overrideAction to { none: {} } so the group's own Block actions apply.`,
      acl.urn,
    );
  }
}

/**
 * AWS's Known bad inputs managed rule group blocks request patterns known to exploit common
 * vulnerabilities (Log4j JNDI lookups among them) and costs little. A web ACL without it, or with it
 * overridden to count, lets them through to the API.
 */
export const wafKnownBadInputs: StackValidationPolicy = {
  name: "waf-known-bad-inputs",
  description: "Every WAF web ACL runs AWS's AWSManagedRulesKnownBadInputsRuleSet managed rule group, and not in count-only mode.",
  enforcementLevel: "advisory",
  severity: "medium",
  validateStack: (args, report) => {
    for (const acl of ofType(args.resources, TYPES.webAcl)) checkWebAcl(acl, args.resources, report);
  },
};
