import { accountAdministers, type KeyPolicy } from "./key-policy";

/**
 * The key policy of the alarm topic's KMS key: the account administers it (IAM decides who), and
 * CloudWatch may generate data keys and decrypt with it, which it must to publish an alarm to a
 * topic encrypted with the key. AWS's managed `alias/aws/sns` key cannot be used for this: its
 * policy cannot be edited to let CloudWatch in, so alarm actions to such a topic fail
 * (https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns).
 */
export function alarmTopicKeyPolicy(partition: string, account: string): KeyPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministers(partition, account),
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
      },
    ],
  };
}

/** SNS's AWS managed key; alarms cannot publish to a topic it encrypts. */
export const AWS_MANAGED_SNS_KEY = "alias/aws/sns";
