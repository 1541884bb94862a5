import { z } from "zod";
import {
  ACCOUNT_ID_PATTERN,
  AUTHORIZER_TYPES,
  HTTP_METHODS,
  IDENTITY_SOURCE_PATTERN,
  PLAN_NAME_PATTERN,
  type AuthorizerType,
  type HttpMethod,
} from "../constants";
import { formatValue, gatewayPath as at, nameList as list } from "../format";
import type { GatewayInput } from "../gateway";
import { resourcePolicyProblems } from "../shared/resource-policy";
import type { RouteInput } from "./route";

/** Who may call the REST API: the stack's Cognito user pool, Lambda authorizers, the resource policy and caller roles. */

export const cognitoSchema = z.strictObject({
  /** Multi-factor authentication (TOTP). @default `OPTIONAL` */
  mfa: z.enum(["OFF", "OPTIONAL", "ON"]).optional(),
  /** Users may sign up themselves; otherwise administrators create them. @default false */
  selfSignUp: z.boolean().optional(),
  /** The OAuth resource server: its identifier and scopes (name → description). */
  resourceServer: z.strictObject({ identifier: z.string(), scopes: z.record(z.string(), z.string()) }),
});

export type CognitoInput = z.infer<typeof cognitoSchema>;

export const authorizerSchema = z.strictObject({
  /** A key of gateway.functions (entry authorizer/token or authorizer/request). */
  function: z.string(),
  /** `TOKEN`: one header; `REQUEST`: any headers, query strings, stage variables and context. */
  type: z.enum(AUTHORIZER_TYPES),
  /** `header.<Name>`, `querystring.<name>`, `stageVariables.<name>`, `context.<name>`. @default ["header.Authorization"] */
  identitySources: z.array(z.string()).min(1).optional(),
  /** Seconds API Gateway caches a policy per identity. @default 300 */
  resultTtlSeconds: z.int().min(0).max(3600).optional(),
});

export const resourcePolicySchema = z.strictObject({
  /** 12-digit account ids whose IAM principals may call the API's IAM-authorized methods. */
  allowAccounts: z.array(z.string()).optional(),
  /** IPv4/IPv6 CIDR blocks; when set, only these (or `allowVpcEndpoints`) may call the API. */
  allowSourceIps: z.array(z.string()).optional(),
  /** IPv4/IPv6 CIDR blocks that may never call the API. */
  denySourceIps: z.array(z.string()).optional(),
  /** `vpce-...` ids; when set, only these (or `allowSourceIps`) may call the API. */
  allowVpcEndpoints: z.array(z.string()).optional(),
});

export const callerRoleSchema = z.strictObject({
  /** `METHOD /path` of the `iam` routes the role may invoke. */
  routes: z.array(z.string()).min(1),
  /** Account ids or role ARNs that may assume the role. @default the stack's account */
  trustedPrincipals: z.array(z.string()).optional(),
});

export const ACCESS_DEFAULTS = { authorizer: { resultTtlSeconds: 300 } } as const;

export interface CognitoConfig {
  readonly mfa: NonNullable<CognitoInput["mfa"]>;
  readonly selfSignUp: boolean;
  readonly resourceServer: { readonly identifier: string; readonly scopes: Readonly<Record<string, string>> };
}

export interface AuthorizerConfig {
  readonly name: string;
  readonly function: string;
  readonly type: AuthorizerType;
  /** As API Gateway writes them: `method.request.header.Authorization`, `method.request.querystring.token`, ... */
  readonly identitySources: readonly string[];
  readonly resultTtlSeconds: number;
}

export interface ResourcePolicyConfig {
  readonly allowAccounts: readonly string[] | undefined;
  readonly allowSourceIps: readonly string[] | undefined;
  readonly denySourceIps: readonly string[] | undefined;
  readonly allowVpcEndpoints: readonly string[] | undefined;
}

export interface CallerRoleConfig {
  readonly name: string;
  readonly routes: readonly { readonly method: HttpMethod; readonly path: string }[];
  readonly trustedPrincipals: readonly string[] | undefined;
}

/** `header.Authorization` → `method.request.header.Authorization`; stage variables and context keep their form. */
export function identitySourceExpression(source: string): string {
  return source.startsWith("header.") || source.startsWith("querystring.") ? `method.request.${source}` : source;
}

/** `"GET /items/{id}"` → its method and path (checked by the config checks first). */
function parseRouteKey(key: string): { method: HttpMethod; path: string } {
  const [method, path] = key.split(" ", 2) as [HttpMethod, string];
  return { method, path };
}

export function resolveAuthorizers(input: GatewayInput): Record<string, AuthorizerConfig> {
  return Object.fromEntries(
    Object.entries(input.authorizers ?? {}).map(([name, a]) => [
      name,
      {
        name,
        function: a.function,
        type: a.type,
        identitySources: (a.identitySources ?? ["header.Authorization"]).map(identitySourceExpression),
        resultTtlSeconds: a.resultTtlSeconds ?? ACCESS_DEFAULTS.authorizer.resultTtlSeconds,
      },
    ]),
  );
}

export function resolveResourcePolicy(input: GatewayInput): ResourcePolicyConfig | undefined {
  return (
    input.resourcePolicy && {
      allowAccounts: input.resourcePolicy.allowAccounts,
      allowSourceIps: input.resourcePolicy.allowSourceIps,
      denySourceIps: input.resourcePolicy.denySourceIps,
      allowVpcEndpoints: input.resourcePolicy.allowVpcEndpoints,
    }
  );
}

export function resolveCallerRoles(input: GatewayInput): Record<string, CallerRoleConfig> {
  return Object.fromEntries(
    Object.entries(input.callerRoles ?? {}).map(([name, r]) => [name, { name, routes: r.routes.map(parseRouteKey), trustedPrincipals: r.trustedPrincipals }]),
  );
}

export function resolveCognito(input: GatewayInput): CognitoConfig | undefined {
  return (
    input.cognito && {
      mfa: input.cognito.mfa ?? "OPTIONAL",
      selfSignUp: input.cognito.selfSignUp ?? false,
      resourceServer: input.cognito.resourceServer,
    }
  );
}

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
        if (!known.includes(scope))
          problems.push(`${where("scopes", i)}: ${formatValue(scope)} is not a scope of gateway.cognito.resourceServer (scopes: ${list(known)})`);
      }
    }
  }
  if (route.authorization === "lambda") {
    const names = Object.keys(input.authorizers ?? {});
    if (route.authorizer === undefined) problems.push(`${where("authorizer")}: is required for a lambda route (one of ${list(names)})`);
    else if (!names.includes(route.authorizer))
      problems.push(`${where("authorizer")}: ${formatValue(route.authorizer)} is not an authorizer in gateway.authorizers (defined: ${list(names)})`);
  }
  return problems;
}

/** Each Lambda authorizer's function, identity sources and token issuer. */
function checkAuthorizers(input: GatewayInput): string[] {
  const problems: string[] = [];
  const functions = input.functions ?? {};
  for (const [name, a] of Object.entries(input.authorizers ?? {})) {
    if (!PLAN_NAME_PATTERN.test(name)) problems.push(`${at("authorizers", name)}: authorizer name ${formatValue(name)} must match ${PLAN_NAME_PATTERN.source}`);
    else if (RESERVED_SCHEMES.includes(name))
      problems.push(`${at("authorizers", name)}: ${formatValue(name)} is reserved (${RESERVED_SCHEMES.join(", ")} name the document's other security schemes)`);
    const fn = functions[a.function];
    if (!fn)
      problems.push(
        `${at("authorizers", name, "function")}: ${formatValue(a.function)} is not a function in gateway.functions (defined: ${list(Object.keys(functions))})`,
      );
    else if (!input.cognito && !(fn.environment?.JWT_ISSUER && fn.environment?.JWT_AUDIENCE)) {
      problems.push(
        `${at("authorizers", name, "function")}: ${formatValue(a.function)} needs a token issuer: set gateway.cognito (its tokens), or JWT_ISSUER and JWT_AUDIENCE in the function's environment`,
      );
    }
    const sources = a.identitySources ?? ["header.Authorization"];
    for (const [i, source] of sources.entries()) {
      if (!IDENTITY_SOURCE_PATTERN.test(source)) {
        problems.push(
          `${at("authorizers", name, "identitySources", i)}: ${formatValue(source)} must be header.<Name>, querystring.<name>, stageVariables.<name> or context.<name>`,
        );
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
        problems.push(
          `${at("callerRoles", name, "routes", i)}: ${formatValue(key)} is not a route of the public API in gateway.routes (write it as "METHOD /path"${(HTTP_METHODS as readonly string[]).includes(method ?? "") ? "" : `; methods: ${HTTP_METHODS.join(", ")}`})`,
        );
      } else {
        const route = (input.routes ?? []).find((r) => r.api !== "internal" && `${r.method} ${r.path}` === key);
        if (route?.authorization !== "iam")
          problems.push(`${at("callerRoles", name, "routes", i)}: ${formatValue(key)} is not an iam route, so a role adds nothing to who may call it`);
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
