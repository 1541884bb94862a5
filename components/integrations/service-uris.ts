/** API Gateway integration URIs for AWS services, derived from the target's own ARN (partition, region, account). */

interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function parseArn(arn: string): ArnParts {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") throw new Error(`not an ARN: ${arn}`);
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

/** `SendMessage` to a queue through the SQS query API: `arn:aws:apigateway:<region>:sqs:path/<account>/<queue>`. */
export function sqsSendMessageUri(queueArn: string): string {
  const { partition, service, region, account, resource } = parseArn(queueArn);
  if (service !== "sqs") throw new Error(`not a queue ARN: ${queueArn}`);
  return `arn:${partition}:apigateway:${region}:sqs:path/${account}/${resource}`;
}

/** Step Functions `StartExecution` in the state machine's region. */
export function startExecutionUri(stateMachineArn: string): string {
  const { partition, service, region } = parseArn(stateMachineArn);
  if (service !== "states") throw new Error(`not a state machine ARN: ${stateMachineArn}`);
  return `arn:${partition}:apigateway:${region}:states:action/StartExecution`;
}

/**
 * `GetObject` on a bucket through API Gateway's S3 path API, in the API's region: the key is fixed or
 * the `{key}` path parameter.
 */
export function s3GetObjectUri(partition: string, region: string, bucket: string, objectKey: string | undefined): string {
  return `arn:${partition}:apigateway:${region}:s3:path/${bucket}/${objectKey ?? "{key}"}`;
}

/** The only thing an integration role may do: one action on one resource. */
export function singleActionPolicy(action: string, resource: string) {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [action], Resource: resource }] } as const;
}
