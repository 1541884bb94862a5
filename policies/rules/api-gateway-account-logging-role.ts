import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { count, isLogGroupArn, logs, read, UNKNOWN, v2ProtocolOf } from "../lib/logging-common";
import { ofType, restStages, settingsOf, shown, TYPES } from "../lib/stack";

export interface ApiGatewayAccountLoggingRoleConfig {
  /** True in every stack but the one that owns the account's API Gateway CloudWatch role. */
  readonly roleManagedOutsideStack: boolean;
}

const levelOf = (ms: PolicyResource): unknown => read(() => settingsOf(ms).loggingLevel);

/** Whether a stage sends access logs to CloudWatch Logs (which, for REST and WebSocket APIs, goes through the account's role). */
function accessLogsToCloudWatch(stage: PolicyResource): boolean {
  const destination = read(() => (stage.props.accessLogSettings as { destinationArn?: unknown } | undefined)?.destinationArn);
  return destination === UNKNOWN || isLogGroupArn(destination);
}

/** Whether a v2 stage's default or any per-route settings log execution. */
function v2StageLogs(stage: PolicyResource): boolean {
  if (logs(read(() => (stage.props.defaultRouteSettings as { loggingLevel?: unknown } | undefined)?.loggingLevel))) return true;
  const routes = read(() => stage.props.routeSettings);
  if (!Array.isArray(routes)) return false;
  return routes.some((_, i) => logs(read(() => (routes[i] as { loggingLevel?: unknown } | null)?.loggingLevel)));
}

/**
 * How many stages log through the account's role: REST stages that log execution (by any of their
 * method settings) or send access logs to CloudWatch, WebSocket stages likewise, and HTTP API stages
 * that set execution logging. (HTTP APIs write access logs with their own service-linked role.)
 */
function loggingStages(resources: readonly PolicyResource[]): number {
  const rest = restStages(resources);
  const joined = new Set(rest.flatMap((r) => r.settings));
  let n = rest.filter((r) => r.settings.some((ms) => logs(levelOf(ms))) || accessLogsToCloudWatch(r.stage)).length;
  // Method settings of a stage this stack does not declare still need the role: one per API and stage.
  const orphans = new Set(
    ofType(resources, TYPES.methodSettings)
      .filter((ms) => !joined.has(ms) && logs(levelOf(ms)))
      .map((ms) => `${String(read(() => ms.props.restApi))}/${String(read(() => ms.props.stageName))}`),
  );
  n += orphans.size;
  n += ofType(resources, TYPES.v2Stage).filter((s) => v2StageLogs(s) || (v2ProtocolOf(s, resources) === "WEBSOCKET" && accessLogsToCloudWatch(s))).length;
  return n;
}

/**
 * API Gateway writes execution logs with the CloudWatch role set on the account (per region), not
 * per API: without it, enabling logging fails. The role is one setting per account and region, so
 * exactly one stack owns the aws.apigateway.Account; every other stack sets roleManagedOutsideStack.
 * No peer pack checks this.
 */
export const apiGatewayAccountLoggingRole: StackValidationPolicy = {
  name: "api-gateway-account-logging-role",
  description:
    "A stack whose REST or WebSocket stages log to CloudWatch (execution or access logs) declares the aws.apigateway.Account with a cloudwatchRoleArn, unless its config says another stack owns that account-wide role (roleManagedOutsideStack).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      roleManagedOutsideStack: { type: "boolean", default: false },
    },
  },
  validateStack: (args, report) => {
    if (args.getConfig<ApiGatewayAccountLoggingRoleConfig>().roleManagedOutsideStack === true) return;
    const stages = loggingStages(args.resources);
    if (stages === 0) return;
    const roles = ofType(args.resources, TYPES.account).map((a) => read(() => a.props.cloudwatchRoleArn));
    // Unknown during preview means it comes from a role being created: it is set.
    if (roles.some((r) => r === UNKNOWN || (typeof r === "string" && r !== ""))) return;
    const found = roles.length === 0 ? "no aws.apigateway.Account in it sets" : "its aws.apigateway.Account does not set";
    report(
      `The stack sends execution or access logs to CloudWatch from ${count(stages, "stage")}, but ${found} the account's CloudWatch role (cloudwatchRoleArn is ${shown(roles[0])}), so API Gateway cannot write those logs. Declare one aws.apigateway.Account with cloudwatchRoleArn set to a role that apigateway.amazonaws.com can assume, with the AmazonAPIGatewayPushToCloudWatchLogs managed policy, in exactly one stack per account and region; in every other stack set this policy's roleManagedOutsideStack: true.`,
    );
  },
};
