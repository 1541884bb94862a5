import { z } from "zod";
import {
  API_KINDS,
  CACHE_KEY_PARAMETER_PATTERN,
  DEFAULT_MAX_INTEGRATION_TIMEOUT_MS,
  HTTP_METHODS,
  LONG_INTEGRATION_TIMEOUT_MS,
  MIN_INTEGRATION_TIMEOUT_MS,
  REQUEST_MODELS,
  ROUTE_AUTHORIZATIONS,
  UNAUTHORIZED_CACHE_CONTROL_STRATEGIES,
  type ApiKind,
  type HttpMethod,
  type RequestModel,
  type RouteAuthorization,
  type UnauthorizedCacheControlStrategy,
} from "../constants";
import { DEFAULTS, resolveIntegration } from "../defaults";
import { formatValue, gatewayPath as at, nameList as list } from "../format";
import type { GatewayInput } from "../gateway";
import { checkRouteTarget, type ReferenceCheckOptions } from "../references";
import { pathParameterNames, pathSegments, pathSyntaxProblem, resourceShape } from "../route-paths";
import { integrationSchema } from "../integrations";
import type { IntegrationConfig } from "../types";
import { checkRouteAuthorization } from "./access";
import { resolveRouteCors, routeCorsSchema, type CorsConfig, type CorsInput } from "./cors";
import { STAGE_DEFAULTS, throttleSchema, type StageThrottling } from "./stage";

/**
 * The REST API's routes: each method and path once, with what it goes to (a function, or an
 * integration of config/schema.ts), who may call it, and its cache, throttling, CORS and validation.
 */

export const routeSchema = z.strictObject({
  /** The HTTP method; `ANY` matches every method. */
  method: z.enum(HTTP_METHODS),
  /** `/`, or `/`-separated literals, `{param}` segments and a final `{param+}`. */
  path: z.string(),
  /** Shorthand for a Lambda proxy integration with this function. */
  function: z.string().optional(),
  /** Any other integration. Give `function` or `integration`. */
  integration: integrationSchema.optional(),
  /** 50 to 29,000 ms (longer with api.longIntegrationTimeouts). @default 29000 */
  timeoutMs: z.int().min(MIN_INTEGRATION_TIMEOUT_MS).max(LONG_INTEGRATION_TIMEOUT_MS).optional(),
  /** The API that serves the route: the public API, or the PRIVATE internal API (gateway.internalApi). @default "public" */
  api: z.enum(API_KINDS).optional(),
  /** Who may call the route; every route declares it, `none` making it public on purpose. */
  authorization: z.enum(ROUTE_AUTHORIZATIONS),
  /** For `cognito`: OAuth scopes of gateway.cognito's resource server (`<identifier>/<scope>`), any of which admits an access token. */
  scopes: z.array(z.string()).optional(),
  /** For `lambda`: a key of gateway.authorizers. */
  authorizer: z.string().optional(),
  /** A fixed alias of the function to invoke. */
  alias: z.string().optional(),
  /** A stage variable naming the alias to invoke, so each stage reaches its own alias. */
  aliasVariable: z.string().optional(),
  /** A short summary of the operation in the OpenAPI document. */
  summary: z.string().optional(),
  /** The operation's description in the OpenAPI document and its documentation parts. */
  description: z.string().optional(),
  /** Callers must send a key of a usage plan that covers the stage, in the `x-api-key` header. @default false */
  apiKeyRequired: z.boolean().optional(),
  /** Per-method cache override, applied on stages that have a cache. */
  cache: z
    .strictObject({
      /** Cache this method's answers (GET routes only). @default true */
      enabled: z.boolean().optional(),
      /** Seconds its answers are cached. @default the stage's */
      ttlSeconds: z.int().min(0).max(3600).optional(),
      /** `querystring.<name>`, `header.<name>` or `path.<name>`: request parts the cache key includes. */
      keyParameters: z.array(z.string()).optional(),
      /** What an unauthorized `Cache-Control: max-age=0` gets on this method. @default `SUCCEED_WITH_RESPONSE_HEADER` on a public GET (browsers reload with max-age=0), else the stage's */
      unauthorizedStrategy: z.enum(UNAUTHORIZED_CACHE_CONTROL_STRATEGIES).optional(),
    })
    .optional(),
  /** Per-method throttling, at most the stage's. */
  throttling: throttleSchema.optional(),
  /** This route's CORS: `false` opts out of api.cors; an object changes the fields it gives. Public routes only. */
  cors: routeCorsSchema.optional(),
  /** What API Gateway checks before the integration runs (400 with a JSON message otherwise). */
  validation: z
    .strictObject({
      /** A request model (components/rest-api/models) the JSON body must match. */
      body: z.enum(REQUEST_MODELS).optional(),
      /** Content types the body model applies to. @default ["application/json"] */
      mediaTypes: z
        .array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/))
        .min(1)
        .optional(),
      /** Query string parameters that must be present. */
      queryStrings: z.array(z.string().min(1)).optional(),
      /** Headers that must be present. */
      headers: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

export type RouteInput = z.infer<typeof routeSchema>;

export interface RouteValidation {
  readonly body: RequestModel | undefined;
  readonly mediaTypes: readonly string[];
  /** Query strings and headers the request must carry. */
  readonly queryStrings: readonly string[];
  readonly headers: readonly string[];
}

export interface RouteCache {
  readonly enabled: boolean;
  /** Undefined: the stage's TTL. */
  readonly ttlSeconds: number | undefined;
  readonly keyParameters: readonly string[];
  /** Undefined: SUCCEED_WITH_RESPONSE_HEADER on a public GET, else the stage's. */
  readonly unauthorizedStrategy: UnauthorizedCacheControlStrategy | undefined;
}

export interface RouteConfig {
  /** The API that serves the route. */
  readonly api: ApiKind;
  readonly method: HttpMethod;
  readonly path: string;
  readonly integration: IntegrationConfig;
  readonly timeoutMs: number;
  readonly authorization: RouteAuthorization;
  /** The OAuth scopes a `cognito` route accepts (empty: any token of the pool). */
  readonly scopes: readonly string[];
  /** The Lambda authorizer of a `lambda` route. */
  readonly authorizer: string | undefined;
  readonly summary: string;
  readonly description: string;
  readonly apiKeyRequired: boolean;
  readonly validation: RouteValidation | undefined;
  readonly cache: RouteCache | undefined;
  readonly throttling: StageThrottling | undefined;
  /** The route's CORS, or undefined when browsers on other origins get no CORS headers from it. */
  readonly cors: CorsConfig | undefined;
}

export function resolveRoute(route: RouteInput, apiCors: CorsInput | undefined): RouteConfig {
  return {
    api: route.api ?? "public",
    method: route.method,
    path: route.path,
    integration: resolveIntegration(route),
    timeoutMs: route.timeoutMs ?? DEFAULTS.integration.timeoutMs,
    authorization: route.authorization,
    scopes: route.scopes ?? [],
    authorizer: route.authorizer,
    summary: route.summary ?? "",
    description: route.description ?? "",
    apiKeyRequired: route.apiKeyRequired ?? false,
    validation: route.validation && {
      body: route.validation.body,
      mediaTypes: route.validation.mediaTypes ?? ["application/json"],
      queryStrings: route.validation.queryStrings ?? [],
      headers: route.validation.headers ?? [],
    },
    cache: route.cache && {
      enabled: route.cache.enabled ?? true,
      ttlSeconds: route.cache.ttlSeconds,
      keyParameters: route.cache.keyParameters ?? [],
      unauthorizedStrategy: route.cache.unauthorizedStrategy,
    },
    throttling: route.throttling,
    cors: resolveRouteCors(apiCors, route),
  };
}

function describeRoute(route: RouteInput): string {
  return `${route.method} ${route.path}`;
}

function checkTimeout(input: GatewayInput, route: RouteInput, index: number): string[] {
  if (route.timeoutMs === undefined || route.timeoutMs <= DEFAULT_MAX_INTEGRATION_TIMEOUT_MS) return [];
  if (input.api?.longIntegrationTimeouts === true) return [];
  return [
    `${at("routes", index, "timeoutMs")}: ${route.timeoutMs} is above ${DEFAULT_MAX_INTEGRATION_TIMEOUT_MS}; set gateway.api.longIntegrationTimeouts (REGIONAL or PRIVATE APIs only, after raising the quota with AWS)`,
  ];
}

function checkRouteOptions(input: GatewayInput, route: RouteInput, index: number): string[] {
  const problems: string[] = [];
  const params = pathParameterNames(route.path);
  if (route.cache?.enabled !== false && route.cache !== undefined && route.method !== "GET") {
    problems.push(`${at("routes", index, "cache")}: only GET routes cache; a ${route.method} response depends on its body, which the cache key leaves out`);
  }
  for (const [i, key] of (route.cache?.keyParameters ?? []).entries()) {
    const where = at("routes", index, "cache", "keyParameters", i);
    if (!CACHE_KEY_PARAMETER_PATTERN.test(key)) {
      problems.push(`${where}: ${formatValue(key)} must be querystring.<name>, header.<name> or path.<name>`);
    } else if (key.startsWith("path.") && !params.includes(key.slice(5))) {
      problems.push(`${where}: ${formatValue(key)} is not a parameter of ${formatValue(route.path)} (parameters: ${list(params)})`);
    }
  }
  if (route.throttling) {
    for (const [stageName, stage] of Object.entries(input.stages)) {
      const rate = stage.throttling?.rateLimit ?? STAGE_DEFAULTS.throttling.rateLimit;
      const burst = stage.throttling?.burstLimit ?? STAGE_DEFAULTS.throttling.burstLimit;
      if (route.throttling.rateLimit > rate) {
        problems.push(
          `${at("routes", index, "throttling", "rateLimit")}: ${route.throttling.rateLimit} is above the rate limit ${rate} of stage "${stageName}"`,
        );
      }
      if (route.throttling.burstLimit > burst) {
        problems.push(
          `${at("routes", index, "throttling", "burstLimit")}: ${route.throttling.burstLimit} is above the burst limit ${burst} of stage "${stageName}"`,
        );
      }
    }
  }
  if (route.apiKeyRequired) {
    for (const stageName of Object.keys(input.stages)) {
      const covered = Object.values(input.usagePlans ?? {}).some((plan) => plan.stages.includes(stageName));
      if (!covered) {
        problems.push(
          `${at("routes", index, "apiKeyRequired")}: no usage plan in gateway.usagePlans covers stage "${stageName}", so no key could call ${describeRoute(route)} there`,
        );
      }
    }
  }
  return problems;
}

export function checkRoutes(input: GatewayInput, opts: ReferenceCheckOptions): string[] {
  const problems: string[] = [];
  const routes = input.routes ?? [];
  const seenRoutes = new Map<string, number>();
  const paramAtLevel = new Map<string, { text: string; index: number; path: string }>();
  for (const [index, route] of routes.entries()) {
    const syntax = pathSyntaxProblem(route.path);
    if (syntax) {
      problems.push(`${at("routes", index, "path")}: ${syntax}`);
    } else {
      const key = `${route.api ?? "public"} ${route.method} ${resourceShape(route.path)}`;
      const first = seenRoutes.get(key);
      if (first !== undefined) {
        problems.push(`${at("routes", index)}: ${describeRoute(route)} duplicates ${at("routes", first)} (${describeRoute(routes[first] as RouteInput)})`);
      } else {
        seenRoutes.set(key, index);
        const segments = pathSegments(route.path);
        for (const [level, segment] of segments.entries()) {
          if (segment.kind !== "param") continue;
          const parent = `${route.api ?? "public"} ${resourceShape("/" + route.path.slice(1).split("/").slice(0, level).join("/"))}`;
          const text = route.path.slice(1).split("/")[level] as string;
          const other = paramAtLevel.get(parent);
          if (!other) paramAtLevel.set(parent, { text, index, path: route.path });
          else if (other.text !== text) {
            problems.push(
              `${at("routes", index, "path")}: "${text}" in ${formatValue(route.path)} conflicts with "${other.text}" of ${at("routes", other.index)} (${formatValue(other.path)}); API Gateway allows one parameter per path level`,
            );
            break;
          }
        }
      }
    }
    problems.push(...checkRouteTarget(input, route, index, opts));
    problems.push(...checkTimeout(input, route, index));
    problems.push(...checkRouteOptions(input, route, index));
    problems.push(...checkRouteAuthorization(input, route, index));
  }
  return problems;
}
