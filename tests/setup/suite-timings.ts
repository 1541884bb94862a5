import * as fs from "fs";
import { PerformanceObserver, type PerformanceEntry } from "perf_hooks";

/** Set by `npm run bench -- --suite`: the file the run's timings are appended to, one JSON object a line. */
export const SUITE_TIMINGS_ENV = "GATEWAY_SUITE_TIMINGS";

export interface SuiteTiming {
  /** A `performance.measure` name of the code under test (`program: evaluation`, `bundle: esbuild`, ...) or of the set-up. */
  readonly name: string;
  readonly ms: number;
  readonly detail?: unknown;
  /** Where it was measured, when not in a test file or the global set-up: `capture` (a stack capture's child process). */
  readonly in?: string;
}

function append(timings: readonly SuiteTiming[]): void {
  const file = process.env[SUITE_TIMINGS_ENV];
  if (file && timings.length > 0) fs.appendFileSync(file, timings.map((t) => `${JSON.stringify(t)}\n`).join(""));
}

export function recordTiming(name: string, ms: number, detail?: unknown): void {
  append([{ name, ms, ...(detail === undefined ? {} : { detail }) }]);
}

/** Records every `performance.measure` this process makes until the returned function is called (when the bench asks). */
export function recordMeasures(where?: string): () => void {
  if (!process.env[SUITE_TIMINGS_ENV]) return () => undefined;
  const write = (entries: readonly PerformanceEntry[]) =>
    append(
      entries.map((e) => {
        const { detail } = e as PerformanceEntry & { detail?: unknown };
        return { name: e.name, ms: e.duration, ...(detail == null ? {} : { detail }), ...(where === undefined ? {} : { in: where }) };
      }),
    );
  const observer = new PerformanceObserver((list) => write(list.getEntries()));
  observer.observe({ entryTypes: ["measure"] });
  return () => {
    write(observer.takeRecords());
    observer.disconnect();
  };
}
