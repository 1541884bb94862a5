import type { ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { restStages, settingsOf, shown, type RestStage } from "../lib/stack";

const FIX =
  "Set requireAuthorizationForCacheControl: true in the method settings (with any unauthorizedCacheControlHeaderStrategy: each keeps the cache), and grant execute-api:InvalidateCache only to the callers that may flush the cache.";

/** AWS, "Invalidate an API Gateway cache entry": the three strategies all ignore an unauthorized request's header. */
const STRATEGIES = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"];

function problems(values: ReturnType<typeof settingsOf>): string | undefined {
  const bad: string[] = [];
  if (values.requireAuthorizationForCacheControl !== true) {
    bad.push(`requireAuthorizationForCacheControl is ${shown(values.requireAuthorizationForCacheControl)}`);
  }
  if (values.unauthorizedCacheControlHeaderStrategy !== undefined && !STRATEGIES.includes(values.unauthorizedCacheControlHeaderStrategy)) {
    bad.push(`unauthorizedCacheControlHeaderStrategy is ${shown(values.unauthorizedCacheControlHeaderStrategy)}, not one of ${STRATEGIES.join(", ")}`);
  }
  return bad.length > 0 ? bad.join("; ") : undefined;
}

function checkStage(rest: RestStage, report: ReportViolation): void {
  for (const ms of rest.settings) {
    const values = settingsOf(ms);
    if (values.cachingEnabled !== true) continue;
    const bad = problems(values);
    if (bad) {
      report(
        `Method settings "${ms.props.methodPath}" of REST stage "${rest.name}" cache responses, but any client can invalidate the cache with "Cache-Control: max-age=0" (${bad}). ${FIX}`,
        ms.urn,
      );
    }
  }
  if (rest.stage.props.cacheClusterEnabled !== true) return;
  if (!rest.defaults) {
    report(
      `REST stage "${rest.name}" has a cache cluster but no "*/*" method settings, so nothing requires authorization to invalidate its cache. Add method settings on "*/*". ${FIX}`,
      rest.stage.urn,
    );
    return;
  }
  const bad = problems(settingsOf(rest.defaults));
  if (bad && settingsOf(rest.defaults).cachingEnabled !== true) {
    report(
      `REST stage "${rest.name}" has a cache cluster, but its "*/*" method settings let any client invalidate the cache (${bad}). ${FIX}`,
      rest.defaults.urn,
    );
  }
}

/**
 * API Gateway lets a client flush a cached entry by sending `Cache-Control: max-age=0`. Unless
 * invalidation requires authorization, anyone can empty the cache and send the full load to the
 * backend. Which answer an unauthorized request gets is a choice (403, or the cached answer): the rule
 * checks authorization, not the strategy. No peer pack checks this.
 */
export const cacheInvalidationRequiresAuthorization: StackValidationPolicy = {
  name: "cache-invalidation-requires-authorization",
  description: "Where a REST stage or method caches, invalidating the cache with Cache-Control: max-age=0 requires authorization.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (args, report) => {
    for (const rest of restStages(args.resources)) checkStage(rest, report);
  },
};
