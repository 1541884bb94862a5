import { accountAdministers, type KeyPolicy } from "./key-policy";

/**
 * The key policy of the stack's log encryption key: the account administers it (IAM decides who),
 * and CloudWatch Logs of this region may use it only for this account's log groups.
 */
export function logsKeyPolicy(partition: string, account: string, region: string): KeyPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministers(partition, account),
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
