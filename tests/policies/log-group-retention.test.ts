import { logGroupRetention as rule } from "../../policies/rules/log-group-retention";
import { check, fake, messages } from "../helpers/policy-harness";

const ACCEPTED = "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const logGroup = (inputs: Record<string, unknown> = {}) =>
  fake("aws:cloudwatch/logGroup:LogGroup", "access-logs", { name: "/aws/apigateway/shop/prod", retentionInDays: 400, kmsKeyId: KEY, ...inputs });

describe("log-group-retention", () => {
  test("passes: a retention, even a short one", async () => {
    expect(await check(rule, [logGroup()])).toEqual([]);
    expect(await check(rule, [logGroup({ retentionInDays: 1 })])).toEqual([]);
  });

  test("passes: a DELIVERY-class group (CloudWatch Logs ignores its retentionInDays and keeps 2 days)", async () => {
    expect(await check(rule, [logGroup({ logGroupClass: "DELIVERY", retentionInDays: undefined })])).toEqual([]);
  });

  test("fails: retentionInDays unset", async () => {
    expect(await check(rule, [logGroup({ retentionInDays: undefined })])).toEqual([
      {
        policy: "log-group-retention",
        enforcementLevel: "mandatory",
        resource: "aws:cloudwatch/logGroup:LogGroup::access-logs",
        message: `Log group "/aws/apigateway/shop/prod" keeps its events forever (retentionInDays is unset). Set retentionInDays to one of the values CloudWatch Logs accepts (${ACCEPTED}), e.g. 30 in development and 365 or more in production.`,
      },
    ]);
  });

  test("fails: retentionInDays 0 (never expire), on a STANDARD or INFREQUENT_ACCESS group", async () => {
    expect(await messages(rule, [logGroup({ retentionInDays: 0 })])).toEqual([
      `Log group "/aws/apigateway/shop/prod" keeps its events forever (retentionInDays is 0). Set retentionInDays to one of the values CloudWatch Logs accepts (${ACCEPTED}), e.g. 30 in development and 365 or more in production.`,
    ]);
    expect(await messages(rule, [logGroup({ retentionInDays: 0, logGroupClass: "INFREQUENT_ACCESS" })])).toHaveLength(1);
  });

  test("a group without a name is shown by its prefix, else by its Pulumi name", async () => {
    expect(await messages(rule, [logGroup({ name: undefined, namePrefix: "api-", retentionInDays: undefined })])).toEqual([
      `Log group "api-…" keeps its events forever (retentionInDays is unset). Set retentionInDays to one of the values CloudWatch Logs accepts (${ACCEPTED}), e.g. 30 in development and 365 or more in production.`,
    ]);
    expect((await messages(rule, [logGroup({ name: undefined, retentionInDays: undefined })]))[0]).toMatch(/^Log group "access-logs" keeps/);
  });

  test("other resource types are ignored", async () => {
    expect(await check(rule, [fake("aws:s3/bucket:Bucket", "docs", {})])).toEqual([]);
  });
});
