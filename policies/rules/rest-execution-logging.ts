import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { isObject } from "../lib/api-openapi";
import { logs, STAGE_KIND, stageNameOf } from "../lib/logging-common";
import { isStageWide, methodSettingsLabel, setting } from "../lib/method-settings";
import { shown, TYPES } from "../lib/stack";
import { Pending, UNKNOWN } from "../lib/unknown";
import { protocolFromStageInputs } from "../lib/v2-protocol";

export const EXECUTION_LOGGING_ROLE =
  "Execution logging needs the account-level CloudWatch role (aws.apigateway.Account cloudwatchRoleArn, see api-gateway-account-logging-role).";

/** "*\/*" settings set the stage's level; any other method path that sets a level must keep logging. */
function checkMethodSettings(args: ResourceValidationArgs, report: ReportViolation, pending: Pending): void {
  const level = setting(args, "loggingLevel", pending);
  if (level === UNKNOWN || logs(level)) return;
  if (isStageWide(args)) {
    report(
      `${methodSettingsLabel(args)} write no execution logs (loggingLevel is ${shown(level)}). Set settings.loggingLevel to "ERROR" or "INFO". ${EXECUTION_LOGGING_ROLE}`,
    );
  } else if (level !== undefined) {
    // A per-method override that sets the level to anything else switches logging off for that method.
    report(
      `${methodSettingsLabel(args)} switch execution logging off for their methods (loggingLevel is ${shown(level)}). Set settings.loggingLevel to "ERROR" or "INFO", or leave it out to keep the stage's level.`,
    );
  }
}

function checkWebSocketStage(args: ResourceValidationArgs, report: ReportViolation, pending: Pending): void {
  const subject = `${STAGE_KIND.WEBSOCKET} "${stageNameOf(args)}"`;
  const defaults = pending.read("defaultRouteSettings", () => args.props.defaultRouteSettings);
  const level = isObject(defaults)
    ? pending.read("defaultRouteSettings.loggingLevel", () => defaults.loggingLevel)
    : defaults === UNKNOWN
      ? UNKNOWN
      : undefined;
  if (level !== UNKNOWN && !logs(level)) {
    report(
      `${subject} writes no execution logs (defaultRouteSettings.loggingLevel is ${shown(level)}). Set defaultRouteSettings.loggingLevel to "ERROR" or "INFO". ${EXECUTION_LOGGING_ROLE}`,
    );
  }
  const routes = pending.read("routeSettings", () => args.props.routeSettings);
  if (!Array.isArray(routes)) return;
  for (let i = 0; i < routes.length; i++) {
    const route = pending.read(`routeSettings[${i}]`, () => routes[i] as unknown);
    if (!isObject(route)) continue;
    const key = pending.read(`routeSettings[${i}].routeKey`, () => route.routeKey);
    const routeLevel = pending.read(`routeSettings[${i}].loggingLevel`, () => route.loggingLevel);
    if (routeLevel === UNKNOWN || routeLevel === undefined || routeLevel === null || logs(routeLevel)) continue;
    report(
      `${subject} switches execution logging off for route ${shown(key === UNKNOWN ? undefined : key)} (routeSettings[${i}].loggingLevel is ${shown(routeLevel)}). Set its loggingLevel to "ERROR" or "INFO", or leave it out to keep the stage's level.`,
    );
  }
}

/**
 * Execution logs are API Gateway's own account of each request (authorizer results, integration
 * errors, throttling); without them a 5xx cannot be explained. REST stages log through their "*\/*"
 * method settings, WebSocket stages through defaultRouteSettings ("Supported only for WebSocket
 * APIs", RouteSettings in the API Gateway v2 API reference); HTTP APIs have no execution logging. A
 * resource rule on each MethodSettings and on each v2 stage whose own inputs show it is a WebSocket
 * stage; rest-stage-method-settings reports a REST stage with no "*\/*" settings, v2-stage-api-settings
 * a WebSocket stage known as such only through its API. Peers: cdk-nag AwsSolutions-APIG6 (and
 * NIST.800.53.R5-/HIPAA.Security-/PCI.DSS.321-APIGWExecutionLoggingEnabled), checkov CKV2_AWS_4,
 * AWS Security Hub APIGateway.1.
 */
export const restExecutionLogging: ResourceValidationPolicy = {
  name: "rest-execution-logging",
  description:
    'REST "*/*" method settings log execution at "ERROR" or "INFO" and no per-method settings switch it off; WebSocket stages do the same in defaultRouteSettings and routeSettings.',
  enforcementLevel: "mandatory",
  severity: "medium",
  validateResource: (args, report) => {
    const pending = new Pending();
    if (args.type === TYPES.methodSettings) checkMethodSettings(args, report, pending);
    else if (args.type === TYPES.v2Stage && protocolFromStageInputs(args.props) === "WEBSOCKET") checkWebSocketStage(args, report, pending);
    else return;
    pending.settle(`${args.type.split(":").pop()} "${args.name}"`, "its execution logging");
  },
};
