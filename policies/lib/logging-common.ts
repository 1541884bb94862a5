/**
 * What the logging and tracing rules share: reading values the CLI cannot know during preview, the
 * protocol of an API Gateway v2 stage, CloudWatch log group ARNs and retention values, and labels.
 */
import type { PolicyResource } from "@pulumi/policy";
import { dependsThrough, ofType, TYPES } from "./stack";
import { protocolFromStageInputs, type V2Protocol } from "./v2-protocol";

export { UNKNOWN, isUnknownValueError, read, type Unknown } from "./unknown";
import { read } from "./unknown";

/** Execution logging writes to CloudWatch at these levels; "OFF" or unset writes nothing. */
export const LOGGING_LEVELS: readonly string[] = ["ERROR", "INFO"];
export const logs = (level: unknown): boolean => typeof level === "string" && LOGGING_LEVELS.includes(level);

export type { V2Protocol };

/**
 * The protocol of an API Gateway v2 stage, from the Api its `apiId` came from (a property
 * dependency: the Api's id is unknown until it exists), else from the stage's own inputs, else HTTP.
 */
export function v2ProtocolOf(stage: PolicyResource, resources: readonly PolicyResource[]): V2Protocol {
  const api = ofType(resources, TYPES.v2Api).find((a) => dependsThrough(stage, "apiId", a));
  const protocol = api ? read(() => api.props.protocolType) : undefined;
  if (protocol === "WEBSOCKET" || protocol === "HTTP") return protocol;
  return protocolFromStageInputs(stage.props) ?? "HTTP";
}

/** A stage's name as messages show it: REST `stageName`, v2 `name`, else the Pulumi name. */
export function stageNameOf(stage: { type: string; name: string; props: Record<string, unknown> }): string {
  const key = stage.type === TYPES.stage ? "stageName" : "name";
  const name = read(() => stage.props[key]);
  return typeof name === "string" && name !== "" ? name : stage.name;
}

/** How messages name a stage of each kind. */
export const STAGE_KIND = { REST: "REST stage", HTTP: "HTTP API stage", WEBSOCKET: "WebSocket API stage" } as const;

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>`, optionally ending in `:*`. */
const LOG_GROUP_ARN = /^arn:aws(?:-[a-z]+)*:logs:[a-z]+(?:-[a-z]+)+-\d+:\d{12}:log-group:[A-Za-z0-9_\-/.#]{1,512}(?::\*)?$/;
export const isLogGroupArn = (value: unknown): boolean => typeof value === "string" && LOG_GROUP_ARN.test(value);

/** `arn:<partition>:firehose:<region>:<account>:deliverystream/<name>`; its name, or undefined for any other string. */
export function firehoseStreamName(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^arn:aws(?:-[a-z]+)*:firehose:[a-z]+(?:-[a-z]+)+-\d+:\d{12}:deliverystream\/([A-Za-z0-9_.-]{1,64})$/.exec(value);
  return match ? match[1] : undefined;
}

/** The prefix AWS requires of a Firehose stream that receives a REST stage's access logs (AccessLogSettings.destinationArn). */
export const FIREHOSE_PREFIX = "amazon-apigateway-";

/** The only values CloudWatch Logs accepts for `retentionInDays` (0 and unset mean "never expire"). */
export const RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * A log group of class DELIVERY ignores `retentionInDays`: CloudWatch Logs forces it to 2 days (such
 * groups only stage vended logs on their way to S3 or Firehose), so retention rules skip it.
 */
export const isDeliveryClass = (props: Record<string, unknown>): boolean => read(() => props.logGroupClass) === "DELIVERY";

/** A log group as messages show it: its `name`, else its `namePrefix`, else the Pulumi name. */
export function logGroupLabel(name: string, props: Record<string, unknown>): string {
  for (const key of ["name", "namePrefix"]) {
    const value = read(() => props[key]);
    if (typeof value === "string" && value !== "") return `Log group "${value}${key === "namePrefix" ? "…" : ""}"`;
  }
  return `Log group "${name}"`;
}

/** "1 stage", "2 stages". */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
