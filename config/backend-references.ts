import { formatPath, formatValue } from "./format";
import { pathParameterNames } from "./route-paths";
import type { GatewayInput, RouteInput } from "./schema";

/** The check of a `backend` route's integration (the backends themselves: config/sections/backends.ts). */

const at = (...path: (string | number)[]) => formatPath(["gateway", ...path]);
const list = (names: Iterable<string>) => [...names].sort().join(", ") || "none";

/** The backend a `backend` route names, and the path it forwards to. */
export function checkBackendRoute(input: GatewayInput, route: RouteInput, index: number, i: { backend: string; path?: string | undefined }): string[] {
  const base = ["routes", index, "integration"];
  const backends = Object.keys(input.backends ?? {});
  const problems: string[] = [];
  if (!backends.includes(i.backend)) {
    problems.push(`${at(...base, "backend")}: ${formatValue(i.backend)} is not a backend in gateway.backends (defined: ${list(backends)})`);
  }
  if (i.path !== undefined) {
    const params = pathParameterNames(route.path);
    if (!/^\/[^\s]*$/.test(i.path)) problems.push(`${at(...base, "path")}: ${formatValue(i.path)} must start with "/"`);
    for (const [, name] of i.path.matchAll(/\{([^}]*)\}/g)) {
      if (!params.includes(name as string)) {
        problems.push(`${at(...base, "path")}: {${name}} is not a parameter of ${formatValue(route.path)} (parameters: ${list(params)})`);
      }
    }
  }
  return problems;
}
