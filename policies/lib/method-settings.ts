/** Reading one aws.apigateway.MethodSettings resource from its own inputs, for the resource rules. */
import { isObject } from "./api-openapi";
import { Pending, read, UNKNOWN, type Unknown } from "./unknown";

/** A MethodSettings as a resource rule sees it: its Pulumi name and inputs. */
export interface MethodSettingsInputs {
  readonly name: string;
  readonly props: Record<string, unknown>;
}

/** `Method settings "<methodPath>" of REST stage "<stageName>"`, from what is known. */
export function methodSettingsLabel(ms: MethodSettingsInputs): string {
  const path = read(() => ms.props.methodPath);
  const stage = read(() => ms.props.stageName);
  return `Method settings "${typeof path === "string" ? path : ms.name}"${typeof stage === "string" && stage !== "" ? ` of REST stage "${stage}"` : ""}`;
}

export const isStageWide = (ms: MethodSettingsInputs): boolean => read(() => ms.props.methodPath) === "*/*";

/** One field of `settings`, remembering it in `pending` when it is unknown; undefined when settings is not an object. */
export function setting(ms: MethodSettingsInputs, key: string, pending: Pending): unknown | Unknown {
  const settings = pending.read("settings", () => ms.props.settings);
  if (settings === UNKNOWN) return UNKNOWN;
  if (!isObject(settings)) return undefined;
  return pending.read(`settings.${key}`, () => settings[key]);
}

/**
 * What API Gateway does with an unauthorized `Cache-Control: max-age=0` once invalidation requires
 * authorization; each keeps the cache (AWS, "Invalidate an API Gateway cache entry"), so any is safe.
 */
export const CACHE_CONTROL_STRATEGIES = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"] as const;

/** `unauthorizedCacheControlHeaderStrategy is "X", not one of …` for a value API Gateway does not have. */
export function strategyProblem(strategy: unknown): string | undefined {
  if (strategy === undefined || strategy === UNKNOWN || (CACHE_CONTROL_STRATEGIES as readonly unknown[]).includes(strategy)) return undefined;
  return `unauthorizedCacheControlHeaderStrategy is ${JSON.stringify(strategy)}, not one of ${CACHE_CONTROL_STRATEGIES.join(", ")}`;
}
