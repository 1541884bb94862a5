import { DEFAULT_MAX_RESOURCES_PER_REST_API } from "./aws-limits";
import { API_KINDS, type ApiKind } from "./constants";
import { formatPath } from "./format";
import { importedOperations } from "./openapi-import";
import { pathSegments, resourceShape } from "./route-paths";
import type { StackConfig, StageThrottling } from "./types";

/**
 * Settings AWS accepts whose result surprises: reported as warnings (the program logs them with
 * `pulumi.log.warn`, the offline preview lists them), never as errors.
 */

const at = (...path: (string | number)[]) => formatPath(["gateway", ...path]);

/**
 * API Gateway throttles with a token bucket whose size is the burst ("Throttle requests to your REST
 * APIs for better throughput in API Gateway"): a burst below the rate caps how many requests pass at once.
 */
function burstBelowRate(throttling: StageThrottling | undefined, where: string): string[] {
  if (!throttling || throttling.burstLimit >= throttling.rateLimit) return [];
  const { rateLimit: rate, burstLimit: burst } = throttling;
  return [
    `${where}: burstLimit ${burst} is below rateLimit ${rate}; the burst is the size of API Gateway's token bucket, so at most ${burst} requests pass at once and ${rate} per second is reached only by evenly spaced requests (set burstLimit to at least ${rate})`,
  ];
}

function throttlingWarnings(cfg: StackConfig): string[] {
  return [
    ...Object.values(cfg.stages).flatMap((s) => burstBelowRate(s.throttling, at("stages", s.name, "throttling"))),
    ...cfg.routes.flatMap((r, i) => burstBelowRate(r.throttling, at("routes", i, "throttling"))),
    ...Object.values(cfg.usagePlans).flatMap((p) => [
      ...burstBelowRate(p.throttle, at("usagePlans", p.name, "throttle")),
      ...Object.entries(p.methodThrottles).flatMap(([route, t]) => burstBelowRate(t, at("usagePlans", p.name, "methodThrottles", route))),
    ]),
    ...(cfg.httpApi ? burstBelowRate(cfg.httpApi.throttling, at("httpApi", "throttling")) : []),
  ];
}

/** A REST integration gives up after its timeout (at most 29 s by default); the function may run on. */
function timeoutWarnings(cfg: StackConfig): string[] {
  return cfg.routes.flatMap((route, i) => {
    const integration = route.integration;
    if (integration.type !== "lambda_proxy" && integration.type !== "lambda") return [];
    const fn = cfg.functions[integration.function];
    if (!fn || fn.timeoutSeconds * 1000 <= route.timeoutMs) return [];
    return [
      `${at("functions", fn.key, "timeoutSeconds")}: ${fn.timeoutSeconds} s is longer than the ${route.timeoutMs} ms integration timeout of ${route.method} ${route.path} (${at("routes", i)}); API Gateway answers 504 after ${route.timeoutMs / 1000} s while the function may run on, and be billed, for up to ${fn.timeoutSeconds} s`,
    ];
  });
}

/** The resources of a REST API: every distinct path and each of its parents, and the root `/`. */
export function restApiResourceCount(paths: Iterable<string>): number {
  const resources = new Set<string>(["/"]);
  for (const path of paths) {
    const shape = resourceShape(path).slice(1).split("/");
    for (let depth = 1; depth <= pathSegments(path).length; depth++) resources.add(`/${shape.slice(0, depth).join("/")}`);
  }
  return resources.size;
}

/** "Resources per API: 300" by default ("Quotas for configuring and running a REST API in API Gateway"). */
function resourceQuotaWarnings(cfg: StackConfig): string[] {
  const pathsOf = (api: ApiKind): string[] => [
    ...cfg.routes.filter((r) => r.api === api).map((r) => r.path),
    ...(api === "public" && cfg.api.imported ? importedOperations(cfg.api.imported).map((op) => op.slice(op.indexOf(" ") + 1)) : []),
  ];
  return API_KINDS.flatMap((api) => {
    const count = restApiResourceCount(pathsOf(api));
    if (count <= DEFAULT_MAX_RESOURCES_PER_REST_API) return [];
    return [
      `${at("routes")}: the ${api} REST API would have ${count} resources (each distinct path, its parent paths and the root /); API Gateway's default quota is ${DEFAULT_MAX_RESOURCES_PER_REST_API} resources per REST API, so request an increase (Service Quotas) before deploying`,
    ];
  });
}

/**
 * An HTTP API with CORS answers a browser's preflight itself only when no route takes the OPTIONS
 * request; an ANY route takes it, and an authorizer refuses it (a preflight carries no credentials), so
 * the browser refuses the call. AWS, "Configuring CORS for an HTTP API": "To support unauthorized
 * OPTIONS requests, add an OPTIONS /{proxy+} route to your API that doesn't require authorization and
 * attach an integration to the route" (an OPTIONS route of the same path comes first).
 */
function corsPreflightWarnings(cfg: StackConfig): string[] {
  const http = cfg.httpApi;
  if (http?.cors === undefined) return [];
  return http.routes.flatMap((route, i) => {
    if (route.method !== "ANY" || route.authorization === "none") return [];
    if (http.routes.some((r) => r.method === "OPTIONS" && r.path === route.path && r.authorization === "none")) return [];
    return [
      `${at("httpApi", "routes", i)}: ANY ${route.path} requires authorization (${route.authorization}) on an HTTP API with CORS: a browser's preflight (OPTIONS, sent without credentials) reaches this route and its authorizer refuses it, so browsers refuse the call; add a route { method: OPTIONS, path: "${route.path}", authorization: none } with an integration`,
    ];
  });
}

/** Every warning for a valid configuration, in a stable order. */
export function configWarnings(cfg: StackConfig): string[] {
  return [...throttlingWarnings(cfg), ...timeoutWarnings(cfg), ...resourceQuotaWarnings(cfg), ...corsPreflightWarnings(cfg)];
}
