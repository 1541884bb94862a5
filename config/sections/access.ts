import { resourcePolicyProblems } from "./shared/resource-policy";
import { ACCOUNT_ID_PATTERN, HTTP_METHODS, IDENTITY_SOURCE_PATTERN, PLAN_NAME_PATTERN } from "./constants";
import { formatPath, formatValue } from "./format";
import type { GatewayInput, RouteInput } from "./schema";

const at = (...path: (string | number)[]) => formatPath(["gateway", ...path]);
const list = (names: Iterable<string>) => [...names].sort().join(", ") || "none";
const RESERVED_SCHEMES = ["sigv4", "api_key", "cognito"];
const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** The scopes, authorizer and token issuer a route's authorization needs. */
export function checkRouteAuthorization(input: GatewayInput, route: RouteInput, index: number): string[] {
  const problems: string[] = [];
  const where = (...p: (string | number)[]) => at("routes", index, ...p);
  if (route.scopes !== undefined && route.authorization !== "cognito") problems.push(`${where("scopes")}: only a cognito route has scopes`);
  if (route.authorizer !== undefined && route.authorization !== "lambda") problems.push(`${where("authorizer")}: only a lambda route names an authorizer`);
  if (route.api === "internal" && (route.authorization === "cognito" || route.authorization === "lambda")) {
    problems.push(`${where("authorization")}: the internal API takes none or iam (its callers are inside the VPC, behind its resource policy)`);
  }
  if (route.authorization === "cognito") {
    if (!input.cognito) problems.push(`${where("authorization")}: "cognito" needs gateway.cognito (the stack's user pool)`);
    else {
      const server = input.cognito.resourceServer;
      const known = Object.keys(server.scopes).map((s) => `${server.identifier}/${s}`);
      for (const [i, scope] of (route.scopes ?? []).entries()) {
        if (!known.includes(scope)) problems.push(`${where("scopes", i)}: ${formatValue(scope)} is not a scope of gateway.cognito.resourceServer (scopes: ${list(known)})`);
      }
    }
  }
  if (route.authorization === "lambda") {
    const names = Object.keys(input.authorizers ?? {});
    if (route.authorizer === undefined) problems.push(`${where("authorizer")}: is required for a lambda route (one of ${list(names)})`);
    else if (!names.includes(route.authorizer)) problems.push(`${where("authorizer")}: ${formatValue(route.authorizer)} is not an authorizer in gateway.authorizers (defined: ${list(names)})`);
  }
  return problems;
}

/** Each Lambda authorizer's function, identity sources and token issuer. */
function checkAuthorizers(input: GatewayInput): string[] {
  const problems: string[] = [];
  const functions = input.functions ?? {};
  for (const [name, a] of Object.entries(input.authorizers ?? {})) {
    if (!PLAN_NAME_PATTERN.test(name)) problems.push(`${at("authorizers", name)}: authorizer name ${formatValue(name)} must match ${PLAN_NAME_PATTERN.source}`);
    else if (RESERVED_SCHEMES.includes(name)) problems.push(`${at("authorizers", name)}: ${formatValue(name)} is reserved (${RESERVED_SCHEMES.join(", ")} name the document's other security schemes)`);
    const fn = functions[a.function];
    if (!fn) problems.push(`${at("authorizers", name, "function")}: ${formatValue(a.function)} is not a function in gateway.functions (defined: ${list(Object.keys(functions))})`);
    else if (!input.cognito && !(fn.environment?.JWT_ISSUER && fn.environment?.JWT_AUDIENCE)) {
      problems.push(`${at("authorizers", name, "function")}: ${formatValue(a.function)} needs a token issuer: set gateway.cognito (its tokens), or JWT_ISSUER and JWT_AUDIENCE in the function's environment`);
    }
    const sources = a.identitySources ?? ["header.Authorization"];
    for (const [i, source] of sources.entries()) {
      if (!IDENTITY_SOURCE_PATTERN.test(source)) {
        problems.push(`${at("authorizers", name, "identitySources", i)}: ${formatValue(source)} must be header.<Name>, querystring.<name>, stageVariables.<name> or context.<name>`);
      }
    }
    if (a.type === "TOKEN" && (sources.length !== 1 || !sources[0]!.startsWith("header."))) {
      problems.push(`${at("authorizers", name, "identitySources")}: a TOKEN authorizer reads exactly one header (e.g. ["header.Authorization"])`);
    }
  }
  return problems;
}

function checkCallerRoles(input: GatewayInput): string[] {
  const problems: string[] = [];
  const routes = new Set((input.routes ?? []).filter((r) => r.api !== "internal").map((r) => `${r.method} ${r.path}`));
  for (const [name, role] of Object.entries(input.callerRoles ?? {})) {
    if (!PLAN_NAME_PATTERN.test(name)) problems.push(`${at("callerRoles", name)}: role name ${formatValue(name)} must match ${PLAN_NAME_PATTERN.source}`);
    for (const [i, key] of role.routes.entries()) {
      const [method] = key.split(" ", 1);
      if (!routes.has(key)) {
        problems.push(`${at("callerRoles", name, "routes", i)}: ${formatValue(key)} is not a route of the public API in gateway.routes (write it as "METHOD /path"${(HTTP_METHODS as readonly string[]).includes(method ?? "") ? "" : `; methods: ${HTTP_METHODS.join(", ")}`})`);
      } else {
        const route = (input.routes ?? []).find((r) => r.api !== "internal" && `${r.method} ${r.path}` === key);
        if (route?.authorization !== "iam") problems.push(`${at("callerRoles", name, "routes", i)}: ${formatValue(key)} is not an iam route, so a role adds nothing to who may call it`);
      }
    }
    for (const [i, principal] of (role.trustedPrincipals ?? []).entries()) {
      if (!ACCOUNT_ID_PATTERN.test(principal) && !ROLE_ARN_PATTERN.test(principal)) {
        problems.push(`${at("callerRoles", name, "trustedPrincipals", i)}: ${formatValue(principal)} is not a 12-digit account id or an IAM role ARN`);
      }
    }
  }
  return problems;
}

/** Authorizers, the resource policy and caller roles. */
export function checkAccess(input: GatewayInput): string[] {
  return [
    ...checkAuthorizers(input),
    ...(input.resourcePolicy ? resourcePolicyProblems(input.resourcePolicy, "gateway.resourcePolicy") : []),
    ...checkCallerRoles(input),
  ];
}
