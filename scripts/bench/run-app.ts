/**
 * One evaluation of the program under Pulumi mocks, in a fresh process (Pulumi's runtime state is
 * global): `node -r ./scripts/register-typescript.cjs scripts/bench/run-app.ts <routes>`. Prints one RESULT_PREFIX line.
 */
import { performance } from "perf_hooks";
import { benchConfig } from "./config";
import { RESULT_PREFIX, type AppRunResult } from "./types";

const CONTEXT = { project: "microservice-gateway", stack: "dev" } as const;

async function main(): Promise<void> {
  const startupMs = performance.now();
  const routes = Number(process.argv[2]);
  const raw = benchConfig(routes);

  let t = performance.now();
  const { installMocks } = await import("../../preview/mocks");
  const recorder = await installMocks({ project: CONTEXT.project, stack: CONTEXT.stack });
  const { createApp } = await import("../../app");
  const { parseStackConfig } = await import("../../config");
  const { bundleFunctions } = await import("../../components/lambda/bundle");
  const loadMs = performance.now() - t;

  t = performance.now();
  bundleFunctions(Object.values(raw.functions ?? {}).map((fn) => fn.entry));
  const bundleMs = performance.now() - t;

  t = performance.now();
  const cfg = parseStackConfig(CONTEXT, raw);
  const parseMs = performance.now() - t;

  t = performance.now();
  createApp(cfg);
  const createAppMs = performance.now() - t;

  t = performance.now();
  const resources = await recorder.settled();
  const settledMs = performance.now() - t;

  const byType: Record<string, number> = {};
  for (const r of resources) byType[r.type] = (byType[r.type] ?? 0) + 1;
  const customResources = resources.filter((r) => r.custom).length;
  const result: AppRunResult = {
    routes,
    startupMs,
    loadMs,
    bundleMs,
    parseMs,
    createAppMs,
    settledMs,
    evaluationMs: parseMs + createAppMs + settledMs,
    customResources,
    componentResources: resources.length - customResources,
    byType,
  };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
