import type { HttpMethod, UsagePlanConfig } from "../../config";

export interface UsagePlanThrottle {
  readonly path: string;
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** A usage plan names a method as `/resource/path/METHOD`. */
export function usagePlanMethodPath(method: HttpMethod, path: string): string {
  return `${path === "/" ? "" : path}/${method === "ANY" ? "*" : method}`;
}

/** The plan's per-method throttles, from `METHOD /path` keys, in a stable order. */
export function usagePlanThrottles(plan: UsagePlanConfig): UsagePlanThrottle[] {
  return Object.entries(plan.methodThrottles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, limits]) => {
      const [method, path] = route.split(" ") as [HttpMethod, string];
      return { path: usagePlanMethodPath(method, path), rateLimit: limits.rateLimit, burstLimit: limits.burstLimit };
    });
}
