import { pathParameterNames, type IntegrationConfig, type IntegrationResponse, type RouteConfig } from "../../config";

/** What a route's integration needs from deployed resources: an invoke URI and the role API Gateway assumes. */
export interface ResolvedBackend {
  readonly uri?: string;
  readonly credentials?: string;
  /** The state machine a Step Functions route starts. */
  readonly stateMachineArn?: string;
  /** The VPC link a private HTTP backend is reached through. */
  readonly vpcLinkId?: string;
}

/** Mapping template contents by file name (templates/<file>). */
export type Templates = Readonly<Record<string, string>>;

export interface IntegrationResponseObject {
  readonly statusCode: string;
  readonly responseTemplates?: Readonly<Record<string, string>>;
  readonly responseParameters?: Readonly<Record<string, string>>;
}

/** The `x-amazon-apigateway-integration` object; which fields appear depends on the type. */
export interface IntegrationObject {
  readonly type: "aws_proxy" | "aws" | "mock" | "http" | "http_proxy";
  readonly httpMethod?: string;
  readonly uri?: string;
  readonly credentials?: string;
  readonly passthroughBehavior: "when_no_match" | "when_no_templates" | "never";
  readonly timeoutInMillis?: number;
  readonly requestParameters?: Readonly<Record<string, string>>;
  readonly requestTemplates?: Readonly<Record<string, string>>;
  readonly responses?: Readonly<Record<string, IntegrationResponseObject>>;
  readonly cacheKeyParameters?: readonly string[];
  readonly connectionType?: "VPC_LINK";
  readonly connectionId?: string;
}

export const JSON_TYPE = "application/json";

function template(templates: Templates, file: string | undefined, prefix = ""): Readonly<Record<string, string>> | undefined {
  if (file === undefined) return undefined;
  const content = templates[file];
  if (content === undefined) throw new Error(`no mapping template ${file} was loaded`);
  return { [JSON_TYPE]: prefix + content };
}

const withoutUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The default answer, then one per selection pattern (mapped backend errors). */
function responses(
  templates: Templates,
  defaultStatus: number,
  defaultTemplate: string | undefined,
  mapped: readonly IntegrationResponse[],
  defaultHeaders: Readonly<Record<string, string>> = {},
): Record<string, IntegrationResponseObject> {
  const headers = (h: Readonly<Record<string, string>>) =>
    Object.keys(h).length > 0 ? Object.fromEntries(Object.entries(h).map(([k, v]) => [`method.response.header.${k}`, v])) : undefined;
  const out: Record<string, IntegrationResponseObject> = {
    default: withoutUndefined({ statusCode: String(defaultStatus), responseTemplates: template(templates, defaultTemplate), responseParameters: headers(defaultHeaders) }),
  };
  for (const r of mapped) {
    out[r.selectionPattern] = withoutUndefined({ statusCode: String(r.statusCode), responseTemplates: errorTemplate(templates, r.template, r.statusCode), responseParameters: headers(r.headers) });
  }
  return out;
}

/** Path parameters the URL names are passed through, unless the route maps them itself. */
function pathParameterMappings(route: RouteConfig, url: string, given: Readonly<Record<string, string>>): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const name of pathParameterNames(route.path)) {
    if (url.includes(`{${name}}`)) mapped[`integration.request.path.${name}`] = `method.request.path.${name}`;
  }
  return { ...mapped, ...given };
}

/** The error body of integration responses; it reads the status from `$statusCode`, set in front of it. */
export const INTEGRATION_ERROR_TEMPLATE = "integration-error.vtl";

/** A mapped response's template; `integration-error.vtl` is told the status it answers. */
function errorTemplate(templates: Templates, file: string | undefined, statusCode: number) {
  return template(templates, file, file === INTEGRATION_ERROR_TEMPLATE ? `#set($statusCode = ${statusCode})\n` : "");
}

/** Backend errors every AWS service integration maps: a client error from the service is the client's, anything else is ours. */
const AWS_SERVICE_ERRORS: readonly IntegrationResponse[] = [
  { selectionPattern: "4\\d{2}", statusCode: 400, template: INTEGRATION_ERROR_TEMPLATE, headers: {} },
  { selectionPattern: "5\\d{2}", statusCode: 502, template: INTEGRATION_ERROR_TEMPLATE, headers: {} },
];

const SQS_ACCEPTED = `{"messageId": "$input.path('$.SendMessageResponse.SendMessageResult.MessageId')", "requestId": "$context.requestId"}`;
const SFN_ACCEPTED = `{"executionArn": "$input.path('$.executionArn')", "startDate": "$input.path('$.startDate')"}`;

/** The integration of one route. */
export function integrationObject(route: RouteConfig, backend: ResolvedBackend, templates: Templates): IntegrationObject {
  const i: IntegrationConfig = route.integration;
  const timeoutInMillis = route.timeoutMs;
  const need = (value: string | undefined, what: string): string => {
    if (value === undefined) throw new Error(`${route.method} ${route.path}: no ${what} for its ${i.type} integration`);
    return value;
  };
  switch (i.type) {
    case "lambda_proxy":
      return { type: "aws_proxy", httpMethod: "POST", uri: need(backend.uri, "function URI"), passthroughBehavior: "when_no_match", timeoutInMillis };
    case "lambda":
      return withoutUndefined({
        type: "aws",
        httpMethod: "POST",
        uri: need(backend.uri, "function URI"),
        passthroughBehavior: "when_no_templates",
        timeoutInMillis,
        requestTemplates: template(templates, i.requestTemplate),
        responses: responses(templates, 200, i.responseTemplate, i.responses),
      });
    case "mock":
      return withoutUndefined({
        type: "mock",
        passthroughBehavior: "when_no_match",
        requestTemplates: { [JSON_TYPE]: `{"statusCode": ${i.statusCode}}` },
        responses: responses(templates, i.statusCode, i.template, [], i.headers),
      });
    case "http":
      return withoutUndefined({
        type: "http",
        httpMethod: i.httpMethod,
        uri: i.url,
        passthroughBehavior: "when_no_templates",
        timeoutInMillis,
        requestParameters: nonEmpty(pathParameterMappings(route, i.url, i.requestParameters)),
        requestTemplates: template(templates, i.requestTemplate),
        responses: responses(templates, 200, i.responseTemplate, i.responses),
      });
    case "http_proxy":
      return withoutUndefined({
        type: "http_proxy",
        httpMethod: i.httpMethod,
        uri: i.url,
        passthroughBehavior: "when_no_match",
        timeoutInMillis,
        requestParameters: nonEmpty(pathParameterMappings(route, i.url, i.requestParameters)),
        ...(i.vpcLink ? { connectionType: "VPC_LINK" as const, connectionId: need(backend.vpcLinkId, "VPC link") } : {}),
      });
    case "backend": {
      const uri = `${need(backend.uri, "load balancer URL")}${i.path}`;
      return withoutUndefined({
        type: "http_proxy",
        httpMethod: i.httpMethod,
        uri,
        passthroughBehavior: "when_no_match",
        timeoutInMillis,
        requestParameters: nonEmpty(pathParameterMappings(route, uri, i.requestParameters)),
        connectionType: "VPC_LINK" as const,
        connectionId: need(backend.vpcLinkId, "VPC link"),
      });
    }
    case "sqs":
      return {
        type: "aws",
        httpMethod: "POST",
        uri: need(backend.uri, "queue URI"),
        credentials: need(backend.credentials, "role"),
        passthroughBehavior: "never",
        timeoutInMillis,
        requestParameters: { "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'" },
        requestTemplates: template(templates, i.requestTemplate),
        responses: { ...responses(templates, 202, undefined, AWS_SERVICE_ERRORS), default: { statusCode: "202", responseTemplates: { [JSON_TYPE]: SQS_ACCEPTED } } },
      };
    case "s3":
      return {
        type: "aws",
        httpMethod: "GET",
        uri: need(backend.uri, "object URI"),
        credentials: need(backend.credentials, "role"),
        passthroughBehavior: "when_no_match",
        timeoutInMillis,
        ...(i.objectKey === undefined ? { requestParameters: { "integration.request.path.key": "method.request.path.key" } } : {}),
        responses: {
          default: {
            statusCode: "200",
            responseParameters: {
              "method.response.header.Content-Type": "integration.response.header.Content-Type",
              "method.response.header.ETag": "integration.response.header.ETag",
            },
          },
          // Without s3:ListBucket, S3 answers 403 for a missing object: both are "not found" to the client.
          "40[34]": { statusCode: "404", responseTemplates: errorTemplate(templates, INTEGRATION_ERROR_TEMPLATE, 404) },
          "5\\d{2}": { statusCode: "502", responseTemplates: errorTemplate(templates, INTEGRATION_ERROR_TEMPLATE, 502) },
        },
      };
    case "stepfunctions": {
      const arn = need(backend.stateMachineArn, "state machine");
      return {
        type: "aws",
        httpMethod: "POST",
        uri: need(backend.uri, "Step Functions URI"),
        credentials: need(backend.credentials, "role"),
        passthroughBehavior: "never",
        timeoutInMillis,
        // The template reads the state machine from $stateMachineArn.
        requestTemplates: template(templates, i.requestTemplate, `#set($stateMachineArn = "${arn}")\n`),
        responses: { ...responses(templates, 202, undefined, AWS_SERVICE_ERRORS), default: { statusCode: "202", responseTemplates: { [JSON_TYPE]: SFN_ACCEPTED } } },
      };
    }
  }
}

function nonEmpty(o: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(o).length > 0 ? o : undefined;
}

/**
 * Status codes (and response headers) the method must declare for the integration's responses: the
 * headers their parameters set, and `extraHeaders` (ones a template sets through `$context.responseOverride`).
 */
export function methodResponses(
  integration: IntegrationObject,
  extraHeaders: readonly string[] = [],
): Record<string, { description: string; headers?: Record<string, { schema: { type: "string" } }> }> {
  if (!integration.responses) return { default: { description: "The integration's response" } };
  const out: Record<string, { description: string; headers?: Record<string, { schema: { type: "string" } }> }> = {};
  for (const r of Object.values(integration.responses)) {
    const headers = [...new Set([...Object.keys(r.responseParameters ?? {}).map((k) => k.replace("method.response.header.", "")), ...extraHeaders])];
    const entry = (out[r.statusCode] ??= { description: `HTTP ${r.statusCode}` });
    if (headers.length > 0) entry.headers = { ...entry.headers, ...Object.fromEntries(headers.map((h) => [h, { schema: { type: "string" as const } }])) };
  }
  return out;
}

/** Every template file the routes use, so the component can load them. */
export function templateFiles(routes: readonly RouteConfig[]): string[] {
  const files = new Set<string>();
  for (const { integration: i } of routes) {
    if (i.type === "lambda" || i.type === "http") {
      for (const f of [i.requestTemplate, i.responseTemplate, ...i.responses.map((r) => r.template)]) if (f) files.add(f);
    }
    if (i.type === "mock" && i.template) files.add(i.template);
    if (i.type === "sqs" || i.type === "stepfunctions" || i.type === "s3") {
      if (i.type !== "s3") files.add(i.requestTemplate);
      files.add(INTEGRATION_ERROR_TEMPLATE);
    }
  }
  return [...files].sort();
}
