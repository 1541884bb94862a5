import { parseStackConfig } from "../../config";
import { BENCH_ROUTE_TEMPLATES, benchConfig, benchFunctions } from "../../scripts/bench/config";

const ctx = { project: "microservice-gateway", stack: "dev" };

describe("benchConfig", () => {
  it.each([0, 1, 10, 100, 500])("yields exactly %i unique routes that parseStackConfig accepts", (n) => {
    const raw = benchConfig(n);
    const routes = raw.routes ?? [];
    expect(routes).toHaveLength(n);
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`)).size).toBe(n);
    const cfg = parseStackConfig(ctx, raw);
    expect(cfg.routes).toHaveLength(n);
    expect(Object.keys(cfg.functions)).toEqual(["hello", "itemsCreate", "itemsGet", "itemsUpdate", "itemsDelete"]);
  });

  it("spreads routes over the fixed functions with distinct literal paths", () => {
    const routes = benchConfig(500).routes ?? [];
    expect(routes.slice(0, 6)).toEqual([
      { method: "GET", path: "/r0001", function: "hello", authorization: "none", aliasVariable: "lambdaAlias", summary: "Bench route 1" },
      { method: "POST", path: "/r0002", function: "itemsCreate", authorization: "iam", summary: "Bench route 2" },
      { method: "GET", path: "/r0003/{id}", function: "itemsGet", authorization: "none", summary: "Bench route 3" },
      { method: "PATCH", path: "/r0004/{id}", function: "itemsUpdate", authorization: "iam", summary: "Bench route 4" },
      { method: "DELETE", path: "/r0005/{id}", function: "itemsDelete", authorization: "none", summary: "Bench route 5" },
      { method: "GET", path: "/r0006", function: "hello", authorization: "iam", aliasVariable: "lambdaAlias", summary: "Bench route 6" },
    ]);
    expect(routes[499]).toEqual({ method: "DELETE", path: "/r0500/{id}", function: "itemsDelete", authorization: "iam", summary: "Bench route 500" });
    const perFunction: Record<string, number> = {};
    for (const r of routes) perFunction[r.function!] = (perFunction[r.function!] ?? 0) + 1;
    expect(perFunction).toEqual({ hello: 100, itemsCreate: 100, itemsGet: 100, itemsUpdate: 100, itemsDelete: 100 });
    expect(new Set(routes.map((r) => r.method))).toEqual(new Set(BENCH_ROUTE_TEMPLATES.map((t) => t.method)));
  });

  it("uses existing handler entries, with the stages the stage-variable routes need", () => {
    const raw = benchConfig(10);
    expect(Object.values(benchFunctions()).map((f) => f.entry)).toEqual(["hello/index", "items/create", "items/get", "items/update", "items/delete"]);
    expect(raw.stages).toEqual({ dev: { variables: { lambdaAlias: "DEV" } }, test: { variables: { lambdaAlias: "TEST" } } });
    expect(parseStackConfig(ctx, raw).routes[0]?.integration).toEqual({
      type: "lambda_proxy",
      function: "hello",
      target: { kind: "stageVariable", variable: "lambdaAlias" },
    });
  });

  it("returns a fresh config each call, so parsing one never freezes another", () => {
    const a = benchConfig(5);
    parseStackConfig(ctx, a);
    expect(Object.isFrozen(benchConfig(5).functions?.hello?.aliases)).toBe(false);
  });

  it.each([-1, 1.5, 10000, Number.NaN])("rejects %p routes", (n) => {
    expect(() => benchConfig(n)).toThrow(`routeCount must be an integer from 0 to 9999, got ${n}`);
  });
});
