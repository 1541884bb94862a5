import { FunctionError, RequestTooLarge } from "./functions";
import type { FunctionInvoker } from "./model";

/**
 * How one integration's call to a function ended, as API Gateway sees it: the function's result, its
 * error (a thrown error, its own timeout, its runtime's exit: Lambda's `errorType` and message), an
 * event Lambda refused as too large, or API Gateway giving up first (the integration's timeout).
 */
export type Invocation =
  | { readonly outcome: "result"; readonly value: unknown; readonly latencyMs: number }
  | { readonly outcome: "error"; readonly errorType: string; readonly message: string; readonly latencyMs: number }
  | { readonly outcome: "too-large"; readonly latencyMs: number }
  | { readonly outcome: "timeout"; readonly latencyMs: number };

/**
 * Invokes a function for an integration that waits at most `timeoutMs` (API Gateway's integration
 * timeout); the function's own timeout applies inside the invoker. Never rejects.
 */
export function invokeWithin(
  invoker: FunctionInvoker,
  functionName: string,
  event: unknown,
  options: { readonly timeoutMs: number; readonly qualifier?: string | undefined },
): Promise<Invocation> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  // One promise settled by whichever comes first (no race of two promises, no async frame: this runs for every call).
  return new Promise((resolve, reject) => {
    // API Gateway stops waiting; the function goes on until it ends or its own timeout stops it.
    const timer = setTimeout(() => resolve({ outcome: "timeout", latencyMs: latencyMs() }), options.timeoutMs);
    invoker.invoke(functionName, event, options.qualifier !== undefined ? { qualifier: options.qualifier } : undefined).then(
      (value) => {
        clearTimeout(timer);
        resolve({ outcome: "result", value, latencyMs: latencyMs() });
      },
      (error: unknown) => {
        clearTimeout(timer);
        try {
          resolve(failure(error, latencyMs()));
        } catch (unreadable) {
          reject(unreadable as Error);
        }
      },
    );
  });
}

function failure(error: unknown, latencyMs: number): Invocation {
  if (error instanceof RequestTooLarge) return { outcome: "too-large", latencyMs };
  const errorType = error instanceof FunctionError ? error.errorType : ((error as { errorType?: string }).errorType ?? "Error");
  return { outcome: "error", errorType, message: error instanceof Error ? error.message : String(error), latencyMs };
}
