import type { RouteConfig } from "../../../config";
import { backendIntegration, type VpcLinkDescription } from "./backend";
import { dynamoDbIntegration, type DynamoDbDescription } from "./dynamodb";
import { httpIntegration, type HttpDescription } from "./http";
import { httpProxyIntegration, type HttpProxyDescription } from "./http-proxy";
import { lambdaIntegration, lambdaProxyIntegration, type LambdaDescription, type LambdaProxyDescription } from "./lambda";
import { mockIntegration, type MockDescription } from "./mock";
import { s3Integration, type S3Description } from "./s3";
import {
  readIntegration,
  type IntegrationModule,
  type IntegrationObject,
  type IntegrationOf,
  type IntegrationType,
  type ResolvedBackend,
  type Templates,
} from "./shared";
import { sqsIntegration, type SqsDescription } from "./sqs";
import { stepFunctionsIntegration, type StepFunctionsDescription } from "./stepfunctions";

export * from "./shared";
export { functionTarget } from "./lambda";

/**
 * The integration types, one module each (config/integrations/ has their config side,
 * local/rest/integrations/ their twin side). Adding a type to `IntegrationConfig` without its module
 * here fails to compile.
 */

/** What the inverse of a module's builder says of an integration object; `unsupported` when no module built it. */
export type IntegrationDescription =
  | MockDescription
  | HttpDescription
  | HttpProxyDescription
  | VpcLinkDescription
  | LambdaProxyDescription
  | LambdaDescription
  | SqsDescription
  | StepFunctionsDescription
  | S3Description
  | DynamoDbDescription
  | { readonly type: "unsupported"; readonly integrationType: string; readonly uri: string };

type Modules = { readonly [T in IntegrationType]: IntegrationModule<T, IntegrationDescription> };

export const INTEGRATION_MODULES: Modules = {
  mock: mockIntegration,
  http: httpIntegration,
  http_proxy: httpProxyIntegration,
  backend: backendIntegration,
  lambda_proxy: lambdaProxyIntegration,
  lambda: lambdaIntegration,
  sqs: sqsIntegration,
  stepfunctions: stepFunctionsIntegration,
  s3: s3Integration,
  dynamodb: dynamoDbIntegration,
};

/** A type's module, typed by the type (TypeScript cannot correlate a union's key and value by itself). */
const moduleOf = <T extends IntegrationType>(type: T) => INTEGRATION_MODULES[type] as IntegrationModule<T, IntegrationDescription>;

/** The integration of one route. */
export function integrationObject(route: RouteConfig, backend: ResolvedBackend, templates: Templates): IntegrationObject {
  const i = route.integration;
  return moduleOf(i.type).object(route, i as IntegrationOf<typeof i.type>, backend, templates);
}

/**
 * What an integration object is, for the twin: the description of the one module whose inverse
 * recognises it (every object this program builds is recognised by exactly one), else `unsupported`.
 */
export function describeIntegration(integration: unknown): IntegrationDescription {
  const read = readIntegration(integration);
  for (const module of Object.values(INTEGRATION_MODULES)) {
    const description = module.describe(read);
    if (description) return description;
  }
  return { type: "unsupported", integrationType: read.type, uri: read.uri };
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
  for (const { integration: i } of routes) for (const f of moduleOf(i.type).templateFiles(i as IntegrationOf<typeof i.type>)) files.add(f);
  return [...files].sort();
}
