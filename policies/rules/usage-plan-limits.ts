import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isObject } from "../lib/api-openapi";
import { TYPES } from "../lib/stack";
import { Pending, read, UNKNOWN } from "../lib/unknown";

const positive = (v: unknown): boolean => typeof v === "number" && v > 0;

/** Whether an object sets a rate or burst limit above 0. */
const throttles = (t: unknown): boolean => isObject(t) && (positive(read(() => t.rateLimit)) || positive(read(() => t.burstLimit)));

/**
 * A usage plan says how much each API key may call: its throttling (rate and burst) and its quota
 * (requests per day, week or month) ("Usage plans and API keys for REST APIs", API Gateway developer
 * guide). A plan with neither limits nothing: every key on it may use the stage's whole capacity.
 * Advisory: a plan can exist only to identify callers.
 */
export const usagePlanLimits: ResourceValidationPolicy = {
  name: "usage-plan-limits",
  description: "Every usage plan sets throttling (throttleSettings, or per-stage throttles) or a quota (quotaSettings).",
  enforcementLevel: "advisory",
  severity: "low",
  validateResource: (args, report) => {
    if (args.type !== TYPES.usagePlan) return;
    const pending = new Pending();
    const throttle = pending.read("throttleSettings", () => args.props.throttleSettings);
    const quota = pending.read("quotaSettings", () => args.props.quotaSettings);
    const stages = pending.read("apiStages", () => args.props.apiStages);
    if (throttle === UNKNOWN || quota === UNKNOWN || stages === UNKNOWN) return pending.settle(`UsagePlan "${args.name}"`, "its limits");
    const perStage =
      Array.isArray(stages) &&
      stages.some((s) => {
        const list = isObject(s) ? read(() => s.throttles) : undefined;
        return Array.isArray(list) && list.some(throttles);
      });
    if (throttles(throttle) || (isObject(quota) && positive(read(() => quota.limit))) || perStage) return;
    const name = read(() => args.props.name);
    report(
      `UsagePlan "${typeof name === "string" ? name : args.name}" sets neither throttling nor a quota (throttleSettings and quotaSettings are unset), so every API key on it may use the stage's whole capacity. Set throttleSettings { rateLimit, burstLimit } and/or quotaSettings { limit, period }.`,
    );
  },
};
