/**
 * `npm run bench`: how long the program takes to evaluate under Pulumi mocks for 10, 100 and 500
 * routes, how many resources it registers per route, and how big and quick to load each function
 * bundle is. Prints figures against their targets; exits non-zero only when a measurement fails.
 *
 * Then broadcasts through the WebSocket send-message handler to 1,000 and 10,000 stored
 * connections, with bounded concurrency and one post at a time (skip with --no-websocket).
 *
 * Then loads, with autocannon in a child process, a bare node:http server and the dev stack's local
 * twin (its mock route and the Lambda-proxy GET /hello, throttling off), 5 s each over 50 connections
 * by default, and prints the twin's requests per second as a share of the bare server's and its p99
 * (skip with --no-twin). Then times `npm start` to its ready banner (skip with --no-start-up).
 *
 * With --suite, then runs `npm test` once as a clean clone would (--suite=warm: with the captures and
 * bundles of earlier runs) and reports its wall time and where it went.
 *
 *   npm run bench [-- --help] [--json] [--sizes=10,100,500] [--runs=3] [--load-runs=5]
 *                 [--no-websocket] [--websocket-sizes=1000,10000] [--websocket-latency=2]
 *                 [--websocket-pools=50] [--websocket-runs=3] [--no-twin] [--twin-duration=5] [--twin-warm-up=3] [--twin-connections=50]
 *                 [--no-start-up] [--start-up-runs=3] [--suite[=cold|warm]]
 */
import * as os from "os";
import { parseOrExit } from "../preview/cli-args";
import { exitAfterFlush } from "../preview/exit";
import { BENCH_HELP, parseBenchArgs } from "./bench/args";
import { performance } from "perf_hooks";
import type { BenchReport, SizeReport, Targets } from "./bench/types";

const TARGETS: Targets = {
  evaluationMs: 5000,
  evaluationRoutes: 500,
  marginalResourcesPerRoute: 1,
  bundleBytes: 600 * 1024,
  loadMs: 100,
  patternMs: 1000,
  mockVsBare: 0.15,
  helloVsBare: 0.1,
  twinP99Ms: 50,
  startUpMs: 4000,
  broadcastMs: 2000,
  broadcastSpeedUp: 10,
};

const CDK_REFERENCE = "CDK needs about 4 s to synthesize 100 routes here, at 4 resources per route";

/** JSON replacer: times to 0.01 ms are plenty. */
const roundFractions = (_key: string, value: unknown): unknown =>
  typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value;

async function main(): Promise<number> {
  const started = performance.now();
  const parsed = parseOrExit(process.argv.slice(2), parseBenchArgs, BENCH_HELP);
  if ("exit" in parsed) return parsed.exit;
  const options = parsed.args;
  // Loaded once the arguments are good: --help and usage errors answer without the program or the twin.
  const [{ measureBuilds, measureBundles }, { marginalResourcesPerRoute, measureSize }, { measurePatterns }, { formatReport }, { verdict }] = await Promise.all(
    [import("./bench/bundles"), import("./bench/evaluation"), import("./bench/patterns"), import("./bench/report"), import("./bench/stats")],
  );
  const [{ measureStartUp }, { measureSuite }, { measureTwin }, { measureWebsocket }] = await Promise.all([
    import("./bench/start-up"),
    import("./bench/suite"),
    import("./bench/twin"),
    import("./bench/websocket"),
  ]);
  const progress = (message: string) => {
    if (process.stderr.isTTY) process.stderr.write(`bench: ${message}\n`);
  };

  const sizes: SizeReport[] = [];
  for (const routes of options.sizes) sizes.push(await measureSize(routes, options.runs, progress));
  const marginal = marginalResourcesPerRoute(sizes);
  const target = sizes.find((s) => s.routes === TARGETS.evaluationRoutes);
  const entries = await measureBundles(TARGETS, options.loadRuns, progress);
  const builds = measureBuilds(progress);
  const patterns = measurePatterns(TARGETS.patternMs);
  const websocket =
    options.websocketSizes.length === 0
      ? undefined
      : await measureWebsocket(options.websocketSizes, options.websocketPools, options.websocketLatencyMs, options.websocketRuns, progress);
  const twin = options.twin
    ? await measureTwin({ durationSeconds: options.twinDuration, warmUpSeconds: options.twinWarmUp, connections: options.twinConnections }, progress)
    : undefined;
  const startUp = options.startUpRuns > 0 ? await measureStartUp(options.startUpRuns, progress) : undefined;
  const suite = options.suite ? await measureSuite(options.suite === "cold", progress) : undefined;

  const cpus = os.cpus();
  const report: BenchReport = {
    machine: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? "unknown" },
    targets: TARGETS,
    evaluation: {
      runsPerSize: options.runs,
      sizes,
      marginalResourcesPerRoute: marginal,
      marginalVerdict: verdict(marginal, TARGETS.marginalResourcesPerRoute, true),
      evaluationVerdict: target ? verdict(target.evaluationMs.median, TARGETS.evaluationMs) : undefined,
      cdkReference: CDK_REFERENCE,
    },
    bundles: { loadRuns: options.loadRuns, entries, builds },
    patterns,
    ...(websocket === undefined ? {} : { websocket }),
    ...(twin === undefined ? {} : { twin }),
    ...(startUp === undefined ? {} : { startUp }),
    ...(suite === undefined ? {} : { suite }),
    totalMs: performance.now() - started,
  };
  process.stdout.write(options.json ? `${JSON.stringify(report, roundFractions, 2)}\n` : `${formatReport(report)}\n`);
  return suite && !suite.passed ? 1 : 0;
}

main().then(
  (code) => exitAfterFlush(code),
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    exitAfterFlush(1);
  },
);
