import * as path from "path";
import { REPO_ROOT } from "../../config/paths";
import { runChild } from "./child";
import { summarize } from "./stats";
import { RESULT_PREFIX, type AppRunResult, type SizeReport } from "./types";

const ROOT = REPO_ROOT;
const RUN_APP = path.join(__dirname, "run-app.ts");

/** Evaluates the program for `routes` routes in a fresh `node -r ./scripts/register-typescript.cjs` process. */
export async function runApp(routes: number): Promise<{ result: AppRunResult; processMs: number }> {
  const { stdout, wallMs } = await runChild(process.execPath, ["-r", "./scripts/register-typescript.cjs", RUN_APP, String(routes)], process.env, ROOT);
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (!line) throw new Error(`run-app ${routes} printed no result:\n${stdout}`);
  return { result: JSON.parse(line.slice(RESULT_PREFIX.length)) as AppRunResult, processMs: wallMs };
}

const sameCounts = (a: AppRunResult, b: AppRunResult) => JSON.stringify(a.byType) === JSON.stringify(b.byType);

/** Runs one size `runs` times, each in its own process; resource counts must not vary between runs. */
export async function measureSize(routes: number, runs: number, progress: (message: string) => void): Promise<SizeReport> {
  const results: AppRunResult[] = [];
  const processMs: number[] = [];
  for (let i = 1; i <= runs; i++) {
    progress(`evaluating ${routes} routes, run ${i}/${runs}`);
    const run = await runApp(routes);
    results.push(run.result);
    processMs.push(run.processMs);
  }
  const first = results[0];
  if (!first) throw new Error("no runs");
  if (!results.every((r) => sameCounts(r, first))) {
    throw new Error(`resource counts for ${routes} routes differ between runs: ${results.map((r) => JSON.stringify(r.byType)).join(" vs ")}`);
  }
  const of = (pick: (r: AppRunResult) => number) => summarize(results.map(pick));
  const totalResources = first.customResources + first.componentResources;
  return {
    routes,
    evaluationMs: of((r) => r.evaluationMs),
    parseMs: of((r) => r.parseMs),
    createAppMs: of((r) => r.createAppMs),
    settledMs: of((r) => r.settledMs),
    bundleMs: of((r) => r.bundleMs),
    loadMs: of((r) => r.loadMs),
    startupMs: of((r) => r.startupMs),
    processMs: summarize(processMs),
    customResources: first.customResources,
    componentResources: first.componentResources,
    totalResources,
    resourcesPerRoute: totalResources / routes,
    byType: first.byType,
  };
}

/** Resources added per extra route, from the smallest to the largest size measured. */
export function marginalResourcesPerRoute(sizes: readonly SizeReport[]): number {
  const sorted = [...sizes].sort((a, b) => a.routes - b.routes);
  const small = sorted[0];
  const large = sorted[sorted.length - 1];
  if (!small || !large || large.routes === small.routes) throw new Error("the marginal cost needs two different sizes");
  return (large.totalResources - small.totalResources) / (large.routes - small.routes);
}
