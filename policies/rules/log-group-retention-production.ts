import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isDeliveryClass, logGroupLabel, read, RETENTION_DAYS } from "../lib/logging-common";
import { TYPES } from "../lib/stack";

export interface LogGroupRetentionProductionConfig {
  /** The fewest days a log group may keep its events. */
  readonly minimumDays: number;
}

/**
 * Production logs are evidence: audits and incident reviews look back months, and compliance
 * frameworks commonly ask for a year. Advisory by default; the dev stack's pack config disables it.
 * Groups that never expire (unset or 0) pass here; log-group-retention flags them. Peers: checkov
 * CKV_AWS_338, AWS Config cw-loggroup-retention-period-check (MinRetentionTime, default 365).
 */
export const logGroupRetentionProduction: ResourceValidationPolicy = {
  name: "log-group-retention-production",
  description: "Every CloudWatch Logs log group keeps its events at least minimumDays (default 365) days.",
  enforcementLevel: "advisory",
  severity: "low",
  configSchema: {
    properties: {
      minimumDays: { type: "integer", minimum: 1, maximum: 3653, default: 365 },
    },
  },
  validateResource: (args, report) => {
    if (args.type !== TYPES.logGroup || isDeliveryClass(args.props)) return;
    const { minimumDays } = args.getConfig<LogGroupRetentionProductionConfig>();
    const days = read(() => args.props.retentionInDays);
    if (typeof days !== "number" || days <= 0 || days >= minimumDays) return;
    const nearest = RETENTION_DAYS.find((d) => d >= minimumDays);
    report(
      `${logGroupLabel(args.name, args.props)} keeps its events only ${days} days (retentionInDays is ${days}), fewer than the ${minimumDays} this stack requires. Set retentionInDays to at least ${minimumDays}${nearest !== undefined && nearest !== minimumDays ? ` (the nearest value CloudWatch Logs accepts is ${nearest})` : ""}.`,
    );
  },
};
