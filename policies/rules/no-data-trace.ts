import type { ResourceValidationPolicy } from "@pulumi/policy";
import { read, stageNameOf, UNKNOWN } from "../lib/logging-common";
import { isObject } from "../lib/api-openapi";
import { TYPES } from "../lib/stack";

const WHY = "which writes whole requests and responses (headers, bodies, tokens, personal data) to CloudWatch Logs";
const FIX =
  'Set dataTraceEnabled: false (or leave it out) and rely on access logs and execution logging at "ERROR" or "INFO"; turn data trace on only briefly, in a non-production stage, to debug.';

/**
 * Data trace ("Log full requests/responses data") copies payloads and credentials into the logs,
 * where anyone who can read the log group sees them. Mandatory by default; the dev stack's pack
 * config lowers it to advisory. Peers: checkov CKV_AWS_276 (REST method settings only).
 */
export const noDataTrace: ResourceValidationPolicy = {
  name: "no-data-trace",
  description:
    "No REST method settings (any method path) and no API Gateway v2 stage (default or per-route settings) enable data trace, the logging of full requests and responses.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: (args, report) => {
    if (args.type === TYPES.methodSettings) {
      const trace = read(() => (args.props.settings as { dataTraceEnabled?: unknown } | undefined)?.dataTraceEnabled);
      if (trace !== true) return;
      const path = read(() => args.props.methodPath);
      const stage = read(() => args.props.stageName);
      const subject = `Method settings ${typeof path === "string" ? `"${path}"` : `"${args.name}"`}${typeof stage === "string" ? ` of REST stage "${stage}"` : ""}`;
      report(`${subject} log full requests and responses (dataTraceEnabled is true), ${WHY}. ${FIX}`);
      return;
    }
    if (args.type !== TYPES.v2Stage) return;
    const bad: string[] = [];
    if (read(() => (args.props.defaultRouteSettings as { dataTraceEnabled?: unknown } | undefined)?.dataTraceEnabled) === true) {
      bad.push("defaultRouteSettings.dataTraceEnabled is true");
    }
    const routes = read(() => args.props.routeSettings);
    if (Array.isArray(routes)) {
      routes.forEach((_, i) => {
        const route = read(() => (isObject(routes[i]) ? { key: routes[i].routeKey, trace: routes[i].dataTraceEnabled } : undefined));
        if (route !== UNKNOWN && route !== undefined && route.trace === true)
          bad.push(`routeSettings[${i}].dataTraceEnabled is true for route ${JSON.stringify(route.key)}`);
      });
    }
    if (bad.length > 0) {
      report(`API Gateway v2 stage "${stageNameOf(args)}" logs full requests and responses (${bad.join("; ")}), ${WHY}. ${FIX}`);
    }
  },
};
