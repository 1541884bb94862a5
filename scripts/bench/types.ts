/** Figures exchanged between bench.ts and its child processes, and printed with --json. */

export type Verdict = "ok" | "over target" | "under target";

/** What one `run-app.ts <routes>` child measured (all times in milliseconds). */
export interface AppRunResult {
  readonly routes: number;
  /** Node start until the script ran: Node itself and the TypeScript hook (scripts/register-typescript.cjs). */
  readonly startupMs: number;
  /** Importing the mocks, app.ts, config/ and components/ (mostly @pulumi/pulumi and @pulumi/aws). */
  readonly loadMs: number;
  /** bundleFunctions for every function the config names (esbuild, or the bundle cache while their sources are unchanged). */
  readonly bundleMs: number;
  readonly parseMs: number;
  /** createApp itself: the synchronous part, constructing every resource object. */
  readonly createAppMs: number;
  /** Until every registration createApp started was answered by the mocks. */
  readonly settledMs: number;
  /** parseMs + createAppMs + settledMs: the program's evaluation. */
  readonly evaluationMs: number;
  readonly customResources: number;
  readonly componentResources: number;
  /** Registered resources by type token. */
  readonly byType: Readonly<Record<string, number>>;
}

/** Child processes print exactly one line starting with this, then the JSON result. */
export const RESULT_PREFIX = "BENCH_RESULT ";

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly runs: readonly number[];
}

export interface SizeReport {
  readonly routes: number;
  readonly evaluationMs: Summary;
  readonly parseMs: Summary;
  readonly createAppMs: Summary;
  readonly settledMs: Summary;
  readonly bundleMs: Summary;
  readonly loadMs: Summary;
  readonly startupMs: Summary;
  /** Wall time of the whole child process as the parent saw it (spawn to exit). */
  readonly processMs: Summary;
  readonly customResources: number;
  readonly componentResources: number;
  readonly totalResources: number;
  readonly resourcesPerRoute: number;
  readonly byType: Readonly<Record<string, number>>;
}

export interface BundleReport {
  readonly entry: string;
  readonly bytes: number;
  readonly sourceMapBytes: number;
  /** esbuild time for this entry alone, without the bundle cache. */
  readonly bundleMs: number;
  /** `await import()` of the bundle in a fresh `node --enable-source-maps` (as the function runs). */
  readonly loadMs: Summary;
  /** The same without --enable-source-maps. */
  readonly loadMsWithoutSourceMaps: Summary;
  readonly sizeVerdict: Verdict;
  readonly loadVerdict: Verdict;
}

/** The item name's pattern on a long near-miss, with both flags (see patterns.ts). */
export interface PatternReport {
  readonly inputLength: number;
  readonly nearMissMs: number;
  readonly verdict: Verdict;
}

/** Every entry bundled at once, as the program does: into an empty bundle cache, then from it. */
export interface BuildTimes {
  readonly entries: number;
  /** One esbuild build of every entry, written to the cache. */
  readonly coldMs: number;
  /** A new bundler (as in a new process) reading every entry from the cache. */
  readonly warmMs: number;
}

export interface Targets {
  readonly evaluationMs: number;
  readonly evaluationRoutes: number;
  readonly marginalResourcesPerRoute: number;
  readonly bundleBytes: number;
  readonly loadMs: number;
  /** The name pattern on its near-miss. */
  readonly patternMs: number;
  /** The twin's mock route: at least this share of the bare node:http server's requests per second. */
  readonly mockVsBare: number;
  /** The twin's Lambda-proxy `GET /hello`: at least this share of the bare server's requests per second. */
  readonly helloVsBare: number;
  /** p99 latency of the twin's routes under the load, in ms (below). */
  readonly twinP99Ms: number;
  /** `npm start` to its ready banner, in ms (below; warm bundle cache, quiet machine). */
  readonly startUpMs: number;
  /** A broadcast to the largest size, in ms (at most). */
  readonly broadcastMs: number;
  /** The bounded broadcast against one post at a time (at least this many times faster, at every size). */
  readonly broadcastSpeedUp: number;
}

/** One broadcast through the send-message handler (all times in milliseconds). */
export interface WebsocketRun {
  readonly connections: number;
  /** BROADCAST_CONCURRENCY for this run; 1 is the one-at-a-time baseline. */
  readonly concurrency: number;
  /** Handler invocation to its answer: reading the table, every post, the receipt. */
  readonly ms: number;
  /** CPU time of this process (the "Lambda") meanwhile: SDK work, signing, JSON; mostly not waiting. */
  readonly cpuMs: number;
  /** POSTs the connections server answered (the connections plus the sender's receipt). */
  readonly posts: number;
  readonly postsPerSecond: number;
  /** The most requests the connections server had in flight at once. */
  readonly peakInFlight: number;
  /** Every measured run's duration, when `ms` is their median. */
  readonly runsMs?: readonly number[];
}

export interface WebsocketReport {
  /** The first bounded run's BROADCAST_CONCURRENCY. */
  readonly concurrency: number;
  /** BROADCAST_CONCURRENCY of every bounded run. */
  readonly pools: readonly number[];
  /** Measured broadcasts per pool size and size (the median is reported); one at a time runs once. */
  readonly repeat: number;
  /** Delay the connections server added to every answer. */
  readonly latencyMs: number;
  /** Connections read per Scan page. */
  readonly pageSize: number;
  /** Time to store the connections of each size in DynamoDB Local (BatchWrite), by size. */
  readonly seedMs: Readonly<Record<string, number>>;
  readonly runs: readonly WebsocketRun[];
}

/** One route of the local twin under autocannon's load (latencies in milliseconds, autocannon's own). */
export interface TwinRouteRun {
  readonly label: string;
  /** `METHOD resource`, e.g. `GET /items/{id}`. */
  readonly route: string;
  /** What answers the route in the twin. */
  readonly integration: string;
  /** Responses received during the run. */
  readonly requests: number;
  /** Mean of autocannon's per-second request counts. */
  readonly requestsPerSecond: number;
  readonly latencyMs: { readonly avg: number; readonly p50: number; readonly p99: number; readonly max: number };
  readonly non2xx: number;
  /** Connection errors, timeouts included. */
  readonly errors: number;
  readonly timeouts: number;
  /** Responses by status code. */
  readonly statusCodes: Readonly<Record<string, number>>;
  /**
   * CPU time of this process (the server, its worker threads and the twin's other work; not autocannon)
   * during the run, per response: what an answer costs, less moved by other load on the machine than
   * requests per second.
   */
  readonly cpuMicrosPerRequest: number;
}

export interface TwinReport {
  readonly stack: string;
  /** The bare node:http server (the baseline), loaded before the first of the twin's routes and after each: runs[i] is between bare[i] and bare[i + 1]. */
  readonly bare: readonly TwinRouteRun[];
  readonly stage: string;
  /** startTwin until it served: program under mocks, DynamoDB Local, bundling the functions. */
  readonly startMs: number;
  readonly durationSeconds: number;
  readonly connections: number;
  /** Sequential requests to each route before its run, not measured. */
  readonly warmUpRequests: number;
  /** Seconds of unmeasured load to each route (and the bare server) after those requests, before its run. */
  readonly warmUpSeconds: number;
  readonly runs: readonly TwinRouteRun[];
  /** Lines the handlers and the twin wrote to stdout meanwhile (their request logs), not printed. */
  readonly suppressedLogLines: number;
  /** The whole twin section: start, warm-up, runs and close. */
  readonly totalMs: number;
}

/** One `npm start` (see start-up.ts). */
export interface StartUpRun {
  /** Spawning npm until the ready banner was on stderr. */
  readonly bannerMs: number;
  /** What the banner says (`ready in 3.1 s`): from the twin's first line of code, without node's and npm's own start. */
  readonly reportedMs: number;
}

export interface StartUpReport {
  readonly runs: readonly StartUpRun[];
}

/** How often a part of the test suite ran, and for how long in all. */
export interface SuitePart {
  readonly count: number;
  readonly ms: number;
}

/** One `npm test` (see suite.ts). */
export interface SuiteReport {
  /** Without shared captures and bundle cache, as a clean clone runs it. */
  readonly cold: boolean;
  readonly wallMs: number;
  readonly passed: boolean;
  readonly files: number;
  readonly tests: number;
  readonly failedTests: number;
  /** The global set-up's child processes that ran stacks under mocks... */
  readonly sharedCaptures: SuitePart;
  /** ...and how many stacks they ran. */
  readonly capturedStacks: number;
  /** Stacks whose capture was kept from an earlier run (unchanged sources). */
  readonly reusedCaptures: number;
  /** Runs of the program under mocks inside test files (suites that change the config). */
  readonly evaluations: SuitePart;
  /** The evaluations inside the shared captures (without their processes' start-up). */
  readonly capturedEvaluations: SuitePart;
  readonly dynamoDbStarts: SuitePart;
  readonly dynamoDbStops: SuitePart;
  readonly esbuild: SuitePart & { readonly entries: number };
  readonly bundleCache: SuitePart & { readonly entries: number };
  readonly slowest: readonly { readonly file: string; readonly ms: number }[];
  /** jest's summary of the failing tests, when the run failed. */
  readonly output?: string;
}

export interface BenchReport {
  readonly machine: { readonly node: string; readonly platform: string; readonly cpus: number; readonly cpuModel: string };
  readonly targets: Targets;
  readonly evaluation: {
    readonly runsPerSize: number;
    readonly sizes: readonly SizeReport[];
    /** (resources at the largest size − at the smallest) / (route difference). */
    readonly marginalResourcesPerRoute: number;
    readonly marginalVerdict: Verdict;
    /** Median evaluation time at `targets.evaluationRoutes`, if that size was measured. */
    readonly evaluationVerdict: Verdict | undefined;
    readonly cdkReference: string;
  };
  readonly bundles: {
    readonly loadRuns: number;
    readonly entries: readonly BundleReport[];
    readonly builds: BuildTimes;
  };
  readonly patterns: PatternReport;
  /** Absent with --no-websocket. */
  readonly websocket?: WebsocketReport;
  /** Absent with --no-twin. */
  readonly twin?: TwinReport;
  /** Absent with --no-start-up. */
  readonly startUp?: StartUpReport;
  /** Present with --suite. */
  readonly suite?: SuiteReport;
  readonly totalMs: number;
}
