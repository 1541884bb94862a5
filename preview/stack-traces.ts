/**
 * Pulumi records a stack trace for every promise and resource it creates. Nothing reads them under
 * mocks, and capturing and formatting them takes most of an evaluation (under jest, which source-maps
 * every frame, more than half of it), so they are off while a program evaluates.
 */
let saved: number | undefined;

/** Turns stack capture off until `resumeStackTraces`; calls do not nest: the limit before the first is restored. */
export function pauseStackTraces(): void {
  saved ??= Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
}

export function resumeStackTraces(): void {
  if (saved === undefined) return;
  Error.stackTraceLimit = saved;
  saved = undefined;
}
