import { resolveAliasRouting } from "../../components/lambda/alias-routing";
import { logsKeyPolicy } from "../../components/observability/logs-key-policy";
import { functionRolePolicy, tableEnvironmentVariable } from "../../components/lambda/role-policy";

describe("alias routing", () => {
  test("a single version", () => {
    expect(resolveAliasRouting([{ version: "$LATEST", weight: 1 }], "7")).toEqual({ functionVersion: "$LATEST", additionalVersionWeights: undefined });
    expect(resolveAliasRouting([{ version: "current", weight: 1 }], "7")).toEqual({ functionVersion: "7", additionalVersionWeights: undefined });
  });

  test("95% on version 1, 5% on the version this deployment published", () => {
    const routing = [
      { version: "1", weight: 0.95 },
      { version: "current", weight: 0.05 },
    ];
    expect(resolveAliasRouting(routing, "2")).toEqual({ functionVersion: "1", additionalVersionWeights: { "2": 0.05 } });
  });

  test("when both resolve to the same version, all traffic goes to it (Lambda rejects the pair)", () => {
    const routing = [
      { version: "1", weight: 0.95 },
      { version: "current", weight: 0.05 },
    ];
    expect(resolveAliasRouting(routing, "1")).toEqual({ functionVersion: "1", additionalVersionWeights: undefined });
  });

  test("no versions is a programming error", () => {
    expect(() => resolveAliasRouting([], "1")).toThrow("an alias needs at least one version");
  });
});

describe("function role policy", () => {
  const LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/shop-dev-items";
  const TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/items-1a2b3c";

  test("read access: its log group, X-Ray, and read actions on its table and indexes", () => {
    expect(functionRolePolicy(LOGS, true, [{ arn: TABLE, access: "read" }])).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${LOGS}:*` },
        { Effect: "Allow", Action: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], Resource: "*" },
        {
          Effect: "Allow",
          Action: ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
          Resource: [TABLE, `${TABLE}/index/*`],
        },
      ],
    });
  });

  test("readwrite access adds the write actions; no tracing, no X-Ray statement", () => {
    const doc = functionRolePolicy(LOGS, false, [{ arn: TABLE, access: "readwrite" }]);
    expect(doc.Statement).toHaveLength(2);
    expect(doc.Statement[1]!.Action).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:UpdateItem",
    ]);
  });

  test("table environment variables", () => {
    expect(tableEnvironmentVariable("items")).toBe("ITEMS_TABLE_NAME");
    expect(tableEnvironmentVariable("orderLines")).toBe("ORDER_LINES_TABLE_NAME");
    expect(tableEnvironmentVariable("v2Items")).toBe("V2_ITEMS_TABLE_NAME");
  });
});

describe("log encryption key policy", () => {
  test("the account administers the key; CloudWatch Logs of the region uses it for this account's log groups only", () => {
    expect(logsKeyPolicy("aws-cn", "210987654321", "cn-north-1")).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: "arn:aws-cn:iam::210987654321:root" }, Action: "kms:*", Resource: "*" },
        {
          Sid: "CloudWatchLogsEncrypts",
          Effect: "Allow",
          Principal: { Service: "logs.cn-north-1.amazonaws.com" },
          Action: ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
          Resource: "*",
          Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws-cn:logs:cn-north-1:210987654321:log-group:*" } },
        },
      ],
    });
  });
});
