import { performance } from "perf_hooks";

/**
 * The window in which a program evaluates under mocks.
 *
 * Pulumi records a stack trace for every promise and resource it creates. Nothing reads them under
 * mocks, and capturing and formatting them takes most of an evaluation (under jest, which source-maps
 * every frame, more than half of it), so they are off inside the window.
 *
 * The window is also measured (`performance.measure("program: evaluation")`), for `npm run bench`.
 */
let saved: { stackTraceLimit: number; startedAt: number; restore: (() => void) | undefined } | undefined;

/**
 * Opens the window, or starts it again (an evaluation that threw never ended): the limit before the
 * first is restored, and `restore` of the first (what else the caller turned off for the window).
 */
export function beginEvaluation(restore?: () => void): void {
  saved = { stackTraceLimit: saved?.stackTraceLimit ?? Error.stackTraceLimit, startedAt: performance.now(), restore: saved ? saved.restore : restore };
  Error.stackTraceLimit = 0;
}

export function endEvaluation(): void {
  if (saved === undefined) return;
  Error.stackTraceLimit = saved.stackTraceLimit;
  saved.restore?.();
  performance.measure("program: evaluation", { start: saved.startedAt });
  saved = undefined;
}
