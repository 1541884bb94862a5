import type { ResourceValidationPolicy } from "@pulumi/policy";
import { logGroupLabel, read, UNKNOWN } from "../lib/logging-common";
import { shown, TYPES } from "../lib/stack";

/**
 * CloudWatch Logs always encrypts log data, but with a key it owns; a customer managed KMS key lets
 * the key policy decide who can read the logs, and disabling the key cuts off access to them.
 * Advisory. Peers: checkov CKV_AWS_158, trivy AVD-AWS-0017, cdk-nag NIST.800.53.R5-/HIPAA.Security-/
 * PCI.DSS.321-CloudWatchLogGroupEncrypted.
 */
export const logGroupKmsEncryption: ResourceValidationPolicy = {
  name: "log-group-kms-encryption",
  description: "Every CloudWatch Logs log group is encrypted with a customer managed KMS key (kmsKeyId is set).",
  enforcementLevel: "advisory",
  severity: "low",
  validateResource: (args, report) => {
    if (args.type !== TYPES.logGroup) return;
    const key = read(() => args.props.kmsKeyId);
    // Unknown during preview means it comes from a key being created: it is set.
    if (key === UNKNOWN || (typeof key === "string" && key !== "")) return;
    report(
      `${logGroupLabel(args.name, args.props)} is encrypted only with a key CloudWatch Logs owns (kmsKeyId is ${shown(key)}). Set kmsKeyId to the ARN of a customer managed KMS key whose key policy allows the logs.<region>.amazonaws.com service principal to use it (kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*).`,
    );
  },
};
