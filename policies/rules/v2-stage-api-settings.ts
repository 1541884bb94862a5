import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isObject } from "../lib/api-openapi";
import { STAGE_KIND, stageNameOf } from "../lib/logging-common";
import { dependsThrough, ofType, TYPES } from "../lib/stack";
import { read, UNKNOWN } from "../lib/unknown";
import { protocolFromStageInputs } from "../lib/v2-protocol";
import { EXECUTION_LOGGING_ROLE } from "./rest-execution-logging";

const positive = (v: unknown): boolean => typeof v === "number" && v > 0;

/** The route keys a stage throttles in routeSettings (rate and burst above 0). */
function throttledKeys(stage: PolicyResource): Set<string> | undefined {
  const routes = read(() => stage.props.routeSettings);
  if (!Array.isArray(routes)) return undefined;
  const keys = new Set<string>();
  for (let i = 0; i < routes.length; i++) {
    const route = read(() => routes[i] as unknown);
    if (!isObject(route)) continue;
    const key = read(() => route.routeKey);
    if (typeof key === "string" && positive(read(() => route.throttlingRateLimit)) && positive(read(() => route.throttlingBurstLimit))) keys.add(key);
  }
  return keys;
}

function defaultThrottles(stage: PolicyResource): boolean {
  const defaults = read(() => stage.props.defaultRouteSettings);
  if (defaults === UNKNOWN) return true;
  return isObject(defaults) && positive(read(() => defaults.throttlingRateLimit)) && positive(read(() => defaults.throttlingBurstLimit));
}

/**
 * What an HTTP or WebSocket stage's own inputs cannot tell, read with its API (joined through the
 * property dependency of apiId, known at the first preview, so this stack rule blocks at preview):
 * - a stage that throttles per route instead of stage-wide must throttle every route of its API (an
 *   HTTP API's only route throttled in routeSettings is enough);
 * - a stage of a WebSocket API logs execution, even when nothing in its inputs shows it is a WebSocket
 *   stage (rest-execution-logging checks those that do).
 */
export const v2StageApiSettings: StackValidationPolicy = {
  name: "v2-stage-api-settings",
  description:
    "HTTP and WebSocket stages read with their API: per-route throttling covers every route of the API, and every stage of a WebSocket API logs execution.",
  enforcementLevel: "mandatory",
  severity: "medium",
  validateStack: (args, report) => {
    const apis = ofType(args.resources, TYPES.v2Api);
    const routes = ofType(args.resources, TYPES.v2Route);
    for (const stage of ofType(args.resources, TYPES.v2Stage)) {
      const api = apis.find((a) => dependsThrough(stage, "apiId", a));
      if (!api) continue;
      const protocol = read(() => api.props.protocolType);
      const kind = protocol === "WEBSOCKET" ? STAGE_KIND.WEBSOCKET : STAGE_KIND.HTTP;
      if (protocol === "WEBSOCKET" && protocolFromStageInputs(stage.props) !== "WEBSOCKET") {
        report(
          `${kind} "${stageNameOf(stage)}" writes no execution logs (defaultRouteSettings.loggingLevel is unset). Set defaultRouteSettings.loggingLevel to "ERROR" or "INFO". ${EXECUTION_LOGGING_ROLE}`,
          stage.urn,
        );
      }
      if (defaultThrottles(stage)) continue;
      const throttled = throttledKeys(stage);
      if (!throttled || throttled.size === 0) continue; // stage-default-throttling reports a stage with no limits at all
      const keys = routes.filter((r) => dependsThrough(r, "apiId", api)).map((r) => read(() => r.props.routeKey));
      const missing = keys.filter((k): k is string => typeof k === "string" && !throttled.has(k));
      if (missing.length === 0) continue;
      report(
        `${kind} "${stageNameOf(stage)}" throttles only some routes of its API and no stage-wide limit covers the others (${missing.map((k) => JSON.stringify(k)).join(", ")} ${missing.length === 1 ? "has" : "have"} no routeSettings with throttlingRateLimit and throttlingBurstLimit above 0). Set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit above 0, or add routeSettings for each of them.`,
        stage.urn,
      );
    }
  },
};
