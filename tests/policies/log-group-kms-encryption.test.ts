import { logGroupKmsEncryption as rule } from "../../policies/rules/log-group-kms-encryption";
import { check, fake, messages } from "../helpers/policy-harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(o: T): T };
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const FIX =
  "Set kmsKeyId to the ARN of a customer managed KMS key whose key policy allows the logs.<region>.amazonaws.com service principal to use it (kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*).";
const logGroup = (inputs: Record<string, unknown> = {}) =>
  fake("aws:cloudwatch/logGroup:LogGroup", "access-logs", { name: "/aws/apigateway/shop/prod", retentionInDays: 365, kmsKeyId: KEY, ...inputs });

describe("log-group-kms-encryption", () => {
  test("passes: a customer managed key", async () => {
    expect(await check(rule, [logGroup()])).toEqual([]);
  });

  test("passes: during preview, a key ARN unknown until the key exists", async () => {
    const group = fake(
      "aws:cloudwatch/logGroup:LogGroup",
      "access-logs",
      unknownCheckingProxy({ name: "/aws/apigateway/shop/prod", kmsKeyId: UNKNOWN_STRING }),
    );
    expect(await check(rule, [group])).toEqual([]);
  });

  test("fails: no kmsKeyId; advisory", async () => {
    expect(await check(rule, [logGroup({ kmsKeyId: undefined })])).toEqual([
      {
        policy: "log-group-kms-encryption",
        enforcementLevel: "advisory",
        resource: "aws:cloudwatch/logGroup:LogGroup::access-logs",
        message: `Log group "/aws/apigateway/shop/prod" is encrypted only with a key CloudWatch Logs owns (kmsKeyId is unset). ${FIX}`,
      },
    ]);
  });

  test("fails: an empty kmsKeyId", async () => {
    expect(await messages(rule, [logGroup({ kmsKeyId: "" })])).toEqual([
      `Log group "/aws/apigateway/shop/prod" is encrypted only with a key CloudWatch Logs owns (kmsKeyId is ""). ${FIX}`,
    ]);
  });
});
