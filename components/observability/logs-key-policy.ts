import type { PolicyDocument } from "../lambda/role-policy";

export interface KeyPolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: { readonly AWS: string } | { readonly Service: string };
  readonly Action: string | readonly string[];
  readonly Resource: "*";
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface KeyPolicy {
  readonly Version: PolicyDocument["Version"];
  readonly Statement: readonly KeyPolicyStatement[];
}

/**
 * The key policy of the stack's log encryption key: the account administers it (IAM decides who),
 * and CloudWatch Logs of this region may use it only for this account's log groups.
 */
export function logsKeyPolicy(partition: string, account: string, region: string): KeyPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchLogsEncrypts",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
        Resource: "*",
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${account}:log-group:*` } },
      },
    ],
  };
}
