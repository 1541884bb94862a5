import { z } from "zod";
import { HTTP_METHODS, type HttpMethod } from "../constants";
import { formatPath, formatValue, nameList as list } from "../format";
import type { GatewayInput } from "../gateway";
import type { StackContext } from "../types";
import { corsProblems } from "../shared/cors";
import { routeProblems, type HttpApiRouteKey } from "../shared/http-api-routes";
import { STAGE_DEFAULTS, throttleSchema, type StageThrottling } from "./stage";

/** An HTTP API (API Gateway v2) beside the REST API: its routes and their targets, JWT authorizer, CORS and domain mapping. */

export const httpApiSchema = z.strictObject({
  /** The HTTP API's name. @default `<project>-<stack>-http` */
  name: z.string().min(1).max(128).optional(),
  /** The HTTP API's description. */
  description: z.string().optional(),
  /** Its routes (at least one). */
  routes: z
    .array(
      z.strictObject({
        /** The HTTP method; `ANY` matches every method. */
        method: z.enum(HTTP_METHODS),
        /** `/items/{id}`, a final `{proxy+}`, or `$default`. */
        path: z.string(),
        /** Give one target: a function (Lambda proxy, payload 2.0), a public URL, or a backend (private, through a VPC link v2). */
        function: z.string().optional(),
        /** An alias of the function to invoke. */
        alias: z.string().optional(),
        /** A public `http://` or `https://` URL to proxy to. */
        url: z.string().optional(),
        /** A key of gateway.backends, reached through a VPC link v2. */
        backend: z.string().optional(),
        /** Who may call the route: anyone, a token of the `jwt` authorizer, or IAM (SigV4). */
        authorization: z.enum(["none", "jwt", "iam"]),
        /** For `jwt`: scopes any of which the token must carry. */
        scopes: z.array(z.string()).optional(),
      }),
    )
    .min(1),
  /** The JWT authorizer: the stack's Cognito pool (its app client is the audience), or any OIDC issuer. @default `cognito` when jwt routes exist */
  jwt: z.union([z.literal("cognito"), z.strictObject({ issuer: z.string(), audiences: z.array(z.string()).min(1) })]).optional(),
  /** CORS headers the HTTP API answers browsers on other origins with. */
  cors: z
    .strictObject({
      /** Origins allowed to call, e.g. `https://app.example.com`, or `*`. */
      allowOrigins: z.array(z.string()).min(1),
      /** Methods browsers may use. */
      allowMethods: z.array(z.string()).optional(),
      /** Request headers browsers may send. */
      allowHeaders: z.array(z.string()).optional(),
      /** Response headers scripts may read. */
      exposeHeaders: z.array(z.string()).optional(),
      /** Seconds a browser may cache the preflight's answer. */
      maxAgeSeconds: z.int().min(0).max(86400).optional(),
      /** Let browsers send cookies and HTTP authentication. @default false */
      allowCredentials: z.boolean().optional(),
    })
    .optional(),
  /** Default throttling of every route. @default rate `100`, burst `200` */
  throttling: throttleSchema.optional(),
  /** The base path the API answers under on every custom domain of the stack (REGIONAL ones). */
  domainBasePath: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .optional(),
});

type HttpApiInput = z.infer<typeof httpApiSchema>;

const at = (...path: (string | number)[]) => formatPath(["gateway", "httpApi", ...path]);

export type HttpApiTargetConfig =
  | { readonly kind: "function"; readonly function: string; readonly alias: string | undefined }
  | { readonly kind: "url"; readonly url: string }
  | { readonly kind: "backend"; readonly backend: string };

export interface HttpApiRouteConfig {
  readonly method: HttpMethod;
  readonly path: string;
  readonly target: HttpApiTargetConfig;
  readonly authorization: HttpApiInput["routes"][number]["authorization"];
  readonly scopes: readonly string[];
}

export interface HttpApiConfig {
  readonly name: string;
  readonly description: string;
  readonly routes: readonly HttpApiRouteConfig[];
  /** Undefined when no route uses jwt. */
  readonly jwt: "cognito" | { readonly issuer: string; readonly audiences: readonly string[] } | undefined;
  readonly cors:
    | {
        readonly allowOrigins: readonly string[];
        readonly allowMethods: readonly string[] | undefined;
        readonly allowHeaders: readonly string[] | undefined;
        readonly exposeHeaders: readonly string[] | undefined;
        readonly maxAgeSeconds: number | undefined;
        readonly allowCredentials: boolean;
      }
    | undefined;
  readonly throttling: StageThrottling;
  readonly domainBasePath: string | undefined;
}

function resolveHttpApiRoute(r: HttpApiInput["routes"][number]): HttpApiRouteConfig {
  return {
    method: r.method,
    path: r.path,
    target:
      r.function !== undefined
        ? { kind: "function" as const, function: r.function, alias: r.alias }
        : r.backend !== undefined
          ? { kind: "backend" as const, backend: r.backend }
          : { kind: "url" as const, url: r.url ?? "" },
    authorization: r.authorization,
    scopes: r.scopes ?? [],
  };
}

export function resolveHttpApi(ctx: StackContext, http: HttpApiInput | undefined): HttpApiConfig | undefined {
  return (
    http && {
      name: http.name ?? `${ctx.project}-${ctx.stack}-http`,
      description: http.description ?? "",
      routes: http.routes.map(resolveHttpApiRoute),
      jwt: http.jwt ?? (http.routes.some((r) => r.authorization === "jwt") ? "cognito" : undefined),
      cors: http.cors && {
        allowOrigins: http.cors.allowOrigins,
        allowMethods: http.cors.allowMethods,
        allowHeaders: http.cors.allowHeaders,
        exposeHeaders: http.cors.exposeHeaders,
        maxAgeSeconds: http.cors.maxAgeSeconds,
        allowCredentials: http.cors.allowCredentials ?? false,
      },
      throttling: http.throttling ?? STAGE_DEFAULTS.throttling,
      domainBasePath: http.domainBasePath,
    }
  );
}

/** The HTTP API's routes, targets, authorizer, CORS and domain mapping. */
export function checkHttpApi(input: GatewayInput): string[] {
  const http = input.httpApi;
  if (!http) return [];
  const problems: string[] = [];
  const functions = input.functions ?? {};
  const backends = Object.keys(input.backends ?? {});
  for (const [i, route] of http.routes.entries()) {
    const targets = [route.function, route.url, route.backend].filter((t) => t !== undefined);
    if (targets.length !== 1) problems.push(`${at("routes", i)}: give exactly one of function, url or backend`);
    if (route.alias !== undefined && route.function === undefined) problems.push(`${at("routes", i, "alias")}: goes with function`);
    if (route.function !== undefined) {
      const fn = functions[route.function];
      if (!fn)
        problems.push(
          `${at("routes", i, "function")}: ${formatValue(route.function)} is not a function in gateway.functions (defined: ${list(Object.keys(functions))})`,
        );
      else if (route.alias !== undefined && !(route.alias in (fn.aliases ?? {}))) {
        problems.push(
          `${at("routes", i, "alias")}: ${formatValue(route.alias)} is not an alias of function "${route.function}" (aliases: ${list(Object.keys(fn.aliases ?? {}))})`,
        );
      }
    }
    if (route.url !== undefined && !/^https?:\/\/[^\s]+$/.test(route.url))
      problems.push(`${at("routes", i, "url")}: ${formatValue(route.url)} must be an http:// or https:// URL`);
    if (route.backend !== undefined && !backends.includes(route.backend)) {
      problems.push(`${at("routes", i, "backend")}: ${formatValue(route.backend)} is not a backend in gateway.backends (defined: ${list(backends)})`);
    }
  }
  const jwt = http.jwt ?? (http.routes.some((r) => r.authorization === "jwt") ? "cognito" : undefined);
  if (jwt === "cognito" && !input.cognito)
    problems.push(`${at("jwt")}: "cognito" (the default for jwt routes) needs gateway.cognito; or give { issuer, audiences }`);
  if (typeof jwt === "object" && !/^https:\/\/[^\s]+$/.test(jwt.issuer))
    problems.push(`${at("jwt", "issuer")}: ${formatValue(jwt.issuer)} must be an https:// URL`);
  const shaped: HttpApiRouteKey[] = http.routes.map((r) => ({
    method: r.method,
    path: r.path,
    authorization: r.authorization,
    ...(r.scopes ? { scopes: r.scopes } : {}),
  }));
  problems.push(...routeProblems(shaped, { hasJwt: jwt !== undefined }).map((p) => `gateway.httpApi.${p}`));
  if (http.cors) problems.push(...corsProblems(http.cors).map((p) => `gateway.httpApi.${p}`));
  if (http.domainBasePath !== undefined) {
    const domains = input.domains ?? [];
    if (domains.length === 0) problems.push(`${at("domainBasePath")}: the stack has no gateway.domains to map the HTTP API on`);
    for (const [i, d] of domains.entries()) {
      if (http.domainBasePath in d.basePaths)
        problems.push(`${at("domainBasePath")}: ${formatValue(http.domainBasePath)} is already a REST base path of gateway.domains[${i}]`);
      if ((d.endpointType ?? input.api?.endpointType) === "EDGE")
        problems.push(`${at("domainBasePath")}: gateway.domains[${i}] is EDGE; HTTP APIs map only on REGIONAL domains`);
    }
  }
  return problems;
}
