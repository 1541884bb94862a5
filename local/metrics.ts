/**
 * The CloudWatch metrics a REST API stage emits (namespace `AWS/ApiGateway`), counted locally by the
 * twin: Count, 4XXError, 5XXError, Latency, IntegrationLatency, CacheHitCount and CacheMissCount, for
 * the stage (dimensions ApiName, Stage) and for each method (ApiName, Stage, Method, Resource: what
 * AWS emits when the stage has detailed metrics on; the twin always counts them).
 *
 * Counts, averages and maxima cover every recorded request. Percentiles are exact (nearest rank) over a
 * bounded reservoir: the last `reservoirSize` samples (default 10,000) of each row, so a long-running
 * twin keeps constant memory and its percentiles describe recent traffic.
 */

export const METRICS_NAMESPACE = "AWS/ApiGateway";
export const DEFAULT_RESERVOIR_SIZE = 10_000;

/** One request as the stage answered it. */
export interface RequestRecord {
  /**
   * The matched resource, e.g. `/items/{id}` (`$context.resourcePath`). `undefined` when no route
   * matched (API Gateway's 403 Missing Authentication Token): counted for the stage only, as in AWS.
   */
  readonly resourcePath: string | undefined;
  /** The HTTP method, e.g. `GET` (upper-cased here). */
  readonly method: string;
  readonly status: number;
  /** Request received to response sent (`$context.responseLatency`). */
  readonly latencyMs: number;
  /** Request relayed to the integration to its answer; absent when no integration ran (e.g. refused by an authorizer). */
  readonly integrationLatencyMs?: number;
  /** Only when the stage has a cache: whether the answer came from it. */
  readonly cache?: "hit" | "miss";
}

/** A latency metric's statistics in milliseconds; `null` while there are no samples. */
export interface LatencyStatistics {
  /** Samples recorded (CloudWatch's SampleCount). */
  readonly samples: number;
  /** Over every sample. */
  readonly avg: number | null;
  /** Nearest-rank percentiles over the last `window` samples. */
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  /** Over every sample. */
  readonly max: number | null;
  /** How many samples the percentiles were computed from (at most the reservoir size). */
  readonly window: number;
}

export interface MetricValues {
  readonly Count: number;
  readonly "4XXError": number;
  readonly "5XXError": number;
  readonly Latency: LatencyStatistics;
  readonly IntegrationLatency: LatencyStatistics;
  readonly CacheHitCount: number;
  readonly CacheMissCount: number;
}

export interface StageDimensions {
  readonly ApiName: string;
  readonly Stage: string;
}

export interface MethodDimensions extends StageDimensions {
  readonly Method: string;
  readonly Resource: string;
}

export interface MetricsSummary {
  readonly namespace: typeof METRICS_NAMESPACE;
  readonly reservoirSize: number;
  readonly stage: { readonly dimensions: StageDimensions; readonly metrics: MetricValues };
  /** By `METHOD resource`, e.g. `GET /items/{id}`; ordered by resource, then method. */
  readonly methods: Readonly<Record<string, { readonly dimensions: MethodDimensions; readonly metrics: MetricValues }>>;
}

export interface StageMetrics {
  record(request: RequestRecord): void;
  summary(): MetricsSummary;
  /** The summary as the body of `GET /_twin/metrics` (fractions rounded to 0.01 ms). */
  toJson(): string;
  /** A small text table of the summary, for the twin to print when it stops. */
  format(): string;
}

export interface StageMetricsOptions {
  /** Samples kept per row for percentiles. @default 10,000 */
  readonly reservoirSize?: number;
}

/** The last `capacity` values, overwritten oldest first. */
class Reservoir {
  private readonly values: Float64Array;
  private next = 0;
  private filled = 0;
  private sum = 0;
  private maximum = -Infinity;
  private total = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  add(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.values.length;
    this.filled = Math.min(this.filled + 1, this.values.length);
    this.total++;
    this.sum += value;
    if (value > this.maximum) this.maximum = value;
  }

  statistics(): LatencyStatistics {
    if (this.total === 0) return { samples: 0, avg: null, p50: null, p90: null, p99: null, max: null, window: 0 };
    const sorted = this.values.slice(0, this.filled).sort();
    const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
    return { samples: this.total, avg: this.sum / this.total, p50: rank(50), p90: rank(90), p99: rank(99), max: this.maximum, window: this.filled };
  }
}

class Row {
  count = 0;
  clientErrors = 0;
  serverErrors = 0;
  cacheHits = 0;
  cacheMisses = 0;
  readonly latency: Reservoir;
  readonly integrationLatency: Reservoir;

  constructor(reservoirSize: number) {
    this.latency = new Reservoir(reservoirSize);
    this.integrationLatency = new Reservoir(reservoirSize);
  }

  add(r: RequestRecord): void {
    this.count++;
    if (r.status >= 400 && r.status < 500) this.clientErrors++;
    if (r.status >= 500 && r.status < 600) this.serverErrors++;
    if (r.cache === "hit") this.cacheHits++;
    if (r.cache === "miss") this.cacheMisses++;
    this.latency.add(r.latencyMs);
    if (r.integrationLatencyMs !== undefined) this.integrationLatency.add(r.integrationLatencyMs);
  }

  values(): MetricValues {
    return {
      Count: this.count,
      "4XXError": this.clientErrors,
      "5XXError": this.serverErrors,
      Latency: this.latency.statistics(),
      IntegrationLatency: this.integrationLatency.statistics(),
      CacheHitCount: this.cacheHits,
      CacheMissCount: this.cacheMisses,
    };
  }
}

/** Left-aligned first column, right-aligned others, two spaces apart. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const roundFractions = (_key: string, value: unknown): unknown =>
  typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value;

const ms = (v: number | null) => (v === null ? "-" : Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The metrics of one REST API stage: `apiName` is the API's name (the ApiName dimension), `stage` the stage's. */
export function createStageMetrics(apiName: string, stage: string, options: StageMetricsOptions = {}): StageMetrics {
  const reservoirSize = options.reservoirSize ?? DEFAULT_RESERVOIR_SIZE;
  if (!Number.isInteger(reservoirSize) || reservoirSize < 1) throw new RangeError(`reservoirSize: ${reservoirSize} is not a positive integer`);
  const total = new Row(reservoirSize);
  const methods = new Map<string, { method: string; resource: string; row: Row }>();

  const summary = (): MetricsSummary => {
    const sorted = [...methods.entries()].sort(([, a], [, b]) =>
      a.resource === b.resource ? a.method.localeCompare(b.method) : a.resource < b.resource ? -1 : 1,
    );
    return {
      namespace: METRICS_NAMESPACE,
      reservoirSize,
      stage: { dimensions: { ApiName: apiName, Stage: stage }, metrics: total.values() },
      methods: Object.fromEntries(
        sorted.map(([key, m]) => [key, { dimensions: { ApiName: apiName, Stage: stage, Method: m.method, Resource: m.resource }, metrics: m.row.values() }]),
      ),
    };
  };

  return {
    record(request) {
      total.add(request);
      if (request.resourcePath === undefined) return;
      const method = request.method.toUpperCase();
      const key = `${method} ${request.resourcePath}`;
      let entry = methods.get(key);
      if (!entry) {
        entry = { method, resource: request.resourcePath, row: new Row(reservoirSize) };
        methods.set(key, entry);
      }
      entry.row.add(request);
    },
    summary,
    toJson() {
      return JSON.stringify(summary(), roundFractions, 2);
    },
    format() {
      const s = summary();
      const title = `${METRICS_NAMESPACE} metrics of ApiName=${apiName} Stage=${stage}`;
      if (s.stage.metrics.Count === 0) return `${title}: no requests`;
      const row = (name: string, m: MetricValues) => [
        name,
        String(m.Count),
        String(m["4XXError"]),
        String(m["5XXError"]),
        ...[m.Latency, m.IntegrationLatency].flatMap((l) => [l.avg, l.p50, l.p90, l.p99, l.max].map(ms)),
        String(m.CacheHitCount),
        String(m.CacheMissCount),
      ];
      return [
        `${title} (ms; percentiles over the last ${reservoirSize} requests of each row)`,
        table(
          ["", "Count", "4XX", "5XX", "Latency avg", "p50", "p90", "p99", "max", "Integration avg", "p50", "p90", "p99", "max", "CacheHit", "CacheMiss"],
          [...Object.entries(s.methods).map(([key, m]) => row(key, m.metrics)), row(`stage ${stage}`, s.stage.metrics)],
        ),
      ].join("\n");
    },
  };
}
