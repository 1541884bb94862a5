import type { ResourceValidationPolicy } from "@pulumi/policy";
import { methodSettingsLabel, setting, strategyProblem } from "../lib/method-settings";
import { shown, TYPES } from "../lib/stack";
import { Pending, UNKNOWN } from "../lib/unknown";

export const CACHE_INVALIDATION_FIX =
  "Set requireAuthorizationForCacheControl: true in the method settings (with any unauthorizedCacheControlHeaderStrategy: each keeps the cache), and grant execute-api:InvalidateCache only to the callers that may flush the cache.";

/**
 * API Gateway lets a client flush a cached entry by sending `Cache-Control: max-age=0` ("Invalidate an
 * API Gateway cache entry", API Gateway developer guide). Unless invalidation requires authorization,
 * anyone can empty the cache and send the full load to the backend. What an unauthorized request gets
 * (403, or the cached answer) is a choice the rule leaves alone, as long as it is one AWS has.
 * A resource rule on every MethodSettings that caches, whether or not its stage is in the stack; a
 * stage whose cache cluster has no caching "*\/*" settings is checked by rest-stage-method-settings.
 * No peer pack checks this.
 */
export const cacheInvalidationRequiresAuthorization: ResourceValidationPolicy = {
  name: "cache-invalidation-requires-authorization",
  description: "Method settings that cache responses require authorization to invalidate the cache with Cache-Control: max-age=0.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: (args, report) => {
    if (args.type !== TYPES.methodSettings) return;
    const pending = new Pending();
    if (setting(args, "cachingEnabled", pending) === true) {
      const bad: string[] = [];
      const required = setting(args, "requireAuthorizationForCacheControl", pending);
      const strategy = setting(args, "unauthorizedCacheControlHeaderStrategy", pending);
      if (required !== true && required !== UNKNOWN) bad.push(`requireAuthorizationForCacheControl is ${shown(required)}`);
      const badStrategy = strategyProblem(strategy);
      if (badStrategy) bad.push(badStrategy);
      if (bad.length > 0) {
        report(
          `${methodSettingsLabel(args)} cache responses, but any client can invalidate the cache with "Cache-Control: max-age=0" (${bad.join("; ")}). ${CACHE_INVALIDATION_FIX}`,
        );
      }
    }
    pending.settle(`MethodSettings "${args.name}"`, "who may invalidate its cache");
  },
};
