import { wafOnStages as rule } from "../../policies/rules/waf-on-stages";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const WEB_ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/1111";
const association = (name: string, resourceArn: string, from: ReturnType<typeof fake>[] = []) =>
  fake("aws:wafv2/webAclAssociation:WebAclAssociation", name, { resourceArn, webAclArn: WEB_ACL_ARN }, { from: from.length > 0 ? { resourceArn: from } : {} });
const NOT_PROTECTED = (stage: string) =>
  `REST stage "${stage}" is not protected by a WAF web ACL (no WebAclAssociation has its ARN as resourceArn). Add an aws.wafv2.WebAclAssociation with resourceArn set to the stage's arn and a REGIONAL web ACL's arn.`;

describe("waf-on-stages", () => {
  test("passes: an association that took its resourceArn from the stage", async () => {
    const { stage } = restStage("prod");
    expect(await check(rule, [stage, association("prod-waf", "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod", [stage])])).toEqual([]);
  });

  test("passes: an association whose resourceArn is the stage's ARN, without a dependency", async () => {
    const { stage } = restStage("prod");
    expect(await check(rule, [stage, association("prod-waf", "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/stages/prod")])).toEqual([]);
  });

  test("fails: a stage no association protects", async () => {
    const { stage } = restStage("prod");
    expect(await check(rule, [stage])).toEqual([
      { policy: "waf-on-stages", enforcementLevel: "advisory", resource: "aws:apigateway/stage:Stage::api-prod", message: NOT_PROTECTED("prod") },
    ]);
  });

  test("fails: associations for another stage or another API do not count", async () => {
    const prod = restStage("prod").stage;
    const beta = restStage("beta").stage;
    const resources = [
      prod,
      beta,
      association("beta-waf", "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/beta", [beta]),
      association("other-api", "arn:aws:apigateway:us-east-1::/restapis/zzzzzzzzzz/stages/prod"),
    ];
    expect(await messages(rule, resources)).toEqual([NOT_PROTECTED("prod")]);
  });

  test("a stack's pack config can disable it (as the dev stack does)", async () => {
    expect(await check(rule, [restStage("dev").stage], { "waf-on-stages": "disabled" })).toEqual([]);
  });
});
