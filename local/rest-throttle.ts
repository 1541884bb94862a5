/**
 * Throttling and quotas of a REST API, as API Gateway applies them: token buckets (capacity the burst
 * limit, refilled at the rate limit per second, full at start) and usage plan quotas. Pure; the clock is
 * the caller's (`now`, epoch ms). In API Gateway's order:
 *
 * 1. the usage plan of the request's API key on this stage: its quota (per key, per period), its
 *    per-method throttle (`/path/METHOD`, per key) and its plan-wide throttle (per key; a per-method
 *    throttle does not lift it);
 * 2. the stage's method throttling: the method's own MethodSettings entry (`~1path/METHOD`), else the
 *    stage-wide `*\/*` entry, each applied to every method separately (one bucket per method);
 * 3. account- and Region-level limits: ignored here.
 *
 * A request passes only if every applicable bucket has a token and the quota is not used up; only then
 * is a token taken from each and the request counted against the quota. Both refusals are 429
 * (gateway responses THROTTLED and QUOTA_EXCEEDED). Pass `apiKey` only for methods that require one:
 * API Gateway applies usage plans to those only. A key that is in no plan of the stage (or disabled)
 * gets no plan limits here; `planOf` tells the caller so, to answer 403 (INVALID_API_KEY) as API
 * Gateway does.
 */
import { DEFAULT_MOCK_ENVIRONMENT, mockResourceState } from "../preview/mock-state";
import { encodeMethodPath, METHOD_SETTINGS_TYPE, STAGE_TYPE, stageRestApiId, type CapturedResource } from "./rest-cache";

export const USAGE_PLAN_TYPE = "aws:apigateway/usagePlan:UsagePlan";
export const USAGE_PLAN_KEY_TYPE = "aws:apigateway/usagePlanKey:UsagePlanKey";
export const API_KEY_TYPE = "aws:apigateway/apiKey:ApiKey";

/** API Gateway's default answers to a refused request. */
export const THROTTLE_RESPONSES = {
  THROTTLED: { statusCode: 429, message: "Too Many Requests" },
  QUOTA_EXCEEDED: { statusCode: 429, message: "Limit Exceeded" },
} as const;

/** A token bucket; a negative value (MethodSettings' -1) means no limit. */
export interface RateLimits {
  /** Tokens added per second. */
  readonly rateLimit: number;
  /** The bucket's capacity. */
  readonly burstLimit: number;
}

export type QuotaPeriod = "DAY" | "WEEK" | "MONTH";

export interface QuotaSettings {
  readonly limit: number;
  readonly period: QuotaPeriod;
  /** Days after the period's natural start: WEEK 0 = Sunday .. 6; MONTH 0 = the 1st .. 27; DAY 0. */
  readonly offset: number;
}

export interface UsagePlanLimits {
  readonly throttle: RateLimits | undefined;
  readonly quota: QuotaSettings | undefined;
  /** Per-method throttles keyed as `apiStages[].throttles[].path`: `/items/GET`, `/GET` (root), `/docs/*` (ANY). */
  readonly methods: Readonly<Record<string, RateLimits>>;
}

export interface StageThrottleSettings {
  /** `*\/*` throttling, applied to each method that has no entry of its own; undefined: no limit. */
  readonly defaults: RateLimits | undefined;
  /** Methods' own throttling by MethodSettings path (`~1items/GET`). */
  readonly methods: Readonly<Record<string, RateLimits>>;
  /** Usage plans covering this stage, by plan name. */
  readonly plans: Readonly<Record<string, UsagePlanLimits>>;
  /** API key value → the name of its plan on this stage. */
  readonly keys: Readonly<Record<string, string>>;
}

export interface ThrottleSettings {
  readonly stages: Readonly<Record<string, StageThrottleSettings>>;
}

export interface ThrottleRequest {
  readonly stage: string;
  /** The request's HTTP method. */
  readonly method: string;
  /** The matched resource, e.g. `/items/{id}`. */
  readonly resourcePath: string;
  /** The `x-api-key` value, for methods that require an API key. */
  readonly apiKey?: string;
  /** Epoch milliseconds. @default Date.now() */
  readonly now?: number;
}

export type ThrottleDecision = { readonly allowed: true } | { readonly allowed: false; readonly type: "THROTTLED" | "QUOTA_EXCEEDED" };

export interface QuotaUsage {
  readonly plan: string;
  readonly limit: number;
  readonly used: number;
  readonly remaining: number;
  /** The current period, epoch ms: [start, end). */
  readonly start: number;
  readonly end: number;
}

export interface Throttler {
  take(request: ThrottleRequest): ThrottleDecision;
  /** The plan an API key uses on a stage, or undefined (API Gateway answers 403 to such a key). */
  planOf(stage: string, apiKey: string): string | undefined;
  /** The key's quota in the current period, or undefined when its plan has none. */
  quota(stage: string, apiKey: string, now?: number): QuotaUsage | undefined;
}

const DAY_MS = 86_400_000;

/** The quota period containing `now`, in UTC: [start, end) in epoch ms. */
export function quotaWindow(period: QuotaPeriod, offset: number, now: number): { readonly start: number; readonly end: number } {
  const date = new Date(now);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  const today = Date.UTC(y, m, d);
  switch (period) {
    case "DAY":
      return { start: today, end: today + DAY_MS };
    case "WEEK": {
      const start = today - ((date.getUTCDay() - offset + 7) % 7) * DAY_MS;
      return { start, end: start + 7 * DAY_MS };
    }
    case "MONTH": {
      const day = offset + 1;
      const month = d >= day ? m : m - 1;
      return { start: Date.UTC(y, month, day), end: Date.UTC(y, month + 1, day) };
    }
  }
}

/** A usage plan's name for a request path: `/items/{id}` GET → `/items/{id}/GET`; `/` → `/GET`. */
export function usagePlanPath(resourcePath: string, method: string): string {
  return `${resourcePath === "/" ? "" : resourcePath}/${method.toUpperCase()}`;
}

const limited = (limits: RateLimits | undefined): limits is RateLimits => limits !== undefined && limits.rateLimit >= 0 && limits.burstLimit >= 0;

export function createThrottler(settings: ThrottleSettings): Throttler {
  const buckets = new Map<string, { tokens: number; updated: number }>();
  const quotas = new Map<string, { start: number; used: number }>();

  /** The bucket's tokens at `now` (created full), refilled at the rate since its last update. */
  const level = (id: string, limits: RateLimits, now: number) => {
    let bucket = buckets.get(id);
    if (!bucket) {
      bucket = { tokens: limits.burstLimit, updated: now };
      buckets.set(id, bucket);
    } else if (now > bucket.updated) {
      bucket.tokens = Math.min(limits.burstLimit, bucket.tokens + ((now - bucket.updated) / 1000) * limits.rateLimit);
      bucket.updated = now;
    }
    return bucket;
  };

  const planOf = (stage: string, apiKey: string): string | undefined => {
    const s = settings.stages[stage];
    const plan = s && Object.prototype.hasOwnProperty.call(s.keys, apiKey) ? s.keys[apiKey] : undefined;
    return plan !== undefined && s?.plans[plan] ? plan : undefined;
  };

  const usage = (planName: string, quota: QuotaSettings, apiKey: string, now: number) => {
    const window = quotaWindow(quota.period, quota.offset, now);
    const id = `${planName}\u0000${apiKey}`;
    let state = quotas.get(id);
    if (!state || state.start !== window.start) {
      state = { start: window.start, used: 0 };
      quotas.set(id, state);
    }
    return { state, window };
  };

  return {
    take(request) {
      const now = request.now ?? Date.now();
      const stage = settings.stages[request.stage];
      if (!stage) return { allowed: true };
      const method = request.method.toUpperCase();
      const applicable: { id: string; limits: RateLimits }[] = [];
      let quota: { used: number } | undefined;
      let quotaLimit = 0;

      const planName = request.apiKey !== undefined ? planOf(request.stage, request.apiKey) : undefined;
      if (planName !== undefined && request.apiKey !== undefined) {
        const plan = stage.plans[planName] as UsagePlanLimits;
        const key = request.apiKey;
        if (plan.quota) {
          quota = usage(planName, plan.quota, key, now).state;
          quotaLimit = plan.quota.limit;
        }
        const ownPath = [usagePlanPath(request.resourcePath, method), usagePlanPath(request.resourcePath, "*")].find((p) => plan.methods[p] !== undefined);
        const own = ownPath !== undefined ? plan.methods[ownPath] : undefined;
        if (limited(own)) applicable.push({ id: `plan-method\u0000${planName}\u0000${key}\u0000${request.stage}\u0000${ownPath}`, limits: own });
        if (limited(plan.throttle)) applicable.push({ id: `plan\u0000${planName}\u0000${key}`, limits: plan.throttle });
      }

      const base = encodeMethodPath(request.resourcePath);
      const ownStage = [`${base}/${method}`, `${base}/ANY`, `${base}/*`].map((p) => stage.methods[p]).find((l) => l !== undefined);
      const stageLimits = ownStage ?? stage.defaults;
      if (limited(stageLimits)) applicable.push({ id: `stage\u0000${request.stage}\u0000${method} ${request.resourcePath}`, limits: stageLimits });

      if (quota && quota.used >= quotaLimit) return { allowed: false, type: "QUOTA_EXCEEDED" };
      const levels = applicable.map(({ id, limits }) => level(id, limits, now));
      if (levels.some((bucket) => bucket.tokens < 1)) return { allowed: false, type: "THROTTLED" };
      for (const bucket of levels) bucket.tokens -= 1;
      if (quota) quota.used += 1;
      return { allowed: true };
    },
    planOf,
    quota(stageName, apiKey, now = Date.now()) {
      const plan = planOf(stageName, apiKey);
      const quota = plan !== undefined ? settings.stages[stageName]?.plans[plan]?.quota : undefined;
      if (plan === undefined || quota === undefined) return undefined;
      const { state, window } = usage(plan, quota, apiKey, now);
      return { plan, limit: quota.limit, used: state.used, remaining: Math.max(0, quota.limit - state.used), start: window.start, end: window.end };
    },
  };
}

const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

function limitsOf(rate: unknown, burst: unknown): RateLimits | undefined {
  const rateLimit = num(rate);
  const burstLimit = num(burst);
  return rateLimit !== undefined && burstLimit !== undefined ? { rateLimit, burstLimit } : undefined;
}

/** A MethodSettings `settings` input's throttling, each field falling back to the stage-wide entry's. */
function methodLimits(own: Readonly<Record<string, unknown>>, stageWide: Readonly<Record<string, unknown>>): RateLimits | undefined {
  return limitsOf(own.throttlingRateLimit ?? stageWide.throttlingRateLimit, own.throttlingBurstLimit ?? stageWide.throttlingBurstLimit);
}

const mockedId = (r: CapturedResource) => mockResourceState(r.type, r.name, { ...r.inputs }, DEFAULT_MOCK_ENVIRONMENT).id;

/** An ApiKey resource's name, as `keyValues` (and `TwinModel.apiKeys`) name it: its `name` input, else its resource name. */
const keyNameOf = (r: CapturedResource): string => (typeof r.inputs.name === "string" ? r.inputs.name : r.name);

/**
 * The throttle settings of one stage from the captured resources: its MethodSettings (`*\/*` and
 * per-method throttling), the UsagePlans with an `apiStages` entry for it (throttle, quota, per-method
 * `throttles`), and their UsagePlanKeys' enabled ApiKeys, each under its value from `keyValues`
 * (by the key's name in API Gateway, its `name` input, e.g. `gw-dev-acme` → value, as `TwinModel.apiKeys`
 * has them; never by a part of a name) or its own `value` input.
 * `options.restApi` (id, resource name or `name`) picks the API when several have a stage of that name.
 */
export function settingsFromResources(
  resources: readonly CapturedResource[],
  stageName: string,
  keyValues: Readonly<Record<string, string>> = {},
  options: { readonly restApi?: string } = {},
): ThrottleSettings {
  const restApiId = stageRestApiId(resources, stageName, options.restApi);
  const sameApi = (value: unknown) => restApiId === undefined || value === undefined || value === restApiId;
  const stageResource = resources.find((r) => r.type === STAGE_TYPE && r.inputs.stageName === stageName && sameApi(r.inputs.restApi));
  if (!stageResource) throw new Error(`no REST stage named ${stageName}${restApiId ? ` on API ${restApiId}` : ""} among the captured resources`);

  const entries = new Map<string, Readonly<Record<string, unknown>>>();
  for (const r of resources) {
    if (r.type !== METHOD_SETTINGS_TYPE || r.inputs.stageName !== stageName || !sameApi(r.inputs.restApi)) continue;
    if (typeof r.inputs.methodPath === "string" && typeof r.inputs.settings === "object" && r.inputs.settings !== null) {
      entries.set(r.inputs.methodPath, r.inputs.settings as Record<string, unknown>);
    }
  }
  const stageWide = entries.get("*/*") ?? {};
  const methods: Record<string, RateLimits> = {};
  for (const [path, own] of entries) {
    if (path === "*/*") continue;
    const limits = methodLimits(own, stageWide);
    // An entry without any limit (and none stage-wide) is unthrottled: -1 stands for "no limit".
    methods[path] = limits ?? { rateLimit: -1, burstLimit: -1 };
  }

  const plans: Record<string, UsagePlanLimits> = {};
  const planNames = new Map<string, string>();
  for (const r of resources) {
    if (r.type !== USAGE_PLAN_TYPE) continue;
    const apiStages = Array.isArray(r.inputs.apiStages) ? (r.inputs.apiStages as Record<string, unknown>[]) : [];
    const apiStage = apiStages.find((s) => s.stage === stageName && sameApi(s.apiId));
    if (!apiStage) continue;
    const name = typeof r.inputs.name === "string" ? r.inputs.name : r.name;
    const throttle = r.inputs.throttleSettings as Record<string, unknown> | undefined;
    const quota = r.inputs.quotaSettings as Record<string, unknown> | undefined;
    const planMethods: Record<string, RateLimits> = {};
    for (const t of Array.isArray(apiStage.throttles) ? (apiStage.throttles as Record<string, unknown>[]) : []) {
      const limits = limitsOf(t.rateLimit, t.burstLimit);
      if (typeof t.path === "string" && limits) planMethods[t.path] = limits;
    }
    plans[name] = {
      throttle: throttle ? limitsOf(throttle.rateLimit, throttle.burstLimit) : undefined,
      quota:
        quota && num(quota.limit) !== undefined && typeof quota.period === "string"
          ? { limit: quota.limit as number, period: quota.period as QuotaPeriod, offset: num(quota.offset) ?? 0 }
          : undefined,
      methods: planMethods,
    };
    planNames.set(mockedId(r), name);
    planNames.set(r.name, name);
  }

  const apiKeys = new Map<string, CapturedResource>();
  for (const r of resources) {
    if (r.type !== API_KEY_TYPE) continue;
    apiKeys.set(mockedId(r), r);
    apiKeys.set(r.name, r);
  }
  const keys: Record<string, string> = {};
  for (const r of resources) {
    if (r.type !== USAGE_PLAN_KEY_TYPE || (r.inputs.keyType !== undefined && r.inputs.keyType !== "API_KEY")) continue;
    const plan = planNames.get(String(r.inputs.usagePlanId));
    const apiKey = apiKeys.get(String(r.inputs.keyId));
    if (plan === undefined || apiKey === undefined || apiKey.inputs.enabled === false) continue;
    const keyName = keyNameOf(apiKey);
    const value = Object.hasOwn(keyValues, keyName) ? keyValues[keyName] : typeof apiKey.inputs.value === "string" ? apiKey.inputs.value : undefined;
    if (value === undefined) continue;
    const previous = keys[value];
    if (previous !== undefined && previous !== plan) {
      throw new Error(`API key ${keyName} is in usage plans ${previous} and ${plan}, both on stage ${stageName}: API Gateway allows one`);
    }
    keys[value] = plan;
  }

  return { stages: { [stageName]: { defaults: limitsOf(stageWide.throttlingRateLimit, stageWide.throttlingBurstLimit), methods, plans, keys } } };
}
