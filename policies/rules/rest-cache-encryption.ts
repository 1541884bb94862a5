import type { ResourceValidationPolicy } from "@pulumi/policy";
import { methodSettingsLabel, setting } from "../lib/method-settings";
import { shown, TYPES } from "../lib/stack";
import { Pending, UNKNOWN } from "../lib/unknown";

export const CACHE_ENCRYPTION_FIX = 'Set cacheDataEncrypted: true in the method settings of every method that caches (and in the stage-wide "*/*" settings).';

/**
 * A REST stage's cache holds whole responses. API Gateway encrypts them at rest only when the method
 * settings say so, per method (MethodSetting.cacheDataEncrypted, API Gateway API reference), so
 * every MethodSettings that caches sets it, whether or not its stage is in the stack. A stage whose
 * cache cluster has no caching "*\/*" settings is checked by rest-stage-method-settings.
 */
export const restCacheEncryption: ResourceValidationPolicy = {
  name: "rest-cache-encryption",
  description: "REST API method settings that cache responses encrypt the cached data (cacheDataEncrypted: true).",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: (args, report) => {
    if (args.type !== TYPES.methodSettings) return;
    const pending = new Pending();
    if (setting(args, "cachingEnabled", pending) === true) {
      const encrypted = setting(args, "cacheDataEncrypted", pending);
      if (encrypted !== true && encrypted !== UNKNOWN) {
        report(`${methodSettingsLabel(args)} cache responses unencrypted at rest (cacheDataEncrypted is ${shown(encrypted)}). ${CACHE_ENCRYPTION_FIX}`);
      }
    }
    pending.settle(`MethodSettings "${args.name}"`, "whether its cache is encrypted");
  },
};
