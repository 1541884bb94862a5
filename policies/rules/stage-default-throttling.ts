import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { ofType, restStages, settingsOf, shown, TYPES } from "../lib/stack";

const ACCOUNT_ONLY = "unset or -1 leaves only the account-wide limit, shared by every API in the account and region";

interface Throttling {
  readonly throttlingRateLimit?: unknown;
  readonly throttlingBurstLimit?: unknown;
}

const positive = (v: unknown): boolean => typeof v === "number" && v > 0;

/** `field is value` for each limit that is not a positive number. */
function problems(values: Throttling, prefix = ""): string | undefined {
  const bad: string[] = [];
  if (!positive(values.throttlingRateLimit)) bad.push(`${prefix}throttlingRateLimit is ${shown(values.throttlingRateLimit)}`);
  if (!positive(values.throttlingBurstLimit)) bad.push(`${prefix}throttlingBurstLimit is ${shown(values.throttlingBurstLimit)}`);
  return bad.length > 0 ? bad.join("; ") : undefined;
}

function checkRest(resources: readonly PolicyResource[], report: ReportViolation): void {
  for (const rest of restStages(resources)) {
    if (!rest.defaults) {
      report(
        `REST stage "${rest.name}" has no stage-wide throttling, so one client can use the whole account's request quota (no "*/*" method settings). Add method settings on "*/*" with throttlingRateLimit and throttlingBurstLimit above 0.`,
        rest.stage.urn,
      );
      continue;
    }
    const bad = problems(settingsOf(rest.defaults));
    if (bad) {
      report(
        `REST stage "${rest.name}" has no stage-wide throttling of its own (${bad}; ${ACCOUNT_ONLY}). Set throttlingRateLimit and throttlingBurstLimit above 0 in its "*/*" method settings.`,
        rest.defaults.urn,
      );
    }
  }
}

function checkV2(resources: readonly PolicyResource[], report: ReportViolation): void {
  for (const stage of ofType(resources, TYPES.v2Stage)) {
    const bad = problems((stage.props.defaultRouteSettings ?? {}) as Throttling, "defaultRouteSettings.");
    if (bad) {
      report(
        `API Gateway v2 stage "${String(stage.props.name ?? stage.name)}" has no stage-wide throttling of its own (${bad}; ${ACCOUNT_ONLY}). Set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit above 0.`,
        stage.urn,
      );
    }
  }
}

/**
 * Without stage-level limits a stage only has the account-wide quota (10,000 requests per second by
 * default, shared by every API of the account in the region), so one noisy client or stage starves
 * the rest. REST stages throttle in their "*\/*" method settings, v2 stages in their default route
 * settings.
 */
export const stageDefaultThrottling: StackValidationPolicy = {
  name: "stage-default-throttling",
  description: "Every REST stage throttles in its \"*/*\" method settings and every HTTP/WebSocket stage in its default route settings, with rate and burst limits above 0.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateStack: (args, report) => {
    checkRest(args.resources, report);
    checkV2(args.resources, report);
  },
};
