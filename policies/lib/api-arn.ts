/** ARNs of API Gateway: execute-api ARNs (invoking) and apigateway ARNs (managing). */

export interface ExecuteApiArn {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The REST, HTTP or WebSocket API id: the first segment of the resource part. */
  readonly apiId: string;
}

/** `arn:<partition>:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>`, or undefined for any other string. */
export function parseExecuteApiArn(arn: string): ExecuteApiArn | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || parts[2] !== "execute-api" || !parts[1]) return undefined;
  const resource = parts.slice(5).join(":");
  return { partition: parts[1], region: parts[3] ?? "", account: parts[4] ?? "", apiId: resource.split("/")[0] ?? "" };
}

/** An id that is empty or holds an IAM wildcard matches more than one API. */
export const isWildcardId = (id: string): boolean => id === "" || /[*?]/.test(id);

/** Whether `arn` is the ARN of REST stage `stageName` of API `apiId` (any partition and region). */
export function isRestStageArn(arn: string, apiId: string, stageName: string): boolean {
  const match = /^arn:[^:]+:apigateway:[^:]*::\/restapis\/([^/]+)\/stages\/([^/]+)$/.exec(arn);
  return match !== null && match[1] === apiId && match[2] === stageName;
}
