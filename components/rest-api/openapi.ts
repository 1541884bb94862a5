import { pathParameterNames, pathSegments, type ApiConfig, type HttpMethod, type RouteConfig } from "../../config";

/** The parts of OpenAPI 3.0 this project writes; extensions are API Gateway's. */
export interface OpenApiParameter {
  readonly name: string;
  readonly in: "path";
  readonly required: true;
  readonly schema: { readonly type: "string" };
}

export interface LambdaProxyIntegration {
  readonly type: "aws_proxy";
  readonly httpMethod: "POST";
  readonly uri: string;
  readonly passthroughBehavior: "when_no_match";
  readonly timeoutInMillis: number;
}

/** An OpenAPI security requirement: `[]` declares the operation public on purpose. */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export interface OpenApiSecurityScheme {
  readonly type: "apiKey";
  readonly name: string;
  readonly in: "header";
  readonly "x-amazon-apigateway-authtype": string;
}

/** Signature Version 4: API Gateway's IAM authorization. */
export const SIGV4_SCHEME = "sigv4";
export const SIGV4: OpenApiSecurityScheme = {
  type: "apiKey",
  name: "Authorization",
  in: "header",
  "x-amazon-apigateway-authtype": "awsSigv4",
};

export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary?: string;
  readonly description?: string;
  readonly parameters?: readonly OpenApiParameter[];
  readonly security: readonly SecurityRequirement[];
  readonly responses: Readonly<Record<string, { readonly description: string }>>;
  readonly "x-amazon-apigateway-integration": LambdaProxyIntegration;
}

export type OpenApiPathItem = Readonly<Record<string, OpenApiOperation>>;

export interface OpenApiDocument {
  readonly openapi: "3.0.1";
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: Readonly<Record<string, OpenApiPathItem>>;
  readonly components?: { readonly securitySchemes: Readonly<Record<string, OpenApiSecurityScheme>> };
}

/** API Gateway's longest integration wait, in milliseconds. */
export const MAX_INTEGRATION_TIMEOUT_MS = 29000;

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

function operation(route: RouteConfig, uri: string): OpenApiOperation {
  const parameters = pathParameterNames(route.path).map(
    (name): OpenApiParameter => ({ name, in: "path", required: true, schema: { type: "string" } }),
  );
  return {
    operationId: operationId(route.method, route.path),
    ...(route.summary ? { summary: route.summary } : {}),
    ...(route.description ? { description: route.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    security: route.authorization === "iam" ? [{ [SIGV4_SCHEME]: [] }] : [],
    responses: { default: { description: "The integration's response" } },
    "x-amazon-apigateway-integration": {
      type: "aws_proxy",
      httpMethod: "POST",
      uri,
      passthroughBehavior: "when_no_match",
      timeoutInMillis: MAX_INTEGRATION_TIMEOUT_MS,
    },
  };
}

/**
 * The whole REST API as one OpenAPI 3.0 document, with paths and methods in a stable order so the
 * order routes are written in never changes the document (or redeploys the API).
 * `integrationUris[i]` is the integration URI of `routes[i]`.
 */
export function buildOpenApiDocument(
  api: ApiConfig,
  routes: readonly RouteConfig[],
  integrationUris: readonly string[],
): OpenApiDocument {
  if (integrationUris.length !== routes.length) {
    throw new Error(`expected ${routes.length} integration URIs, got ${integrationUris.length}`);
  }
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  routes.forEach((route, i) => {
    const item = (paths[route.path] ??= {});
    item[openApiMethodKey(route.method)] = operation(route, integrationUris[i] as string);
  });
  const sortKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    openapi: "3.0.1",
    info: { title: api.name, version: api.version, ...(api.description ? { description: api.description } : {}) },
    paths: sortKeys(Object.fromEntries(Object.entries(paths).map(([p, item]) => [p, sortKeys(item)]))),
    ...(routes.some((r) => r.authorization === "iam") ? { components: { securitySchemes: { [SIGV4_SCHEME]: SIGV4 } } } : {}),
  };
}
