import type { ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { isObject } from "../lib/api-openapi";
import { FIREHOSE_PREFIX, firehoseStreamName, isLogGroupArn, read, STAGE_KIND, stageNameOf, UNKNOWN } from "../lib/logging-common";
import { shown, TYPES } from "../lib/stack";
import { Pending } from "../lib/unknown";
import { protocolFromStageInputs } from "../lib/v2-protocol";

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
  return missing.map((f) => (f.variables.length === 1 ? `has no ${f.variables[0]}` : `has none of ${f.variables.join(", ")}`)).join("; ");
}

/** A stage as this rule reads it: its Pulumi name and its inputs. */
interface StageInputs {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
}

/** Where a stage may send access logs: a log group; for REST stages also a Firehose stream named amazon-apigateway-*. */
function destinationProblem(destination: unknown, protocol: Protocol): string | undefined {
  if (isLogGroupArn(destination)) return undefined;
  const stream = firehoseStreamName(destination);
  if (stream !== undefined && protocol === "REST") {
    if (stream.startsWith(FIREHOSE_PREFIX)) return undefined;
    return `sends its access logs to a Firehose stream whose name does not begin with "${FIREHOSE_PREFIX}" (accessLogSettings.destinationArn is ${shown(destination)}), which API Gateway refuses. Name the stream ${FIREHOSE_PREFIX}<name>, or send the logs to a CloudWatch Logs log group (${ARN_SHAPE}).`;
  }
  const firehose = protocol === "REST" ? ` or a Kinesis Data Firehose stream named ${FIREHOSE_PREFIX}<name>` : "";
  return `does not send its access logs to a CloudWatch Logs log group${firehose} (accessLogSettings.destinationArn is ${shown(destination)}). Set destinationArn to the ARN of a log group (${ARN_SHAPE}), e.g. the arn of an aws.cloudwatch.LogGroup.`;
}

function checkStage(stage: StageInputs, protocol: Protocol, report: ReportViolation, pending: Pending): void {
  const subject = `${STAGE_KIND[protocol]} "${stageNameOf(stage)}"`;
  const required = REQUIRED[protocol];
  const settings = pending.read("accessLogSettings", () => stage.props.accessLogSettings);
  if (settings === UNKNOWN) return;
  if (!isObject(settings)) {
    report(
      `${subject} writes no access logs (accessLogSettings is ${shown(settings)}). Set accessLogSettings with destinationArn the ARN of a CloudWatch Logs log group (${ARN_SHAPE}) and format one line of JSON such as ${jsonOf(required)}.`,
    );
    return;
  }

  const destination = pending.read("accessLogSettings.destinationArn", () => settings.destinationArn);
  const bad = destination === UNKNOWN ? undefined : destinationProblem(destination, protocol);
  if (bad) report(`${subject} ${bad}`);

  const format = pending.read("accessLogSettings.format", () => settings.format);
  if (format === UNKNOWN) return;
  let parsed: unknown;
  try {
    parsed = typeof format === "string" ? JSON.parse(format) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) {
    report(
      `${subject} access log format is not a JSON object (accessLogSettings.format is ${shown(format)}). Write the format as one line of JSON whose values are quoted $context variables, e.g. ${jsonOf(required)}.`,
    );
    return;
  }
  const present = variablesOf(stringsOf(parsed));
  const missing = required.filter((f) => !f.variables.some((v) => present.has(v)));
  if (missing.length > 0) {
    report(
      `${subject} access logs omit ${missing.map((f) => f.label).join(", ")} (accessLogSettings.format ${describeMissing(missing)}). Add each to the JSON format as a quoted value, e.g. ${jsonOf(missing)}.`,
    );
  }
}

/** A quick-created HTTP API (`target` on the Api) gets an implicit $default stage that this program cannot configure. */
function checkQuickCreate(name: string, props: Record<string, unknown>, report: ReportViolation, pending: Pending): void {
  const target = pending.read("target", () => props.target);
  if (target === UNKNOWN || target === undefined || target === null || target === "") return;
  const apiName = read(() => props.name);
  report(
    `HTTP API "${typeof apiName === "string" ? apiName : name}" is quick-created (target is set), so API Gateway gives it a "$default" stage that writes no access logs and that this program does not declare, so cannot configure. Remove target; declare the integration, the route and an aws.apigatewayv2.Stage with accessLogSettings (a log group ARN and a JSON format).`,
  );
}

/**
 * Access logs answer who called which route, from where, with what result and how fast. Every REST,
 * HTTP and WebSocket stage writes them, as JSON that Logs Insights can query, with the fields needed
 * to follow one request, to a CloudWatch Logs log group (REST stages may also use a Kinesis Data
 * Firehose stream, whose name AWS requires to begin with "amazon-apigateway-": AccessLogSettings in
 * the API Gateway API reference). A quick-created HTTP API is reported: its implicit $default stage
 * has no access logs. A resource rule, so it blocks before the stage is created; a value unknown
 * during preview gives an advisory and is checked at update. Peers: cdk-nag AwsSolutions-APIG1,
 * Serverless-APIGWAccessLogging and Serverless-APIGWStructuredLogging, checkov CKV_AWS_76, trivy
 * AVD-AWS-0001, Pulumi aws-apigatewayv2-stage-enable-access-logging / -configure-access-logging.
 */
export const stageAccessLogs: ResourceValidationPolicy = {
  name: "stage-access-logs",
  description:
    "Every API Gateway stage (REST, HTTP, WebSocket) writes JSON access logs to a CloudWatch Logs log group (REST: or an amazon-apigateway-* Firehose stream), with request id, source IP, method and path (WebSocket: route key and event type), status and latency; no HTTP API is quick-created.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: (args, report) => {
    const pending = new Pending();
    if (args.type === TYPES.stage) checkStage(args, "REST", report, pending);
    else if (args.type === TYPES.v2Stage) checkStage(args, protocolFromStageInputs(args.props) ?? "HTTP", report, pending);
    else if (args.type === TYPES.v2Api) checkQuickCreate(args.name, args.props, report, pending);
    else return;
    pending.settle(`${args.type.split(":").pop()} "${args.name}"`, "its access logs");
  },
};
