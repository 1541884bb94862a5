import { stableId } from "../../preview/mock-state";
import { describeIntegration, functionTarget, JSON_TYPE, readIntegration, type IntegrationResponseObject } from "../../components/rest-api/integrations";
import { compileTemplate, type CompiledTemplate } from "../../vtl";
import type { GatewayResponseType } from "../gateway-errors";
import { compilePath, compareSpecificity } from "../path-match";
import { cacheClusterBytes, methodCacheSettings, STAGE_TYPE, type CapturedResource } from "../rest-cache";
import { settingsFromResources } from "../rest-throttle";
import { contentHandlingOf, type ContentHandling } from "./content-handling";
import { requestTemplatesOf } from "./passthrough";
import type { GatewayResponseDefinition, RestAuth, RestIntegration, RestIntegrationResponse, RestRoute, TwinRestApi, TwinRestStage } from "./model";

/**
 * Builds the REST twin's model of one API, once at start: its routes (integration, authorization,
 * cache key parameters) from the deployed OpenAPI document, its stages (variables, canary, deployment,
 * cache and throttle settings) from the Stage, MethodSettings and UsagePlan resources of that API.
 */

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The OpenAPI extension key of a method that answers any HTTP method. */
export const ANY_METHOD_KEY = "x-amazon-apigateway-any-method";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", ANY_METHOD_KEY];

function compile(text: unknown, name: string): CompiledTemplate | undefined {
  return typeof text === "string" ? compileTemplate(text, { templateName: name }) : undefined;
}

/** A response's templates compiled once, by lower-cased media type in the document's order. */
function responseTemplates(templates: Readonly<Record<string, string>> | undefined, name: string): Map<string, CompiledTemplate> {
  const byType = new Map<string, CompiledTemplate>();
  for (const [type, text] of Object.entries(templates ?? {})) {
    const key = type.toLowerCase();
    if (!byType.has(key)) byType.set(key, compileTemplate(text, { templateName: key === JSON_TYPE ? name : `${name} (${type})` }));
  }
  return byType;
}

/** The raw `contentHandling` of each integration response (the read integration keeps only what the builders set). */
function responseContentHandling(integration: unknown, pattern: string): ContentHandling | undefined {
  const responses = isObject(integration) && isObject(integration.responses) ? integration.responses : {};
  const response = responses[pattern];
  return isObject(response) ? contentHandlingOf(response.contentHandling) : undefined;
}

function integrationResponses(responses: Readonly<Record<string, IntegrationResponseObject>>, name: string, integration: unknown): RestIntegrationResponse[] {
  const entries = Object.entries(responses);
  entries.sort(([a], [b]) => Number(a === "default") - Number(b === "default"));
  return entries.map(([pattern, r]) => {
    const headers: Record<string, string> = {};
    const mappedHeaders: Record<string, string> = {};
    for (const [key, value] of Object.entries(r.responseParameters ?? {})) {
      const static_ = /^'(.*)'$/s.exec(value);
      const name = key.replace(/^method\.response\.header\./, "").toLowerCase();
      if (static_) headers[name] = static_[1] as string;
      else mappedHeaders[name] = value;
    }
    const templates = responseTemplates(r.responseTemplates, `${name} response ${pattern}`);
    return {
      pattern,
      regex: pattern === "default" ? undefined : new RegExp(`^${pattern}$`, "s"),
      statusCode: r.statusCode,
      headers,
      mappedHeaders,
      template: templates.get(JSON_TYPE),
      templates,
      firstTemplate: templates.values().next().value,
      contentHandling: responseContentHandling(integration, pattern),
    };
  });
}

/**
 * The twin's integration of one operation's `x-amazon-apigateway-integration`: the description of the
 * module that built it (the inverse of its builder), its templates compiled.
 */
export function integrationOf(integration: unknown, name: string): RestIntegration {
  const description = describeIntegration(integration);
  const requestTemplate = "requestTemplate" in description ? compile(description.requestTemplate, `${name} request`) : undefined;
  return {
    description,
    requestTemplate,
    requestTemplates: requestTemplatesOf(integration, name, requestTemplate),
    contentHandling: isObject(integration) ? contentHandlingOf(integration.contentHandling) : undefined,
    responses: "responses" in description ? integrationResponses(description.responses, name, integration) : [],
    timeoutMs: readIntegration(integration).timeoutMs,
  };
}

export { functionTarget };

/** How an operation authorizes callers: its first security requirement's scheme (the API key aside). */
export function authOf(document: Json, operation: Json): { auth: RestAuth; apiKeyRequired: boolean } {
  const security = Array.isArray(operation.security) ? operation.security : Array.isArray(document.security) ? document.security : [];
  const requirement: Json = isObject(security[0]) ? security[0] : {};
  const schemes = isObject(document.components) && isObject(document.components.securitySchemes) ? document.components.securitySchemes : {};
  const apiKeyRequired = "api_key" in requirement;
  for (const [name, scopes] of Object.entries(requirement)) {
    if (name === "api_key") continue;
    const scheme = isObject(schemes[name]) ? schemes[name] : {};
    const authType = scheme["x-amazon-apigateway-authtype"];
    if (authType === "awsSigv4") return { auth: { kind: "iam" }, apiKeyRequired };
    if (authType === "cognito_user_pools") return { auth: { kind: "cognito", scopes: Array.isArray(scopes) ? scopes.map(String) : [] }, apiKeyRequired };
    if (authType === "custom" && isObject(scheme["x-amazon-apigateway-authorizer"])) {
      const config = scheme["x-amazon-apigateway-authorizer"];
      const expression = typeof config.identityValidationExpression === "string" ? config.identityValidationExpression : undefined;
      return {
        auth: {
          kind: "lambda",
          name,
          type: String(config.type ?? "token").toLowerCase() === "request" ? "request" : "token",
          uri: String(config.authorizerUri ?? ""),
          identitySources: String(config.identitySource ?? "method.request.header.Authorization")
            .split(",")
            .map((s) => s.trim())
            .filter((s) => s !== ""),
          ttlSeconds: Number(config.authorizerResultTtlInSeconds ?? 300),
          validationExpression: expression === undefined ? undefined : new RegExp(`^${expression}$`),
        },
        apiKeyRequired,
      };
    }
  }
  return { auth: { kind: "none" }, apiKeyRequired };
}

/** Every route of a document, most specific first (as API Gateway selects them). */
export function routesOf(document: Json, apiName: string): RestRoute[] {
  const paths = isObject(document.paths) ? document.paths : {};
  const routes: RestRoute[] = [];
  for (const [resource, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const key of METHODS) {
      const operation = item[key];
      if (!isObject(operation)) continue;
      const method = key === ANY_METHOD_KEY ? "ANY" : key.toUpperCase();
      const integration = isObject(operation["x-amazon-apigateway-integration"]) ? operation["x-amazon-apigateway-integration"] : {};
      const { auth, apiKeyRequired } = authOf(document, operation);
      routes.push({
        resource,
        pattern: compilePath(resource),
        method,
        resourceId: stableId(`${apiName} ${resource}`, 6),
        operation,
        apiKeyRequired,
        auth,
        integration: integrationOf(integration, `${method} ${resource}`),
        cacheKeyParameters: Array.isArray(integration.cacheKeyParameters) ? integration.cacheKeyParameters.map(String) : [],
      });
    }
  }
  return routes.sort((a, b) => compareSpecificity(a.pattern, b.pattern) || Number(a.method === "ANY") - Number(b.method === "ANY"));
}

export interface CapturedStage {
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly canary: TwinRestStage["canary"];
  readonly deploymentId: string;
}

/**
 * Where a resource stands in the order the program created it: its parent component's place among the
 * captured resources when it has one (a component registers as soon as it is created; the resource
 * itself only once its inputs resolve, so resources created in a loop may be recorded out of order),
 * else its own.
 */
function creationOrder(resources: readonly CapturedResource[]): (r: CapturedResource) => number {
  const position = new Map<string, number>();
  resources.forEach((r, i) => r.urn !== undefined && position.set(r.urn, i));
  return (r) => (r.parentUrn !== undefined ? position.get(r.parentUrn) : undefined) ?? resources.indexOf(r);
}

/**
 * The stages of the API with id `apiId`: the Stage resources whose `restApi` is it, in the order the
 * program created them (each in its own component: the order of the stack file's stages).
 */
export function stagesOf(resources: readonly CapturedResource[], apiId: string): CapturedStage[] {
  const order = creationOrder(resources);
  return resources
    .filter((r) => r.type === STAGE_TYPE && (r.inputs.restApi === undefined || r.inputs.restApi === apiId))
    .map((r) => ({ r, at: order(r) }))
    .sort((a, b) => a.at - b.at)
    .map(({ r: s }) => {
      const canary = s.inputs.canarySettings as { percentTraffic?: number; stageVariableOverrides?: Record<string, string> } | undefined;
      return {
        name: String(s.inputs.stageName),
        variables: { ...((s.inputs.variables as Record<string, string> | undefined) ?? {}) },
        canary: canary ? { percentTraffic: canary.percentTraffic ?? 0, variables: { ...(canary.stageVariableOverrides ?? {}) } } : undefined,
        deploymentId: typeof s.inputs.deployment === "string" ? s.inputs.deployment : stableId(`${apiId}-${String(s.inputs.stageName)}`, 6),
      };
    });
}

export interface RestApiSource {
  readonly kind: "public" | "internal";
  readonly name: string;
  /** The API's id (as the mocks gave it): Stage, MethodSettings and UsagePlan inputs name it. */
  readonly id: string;
  readonly document: Json;
  readonly binaryMediaTypes?: readonly string[];
  /** Stages as captured; tests may give them directly. */
  readonly stages: readonly CapturedStage[];
  /** Every captured resource (method settings, stages, usage plans, keys). */
  readonly resources: readonly CapturedResource[];
  /** API key values by key name. */
  readonly apiKeys: Readonly<Record<string, string>>;
}

/** The twin's model of one REST API. */
export function restApiModel(source: RestApiSource): TwinRestApi {
  const routes = routesOf(source.document, source.name);
  const stages: TwinRestStage[] = source.stages.map((stage) => {
    const stageResource = source.resources.find(
      (r) => r.type === STAGE_TYPE && r.inputs.stageName === stage.name && (r.inputs.restApi === undefined || r.inputs.restApi === source.id),
    );
    const size = stageResource?.inputs.cacheClusterSize;
    const cache = Object.fromEntries(
      routes.map((r) => [`${r.method} ${r.resource}`, methodCacheSettings(source.resources, stage.name, r.method, r.resource, { restApi: source.id })]),
    );
    const throttle = stageResource ? settingsFromResources(source.resources, stage.name, source.apiKeys, { restApi: source.id }) : { stages: {} };
    return { ...stage, cacheCapacityBytes: size !== undefined ? cacheClusterBytes(String(size)) : undefined, cache, throttle };
  });
  const declared = source.document["x-amazon-apigateway-binary-media-types"];
  const gatewayResponses = isObject(source.document["x-amazon-apigateway-gateway-responses"]) ? source.document["x-amazon-apigateway-gateway-responses"] : {};
  return {
    kind: source.kind,
    name: source.name,
    document: source.document,
    routes,
    stages,
    binaryMediaTypes: [...(source.binaryMediaTypes ?? []), ...(Array.isArray(declared) ? declared.map(String) : [])],
    gatewayResponses: gatewayResponses as Partial<Record<GatewayResponseType, GatewayResponseDefinition>>,
  };
}
