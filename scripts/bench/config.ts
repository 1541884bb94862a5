import type { HttpMethod } from "../../config";
import type { GatewayInput } from "../../config/schema";

/** One route template; route k of a bench config uses template k % BENCH_ROUTE_TEMPLATES.length. */
export interface BenchRouteTemplate {
  readonly method: HttpMethod;
  readonly function: string;
  /** Whether the path ends in `/{id}`. */
  readonly withId: boolean;
}

export type BenchFunctions = NonNullable<GatewayInput["functions"]>;

/** A fixed set of existing handlers, a fresh object each call: adding routes never adds functions. */
export const benchFunctions = (): BenchFunctions => ({
  hello: {
    entry: "hello/index",
    aliases: { DEV: { version: "$LATEST" }, TEST: { version: "current" } },
  },
  itemsCreate: { entry: "items/create", tables: { items: "readwrite" } },
  itemsGet: { entry: "items/get", tables: { items: "read" } },
  itemsUpdate: { entry: "items/update", tables: { items: "readwrite" } },
  itemsDelete: { entry: "items/delete", tables: { items: "readwrite" } },
});

export const BENCH_ROUTE_TEMPLATES: readonly BenchRouteTemplate[] = [
  { method: "GET", function: "hello", withId: false },
  { method: "POST", function: "itemsCreate", withId: false },
  { method: "GET", function: "itemsGet", withId: true },
  { method: "PATCH", function: "itemsUpdate", withId: true },
  { method: "DELETE", function: "itemsDelete", withId: true },
];

export const MAX_BENCH_ROUTES = 9999;

/**
 * A valid raw `gateway` config with `routeCount` routes: `/r0001`, `/r0002`, `/r0003/{id}`, ...
 * spread over the five functions of benchFunctions(). Routes to `hello` reach the alias each stage
 * names through the `lambdaAlias` stage variable.
 */
export function benchConfig(routeCount: number): GatewayInput {
  if (!Number.isInteger(routeCount) || routeCount < 0 || routeCount > MAX_BENCH_ROUTES) {
    throw new RangeError(`routeCount must be an integer from 0 to ${MAX_BENCH_ROUTES}, got ${routeCount}`);
  }
  const routes = Array.from({ length: routeCount }, (_, k) => {
    const t = BENCH_ROUTE_TEMPLATES[k % BENCH_ROUTE_TEMPLATES.length] as BenchRouteTemplate;
    const path = `/r${String(k + 1).padStart(4, "0")}${t.withId ? "/{id}" : ""}`;
    return {
      method: t.method,
      path,
      function: t.function,
      authorization: k % 2 === 0 ? ("none" as const) : ("iam" as const),
      ...(t.function === "hello" ? { aliasVariable: "lambdaAlias" } : {}),
      summary: `Bench route ${k + 1}`,
    };
  });
  return {
    environment: "dev",
    owner: "bench",
    api: { description: `Benchmark API with ${routeCount} routes` },
    tables: { items: {} },
    functions: benchFunctions(),
    routes,
    stages: {
      dev: { variables: { lambdaAlias: "DEV" } },
      test: { variables: { lambdaAlias: "TEST" } },
    },
  };
}
