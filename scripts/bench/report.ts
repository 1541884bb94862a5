import { median, verdict, verdictAtLeast } from "./stats";
import type { BenchReport, SuitePart, SuiteReport, Summary, Verdict } from "./types";

const KB = 1024;
const ms = (v: number) => `${Math.round(v)} ms`;
const medMin = (s: Summary) => `${ms(s.median)} (min ${Math.round(s.min)})`;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const mark = (v: Verdict | undefined) => (v === undefined ? "n/a" : v);
const round = (v: number, digits: number) => Number(v.toFixed(digits)).toString();

/** Left-aligned first column, right-aligned others, two spaces apart. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The human-readable report. */
export function formatReport(r: BenchReport): string {
  const out: string[] = [];
  out.push(`microservice-gateway bench: node ${r.machine.node}, ${r.machine.platform}, ${r.machine.cpus} x ${r.machine.cpuModel}`);
  out.push("");
  for (const section of [formatEvaluation(r), formatBundles(r), formatWebSocket(r), formatTwin(r), formatStartUp(r), formatSuite(r.suite)])
    out.push(...section, "");
  out.push(`bench finished in ${(r.totalMs / 1000).toFixed(1)} s`);
  return out.join("\n");
}

function formatEvaluation(r: BenchReport): string[] {
  const t = r.targets;
  const e = r.evaluation;
  const out: string[] = [];
  out.push(`1. Program evaluation under Pulumi mocks (fresh process per run, ${e.runsPerSize} runs per size; median (min))`);
  out.push(
    table(
      ["routes", "evaluation", "parse", "createApp", "settled", "bundling (once)", "module load", "process", "custom", "components", "per route"],
      e.sizes.map((s) => [
        String(s.routes),
        medMin(s.evaluationMs),
        ms(s.parseMs.median),
        ms(s.createAppMs.median),
        ms(s.settledMs.median),
        ms(s.bundleMs.median),
        ms(s.loadMs.median),
        ms(s.processMs.median),
        String(s.customResources),
        String(s.componentResources),
        round(s.resourcesPerRoute, 3),
      ]),
    ),
  );
  out.push("   evaluation = parse + createApp + settled; bundling, module load (@pulumi/* etc.) and process (spawn to exit) are separate.");
  const largest = e.sizes.find((s) => s.routes === t.evaluationRoutes);
  const sorted = [...e.sizes].sort((a, b) => a.routes - b.routes);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first && last) {
    out.push(
      `   marginal cost: (${last.totalResources} - ${first.totalResources}) / ${last.routes - first.routes} = ${round(e.marginalResourcesPerRoute, 3)} resources per extra route` +
        ` (target <= ${t.marginalResourcesPerRoute}): ${e.marginalVerdict}`,
    );
  }
  out.push(
    largest
      ? `   ${t.evaluationRoutes} routes evaluate in ${ms(largest.evaluationMs.median)} (target < ${ms(t.evaluationMs)}): ${mark(e.evaluationVerdict)};` +
          ` whole process ${ms(largest.processMs.median)}`
      : `   ${t.evaluationRoutes} routes not measured: target < ${ms(t.evaluationMs)} n/a`,
  );
  out.push(`   reference: ${e.cdkReference}`);
  const types = largest ?? last;
  if (types) {
    out.push(
      `   resources at ${types.routes} routes: ${Object.entries(types.byType)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")}`,
    );
  }
  return out;
}

function formatBundles(r: BenchReport): string[] {
  const t = r.targets;
  const out: string[] = [];
  out.push(
    `2. Function bundles (minified ESM, 1 KB = 1024 bytes; import time median of ${r.bundles.loadRuns} fresh node processes, ` +
      `with --enable-source-maps as the function runs, and without)`,
  );
  out.push(
    table(
      ["entry", "bundle", "size", "map", "esbuild", "import", "min", "import (no maps)", "load"],
      r.bundles.entries.map((b) => [
        b.entry,
        kb(b.bytes),
        b.sizeVerdict,
        kb(b.sourceMapBytes),
        ms(b.bundleMs),
        ms(b.loadMs.median),
        ms(b.loadMs.min),
        ms(b.loadMsWithoutSourceMaps.median),
        b.loadVerdict,
      ]),
    ),
  );
  out.push(`   targets: bundle < ${kb(t.bundleBytes)}, import < ${ms(t.loadMs)}`);
  const builds = r.bundles.builds;
  out.push(`   all ${builds.entries} entries in one build: ${ms(builds.coldMs)} cold (esbuild), ${ms(builds.warmMs)} warm (from the bundle cache)`);
  const p = r.patterns;
  out.push(`   item name pattern on a ${p.inputLength}-character near-miss (both flags): ${ms(p.nearMissMs)} (target < ${ms(t.patternMs)}): ${p.verdict}`);
  return out;
}

function formatWebSocket(r: BenchReport): string[] {
  const t = r.targets;
  const out: string[] = [];
  const w = r.websocket;
  if (w) {
    out.push(
      `3. WebSocket broadcast (send-message handler in this process, DynamoDB Local, connections server in a child process` +
        ` answering after ${w.latencyMs} ms; pages of ${w.pageSize}; bounded: median of ${w.repeat} runs after an unmeasured one, one at a time: one run)`,
    );
    out.push(
      table(
        ["connections", "stored in", "in flight (limit)", "broadcast", "handler CPU", "posts/s", "peak in flight", "vs one at a time", "runs (ms)"],
        w.runs.map((run) => {
          const baseline = w.runs.find((b) => b.connections === run.connections && b.concurrency === 1);
          return [
            String(run.connections),
            ms(w.seedMs[String(run.connections)] ?? NaN),
            run.concurrency === 1 ? "1 (baseline)" : String(run.concurrency),
            ms(run.ms),
            ms(run.cpuMs),
            String(Math.round(run.postsPerSecond)),
            String(run.peakInFlight),
            baseline && baseline !== run ? `${round(baseline.ms / run.ms, 1)}x faster` : "",
            run.runsMs ? run.runsMs.map((v) => Math.round(v)).join(", ") : "",
          ];
        }),
      ),
    );
    const largest = Math.max(...w.runs.map((run) => run.connections));
    for (const run of w.runs.filter((run) => run.concurrency !== 1)) {
      const baseline = w.runs.find((b) => b.connections === run.connections && b.concurrency === 1);
      const speedUp = baseline ? baseline.ms / run.ms : NaN;
      const parts = [`${round(speedUp, 1)}x one at a time (target >= ${t.broadcastSpeedUp}x): ${verdictAtLeast(speedUp, t.broadcastSpeedUp)}`];
      if (run.connections === largest) parts.push(`${ms(run.ms)} (target <= ${ms(t.broadcastMs)}): ${run.ms <= t.broadcastMs ? "ok" : "over target"}`);
      out.push(`   ${run.connections} connections, ${run.concurrency} in flight: ${parts.join("; ")}`);
    }
    out.push("   every connection received the message exactly once in every run (checked); posts include the sender's receipt;");
    out.push(
      "   handler CPU is this process's CPU time during the broadcast (signing, HTTP and reading the table): where it nears the broadcast time, the handler is CPU-bound.",
    );
  } else {
    out.push("3. WebSocket broadcast: skipped (--no-websocket)");
  }
  return out;
}

export function formatTwin(r: Pick<BenchReport, "targets" | "twin">): string[] {
  const tw = r.twin;
  if (!tw) return ["4. Local twin under load: skipped (--no-twin)"];
  const t = r.targets;
  const out: string[] = [];
  out.push(
    `4. Local twin under load (stack ${tw.stack}, stage ${tw.stage}, started in ${(tw.startMs / 1000).toFixed(1)} s; autocannon in a child process,` +
      ` ${tw.connections} connections, ${tw.durationSeconds} s per run after ${tw.warmUpRequests} unmeasured requests, 3 rounds of ${tw.connections} at once and ${tw.warmUpSeconds} s of unmeasured load; throttling off)`,
  );
  const latency = (v: number) => `${round(v, 1)} ms`;
  const runs = tw.bare.flatMap((bare, i) => [bare, ...(tw.runs[i] ? [tw.runs[i]] : [])]);
  out.push(
    table(
      ["route", "answered by", "requests/s", "CPU/request", "p50", "p99", "max", "requests", "non-2xx", "errors"],
      runs.map((run) => [
        run.route,
        run.label,
        String(Math.round(run.requestsPerSecond)),
        `${Math.round(run.cpuMicrosPerRequest)} us`,
        latency(run.latencyMs.p50),
        latency(run.latencyMs.p99),
        latency(run.latencyMs.max),
        String(run.requests),
        String(run.non2xx),
        String(run.errors),
      ]),
    ),
  );
  for (const run of [tw.bare[0], ...tw.runs]) if (run) out.push(`   ${run.route}: ${run.integration}`);
  const targets: Record<string, number> = { mock: t.mockVsBare, "Lambda proxy": t.helloVsBare };
  for (const [i, run] of tw.runs.entries()) {
    // The baseline of a route: the mean of the bare runs just before and after it.
    const beside = [tw.bare[i], tw.bare[i + 1]].filter((b): b is NonNullable<typeof b> => b !== undefined);
    const bare = beside.length > 0 ? beside.reduce((sum, b) => sum + b.requestsPerSecond, 0) / beside.length : 0;
    const ratio = bare > 0 ? run.requestsPerSecond / bare : NaN;
    const floor = targets[run.label];
    const ratioText = `${round(ratio, 3)}x bare (${Math.round(bare)} requests/s, the mean of the bare runs beside it)${floor === undefined ? "" : ` (target >= ${floor}x): ${verdictAtLeast(ratio, floor)}`}`;
    const p99 = `p99 ${latency(run.latencyMs.p99)} (target < ${t.twinP99Ms} ms): ${verdict(run.latencyMs.p99, t.twinP99Ms)}`;
    const clean = run.non2xx === 0 && run.errors === 0 ? "" : `; ${run.non2xx} non-2xx, ${run.errors} errors`;
    out.push(`   ${run.route} (${run.label}): ${ratioText}; ${p99}${clean}`);
  }
  out.push("   the twin and the bare server run in this process (the handlers in worker threads), autocannon in its own: on 2 cores they share the CPU.");
  out.push("   CPU/request: this process's CPU time (all its threads) during the run, per response.");
  out.push(
    `   ${tw.suppressedLogLines} log lines (access log, handlers) were produced but not printed; the twin section took ${(tw.totalMs / 1000).toFixed(1)} s.`,
  );
  return out;
}

function formatStartUp(r: BenchReport): string[] {
  const s = r.startUp;
  if (!s) return ["5. Start-up: skipped (--no-start-up)"];
  const banner = s.runs.map((run) => run.bannerMs);
  const med = median(banner);
  return [
    `5. Start-up: npm start -- --port 0 (dev stack, warm bundle cache) to its ready banner, ${s.runs.length} runs after one unmeasured`,
    `   spawn to banner: ${banner.map((v) => ms(v)).join(", ")}; median ${ms(med)} (target < ${ms(r.targets.startUpMs)} on a quiet machine): ${verdict(med, r.targets.startUpMs)}`,
    `   the banner's own figure (from the twin's first line of code): ${s.runs.map((run) => `${(run.reportedMs / 1000).toFixed(1)} s`).join(", ")}`,
  ];
}

const seconds = (v: number) => `${(v / 1000).toFixed(1)} s`;
const times = (p: SuitePart, what: string) => `${p.count} ${what}${p.count === 1 ? "" : "s"}, ${seconds(p.ms)}`;

function formatSuite(s: SuiteReport | undefined): string[] {
  if (!s) return ["6. The test suite: skipped (--suite runs npm test once)"];
  const out = [
    `6. The test suite: npm test ${s.cold ? "as on a clean clone (no shared captures, no bundle cache)" : "warm (captures and bundles of earlier runs)"}: ` +
      `${seconds(s.wallMs)} wall, ${s.files} files, ${s.tests} tests, ${s.passed ? "passed" : `FAILED (${s.failedTests} failed tests)`}`,
    `   program under mocks: ${s.capturedStacks} stacks captured by the global set-up in ${times(s.sharedCaptures, "child process")} ` +
      `(${seconds(s.capturedEvaluations.ms)} of it the evaluations; ${s.reusedCaptures} kept from an earlier run), ` +
      `then ${times(s.evaluations, "evaluation")} in suites that change the config`,
    `   DynamoDB Local: ${times(s.dynamoDbStarts, "start")}, ${times(s.dynamoDbStops, "stop")}`,
    `   bundling: ${times(s.esbuild, "esbuild build")} (${s.esbuild.entries} entries), ${times(s.bundleCache, "bundle cache read")} (${s.bundleCache.entries} entries), in the capture process and the suites`,
    `   slowest files: ${s.slowest.map((f) => `${f.file} ${seconds(f.ms)}`).join(", ")}`,
    "   parts that overlap (files run side by side) add up to more than the wall time.",
  ];
  if (s.output) out.push("   jest's summary:", ...s.output.split("\n").map((line) => `     ${line}`));
  return out;
}
