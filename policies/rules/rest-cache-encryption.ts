import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { ofType, restStages, settingsOf, shown, TYPES } from "../lib/stack";

const FIX = "Set cacheDataEncrypted: true in the method settings of every method that caches (and in the stage-wide \"*/*\" settings).";

/** The stage a MethodSettings resource belongs to, as its messages name it. */
function stageNameOf(ms: PolicyResource, stages: ReturnType<typeof restStages>): string {
  const joined = stages.find((s) => s.settings.includes(ms));
  return joined ? joined.name : String(ms.props.stageName);
}

function checkStack(resources: readonly PolicyResource[], report: ReportViolation): void {
  const stages = restStages(resources);
  // Every MethodSettings, whether or not its stage is in this stack.
  for (const ms of ofType(resources, TYPES.methodSettings)) {
    const values = settingsOf(ms);
    if (values.cachingEnabled !== true || values.cacheDataEncrypted === true) continue;
    report(
      `Method settings "${ms.props.methodPath}" of REST stage "${stageNameOf(ms, stages)}" cache responses unencrypted at rest (cacheDataEncrypted is ${shown(values.cacheDataEncrypted)}). ${FIX}`,
      ms.urn,
    );
  }
  for (const rest of stages) {
    if (rest.stage.props.cacheClusterEnabled !== true) continue;
    if (!rest.defaults) {
      report(
        `REST stage "${rest.name}" has a cache cluster but no "*/*" method settings, so nothing requires its cache to be encrypted (cacheDataEncrypted is unset). Add method settings on "*/*" with cacheDataEncrypted: true.`,
        rest.stage.urn,
      );
      continue;
    }
    const values = settingsOf(rest.defaults);
    // A caching "*/*" that is unencrypted was reported above.
    if (values.cachingEnabled === true || values.cacheDataEncrypted === true) continue;
    report(
      `REST stage "${rest.name}" has a cache cluster, but its "*/*" method settings do not encrypt cached data (cacheDataEncrypted is ${shown(values.cacheDataEncrypted)}). ${FIX}`,
      rest.defaults.urn,
    );
  }
}

/**
 * A REST stage's cache holds whole responses. API Gateway encrypts them at rest only when the method
 * settings say so, per method, so every caching method and the stage-wide settings of a stage with a
 * cache cluster must set `cacheDataEncrypted`.
 */
export const restCacheEncryption: StackValidationPolicy = {
  name: "rest-cache-encryption",
  description: "REST API method settings that cache responses encrypt the cached data, and a stage with a cache cluster encrypts it in its \"*/*\" method settings.",
  enforcementLevel: "mandatory",
  severity: "high",
  validateStack: (args, report) => checkStack(args.resources, report),
};
