import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { isLogGroupArn, read, STAGE_KIND, stageNameOf, UNKNOWN, v2ProtocolOf } from "../lib/logging-common";
import { ofType, shown, TYPES } from "../lib/stack";

type Protocol = keyof typeof STAGE_KIND;

/** A field every access log line must carry, and the $context variables that provide it. */
interface Field {
  readonly label: string;
  readonly variables: readonly string[];
}

const LATENCY_WITH_RESPONSE: Field = {
  label: "latency",
  variables: ["$context.responseLatency", "$context.integrationLatency", "$context.integration.latency"],
};
const COMMON: readonly Field[] = [
  { label: "request id", variables: ["$context.requestId"] },
  { label: "source IP", variables: ["$context.identity.sourceIp"] },
];

/**
 * What each protocol must log. HTTP APIs have no $context.resourcePath (their path is $context.path,
 * their route $context.routeKey); WebSocket APIs have neither method nor path, but a route key and an
 * event type (CONNECT, MESSAGE, DISCONNECT), and no $context.responseLatency.
 */
const REQUIRED: Record<Protocol, readonly Field[]> = {
  REST: [
    ...COMMON,
    { label: "method", variables: ["$context.httpMethod"] },
    { label: "path", variables: ["$context.resourcePath", "$context.path"] },
    { label: "status", variables: ["$context.status"] },
    LATENCY_WITH_RESPONSE,
  ],
  HTTP: [
    ...COMMON,
    { label: "method", variables: ["$context.httpMethod"] },
    { label: "path", variables: ["$context.path", "$context.routeKey"] },
    { label: "status", variables: ["$context.status"] },
    LATENCY_WITH_RESPONSE,
  ],
  WEBSOCKET: [
    ...COMMON,
    { label: "route key", variables: ["$context.routeKey"] },
    { label: "event type", variables: ["$context.eventType"] },
    { label: "status", variables: ["$context.status"] },
    { label: "latency", variables: ["$context.integrationLatency", "$context.integration.latency"] },
  ],
};

/** `{"httpMethod":"$context.httpMethod",...}`: each field under the last segment of its first variable. */
const jsonOf = (fields: readonly Field[]): string =>
  JSON.stringify(Object.fromEntries(fields.map((f) => [f.variables[0].split(".").pop() as string, f.variables[0]])));

const ARN_SHAPE = "arn:<partition>:logs:<region>:<account>:log-group:<name>";

/** Every string value of a parsed JSON format, nested ones included. */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsOf);
  return [];
}

/** The $context variables a format's values use, matched whole (`$context.status` is not `$context.statusX`). */
const variablesOf = (values: readonly string[]): Set<string> => new Set(values.flatMap((v) => v.match(/\$context(?:\.[A-Za-z0-9_]+)+/g) ?? []));

function describeMissing(missing: readonly Field[]): string {
  return missing
    .map((f) => (f.variables.length === 1 ? `has no ${f.variables[0]}` : `has none of ${f.variables.join(", ")}`))
    .join("; ");
}

function checkStage(stage: PolicyResource, protocol: Protocol, report: ReportViolation): void {
  const subject = `${STAGE_KIND[protocol]} "${stageNameOf(stage)}"`;
  const required = REQUIRED[protocol];
  const settings = read(() => stage.props.accessLogSettings as Record<string, unknown> | undefined);
  if (settings === UNKNOWN) return;
  if (!settings) {
    report(
      `${subject} writes no access logs (accessLogSettings is unset). Set accessLogSettings with destinationArn the ARN of a CloudWatch Logs log group (${ARN_SHAPE}) and format one line of JSON such as ${jsonOf(required)}.`,
      stage.urn,
    );
    return;
  }

  const destination = read(() => settings.destinationArn);
  if (destination !== UNKNOWN && !isLogGroupArn(destination)) {
    report(
      `${subject} does not send its access logs to a CloudWatch Logs log group (accessLogSettings.destinationArn is ${shown(destination)}). Set destinationArn to the ARN of a log group (${ARN_SHAPE}), e.g. the arn of an aws.cloudwatch.LogGroup.`,
      stage.urn,
    );
  }

  const format = read(() => settings.format);
  if (format === UNKNOWN) return;
  let parsed: unknown;
  try {
    parsed = typeof format === "string" ? JSON.parse(format) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    report(
      `${subject} access log format is not a JSON object (accessLogSettings.format is ${shown(format)}). Write the format as one line of JSON whose values are quoted $context variables, e.g. ${jsonOf(required)}.`,
      stage.urn,
    );
    return;
  }
  const present = variablesOf(stringsOf(parsed));
  const missing = required.filter((f) => !f.variables.some((v) => present.has(v)));
  if (missing.length > 0) {
    report(
      `${subject} access logs omit ${missing.map((f) => f.label).join(", ")} (accessLogSettings.format ${describeMissing(missing)}). Add each to the JSON format as a quoted value, e.g. ${jsonOf(missing)}.`,
      stage.urn,
    );
  }
}

/**
 * Access logs answer who called which route, from where, with what result and how fast. Every REST,
 * HTTP and WebSocket stage writes them to a CloudWatch Logs log group, as JSON that Logs Insights can
 * query, with the fields needed to follow one request. Peers: cdk-nag AwsSolutions-APIG1,
 * Serverless-APIGWAccessLogging and Serverless-APIGWStructuredLogging, checkov CKV_AWS_76, trivy
 * AVD-AWS-0001, Pulumi aws-apigatewayv2-stage-enable-access-logging / -configure-access-logging.
 */
export const stageAccessLogs: StackValidationPolicy = {
  name: "stage-access-logs",
  description:
    "Every API Gateway stage (REST, HTTP, WebSocket) writes JSON access logs to a CloudWatch Logs log group, with request id, source IP, method and path (WebSocket: route key and event type), status and latency.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (args, report) => {
    for (const stage of ofType(args.resources, TYPES.stage)) checkStage(stage, "REST", report);
    for (const stage of ofType(args.resources, TYPES.v2Stage)) checkStage(stage, v2ProtocolOf(stage, args.resources), report);
  },
};
