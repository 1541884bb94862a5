import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createInterface } from "readline";
import type { Readable } from "stream";
import { Worker } from "worker_threads";
import { BUNDLE_FILE, bundleFunctions } from "../components/lambda/bundle";
import type { FunctionInvoker, TwinFunction } from "./model";

const WORKER = path.join(__dirname, "function-worker.mjs");

/** An error a handler threw, by name and message (what Lambda reports as errorType and errorMessage). */
export class FunctionError extends Error {
  constructor(readonly errorType: string, message: string) {
    super(message);
    this.name = "FunctionError";
  }
}

/** The function did not answer in time; Lambda would have stopped it. */
export class FunctionTimeout extends Error {
  constructor(functionName: string, timeoutMs: number) {
    super(`${functionName} timed out after ${timeoutMs} ms`);
    this.name = "FunctionTimeout";
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** One warm container per function: a worker thread with the function's environment and bundle. */
class Container {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fn: TwinFunction,
    private readonly bundlePath: string,
    private readonly baseEnv: Readonly<Record<string, string>>,
    private readonly arn: string,
    private readonly log: ((line: string) => void) | undefined,
  ) {}

  private start(): Worker {
    const worker = new Worker(WORKER, {
      workerData: { bundlePath: this.bundlePath, functionName: this.fn.name, functionArn: this.arn, timeoutMs: this.fn.timeoutSeconds * 1000 },
      env: { ...this.baseEnv, ...this.fn.environment, AWS_LAMBDA_FUNCTION_NAME: this.fn.name },
      execArgv: ["--enable-source-maps"],
      ...(this.log ? { stdout: true, stderr: true } : {}),
    });
    if (this.log) {
      const log = this.log;
      for (const stream of [worker.stdout, worker.stderr] as Readable[]) createInterface({ input: stream, crlfDelay: Infinity }).on("line", log);
    }
    worker.on("message", (m: { id: number; ok: boolean; result?: unknown; error?: { name: string; message: string } }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.result);
      else p.reject(new FunctionError(m.error?.name ?? "Error", m.error?.message ?? "unknown error"));
    });
    worker.on("error", (err) => this.failAll(err));
    worker.unref();
    return worker;
  }

  private failAll(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
    this.worker = undefined;
  }

  /** Lambda runs one event at a time per container: invocations queue. */
  invoke(event: unknown, timeoutMs: number, qualifier: string | undefined, version: string): Promise<unknown> {
    const run = () =>
      new Promise<unknown>((resolve, reject) => {
        this.worker ??= this.start();
        const id = ++this.nextId;
        const timer = setTimeout(() => {
          // As Lambda does, a timed-out container is thrown away; the next invocation starts cold.
          this.pending.delete(id);
          void this.worker?.terminate();
          this.worker = undefined;
          reject(new FunctionTimeout(this.fn.name, timeoutMs));
        }, timeoutMs);
        this.pending.set(id, { resolve, reject, timer });
        this.worker.postMessage({ id, event, qualifier, version });
      });
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/**
 * The version an invocation runs as: an alias's version, or its additional version for that share of
 * draws (`random` in [0, 1)); a version qualifier itself; `$LATEST` otherwise. Every version runs the
 * current code (the twin has one build), but the context says which version Lambda would have run.
 */
export function versionFor(fn: TwinFunction, qualifier: string | undefined, random: number): string {
  if (qualifier === undefined || qualifier === "$LATEST") return "$LATEST";
  const alias = fn.aliases[qualifier];
  if (!alias) return qualifier;
  return alias.additional && random < alias.additional.weight ? alias.additional.version : alias.version;
}

export interface LocalFunctionsOptions {
  readonly functions: Readonly<Record<string, TwinFunction>>;
  /** Environment every function gets under its own: region, credentials and endpoints of local services. */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Overrides per function name (e.g. the twin's own token keys for authorizers). @default {} */
  readonly overrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly region: string;
  readonly account: string;
  /** Draws weighted alias routing. @default Math.random */
  readonly random?: () => number;
  /** Receives each line the functions write (their logs). @default this process's stdout and stderr */
  readonly log?: (line: string) => void;
}

/**
 * Runs the stack's real handlers locally: each function bundled by the same esbuild build the stack
 * deploys, in its own worker thread (its own environment and module state: a warm container).
 */
export function startLocalFunctions(options: LocalFunctionsOptions): FunctionInvoker {
  const fns = Object.values(options.functions);
  const bundles = bundleFunctions(fns.map((f) => f.entry));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-twin-"));
  const paths = new Map<string, string>();
  for (const bundle of bundles) {
    const file = path.join(dir, bundle.entry, BUNDLE_FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bundle.code);
    fs.writeFileSync(`${file}.map`, bundle.sourceMap);
    paths.set(bundle.entry, file);
  }
  const containers = new Map(
    fns.map((f) => [
      f.name,
      new Container(
        { ...f, environment: { ...f.environment, ...(options.overrides?.[f.name] ?? {}) } },
        paths.get(f.entry) as string,
        options.baseEnv,
        `arn:aws:lambda:${options.region}:${options.account}:function:${f.name}`,
        options.log,
      ),
    ]),
  );
  return {
    invoke(functionName, event, invokeOptions) {
      const container = containers.get(functionName);
      if (!container) return Promise.reject(new Error(`no function ${functionName} in the stack`));
      const fn = options.functions[functionName] as TwinFunction;
      const qualifier = invokeOptions?.qualifier;
      return container.invoke(event, invokeOptions?.timeoutMs ?? fn.timeoutSeconds * 1000, qualifier, versionFor(fn, qualifier, (options.random ?? Math.random)()));
    },
    async close() {
      await Promise.all([...containers.values()].map((c) => c.close()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
