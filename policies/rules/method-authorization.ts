import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { isObject, operationLabel, operationsOf, readBody, unreadableBodyMessage, type JsonObject, type Operation } from "../lib/api-openapi";
import { ofType, shown, TYPES } from "../lib/stack";

export interface MethodAuthorizationConfig {
  /** HTTP API route keys (and WebSocket `$connect`) that are public by design, e.g. "GET /health". */
  readonly publicRouteKeys: readonly string[];
  /**
   * Whether an operation without `security` is covered by the document-level `security`. API Gateway
   * does not apply the document-level requirement to imported methods, so by default it does not count.
   */
  readonly acceptDocumentSecurity: boolean;
}

const REST_FIX =
  "Give the operation a security requirement naming an authorizer or an awsSigv4 scheme, or declare it public with security: [].";

/** How one operation of a body is authorized. */
type Authorization = "authorized" | "public" | "document-only" | "none";

/**
 * A CORS preflight: OPTIONS answered by a MOCK integration, as AWS writes it ("Enable CORS on a resource
 * using the API Gateway import API", whose example has no `security`). A preflight carries no
 * credentials (Fetch standard, "CORS-preflight request"), so it cannot be authorized, and a mock
 * reaches no backend. An OPTIONS with any other integration runs code and needs a declaration.
 */
function isMockPreflight(op: Operation): boolean {
  const integration = op.value["x-amazon-apigateway-integration"];
  return op.method === "OPTIONS" && isObject(integration) && typeof integration.type === "string" && integration.type.toLowerCase() === "mock";
}

function authorizationOf(op: Operation, documentSecurity: unknown): Authorization {
  const security = op.value.security;
  if (Array.isArray(security)) return security.length > 0 ? "authorized" : "public";
  const auth = op.value["x-amazon-apigateway-auth"];
  if (isObject(auth) && typeof auth.type === "string") return auth.type.toUpperCase() === "NONE" ? "public" : "authorized";
  if (isMockPreflight(op)) return "public";
  return Array.isArray(documentSecurity) && documentSecurity.length > 0 ? "document-only" : "none";
}

function checkBody(api: PolicyResource, config: MethodAuthorizationConfig, report: ReportViolation): void {
  const reading = readBody(api.props.body);
  if (reading.kind === "absent") return;
  if (reading.kind === "unreadable") {
    report(unreadableBodyMessage(api.name, "the authorization of its methods"), api.urn);
    return;
  }
  const document: JsonObject = reading.document;
  for (const op of operationsOf(document)) {
    const how = authorizationOf(op, document.security);
    if (how === "authorized" || how === "public") continue;
    if (how === "document-only") {
      if (config.acceptDocumentSecurity) continue;
      report(
        `RestApi "${api.name}" leaves "${operationLabel(op)}" open to anyone, since API Gateway does not apply a document-level security requirement to the methods it imports (security is unset on the operation; the document's is ${JSON.stringify(document.security)}). Repeat the security requirement on the operation, or declare it public with security: [].`,
        api.urn,
      );
      continue;
    }
    report(`RestApi "${api.name}" leaves "${operationLabel(op)}" open to anyone (security is unset). ${REST_FIX}`, api.urn);
  }
}

function checkMethod(method: PolicyResource, report: ReportViolation): void {
  const p = method.props;
  if (p.authorization !== "NONE" || p.apiKeyRequired === true) return;
  if (String(p.httpMethod).toUpperCase() === "OPTIONS") return;
  report(
    `Method "${method.name}" lets anyone call ${String(p.httpMethod)} (authorization is "NONE"). Set authorization to "AWS_IAM", "CUSTOM" or "COGNITO_USER_POOLS" with an authorizer, or require an API key with apiKeyRequired: true.`,
    method.urn,
  );
}

function checkRoute(route: PolicyResource, apis: readonly PolicyResource[], config: MethodAuthorizationConfig, report: ReportViolation): void {
  const api = apis.find((a) => (route.propertyDependencies.apiId ?? []).some((d) => d.urn === a.urn));
  const websocket = api?.props.protocolType === "WEBSOCKET";
  const routeKey = String(route.props.routeKey);
  // Only $connect of a WebSocket API can carry authorization; its other routes ride on that connection.
  if (websocket && routeKey !== "$connect") return;
  const type = route.props.authorizationType;
  if (type !== undefined && type !== "NONE") return;
  if (config.publicRouteKeys.includes(routeKey)) return;
  const of = api ? ` of ${websocket ? "WebSocket" : "HTTP"} API "${String(api.props.name ?? api.name)}"` : "";
  const fix = websocket
    ? 'Set authorizationType to "AWS_IAM" or "CUSTOM" on "$connect", the only WebSocket route that can carry authorization'
    : 'Set authorizationType to "JWT", "AWS_IAM" or "CUSTOM" with an authorizer';
  report(
    `Route "${route.name}"${of} lets anyone call "${routeKey}" (authorizationType is ${shown(type)}). ${fix}, or list "${routeKey}" in publicRouteKeys if it is public by design.`,
    route.urn,
  );
}

/**
 * Every way this project (or another program) exposes an API Gateway method must say who may call it:
 * operations of a REST API body, classic REST methods, and HTTP and WebSocket API routes. Public
 * access is allowed only where it is declared: `security: []` on an operation, an API key or OPTIONS
 * (CORS preflight) on a classic method, a MOCK OPTIONS operation (CORS preflight) in a body,
 * `publicRouteKeys` for v2 routes.
 */
export const methodAuthorization: StackValidationPolicy = {
  name: "method-authorization",
  description:
    "Every REST operation, classic REST method and HTTP API route (and WebSocket $connect) requires authorization, unless it is declared public.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      publicRouteKeys: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: 'HTTP API route keys (e.g. "GET /health", "$default") and WebSocket "$connect" that are public by design.',
      },
      acceptDocumentSecurity: {
        type: "boolean",
        default: false,
        description: "Count a REST API body's document-level security for operations without their own (API Gateway does not apply it).",
      },
    },
  },
  validateStack: (args, report) => {
    const given = args.getConfig<Partial<MethodAuthorizationConfig>>();
    const config: MethodAuthorizationConfig = {
      publicRouteKeys: given.publicRouteKeys ?? [],
      acceptDocumentSecurity: given.acceptDocumentSecurity ?? false,
    };
    for (const method of ofType(args.resources, TYPES.method)) checkMethod(method, report);
    const apis = ofType(args.resources, TYPES.v2Api);
    for (const route of ofType(args.resources, TYPES.v2Route)) checkRoute(route, apis, config, report);
    // Bodies last: a body still unknown in a preview (it embeds Lambda ARNs) stops the policy there,
    // after the methods and routes have been reported.
    for (const api of ofType(args.resources, TYPES.restApi)) checkBody(api, config, report);
  },
};
