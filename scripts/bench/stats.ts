import type { Summary, Verdict } from "./types";

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summarize(runs: readonly number[]): Summary {
  return { median: median(runs), min: Math.min(...runs), runs: [...runs] };
}

/** "ok" when value < limit, or value <= limit when `inclusive`. */
export function verdict(value: number, limit: number, inclusive = false): Verdict {
  return value < limit || (inclusive && value === limit) ? "ok" : "over target";
}

/** "ok" when value >= floor (a throughput ratio, a speed-up), else "under target". */
export function verdictAtLeast(value: number, floor: number): Verdict {
  return value >= floor ? "ok" : "under target";
}
