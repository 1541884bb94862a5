import type { IntegrationConfig, IntegrationResponse, RouteConfig } from "../../../config";
import { pathParameterNames } from "../../../config/route-paths";

/**
 * What every integration module shares: the `x-amazon-apigateway-integration` object's shape, its
 * templates and integration responses, and the module contract. Nothing here (or in any module of this
 * folder) imports @pulumi: the twin imports the modules to recognise the objects they build.
 */

/** What a route's integration needs from deployed resources: an invoke URI and the role API Gateway assumes. */
export interface ResolvedBackend {
  readonly uri?: string;
  readonly credentials?: string;
  /** The state machine a Step Functions route starts. */
  readonly stateMachineArn?: string;
  /** The VPC link a private HTTP backend is reached through. */
  readonly vpcLinkId?: string;
  /** The table a DynamoDB route reads or writes, by name, and its partition key attribute. */
  readonly tableName?: string;
  readonly partitionKey?: string;
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

export type IntegrationType = IntegrationConfig["type"];
export type IntegrationOf<T extends IntegrationType> = Extract<IntegrationConfig, { readonly type: T }>;

/**
 * An integration object as a document holds it (this program's, an imported file's, or one read back
 * by the twin), its fields read loosely: `type` lower-cased, strings where strings are expected.
 */
export interface ReadIntegration {
  readonly type: string;
  readonly uri: string;
  readonly httpMethod: string;
  readonly connectionType: string | undefined;
  readonly timeoutMs: number;
  /** The `application/json` request template. */
  readonly requestTemplate: string | undefined;
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly responses: Readonly<Record<string, IntegrationResponseObject>>;
}

/** One integration type's builder and its inverse (D: what the inverse describes). */
export interface IntegrationModule<T extends IntegrationType, D extends { readonly type: string }> {
  /** The `x-amazon-apigateway-integration` object of a route of this type. */
  object(route: RouteConfig, integration: IntegrationOf<T>, backend: ResolvedBackend, templates: Templates): IntegrationObject;
  /** The templates/ files the object embeds. */
  templateFiles(integration: IntegrationOf<T>): readonly string[];
  /** The inverse of `object`: a description of an integration object this type builds, else undefined. */
  describe(integration: ReadIntegration): D | undefined;
}

export const JSON_TYPE = "application/json";

/** API Gateway waits at most 29 s for an integration (the default and the maximum of timeoutInMillis). */
export const MAX_INTEGRATION_TIMEOUT_MS = 29_000;

export function template(templates: Templates, file: string | undefined, prefix = ""): Readonly<Record<string, string>> | undefined {
  if (file === undefined) return undefined;
  const content = templates[file];
  if (content === undefined) throw new Error(`no mapping template ${file} was loaded`);
  return { [JSON_TYPE]: prefix + content };
}

export const withoutUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function nonEmpty(o: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(o).length > 0 ? o : undefined;
}

/** A value the route's integration cannot be built without. */
export function need(route: RouteConfig, value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`${route.method} ${route.path}: no ${what} for its ${route.integration.type} integration`);
  return value;
}

/** The default answer, then one per selection pattern (mapped backend errors). */
export function responses(
  templates: Templates,
  defaultStatus: number,
  defaultTemplate: string | undefined,
  mapped: readonly IntegrationResponse[],
  defaultHeaders: Readonly<Record<string, string>> = {},
): Record<string, IntegrationResponseObject> {
  const headers = (h: Readonly<Record<string, string>>) =>
    Object.keys(h).length > 0 ? Object.fromEntries(Object.entries(h).map(([k, v]) => [`method.response.header.${k}`, v])) : undefined;
  const out: Record<string, IntegrationResponseObject> = {
    default: withoutUndefined({
      statusCode: String(defaultStatus),
      responseTemplates: template(templates, defaultTemplate),
      responseParameters: headers(defaultHeaders),
    }),
  };
  for (const r of mapped) {
    out[r.selectionPattern] = withoutUndefined({
      statusCode: String(r.statusCode),
      responseTemplates: errorTemplate(templates, r.template, r.statusCode),
      responseParameters: headers(r.headers),
    });
  }
  return out;
}

/** Path parameters the URL names are passed through, unless the route maps them itself. */
export function pathParameterMappings(route: RouteConfig, url: string, given: Readonly<Record<string, string>>): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const name of pathParameterNames(route.path)) {
    if (url.includes(`{${name}}`)) mapped[`integration.request.path.${name}`] = `method.request.path.${name}`;
  }
  return { ...mapped, ...given };
}

/** The error body of integration responses; it reads the status from `$statusCode`, set in front of it. */
export const INTEGRATION_ERROR_TEMPLATE = "integration-error.vtl";

/** A mapped response's template; `integration-error.vtl` is told the status it answers. */
export function errorTemplate(templates: Templates, file: string | undefined, statusCode: number) {
  return template(templates, file, file === INTEGRATION_ERROR_TEMPLATE ? `#set($statusCode = ${statusCode})\n` : "");
}

/** Backend errors every AWS service integration maps: a client error from the service is the client's, anything else is ours. */
export const AWS_SERVICE_ERRORS: readonly IntegrationResponse[] = [
  { selectionPattern: "4\\d{2}", statusCode: 400, template: INTEGRATION_ERROR_TEMPLATE, headers: {} },
  { selectionPattern: "5\\d{2}", statusCode: 502, template: INTEGRATION_ERROR_TEMPLATE, headers: {} },
];

/** The templates of a route's own responses: request, default response, mapped responses. */
export function ownTemplates(i: {
  readonly requestTemplate?: string | undefined;
  readonly responseTemplate?: string | undefined;
  readonly responses?: readonly IntegrationResponse[];
}): string[] {
  return [i.requestTemplate, i.responseTemplate, ...(i.responses ?? []).map((r) => r.template)].filter((f): f is string => f !== undefined);
}

/** `arn:aws:apigateway:{region}:{service}:{path|action}/{rest}`: an AWS service integration URI. */
export function serviceUri(uri: string): { readonly service: string; readonly kind: "path" | "action"; readonly rest: string } | undefined {
  const m = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]*:([a-z0-9.-]+):(path|action)\/(.+)$/.exec(uri);
  return m ? { service: m[1] as string, kind: m[2] as "path" | "action", rest: m[3] as string } : undefined;
}

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): Record<string, string> => Object.fromEntries(Object.entries(isObject(v) ? v : {}).map(([k, x]) => [k, String(x)]));

/** Reads a document's `x-amazon-apigateway-integration` (any JSON) as a `ReadIntegration`. */
export function readIntegration(integration: unknown): ReadIntegration {
  const o = isObject(integration) ? integration : {};
  const templates = isObject(o.requestTemplates) ? o.requestTemplates : {};
  const responses = Object.fromEntries(
    Object.entries(isObject(o.responses) ? o.responses : {})
      .filter((e): e is [string, Json] => isObject(e[1]))
      .map(([pattern, r]) => [
        pattern,
        withoutUndefined({
          statusCode: String(r.statusCode ?? "200"),
          responseTemplates: isObject(r.responseTemplates) ? strings(r.responseTemplates) : undefined,
          responseParameters: isObject(r.responseParameters) ? strings(r.responseParameters) : undefined,
        }),
      ]),
  );
  const requestTemplate = templates[JSON_TYPE];
  return {
    type: String(o.type ?? "").toLowerCase(),
    uri: String(o.uri ?? ""),
    httpMethod: String(o.httpMethod ?? "ANY"),
    connectionType: typeof o.connectionType === "string" ? o.connectionType : undefined,
    timeoutMs: Math.min(Number(o.timeoutInMillis ?? MAX_INTEGRATION_TIMEOUT_MS), MAX_INTEGRATION_TIMEOUT_MS),
    requestTemplate: typeof requestTemplate === "string" ? requestTemplate : undefined,
    requestParameters: strings(o.requestParameters),
    responses,
  };
}

/** What every templated description carries: its request template and its integration responses. */
export interface Templated {
  readonly requestTemplate: string | undefined;
  readonly responses: Readonly<Record<string, IntegrationResponseObject>>;
}

export const templated = (i: ReadIntegration): Templated => ({ requestTemplate: i.requestTemplate, responses: i.responses });
