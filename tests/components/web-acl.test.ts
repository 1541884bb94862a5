import { webAclRules } from "../../components/access/web-acl-rules";
import { capturedStack, type CapturedStack } from "../helpers/captured-stack";

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

describe("web ACL rules", () => {
  test("AWS's common and known-bad-inputs rule sets, then a per-IP rate limit", () => {
    expect(webAclRules(1500)).toEqual([
      {
        name: "AWSManagedRulesCommonRuleSet",
        priority: 10,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" } },
        visibilityConfig: visibility("AWSManagedRulesCommonRuleSet"),
      },
      {
        name: "AWSManagedRulesKnownBadInputsRuleSet",
        priority: 20,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesKnownBadInputsRuleSet" } },
        visibilityConfig: visibility("AWSManagedRulesKnownBadInputsRuleSet"),
      },
      {
        name: "rate-limit-per-ip",
        priority: 30,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: 1500, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
        visibilityConfig: visibility("rate-limit-per-ip"),
      },
    ]);
  });
});

describe("the prod stack's WAF and client certificate", () => {
  let rec: CapturedStack;
  beforeAll(async () => {
    rec = await capturedStack("prod");
  });

  test("a REGIONAL web ACL associated with the prod stage", () => {
    const acl = rec.get("aws:wafv2/webAcl:WebAcl", "waf-acl").inputs;
    expect(acl).toMatchObject({ scope: "REGIONAL", defaultAction: { allow: {} }, rules: webAclRules(2000), visibilityConfig: visibility("waf") });
    const stage = rec.get("aws:apigateway/stage:Stage", "api-prod-stage");
    const association = rec.get("aws:wafv2/webAclAssociation:WebAclAssociation", "waf-prod");
    expect(association.inputs.resourceArn).toBe(`arn:aws:apigateway:us-east-1::/restapis/${String(stage.inputs.restApi)}/stages/prod`);
    expect(association.propertyDependencies.resourceArn).toEqual([stage.urn]);
  });

  test("a client certificate the stage presents to its HTTP backends", () => {
    const certificate = rec.get("aws:apigateway/clientCertificate:ClientCertificate", "api-client-certificate");
    expect(certificate.inputs.description).toBe("Presented by microservice-gateway-prod to its HTTP backends");
    expect(rec.get("aws:apigateway/stage:Stage", "api-prod-stage").propertyDependencies.clientCertificateId).toEqual([certificate.urn]);
  });
});

describe("the dev stack", () => {
  test("no web ACL unless asked for", async () => {
    const rec = await capturedStack("dev");
    expect(rec.ofType("aws:wafv2/webAcl:WebAcl")).toEqual([]);
    expect(rec.ofType("aws:apigateway/clientCertificate:ClientCertificate")).toHaveLength(1);
  });
});
