import { AWS_SERVICE_ERRORS, need, responses, serviceUri, template, templated, type IntegrationModule, type Templated } from "./shared";

/**
 * A DynamoDB action called by API Gateway itself, without a Lambda function (AWS, "Tutorial: Create a
 * REST API as an Amazon DynamoDB proxy"): an AWS integration, POST to
 * `arn:aws:apigateway:<region>:dynamodb:action/<Action>`, under a role allowed that action on that
 * table. The request template builds the action's JSON request (DynamoDB API reference); the table's
 * name and partition key reach it as `$tableName` and `$partitionKey`, set in front of it.
 */
export type DynamoDbDescription = { readonly type: "dynamodb"; readonly action: string; readonly timeoutMs: number } & Templated;

/** `action/<Action>` of DynamoDB in a region (the integration URI of an action-style AWS integration). */
export function dynamoDbActionUri(partition: string, region: string, action: string): string {
  return `arn:${partition}:apigateway:${region}:dynamodb:action/${action}`;
}

/**
 * The only thing a DynamoDB route's role may do: its one action on its one table, and on the index a
 * Query reads (an index's ARN is the table's followed by `/index/<name>`).
 */
export function dynamoDbPolicy(action: string, tableArn: string, index: string | undefined) {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: [`dynamodb:${action}`], Resource: index === undefined ? [tableArn] : [tableArn, `${tableArn}/index/${index}`] }],
  } as const;
}

/** A table or attribute name as a VTL string literal: DynamoDB's names are `[A-Za-z0-9_.-]`, nothing Velocity reads. */
function literal(value: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(value)) throw new Error(`${JSON.stringify(value)} is not a DynamoDB table or attribute name a template can be given`);
  return `"${value}"`;
}

export const dynamoDbIntegration: IntegrationModule<"dynamodb", DynamoDbDescription> = {
  object: (route, i, backend, templates) => {
    const prefix = `#set($tableName = ${literal(need(route, backend.tableName, "table"))})\n#set($partitionKey = ${literal(need(route, backend.partitionKey, "partition key"))})\n`;
    return {
      type: "aws",
      httpMethod: "POST",
      uri: need(route, backend.uri, "DynamoDB URI"),
      credentials: need(route, backend.credentials, "role"),
      passthroughBehavior: "never",
      timeoutInMillis: route.timeoutMs,
      requestTemplates: template(templates, i.requestTemplate, prefix),
      responses: responses(templates, 200, i.responseTemplate, AWS_SERVICE_ERRORS),
    };
  },
  templateFiles: (i) => [
    i.requestTemplate,
    ...(i.responseTemplate ? [i.responseTemplate] : []),
    ...AWS_SERVICE_ERRORS.flatMap((r) => (r.template ? [r.template] : [])),
  ],
  describe: (i) => {
    const service = serviceUri(i.uri);
    return i.type === "aws" && service?.service === "dynamodb" && service.kind === "action"
      ? { type: "dynamodb", action: service.rest, timeoutMs: i.timeoutMs, ...templated(i) }
      : undefined;
  },
};
