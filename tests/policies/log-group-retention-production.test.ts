import { logGroupRetentionProduction as rule } from "../../policies/rules/log-group-retention-production";
import { check, fake, messages } from "../helpers/policy-harness";

const logGroup = (inputs: Record<string, unknown> = {}) =>
  fake("aws:cloudwatch/logGroup:LogGroup", "access-logs", { name: "/aws/apigateway/shop/prod", retentionInDays: 365, ...inputs });

describe("log-group-retention-production", () => {
  test("passes: 365 days and more", async () => {
    expect(await check(rule, [logGroup()])).toEqual([]);
    expect(await check(rule, [logGroup({ retentionInDays: 3653 })])).toEqual([]);
  });

  test("passes: groups that never expire (log-group-retention flags those) and DELIVERY-class groups", async () => {
    expect(await check(rule, [logGroup({ retentionInDays: undefined })])).toEqual([]);
    expect(await check(rule, [logGroup({ retentionInDays: 0 })])).toEqual([]);
    expect(await check(rule, [logGroup({ retentionInDays: 2, logGroupClass: "DELIVERY" })])).toEqual([]);
  });

  test("fails: less than the default minimum of 365 days; advisory", async () => {
    expect(await check(rule, [logGroup({ retentionInDays: 180 })])).toEqual([
      {
        policy: "log-group-retention-production",
        enforcementLevel: "advisory",
        resource: "aws:cloudwatch/logGroup:LogGroup::access-logs",
        message:
          'Log group "/aws/apigateway/shop/prod" keeps its events only 180 days (retentionInDays is 180), fewer than the 365 this stack requires. Set retentionInDays to at least 365.',
      },
    ]);
  });

  test("a stack's minimumDays, and the nearest value CloudWatch Logs accepts", async () => {
    const pack = { "log-group-retention-production": { minimumDays: 1000 } };
    expect(await check(rule, [logGroup({ retentionInDays: 1096 })], pack)).toEqual([]);
    expect(await messages(rule, [logGroup({ retentionInDays: 731 })], pack)).toEqual([
      'Log group "/aws/apigateway/shop/prod" keeps its events only 731 days (retentionInDays is 731), fewer than the 1000 this stack requires. Set retentionInDays to at least 1000 (the nearest value CloudWatch Logs accepts is 1096).',
    ]);
    expect(await check(rule, [logGroup({ retentionInDays: 30 })], { "log-group-retention-production": { minimumDays: 30 } })).toEqual([]);
  });

  test("the dev stack's pack config disables it; prod can make it mandatory", async () => {
    expect(await check(rule, [logGroup({ retentionInDays: 7 })], { "log-group-retention-production": "disabled" })).toEqual([]);
    const prod = await check(rule, [logGroup({ retentionInDays: 7 })], {
      "log-group-retention-production": { enforcementLevel: "mandatory", minimumDays: 365 },
    });
    expect(prod.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });
});
