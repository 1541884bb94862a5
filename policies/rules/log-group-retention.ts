import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isDeliveryClass, logGroupLabel, read, RETENTION_DAYS, UNKNOWN } from "../lib/logging-common";
import { shown, TYPES } from "../lib/stack";

/**
 * A log group without retention (unset, or 0) keeps every event forever: access and execution logs
 * then grow, and cost, without bound. Groups of class DELIVERY are skipped: CloudWatch Logs ignores
 * their retentionInDays and keeps their events 2 days. Peers: checkov CKV_AWS_66, cdk-nag
 * Serverless-CloudWatchLogGroupRetentionPeriod (and NIST.800.53.R5-/HIPAA.Security-/PCI.DSS.321-
 * CloudWatchLogGroupRetentionPeriod).
 */
export const logGroupRetention: ResourceValidationPolicy = {
  name: "log-group-retention",
  description: "Every CloudWatch Logs log group sets retentionInDays greater than 0 (unset or 0 means its events never expire).",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateResource: (args, report) => {
    if (args.type !== TYPES.logGroup || isDeliveryClass(args.props)) return;
    const days = read(() => args.props.retentionInDays);
    if (days === UNKNOWN || (typeof days === "number" && days > 0)) return;
    report(
      `${logGroupLabel(args.name, args.props)} keeps its events forever (retentionInDays is ${shown(days)}). Set retentionInDays to one of the values CloudWatch Logs accepts (${RETENTION_DAYS.join(", ")}), e.g. 30 in development and 365 or more in production.`,
    );
  },
};
