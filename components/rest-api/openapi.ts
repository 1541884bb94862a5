import { pathParameterNames, pathSegments, type ApiConfig, type HttpMethod, type RouteConfig } from "../../config";
import type { ImportedOpenApi } from "../../config/openapi-import";
import {
  cognitoAuthorizerSecurityScheme,
  lambdaAuthorizerSecurityScheme,
  type CognitoSecurityScheme,
  type LambdaAuthorizerSchemeInput,
  type LambdaSecurityScheme,
} from "../access/authorizer-schemes";
import {
  answerVariesByOrigin,
  corsResponseHeaders,
  gatewayResponseCors,
  preflightIntegration,
  preflightMethods,
  preflightPaths,
  PREFLIGHT_STATUS,
  withCorsHeaders,
  withGatewayResponseCors,
} from "./cors";
import { GATEWAY_RESPONSES, type GatewayResponse } from "./gateway-responses";
import { integrationObject, methodResponses, type IntegrationObject, type ResolvedBackend, type Templates } from "./integrations";
import { componentSchemas, mergeParameters, REQUEST_VALIDATOR_EXTENSION, REQUEST_VALIDATORS, REQUEST_VALIDATORS_EXTENSION, requestValidation } from "./models";

/** The parts of OpenAPI 3.0 this project writes; extensions are API Gateway's. */
export interface OpenApiParameter {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly required: boolean;
  readonly schema: { readonly type: "string" };
}

/** An OpenAPI security requirement: `[]` declares the operation public on purpose. */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export interface OpenApiSecurityScheme {
  readonly type: "apiKey";
  readonly name: string;
  readonly in: "header";
  readonly "x-amazon-apigateway-authtype"?: string;
}

/** Signature Version 4: API Gateway's IAM authorization. */
export const SIGV4_SCHEME = "sigv4";
export const SIGV4: OpenApiSecurityScheme = {
  type: "apiKey",
  name: "Authorization",
  in: "header",
  "x-amazon-apigateway-authtype": "awsSigv4",
};

/** A usage-plan API key in the `x-api-key` header. */
export const API_KEY_SCHEME = "api_key";
export const API_KEY: OpenApiSecurityScheme = { type: "apiKey", name: "x-api-key", in: "header" };

export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary?: string;
  readonly description?: string;
  readonly parameters?: readonly OpenApiParameter[];
  readonly security: readonly SecurityRequirement[];
  readonly responses: Readonly<
    Record<string, { readonly description: string; readonly headers?: Readonly<Record<string, { readonly schema: { readonly type: "string" } }>> }>
  >;
  readonly "x-amazon-apigateway-integration": IntegrationObject;
}

export type OpenApiPathItem = Readonly<Record<string, OpenApiOperation>>;

export interface DocumentationPart {
  readonly location: { readonly type: "API" } | { readonly type: "METHOD"; readonly path: string; readonly method: string };
  readonly properties: Readonly<Record<string, string>>;
}

export interface OpenApiDocument {
  readonly openapi: "3.0.1";
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: Readonly<Record<string, OpenApiPathItem>>;
  readonly components?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly "x-amazon-apigateway-api-key-source"?: "HEADER";
  readonly "x-amazon-apigateway-endpoint-configuration"?: { readonly vpcEndpointIds: readonly string[] };
  readonly "x-amazon-apigateway-gateway-responses": Readonly<Record<string, GatewayResponse>>;
  readonly "x-amazon-apigateway-documentation": {
    readonly version: string;
    readonly documentationParts: readonly DocumentationPart[];
  };
}

/** The OpenAPI key of a method: API Gateway spells ANY as an extension. */
export function openApiMethodKey(method: HttpMethod): string {
  return method === "ANY" ? "x-amazon-apigateway-any-method" : method.toLowerCase();
}

/** `GET /items/{id}` → `getItemsId`; unique because routes are unique by method and path. */
export function operationId(method: HttpMethod, path: string): string {
  const words = pathSegments(path).map((s) => (s.kind === "literal" ? s.text : s.name).replace(/[^A-Za-z0-9]+/g, " "));
  const pascal = words
    .join(" ")
    .split(" ")
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  return `${method.toLowerCase()}${pascal || "Root"}`;
}

const PARAMETER_LOCATION = { querystring: "query", header: "header", path: "path" } as const;

/** Path parameters, then the query-string and header parameters the cache key names. */
function parameters(route: RouteConfig): OpenApiParameter[] {
  const path = pathParameterNames(route.path).map((name): OpenApiParameter => ({ name, in: "path", required: true, schema: { type: "string" } }));
  const cacheKeys = (route.cache?.keyParameters ?? [])
    .map((key) => key.split(".") as [keyof typeof PARAMETER_LOCATION, string])
    .filter(([where]) => where !== "path")
    .map(([where, name]): OpenApiParameter => ({ name, in: PARAMETER_LOCATION[where], required: false, schema: { type: "string" } }));
  return [...path, ...cacheKeys];
}

/** The scheme of the stack's Cognito user pool authorizer. */
export const COGNITO_SCHEME = "cognito";

/** What the document's authorizers need from deployed resources. */
export interface DocumentAuthorizers {
  /** The user pool `cognito` routes accept tokens of. */
  readonly cognitoPoolArn?: string;
  /** Lambda authorizers by name (the scheme's name, and the authorizer's in API Gateway). */
  readonly lambda?: Readonly<Record<string, LambdaAuthorizerSchemeInput>>;
}

/** Every caller must satisfy one requirement: the route's authorization and the API key together when both apply. */
function security(route: RouteConfig): SecurityRequirement[] {
  const requirement: Record<string, string[]> = {};
  if (route.authorization === "iam") requirement[SIGV4_SCHEME] = [];
  if (route.authorization === "cognito") requirement[COGNITO_SCHEME] = [...route.scopes];
  if (route.authorization === "lambda" && route.authorizer !== undefined) requirement[route.authorizer] = [];
  if (route.apiKeyRequired) requirement[API_KEY_SCHEME] = [];
  return Object.keys(requirement).length > 0 ? [requirement] : [];
}

function operation(route: RouteConfig, backend: ResolvedBackend, templates: Templates): OpenApiOperation {
  const v = route.validation;
  const validation = v
    ? requestValidation({ bodyModel: v.body, mediaTypes: v.mediaTypes, requiredQueryStrings: v.queryStrings, requiredHeaders: v.headers })
    : undefined;
  // A GET answer whose CORS headers depend on the caller's Origin is cached per Origin.
  const byOrigin = route.method === "GET" && answerVariesByOrigin(route);
  const ownParameters = [...parameters(route), ...(byOrigin ? [ORIGIN_PARAMETER] : [])];
  const params = validation ? (mergeParameters(ownParameters, validation.parameters) as OpenApiParameter[]) : ownParameters;
  // A cached GET answer depends at least on its path parameters; query strings and headers are declared.
  const pathKeys = route.method === "GET" ? pathParameterNames(route.path).map((p) => `path.${p}`) : [];
  const cacheKeys = [...new Set([...pathKeys, ...(route.cache?.keyParameters ?? []), ...(byOrigin ? [`header.${ORIGIN_PARAMETER.name}`] : [])])].map(
    (key) => `method.request.${key}`,
  );
  const plain = integrationObject(route, backend, templates);
  const integration = route.cors ? withCorsHeaders(plain, route.cors, `${route.method} ${route.path}`) : plain;
  return {
    operationId: operationId(route.method, route.path),
    ...(route.summary ? { summary: route.summary } : {}),
    ...(route.description ? { description: route.description } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(validation?.requestBody ? { requestBody: validation.requestBody } : {}),
    ...(validation?.validator ? { [REQUEST_VALIDATOR_EXTENSION]: validation.validator } : {}),
    security: security(route),
    responses: methodResponses(integration, route.cors ? corsResponseHeaders(route.cors, false) : []),
    "x-amazon-apigateway-integration": cacheKeys.length > 0 ? { ...integration, cacheKeyParameters: cacheKeys } : integration,
  };
}

/** The request's Origin, declared so a cache key can name it. */
const ORIGIN_PARAMETER: OpenApiParameter = { name: "Origin", in: "header", required: false, schema: { type: "string" } };

/**
 * The CORS preflight of a path: OPTIONS answered by a MOCK integration, with no authorization (a
 * preflight carries no credentials: Fetch standard, "CORS-preflight request"), for `routes`, the
 * path's CORS routes (config checks make them agree on everything but their methods).
 */
export function preflightOperation(path: string, routes: readonly RouteConfig[]): OpenApiOperation {
  const cors = routes[0]?.cors;
  if (!cors) throw new Error(`${path}: a preflight needs a route with CORS`);
  const params = pathParameterNames(path).map((name): OpenApiParameter => ({ name, in: "path", required: true, schema: { type: "string" } }));
  const headers = Object.fromEntries(corsResponseHeaders(cors, true).map((h) => [h, { schema: { type: "string" as const } }]));
  return {
    operationId: operationId("OPTIONS", path),
    summary: "CORS preflight, answered by API Gateway",
    ...(params.length > 0 ? { parameters: params } : {}),
    security: [],
    responses: { [PREFLIGHT_STATUS]: { description: "The CORS preflight's answer", headers } },
    "x-amazon-apigateway-integration": preflightIntegration(cors, preflightMethods(routes)),
  };
}

const byKey = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Documentation parts from the API's and the routes' descriptions, published as one documentation version. */
export function documentationParts(api: ApiConfig, routes: readonly RouteConfig[]): DocumentationPart[] {
  const parts: DocumentationPart[] = [];
  if (api.description) parts.push({ location: { type: "API" }, properties: { description: api.description } });
  const sorted = [...routes].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
  for (const route of sorted) {
    const properties: Record<string, string> = {};
    if (route.summary) properties.summary = route.summary;
    if (route.description) properties.description = route.description;
    if (Object.keys(properties).length > 0) {
      parts.push({ location: { type: "METHOD", path: route.path, method: route.method === "ANY" ? "*" : route.method }, properties });
    }
  }
  return parts;
}

/**
 * The whole REST API as one OpenAPI 3.0 document, with paths and methods in a stable order so the
 * order routes are written in never changes the document (or redeploys the API).
 * `backends[i]` holds what the integration of `routes[i]` needs from deployed resources; `templates`
 * the mapping templates the routes name.
 */
export function buildOpenApiDocument(
  api: ApiConfig,
  routes: readonly RouteConfig[],
  backends: readonly ResolvedBackend[],
  templates: Templates = {},
  authorizers: DocumentAuthorizers = {},
): OpenApiDocument {
  if (backends.length !== routes.length) {
    throw new Error(`expected ${routes.length} integration backends, got ${backends.length}`);
  }
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  routes.forEach((route, i) => {
    const item = (paths[route.path] ??= {});
    item[openApiMethodKey(route.method)] = operation(route, backends[i] as ResolvedBackend, templates);
  });
  for (const path of preflightPaths(routes)) {
    const item = paths[path] as Record<string, OpenApiOperation>;
    if ("options" in item) throw new Error(`OPTIONS ${path} is both a route and the CORS preflight of the path's other routes`);
    item.options = preflightOperation(
      path,
      routes.filter((r) => r.path === path && r.cors),
    );
  }
  const schemes: Record<string, OpenApiSecurityScheme | CognitoSecurityScheme | LambdaSecurityScheme> = {};
  if (routes.some((r) => r.authorization === "iam")) schemes[SIGV4_SCHEME] = SIGV4;
  if (routes.some((r) => r.authorization === "cognito")) {
    if (authorizers.cognitoPoolArn === undefined) throw new Error("cognito routes need the user pool's ARN");
    schemes[COGNITO_SCHEME] = cognitoAuthorizerSecurityScheme(authorizers.cognitoPoolArn);
  }
  for (const name of new Set(routes.flatMap((r) => (r.authorization === "lambda" && r.authorizer ? [r.authorizer] : [])))) {
    const input = authorizers.lambda?.[name];
    if (input === undefined) throw new Error(`routes name the Lambda authorizer "${name}", which was not given`);
    schemes[name] = lambdaAuthorizerSecurityScheme(input);
  }
  if (routes.some((r) => r.apiKeyRequired)) schemes[API_KEY_SCHEME] = API_KEY;
  const models = routes.flatMap((r) => (r.validation?.body ? [r.validation.body] : []));
  const components: Record<string, Readonly<Record<string, unknown>>> = {};
  if (models.length > 0) components.schemas = componentSchemas(models);
  if (Object.keys(schemes).length > 0) components.securitySchemes = byKey(schemes);
  const generated: OpenApiDocument = {
    openapi: "3.0.1",
    info: { title: api.name, version: api.version, ...(api.description ? { description: api.description } : {}) },
    paths: byKey(Object.fromEntries(Object.entries(paths).map(([p, item]) => [p, byKey(item)]))),
    ...(Object.keys(components).length > 0 ? { components } : {}),
    ...(routes.some((r) => r.validation) ? { [REQUEST_VALIDATORS_EXTENSION]: REQUEST_VALIDATORS } : {}),
    ...(routes.some((r) => r.apiKeyRequired) ? { "x-amazon-apigateway-api-key-source": "HEADER" as const } : {}),
    "x-amazon-apigateway-gateway-responses": withGatewayResponseCors(GATEWAY_RESPONSES, gatewayResponseCors(routes)),
    "x-amazon-apigateway-documentation": { version: api.version, documentationParts: documentationParts(api, routes) },
  };
  return api.imported ? mergeImported(generated, api.imported) : generated;
}

/**
 * Adds an imported file's operations and components to the generated document. Config checks have
 * already rejected an operation both define; a component both define is rejected here.
 */
export function mergeImported(document: OpenApiDocument, imported: ImportedOpenApi): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = Object.fromEntries(Object.entries(document.paths).map(([p, item]) => [p, { ...item }]));
  for (const [path, item] of Object.entries(imported.paths)) paths[path] = byKey({ ...(paths[path] ?? {}), ...item });
  const components: Record<string, Record<string, unknown>> = Object.fromEntries(Object.entries(document.components ?? {}).map(([k, v]) => [k, { ...v }]));
  for (const [section, entries] of Object.entries(imported.components)) {
    const merged = (components[section] ??= {});
    for (const [name, value] of Object.entries(entries)) {
      if (name in merged) throw new Error(`${imported.file}: components.${section}.${name} is also generated from the stack's config`);
      merged[name] = value;
    }
  }
  return {
    ...document,
    paths: byKey(paths) as OpenApiDocument["paths"],
    ...(Object.keys(components).length > 0 ? { components: byKey(components) } : {}),
  };
}

/**
 * A PRIVATE API's VPC endpoints written into its document: an `overwrite` PutRestApi replaces the
 * API with the document, endpoint configuration included, so the ids must be there to survive it
 * (Pulumi's RestApi docs: `vpcEndpointIds` "corresponds to the x-amazon-apigateway-endpoint-configuration
 * extension vpcEndpointIds property").
 */
export function withVpcEndpoints(document: OpenApiDocument, vpcEndpointIds: readonly string[]): OpenApiDocument {
  if (vpcEndpointIds.length === 0) return document;
  return { ...document, "x-amazon-apigateway-endpoint-configuration": { vpcEndpointIds: [...vpcEndpointIds].sort() } };
}
