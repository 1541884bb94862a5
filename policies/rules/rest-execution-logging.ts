import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { logs, read, STAGE_KIND, stageNameOf, UNKNOWN, v2ProtocolOf } from "../lib/logging-common";
import { ofType, restStages, settingsOf, shown, TYPES, type RestStage } from "../lib/stack";

const ROLE =
  "Execution logging needs the account-level CloudWatch role (aws.apigateway.Account cloudwatchRoleArn, see api-gateway-account-logging-role).";

function checkRest(rest: RestStage, report: ReportViolation): void {
  const subject = `${STAGE_KIND.REST} "${rest.name}"`;
  if (!rest.defaults) {
    report(
      `${subject} has no "*/*" method settings, so its methods write no execution logs (loggingLevel is unset). Add an aws.apigateway.MethodSettings on methodPath "*/*" with settings.loggingLevel "ERROR" or "INFO". ${ROLE}`,
      rest.stage.urn,
    );
  } else {
    const level = read(() => settingsOf(rest.defaults as PolicyResource).loggingLevel);
    if (level !== UNKNOWN && !logs(level)) {
      report(
        `Method settings "*/*" of ${subject} write no execution logs (loggingLevel is ${shown(level)}). Set settings.loggingLevel to "ERROR" or "INFO". ${ROLE}`,
        rest.defaults.urn,
      );
    }
  }
  // A per-method override that sets the level to anything else switches logging off for that method.
  for (const ms of rest.settings) {
    if (ms === rest.defaults) continue;
    const level = read(() => settingsOf(ms).loggingLevel);
    if (level === UNKNOWN || level === undefined || logs(level)) continue;
    const path = read(() => ms.props.methodPath);
    report(
      `Method settings "${typeof path === "string" ? path : ms.name}" of ${subject} switch execution logging off for their methods (loggingLevel is ${shown(level)}). Set settings.loggingLevel to "ERROR" or "INFO", or leave it out to keep the stage's level.`,
      ms.urn,
    );
  }
}

function checkWebSocket(stage: PolicyResource, report: ReportViolation): void {
  const subject = `${STAGE_KIND.WEBSOCKET} "${stageNameOf(stage)}"`;
  const level = read(() => (stage.props.defaultRouteSettings as { loggingLevel?: unknown } | undefined)?.loggingLevel);
  if (level !== UNKNOWN && !logs(level)) {
    report(
      `${subject} writes no execution logs (defaultRouteSettings.loggingLevel is ${shown(level)}). Set defaultRouteSettings.loggingLevel to "ERROR" or "INFO". ${ROLE}`,
      stage.urn,
    );
  }
  const routes = read(() => (stage.props.routeSettings as { routeKey?: unknown; loggingLevel?: unknown }[] | undefined) ?? []);
  if (routes === UNKNOWN) return;
  for (let i = 0; i < routes.length; i++) {
    const route = read(() => ({ key: routes[i].routeKey, level: routes[i].loggingLevel }));
    if (route === UNKNOWN || route.level === undefined || logs(route.level)) continue;
    report(
      `${subject} switches execution logging off for route ${shown(route.key)} (routeSettings[${i}].loggingLevel is ${shown(route.level)}). Set its loggingLevel to "ERROR" or "INFO", or leave it out to keep the stage's level.`,
      stage.urn,
    );
  }
}

/**
 * Execution logs are API Gateway's own account of each request (authorizer results, integration
 * errors, throttling); without them a 5xx cannot be explained. REST stages log through their "*\/*"
 * method settings, WebSocket stages through defaultRouteSettings; HTTP APIs have no execution
 * logging and are skipped. Peers: cdk-nag AwsSolutions-APIG6 (and NIST.800.53.R5-/HIPAA.Security-/
 * PCI.DSS.321-APIGWExecutionLoggingEnabled), AWS Security Hub APIGateway.1.
 */
export const restExecutionLogging: StackValidationPolicy = {
  name: "rest-execution-logging",
  description:
    'Every REST stage logs execution at "ERROR" or "INFO" through its "*/*" method settings, and every WebSocket stage through defaultRouteSettings; no method or route switches it off.',
  enforcementLevel: "mandatory",
  severity: "medium",
  validateStack: (args, report) => {
    for (const rest of restStages(args.resources)) checkRest(rest, report);
    for (const stage of ofType(args.resources, TYPES.v2Stage)) {
      if (v2ProtocolOf(stage, args.resources) === "WEBSOCKET") checkWebSocket(stage, report);
    }
  },
};
