import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { isObject, operationLabel, operationsOf, readBody, unreadableBodyMessage, type JsonObject, type Operation } from "../lib/api-openapi";
import {
  authorizationConfig,
  HTTP_ROUTE_FIX,
  orPublic,
  PUBLIC_ROUTE_KEYS_SCHEMA,
  WEBSOCKET_ROUTE_FIX,
  type MethodAuthorizationConfig,
} from "../lib/route-authorization";
import { shown, TYPES } from "../lib/stack";
import { Pending, read, UNKNOWN } from "../lib/unknown";
import { protocolOfRouteKey } from "../lib/v2-protocol";

const REST_FIX = "Give the operation a security requirement naming an authorizer or an awsSigv4 scheme, or declare it public with security: [].";

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

const nameOf = (args: ResourceValidationArgs): string => {
  const name = read(() => args.props.name);
  return typeof name === "string" && name !== "" ? name : args.name;
};

function checkRestBody(args: ResourceValidationArgs, config: MethodAuthorizationConfig, report: ReportViolation, pending: Pending): void {
  const body = pending.read("body", () => args.props.body);
  if (body === UNKNOWN) return;
  const reading = readBody(body);
  if (reading.kind === "absent") return;
  if (reading.kind === "unreadable") {
    report(unreadableBodyMessage(args.name, "the authorization of its methods"));
    return;
  }
  const document: JsonObject = reading.document;
  for (const op of operationsOf(document)) {
    const how = authorizationOf(op, document.security);
    if (how === "authorized" || how === "public") continue;
    if (how === "document-only") {
      if (config.acceptDocumentSecurity) continue;
      report(
        `RestApi "${args.name}" leaves "${operationLabel(op)}" open to anyone, since API Gateway does not apply a document-level security requirement to the methods it imports (security is unset on the operation; the document's is ${JSON.stringify(document.security)}). Repeat the security requirement on the operation, or declare it public with security: [].`,
      );
      continue;
    }
    report(`RestApi "${args.name}" leaves "${operationLabel(op)}" open to anyone (security is unset). ${REST_FIX}`);
  }
}

function checkMethod(args: ResourceValidationArgs, report: ReportViolation, pending: Pending): void {
  const authorization = pending.read("authorization", () => args.props.authorization);
  const apiKey = pending.read("apiKeyRequired", () => args.props.apiKeyRequired);
  const method = pending.read("httpMethod", () => args.props.httpMethod);
  if (authorization !== "NONE" || apiKey === true || apiKey === UNKNOWN || method === UNKNOWN) return;
  if (String(method).toUpperCase() === "OPTIONS") return;
  report(
    `Method "${args.name}" lets anyone call ${String(method)} (authorization is "NONE"). Set authorization to "AWS_IAM", "CUSTOM" or "COGNITO_USER_POOLS" with an authorizer, or require an API key with apiKeyRequired: true.`,
  );
}

function checkRoute(args: ResourceValidationArgs, config: MethodAuthorizationConfig, report: ReportViolation, pending: Pending): void {
  const routeKey = pending.read("routeKey", () => args.props.routeKey);
  if (routeKey === UNKNOWN || typeof routeKey !== "string") return;
  const protocol = protocolOfRouteKey(routeKey);
  // $default is HTTP's catch-all or WebSocket's fallback: http-default-route-authorization reads its API.
  // Only $connect of a WebSocket API can carry authorization; its other routes ride on that connection.
  if (protocol === undefined || (protocol === "WEBSOCKET" && routeKey !== "$connect")) return;
  const type = pending.read("authorizationType", () => args.props.authorizationType);
  if (type === UNKNOWN || (type !== undefined && type !== null && type !== "NONE")) return;
  if (config.publicRouteKeys.includes(routeKey)) return;
  const kind = protocol === "WEBSOCKET" ? "WebSocket API route" : "HTTP API route";
  report(
    `Route "${args.name}" (${kind}) lets anyone call "${routeKey}" (authorizationType is ${shown(type)}). ${protocol === "WEBSOCKET" ? WEBSOCKET_ROUTE_FIX : HTTP_ROUTE_FIX}, ${orPublic(routeKey)}`,
  );
}

/** The route key API Gateway gives an operation of an HTTP API body. */
const routeKeyOf = (op: Operation): string => (op.path === "/$default" ? "$default" : `${op.method} ${op.path}`);

function checkV2Api(args: ResourceValidationArgs, config: MethodAuthorizationConfig, report: ReportViolation, pending: Pending): void {
  const target = pending.read("target", () => args.props.target);
  if (target !== UNKNOWN && target !== undefined && target !== null && target !== "") {
    const key = read(() => args.props.routeKey);
    const routeKey = typeof key === "string" && key !== "" ? key : "$default";
    if (!config.publicRouteKeys.includes(routeKey)) {
      report(
        `HTTP API "${nameOf(args)}" is quick-created (target is set), so API Gateway creates its "${routeKey}" route with no authorization, which this program does not declare and cannot change. Remove target and declare the route; ${HTTP_ROUTE_FIX}, ${orPublic(routeKey)}`,
      );
    }
  }
  const body = pending.read("body", () => args.props.body);
  if (body === UNKNOWN) return;
  const reading = readBody(body);
  if (reading.kind === "absent") return;
  if (reading.kind === "unreadable") {
    report(unreadableBodyMessage(nameOf(args), "the authorization of its routes", "Api"));
    return;
  }
  const documentSecurity = reading.document.security;
  for (const op of operationsOf(reading.document)) {
    const security = op.value.security;
    if (Array.isArray(security) && security.length > 0) continue;
    if (config.acceptDocumentSecurity && Array.isArray(documentSecurity) && documentSecurity.length > 0 && security === undefined) continue;
    const routeKey = routeKeyOf(op);
    if (config.publicRouteKeys.includes(routeKey)) continue;
    report(
      `HTTP API "${nameOf(args)}" imports "${routeKey}" from its body with no authorization (the operation's security is ${shown(security)}). Give the operation a security requirement naming an authorizer from components.securitySchemes (x-amazon-apigateway-authorizer), ${orPublic(routeKey)}`,
    );
  }
}

/**
 * Every way a program exposes an API Gateway method must say who may call it: operations of a REST
 * API body (JSON or YAML), classic REST methods, HTTP API routes (declared, imported from an OpenAPI
 * body, or made by quick create) and WebSocket `$connect`. Public access is allowed only where it is
 * declared: `security: []` on a REST operation, an API key or OPTIONS (CORS preflight) on a classic
 * method, a MOCK OPTIONS operation (CORS preflight) in a body, `publicRouteKeys` for v2 routes. A resource rule, so it blocks before the API, method or
 * route is created; a `$default` route is HTTP's catch-all or WebSocket's fallback depending on its
 * API, which http-default-route-authorization reads. Peers: cdk-nag AwsSolutions-APIG4; checkov
 * CKV_AWS_59, CKV_AWS_309, CKV2_AWS_70; trivy AVD-AWS-0004.
 */
export const methodAuthorization: ResourceValidationPolicy = {
  name: "method-authorization",
  description:
    "Every REST operation, classic REST method and HTTP API route (declared, imported from a body or quick-created) and WebSocket $connect requires authorization, unless it is declared public.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      publicRouteKeys: PUBLIC_ROUTE_KEYS_SCHEMA,
      acceptDocumentSecurity: {
        type: "boolean",
        default: false,
        description: "Count a REST API body's document-level security for operations without their own (API Gateway does not apply it).",
      },
    },
  },
  validateResource: (args, report) => {
    const config = authorizationConfig(args.getConfig<Partial<MethodAuthorizationConfig>>());
    const pending = new Pending();
    if (args.type === TYPES.restApi) checkRestBody(args, config, report, pending);
    else if (args.type === TYPES.method) checkMethod(args, report, pending);
    else if (args.type === TYPES.v2Route) checkRoute(args, config, report, pending);
    else if (args.type === TYPES.v2Api) checkV2Api(args, config, report, pending);
    else return;
    pending.settle(`${args.type.split(":").pop()} "${args.name}"`, "who may call it");
  },
};
