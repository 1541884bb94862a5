import { setEnv } from "../helpers/dynamodb-local";

/** One parsed log line. */
export type LogLine = Record<string, unknown>;

export interface LogCapture {
  /** Everything written to stdout and stderr since the capture started or was last cleared, unparsed. */
  text(): string;
  /** Each non-empty line of {@link text}, parsed; throws naming the line when one is not JSON. */
  lines(): LogLine[];
  clear(): void;
  /** Puts the original `write` methods back. */
  stop(): void;
}

/**
 * Captures what Powertools Logger prints, and keeps it out of the test output.
 *
 * Outside development mode the logger writes through its own `new Console({ stdout: process.stdout,
 * stderr: process.stderr })`, not the global `console` that Jest replaces, so spying on `console`
 * sees nothing. That Console looks up `stream.write` on every call, so replacing the `write` method
 * of both process streams catches every line, whichever level. It is replaced by hand rather than
 * with `jest.spyOn` so that a test's `jest.restoreAllMocks()` cannot end the capture early.
 */
export function captureLogs(): LogCapture {
  let chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    }) as typeof stream.write;
  }
  const text = (): string => chunks.join("");
  return {
    text,
    lines: () =>
      text()
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => {
          try {
            return JSON.parse(line) as LogLine;
          } catch {
            throw new Error(`log line is not JSON: ${line}`);
          }
        }),
    clear: () => {
      chunks = [];
    },
    stop: () => {
      streams.forEach((stream, i) => {
        stream.write = originals[i] as typeof stream.write;
      });
    },
  };
}

/**
 * Environment the logger reads when it is created, reset so a developer's shell cannot change what
 * the tests see. `AWS_LAMBDA_INITIALIZATION_TYPE` is what Lambda sets for an on-demand container;
 * without it Powertools never reports a cold start.
 */
export const LOGGER_ENV: Record<string, string | undefined> = {
  AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
  POWERTOOLS_SERVICE_NAME: undefined,
  POWERTOOLS_LOG_LEVEL: undefined,
  LOG_LEVEL: undefined,
  AWS_LAMBDA_LOG_LEVEL: undefined,
  POWERTOOLS_DEV: undefined,
  POWERTOOLS_LOGGER_SAMPLE_RATE: undefined,
  POWERTOOLS_LOGGER_LOG_EVENT: undefined,
  AWS_LAMBDA_MAX_CONCURRENCY: undefined,
  _X_AMZN_TRACE_ID: undefined,
  TZ: undefined,
};

/**
 * Loads `load()`'s modules in a fresh module registry, as a new container would: a new logger, created
 * under {@link LOGGER_ENV} plus `env`, whose first invocation is a cold start. Everything the caller
 * needs from the functions (including `HttpError`, whose class identity `instanceof` checks) must
 * come from the same `load()`.
 */
export function freshContainer<T>(load: () => T, env: Record<string, string | undefined> = {}): T {
  const restore = setEnv({ ...LOGGER_ENV, ...env });
  try {
    let modules: T | undefined;
    jest.isolateModules(() => {
      modules = load();
    });
    return modules as T;
  } finally {
    restore();
  }
}
