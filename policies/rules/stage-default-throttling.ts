import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { isObject } from "../lib/api-openapi";
import { stageNameOf } from "../lib/logging-common";
import { isStageWide, setting } from "../lib/method-settings";
import { shown, TYPES } from "../lib/stack";
import { Pending, read, UNKNOWN } from "../lib/unknown";

export const ACCOUNT_ONLY = "unset or -1 leaves only the account-wide limit, shared by every API in the account and region";

const positive = (v: unknown): boolean => typeof v === "number" && v > 0;

/** `<prefix>field is value` for each limit that is not a positive number; empty when both are, or either is unknown. */
function problems(rate: unknown, burst: unknown, prefix: string): string[] {
  if (rate === UNKNOWN || burst === UNKNOWN) return [];
  const bad: string[] = [];
  if (!positive(rate)) bad.push(`${prefix}throttlingRateLimit is ${shown(rate)}`);
  if (!positive(burst)) bad.push(`${prefix}throttlingBurstLimit is ${shown(burst)}`);
  return bad;
}

function checkMethodSettings(args: ResourceValidationArgs, report: ReportViolation, pending: Pending): void {
  if (!isStageWide(args)) return;
  const bad = problems(setting(args, "throttlingRateLimit", pending), setting(args, "throttlingBurstLimit", pending), "");
  if (bad.length === 0) return;
  const stage = read(() => args.props.stageName);
  report(
    `REST stage "${typeof stage === "string" ? stage : args.name}" has no stage-wide throttling of its own (${bad.join("; ")}; ${ACCOUNT_ONLY}). Set throttlingRateLimit and throttlingBurstLimit above 0 in its "*/*" method settings.`,
  );
}

/** Whether some routeSettings entry throttles: then v2-stage-api-settings checks that every route of the API is covered. */
function throttlesSomeRoute(args: ResourceValidationArgs, pending: Pending): boolean {
  const routes = pending.read("routeSettings", () => args.props.routeSettings);
  if (!Array.isArray(routes)) return routes === UNKNOWN;
  return routes.some((_, i) => {
    const route = read(() => routes[i] as unknown);
    return isObject(route) && positive(read(() => route.throttlingRateLimit)) && positive(read(() => route.throttlingBurstLimit));
  });
}

function checkV2Stage(args: ResourceValidationArgs, report: ReportViolation, pending: Pending): void {
  const defaults = pending.read("defaultRouteSettings", () => args.props.defaultRouteSettings);
  if (defaults === UNKNOWN) return;
  const rate = isObject(defaults) ? pending.read("defaultRouteSettings.throttlingRateLimit", () => defaults.throttlingRateLimit) : undefined;
  const burst = isObject(defaults) ? pending.read("defaultRouteSettings.throttlingBurstLimit", () => defaults.throttlingBurstLimit) : undefined;
  const bad = problems(rate, burst, "defaultRouteSettings.");
  if (bad.length === 0 || throttlesSomeRoute(args, pending)) return;
  report(
    `API Gateway v2 stage "${stageNameOf(args)}" has no stage-wide throttling of its own (${bad.join("; ")}; ${ACCOUNT_ONLY}). Set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit above 0, or both limits in routeSettings for every route.`,
  );
}

function checkQuickCreate(args: ResourceValidationArgs, report: ReportViolation, pending: Pending): void {
  const target = pending.read("target", () => args.props.target);
  if (target === UNKNOWN || target === undefined || target === null || target === "") return;
  const name = read(() => args.props.name);
  report(
    `HTTP API "${typeof name === "string" ? name : args.name}" is quick-created (target is set), so API Gateway gives it a "$default" stage with no throttling of its own (${ACCOUNT_ONLY}), which this program does not declare and cannot change. Remove target; declare the integration, the route and an aws.apigatewayv2.Stage whose defaultRouteSettings set throttlingRateLimit and throttlingBurstLimit above 0.`,
  );
}

/**
 * Without stage-level limits a stage only has the account-wide quota (10,000 requests per second by
 * default, shared by every API of the account in the region: "Throttle requests to your REST APIs",
 * API Gateway developer guide), so one noisy client or stage starves the rest. REST stages throttle
 * in their "*\/*" method settings, v2 stages in their default route settings or per route. A resource
 * rule; rest-stage-method-settings reports a REST stage with no "*\/*" settings, and
 * v2-stage-api-settings a v2 stage whose per-route limits leave some route of its API out.
 */
export const stageDefaultThrottling: ResourceValidationPolicy = {
  name: "stage-default-throttling",
  description:
    'REST "*/*" method settings and HTTP/WebSocket stages (default route settings, or per route) set rate and burst limits above 0; no HTTP API is quick-created.',
  enforcementLevel: "mandatory",
  severity: "medium",
  validateResource: (args, report) => {
    const pending = new Pending();
    if (args.type === TYPES.methodSettings) checkMethodSettings(args, report, pending);
    else if (args.type === TYPES.v2Stage) checkV2Stage(args, report, pending);
    else if (args.type === TYPES.v2Api) checkQuickCreate(args, report, pending);
    else return;
    pending.settle(`${args.type.split(":").pop()} "${args.name}"`, "its throttling");
  },
};
