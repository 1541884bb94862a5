import { z } from "zod";
import { formatValue, gatewayPath as at } from "../format";
import type { GatewayInput } from "../gateway";
import { untemplatedResponses } from "../integrations";
import { pathSyntaxProblem, resourceShape } from "../route-paths";
import { CORS_HEADER_PATTERN, CORS_METHODS, CORS_ORIGIN_PATTERN } from "../shared/cors";
import { CORS_ENVIRONMENT, corsEnvironment } from "../shared/cors-environment";
import type { RouteInput } from "./route";

/**
 * The REST API's CORS (`api.cors` and the routes' `cors`), checked before any resource: values a
 * browser would reject or misread, and settings the API cannot answer as written (one preflight per
 * path, one set of headers per function, several origins only where a mapping template can choose).
 */

/**
 * CORS for browsers on other origins: the REST API's (`api.cors`, every public route) and a route's
 * override. Names as the HTTP API's `httpApi.cors`; values are checked below.
 */
const corsFields = {
  /** `["*"]`, or origins `scheme://host[:port]` like `https://app.example.com`. */
  allowOrigins: z.array(z.string()).min(1),
  /** What the preflight allows. @default the methods of the path's CORS routes, and OPTIONS */
  allowMethods: z.array(z.string()).min(1).optional(),
  /** Request headers the preflight allows. @default `Content-Type`, `X-Amz-Date`, `Authorization`, `X-Api-Key`, `X-Amz-Security-Token` */
  allowHeaders: z.array(z.string()).optional(),
  /** Response headers scripts may read besides the safelisted ones. @default none */
  exposeHeaders: z.array(z.string()).optional(),
  /** How long a browser may cache the preflight's answer, 0 to 86400 s. @default unset (5 s in browsers) */
  maxAgeSeconds: z.int().min(0).max(86400).optional(),
  /** Let browsers send cookies and HTTP authentication, and read the answer; never with the `*` origin. @default false */
  allowCredentials: z.boolean().optional(),
};
export const corsSchema = z.strictObject(corsFields);
/** A route's CORS: `false` opts out of `api.cors`; an object replaces the fields it gives. */
export const routeCorsSchema = z.union([z.literal(false), z.strictObject({ ...corsFields, allowOrigins: corsFields.allowOrigins.optional() })]);

export type CorsInput = z.infer<typeof corsSchema>;
export type RouteCorsInput = z.infer<typeof routeCorsSchema>;

export const CORS_DEFAULTS = {
  /**
   * The headers AWS's CORS example for an imported API allows ("Enable CORS on a resource using the API
   * Gateway import API": Content-Type, X-Amz-Date, Authorization, X-Api-Key), and the session token a
   * SigV4 request signed with temporary credentials carries (X-Amz-Security-Token).
   */
  cors: { allowHeaders: ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"], allowCredentials: false },
} as const;

/**
 * A REST route's CORS, every default applied: the route's fields over `api.cors`. The preflight of
 * its path, its integration responses (or its function's answers) and the API's gateway responses
 * carry these headers.
 */
export interface CorsConfig {
  /** `["*"]`, or origins `scheme://host[:port]`. */
  readonly allowOrigins: readonly string[];
  /** What the preflight allows; undefined: the methods of the path's CORS routes, and OPTIONS. */
  readonly allowMethods: readonly string[] | undefined;
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  /** Undefined: no Access-Control-Max-Age (browsers cache a preflight for 5 s). */
  readonly maxAgeSeconds: number | undefined;
  readonly allowCredentials: boolean;
}

/**
 * A route's CORS: the fields its `cors` object gives over `api.cors`. Undefined for `cors: false`, for
 * an internal route (api.cors is the public API's) and when neither gives origins.
 */
export function resolveRouteCors(api: CorsInput | undefined, route: Pick<RouteInput, "api" | "cors">): CorsConfig | undefined {
  if (route.cors === false || (route.api ?? "public") !== "public") return undefined;
  const own: Partial<CorsInput> = route.cors ?? {};
  const allowOrigins = own.allowOrigins ?? api?.allowOrigins;
  if (allowOrigins === undefined) return undefined;
  return {
    allowOrigins,
    allowMethods: own.allowMethods ?? api?.allowMethods,
    allowHeaders: own.allowHeaders ?? api?.allowHeaders ?? CORS_DEFAULTS.cors.allowHeaders,
    exposeHeaders: own.exposeHeaders ?? api?.exposeHeaders ?? [],
    maxAgeSeconds: own.maxAgeSeconds ?? api?.maxAgeSeconds,
    allowCredentials: own.allowCredentials ?? api?.allowCredentials ?? CORS_DEFAULTS.cors.allowCredentials,
  };
}

const describe = (route: RouteInput) => `${route.method} ${route.path}`;

/** The fields of a `cors` object that are given, checked one by one. */
function fieldProblems(cors: Partial<CorsInput>, where: (string | number)[]): string[] {
  const problems: string[] = [];
  const origins = cors.allowOrigins ?? [];
  origins.forEach((origin, i) => {
    if (origin !== "*" && !CORS_ORIGIN_PATTERN.test(origin)) {
      problems.push(
        `${at(...where, "allowOrigins", i)}: ${formatValue(origin)} is not "*" or an origin scheme://host[:port] (http or https, a lowercase host, no path), e.g. https://app.example.com or http://localhost:3000`,
      );
    }
    const first = origins.indexOf(origin);
    if (first < i) problems.push(`${at(...where, "allowOrigins", i)}: ${formatValue(origin)} repeats allowOrigins[${first}]`);
  });
  if (origins.includes("*") && origins.length > 1) problems.push(`${at(...where, "allowOrigins")}: "*" must be the only origin when given`);
  const methods = cors.allowMethods ?? [];
  methods.forEach((method, i) => {
    if (!(CORS_METHODS as readonly string[]).includes(method)) {
      problems.push(`${at(...where, "allowMethods", i)}: ${formatValue(method)} is not one of ${CORS_METHODS.join(", ")}`);
    }
  });
  if (methods.includes("*") && methods.length > 1) problems.push(`${at(...where, "allowMethods")}: "*" must be the only method when given`);
  for (const field of ["allowHeaders", "exposeHeaders"] as const) {
    (cors[field] ?? []).forEach((header, i) => {
      if (!CORS_HEADER_PATTERN.test(header)) problems.push(`${at(...where, field, i)}: ${formatValue(header)} is not a header name or "*"`);
    });
  }
  return problems;
}

/**
 * What a browser refuses with credentials (Fetch standard, CORS check; MDN, "Access-Control-Allow-Origin"
 * and "Access-Control-Allow-Methods"): the `*` origin, and `*` read literally as a method or header
 * name. Only the pairs `given` names (the fields a route sets itself) are reported.
 */
function credentialProblems(cors: CorsConfig, where: (string | number)[], given: (field: keyof CorsInput) => boolean): string[] {
  if (!cors.allowCredentials) return [];
  const problems: string[] = [];
  if (cors.allowOrigins.includes("*") && (given("allowOrigins") || given("allowCredentials"))) {
    problems.push(
      `${at(...where, "allowCredentials")}: true is not allowed with the "*" origin: browsers refuse a credentialed answer whose Access-Control-Allow-Origin is "*" (Fetch standard, CORS check); list the origins`,
    );
  }
  for (const field of ["allowMethods", "allowHeaders", "exposeHeaders"] as const) {
    if ((cors[field] ?? []).includes("*") && (given(field) || given("allowCredentials"))) {
      problems.push(
        `${at(...where, field)}: "*" with allowCredentials true is the literal name "*", not a wildcard, in a credentialed request (Fetch standard; MDN, "Access-Control-Allow-Methods"); list the names`,
      );
    }
  }
  return problems;
}

type IndexedRoute = { readonly route: RouteInput; readonly index: number; readonly cors: CorsConfig };

const PREFLIGHT_FIELDS = ["allowOrigins", "allowMethods", "allowHeaders", "maxAgeSeconds", "allowCredentials"] as const;
const FUNCTION_FIELDS = ["allowOrigins", "exposeHeaders", "allowCredentials"] as const;

function differing(a: CorsConfig, b: CorsConfig, fields: readonly (keyof CorsConfig)[]): string[] {
  return fields.filter((f) => JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null));
}

/** Routes of one path share its one preflight: they must agree on what it answers. */
function checkPreflights(input: GatewayInput, corsRoutes: readonly IndexedRoute[]): string[] {
  const problems: string[] = [];
  const routes = input.routes ?? [];
  const byPath = new Map<string, IndexedRoute[]>();
  for (const r of corsRoutes) byPath.set(resourceShape(r.route.path), [...(byPath.get(resourceShape(r.route.path)) ?? []), r]);
  for (const [shape, group] of byPath) {
    const [first, ...rest] = group as [IndexedRoute, ...IndexedRoute[]];
    for (const other of rest) {
      const fields = differing(first.cors, other.cors, PREFLIGHT_FIELDS);
      if (fields.length > 0) {
        problems.push(
          `${at("routes", other.index, "cors")}: ${describe(other.route)} shares the CORS preflight of ${first.route.path} with ${describe(first.route)} (${at("routes", first.index)}), so they must agree on ${PREFLIGHT_FIELDS.join(", ")} (they differ in ${fields.join(", ")})`,
        );
      }
    }
    routes.forEach((route, index) => {
      if (
        route.method !== "OPTIONS" ||
        (route.api ?? "public") !== "public" ||
        pathSyntaxProblem(route.path) !== undefined ||
        resourceShape(route.path) !== shape
      )
        return;
      problems.push(
        `${at("routes", index)}: OPTIONS ${route.path} is the method API Gateway answers the CORS preflight of ${first.route.path} with (${describe(first.route)}, ${at("routes", first.index)}, has CORS); give the path's routes cors: false, or remove this route`,
      );
    });
  }
  return problems;
}

/** Where a response of a non-proxy route has no mapping template to answer one of several origins with. */
function untemplatedResponsesOf(route: RouteInput): (string | number)[][] {
  return route.integration ? untemplatedResponses(route.integration) : [];
}

/** Several origins: a mapping template answers the caller's own (a static header value cannot choose). */
function checkSeveralOrigins(corsRoutes: readonly IndexedRoute[]): string[] {
  return corsRoutes.flatMap(({ route, index, cors }) => {
    if (cors.allowOrigins.length < 2 || cors.allowOrigins.includes("*")) return [];
    return untemplatedResponsesOf(route).map((where) => {
      const what = where[1] === "type" ? "an S3 route answers the object as S3 sends it, without a mapping template" : "this response has no mapping template";
      return `${at("routes", index, ...where)}: ${what}, and with several CORS origins (${cors.allowOrigins.join(", ")}) only a template can answer the caller's own Origin (a static Access-Control-Allow-Origin names one); give a template, one origin or "*", or cors: false`;
    });
  });
}

/** A function answers CORS for its Lambda proxy routes itself, from one environment: they must agree. */
function checkFunctions(corsOf: (route: RouteInput) => CorsConfig | undefined, input: GatewayInput): string[] {
  const problems: string[] = [];
  const first = new Map<string, { route: RouteInput; index: number; cors: CorsConfig | undefined }>();
  (input.routes ?? []).forEach((route, index) => {
    if (route.integration !== undefined || route.function === undefined || (route.api ?? "public") !== "public") return;
    const cors = corsOf(route);
    const seen = first.get(route.function);
    if (!seen) {
      first.set(route.function, { route, index, cors });
      return;
    }
    const fields = seen.cors && cors ? differing(seen.cors, cors, FUNCTION_FIELDS) : [];
    if ((seen.cors === undefined) === (cors === undefined) && fields.length === 0) return;
    const why = fields.length > 0 ? `they differ in ${fields.join(", ")}` : `${seen.cors ? describe(seen.route) : describe(route)} has CORS and the other not`;
    problems.push(
      `${at("routes", index, "cors")}: ${describe(route)} and ${describe(seen.route)} (${at("routes", seen.index)}) invoke function "${route.function}", which sends the CORS headers of its Lambda proxy routes itself (AWS: a proxy integration returns the backend's headers), from one environment; they must agree on ${FUNCTION_FIELDS.join(", ")} (${why})`,
    );
  });
  for (const [key, fn] of Object.entries(input.functions ?? {})) {
    for (const name of Object.values(CORS_ENVIRONMENT)) {
      if (fn.environment?.[name] !== undefined) {
        problems.push(
          `${at("functions", key, "environment", name)}: the program sets it from the CORS of the function's routes (api.cors, routes[].cors); remove it`,
        );
      }
    }
  }
  return problems;
}

/** Every problem with the REST API's CORS, in config order. */
export function checkRestCors(input: GatewayInput): string[] {
  const apiCors = input.api?.cors;
  const problems: string[] = [];
  if (apiCors) {
    problems.push(...fieldProblems(apiCors, ["api", "cors"]));
    const resolved = resolveRouteCors(apiCors, {});
    if (resolved) problems.push(...credentialProblems(resolved, ["api", "cors"], () => true));
  }
  const corsRoutes: IndexedRoute[] = [];
  const corsOf = (route: RouteInput) => resolveRouteCors(apiCors, route);
  (input.routes ?? []).forEach((route, index) => {
    const own: RouteCorsInput | undefined = route.cors;
    const internal = (route.api ?? "public") !== "public";
    if (own !== undefined && own !== false) {
      if (internal) {
        problems.push(
          `${at("routes", index, "cors")}: the internal API answers callers inside the VPC and has no CORS; api.cors and routes' cors are the public API's`,
        );
        return;
      }
      problems.push(...fieldProblems(own, ["routes", index, "cors"]));
      if (own.allowOrigins === undefined && apiCors === undefined) {
        problems.push(`${at("routes", index, "cors", "allowOrigins")}: is required, since gateway.api.cors is not set`);
      }
    }
    const cors = corsOf(route);
    if (!cors || pathSyntaxProblem(route.path) !== undefined) return;
    if (own !== undefined && own !== false) problems.push(...credentialProblems(cors, ["routes", index, "cors"], (field) => own[field] !== undefined));
    corsRoutes.push({ route, index, cors });
  });
  return [...problems, ...checkPreflights(input, corsRoutes), ...checkSeveralOrigins(corsRoutes), ...checkFunctions(corsOf, input)];
}

/** An imported operation cannot be the OPTIONS method the document answers a CORS path's preflight with. */
export function importedPreflightProblems(input: GatewayInput, operations: readonly string[], file: string): string[] {
  const corsShapes = new Map<string, RouteInput>();
  for (const route of input.routes ?? []) {
    if (pathSyntaxProblem(route.path) === undefined && resolveRouteCors(input.api?.cors, route)) corsShapes.set(resourceShape(route.path), route);
  }
  return operations.flatMap((operation) => {
    const [method, path] = operation.split(" ") as [string, string];
    const route = method === "OPTIONS" && pathSyntaxProblem(path) === undefined ? corsShapes.get(resourceShape(path)) : undefined;
    return route
      ? [
          `${at("api", "openApiFile")}: ${operation} in ${file} is the CORS preflight of ${describe(route)}, which the document answers itself; remove it, or give the path's routes cors: false`,
        ]
      : [];
  });
}

/** The CORS environment the program gives a function (for the size Lambda allows). */
export function functionCorsEnvironment(input: GatewayInput, functionKey: string): Record<string, string> {
  const route = (input.routes ?? []).find((r) => r.integration === undefined && r.function === functionKey && resolveRouteCors(input.api?.cors, r));
  return corsEnvironment(route && resolveRouteCors(input.api?.cors, route));
}
