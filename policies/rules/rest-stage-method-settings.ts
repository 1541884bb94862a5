import type { StackValidationPolicy } from "@pulumi/policy";
import { restStages, settingsOf, shown } from "../lib/stack";
import { strategyProblem } from "../lib/method-settings";
import { read, UNKNOWN } from "../lib/unknown";
import { EXECUTION_LOGGING_ROLE } from "./rest-execution-logging";

const CACHE_FIELDS = "requireAuthorizationForCacheControl: true (with any unauthorizedCacheControlHeaderStrategy) and cacheDataEncrypted: true";

/** `field is value` for each cache setting a stage with a cache cluster needs on "*\/*". */
function cacheProblems(values: ReturnType<typeof settingsOf>): string[] {
  const bad: string[] = [];
  const get = (key: keyof ReturnType<typeof settingsOf>) => read(() => (typeof values === "object" && values !== null ? values[key] : undefined));
  const required = get("requireAuthorizationForCacheControl");
  const strategy = get("unauthorizedCacheControlHeaderStrategy");
  const encrypted = get("cacheDataEncrypted");
  if (required !== true && required !== UNKNOWN) bad.push(`requireAuthorizationForCacheControl is ${shown(required)}`);
  const badStrategy = strategyProblem(strategy);
  if (badStrategy) bad.push(badStrategy);
  if (encrypted !== true && encrypted !== UNKNOWN) bad.push(`cacheDataEncrypted is ${shown(encrypted)}`);
  return bad;
}

/**
 * In Pulumi a REST stage's execution logging, throttling and cache behaviour live on separate
 * aws.apigateway.MethodSettings resources, so whether a stage has stage-wide ("*\/*") settings at all
 * is a question about two resources. They are joined through the property dependency of stageName
 * (or equal API id and stage name), which is known at the first preview, so this stack rule blocks at
 * preview. A stage with a cache cluster whose "*\/*" settings do not cache themselves still needs them
 * to require authorization to invalidate and to encrypt (caching "*\/*" settings are checked by the
 * resource rules cache-invalidation-requires-authorization and rest-cache-encryption).
 */
export const restStageMethodSettings: StackValidationPolicy = {
  name: "rest-stage-method-settings",
  description:
    'Every REST stage has "*/*" method settings (its stage-wide execution logging and throttling); a stage with a cache cluster has them require authorization to invalidate and encrypt cached data.',
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (args, report) => {
    for (const rest of restStages(args.resources)) {
      const cluster = read(() => rest.stage.props.cacheClusterEnabled) === true;
      if (!rest.defaults) {
        report(
          `REST stage "${rest.name}" has no "*/*" method settings, so it has no stage-wide execution logging or throttling${cluster ? ", and nothing requires authorization to invalidate or encryption of its cache cluster" : ""} (no aws.apigateway.MethodSettings on methodPath "*/*" targets it). Add one with settings.loggingLevel "ERROR" or "INFO" and throttlingRateLimit and throttlingBurstLimit above 0${cluster ? `, ${CACHE_FIELDS}` : ""}. ${EXECUTION_LOGGING_ROLE}`,
          rest.stage.urn,
        );
        continue;
      }
      if (!cluster) continue;
      const values = read(() => settingsOf(rest.defaults as NonNullable<typeof rest.defaults>));
      if (values === UNKNOWN || read(() => values?.cachingEnabled) === true) continue;
      const bad = cacheProblems(values);
      if (bad.length === 0) continue;
      report(
        `REST stage "${rest.name}" has a cache cluster, but its "*/*" method settings let any client invalidate the cache or leave cached data unencrypted (${bad.join("; ")}). Set ${CACHE_FIELDS} in its "*/*" method settings, and grant execute-api:InvalidateCache only to the callers that may flush the cache.`,
        rest.defaults.urn,
      );
    }
  },
};
