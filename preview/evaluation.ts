import { performance } from "perf_hooks";
import * as pulumi from "@pulumi/pulumi";

/**
 * The window in which a program evaluates under mocks.
 *
 * Pulumi records a stack trace for every promise and resource it creates. Nothing reads them under
 * mocks, and capturing and formatting them takes most of an evaluation (under jest, which source-maps
 * every frame, more than half of it), so they are off inside the window. A resource's own trace (its
 * source position for the engine) is taken with no depth limit, so `Resource.callsites` answers none.
 *
 * The window is also measured (`performance.measure("program: evaluation")`), for `npm run bench`.
 */
// `Resource.callsites` is private to the SDK's types; each resource's constructor calls it.
const resourceClass = pulumi.Resource as unknown as { callsites(): object[] };
let saved: { stackTraceLimit: number; callsites: () => object[]; startedAt: number } | undefined;

/** Opens the window, or starts it again (an evaluation that threw never ended): the limit before the first is restored. */
export function beginEvaluation(): void {
  saved = {
    stackTraceLimit: saved?.stackTraceLimit ?? Error.stackTraceLimit,
    callsites: saved?.callsites ?? resourceClass.callsites,
    startedAt: performance.now(),
  };
  Error.stackTraceLimit = 0;
  resourceClass.callsites = () => [];
}

export function endEvaluation(): void {
  if (saved === undefined) return;
  Error.stackTraceLimit = saved.stackTraceLimit;
  resourceClass.callsites = saved.callsites;
  performance.measure("program: evaluation", { start: saved.startedAt });
  saved = undefined;
}
