import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { BUNDLE_FILE, bundleFunctions } from "../components/lambda/bundle";
import { withAbsoluteSources } from "./bundle-sources";
import { outputTo, type Written } from "./function-output";
import type { FunctionCode, FunctionInvoker, TwinFunction } from "./model";

const WORKER = path.join(__dirname, "function-worker.mjs");

/**
 * Lambda's limit on a synchronous invocation's request and response payloads ("For synchronous
 * invocations, the maximum payload size is 6 MB", the Invoke API reference).
 */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * Warm containers per function when the function reserves no concurrency of its own: twice the cores,
 * at least 4. Each container is a worker thread with a V8 isolate of its own, compiling and collecting
 * the same bundle; more of them than the cores can run only take turns. On 2 cores, GET /hello under 50
 * connections answered 3,750 requests/s with 10 containers and 6,144 with 4 (`npm run bench`, 5 Dec 2026).
 */
export const DEFAULT_CONTAINERS_PER_FUNCTION = Math.max(4, 2 * os.availableParallelism());

/** A failed invocation, as Lambda reports it: `errorType` and `errorMessage`. */
export class FunctionError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = "FunctionError";
  }
}

/** The event is larger than Lambda accepts: the invocation never reaches the function. */
export class RequestTooLarge extends Error {
  readonly errorType = "RequestEntityTooLargeException";
  constructor(readonly bytes: number) {
    super(`Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation`);
    this.name = "RequestTooLarge";
  }
}

/** Lambda's own words when a function runs past its timeout. */
export function timeoutError(timeoutSeconds: number): FunctionError {
  return new FunctionError("Sandbox.Timedout", `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
}

/** An answer to an event (with what the function wrote meanwhile), or only what it wrote. */
interface WorkerMessage {
  readonly id?: number;
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
  readonly logs?: Written;
}

/** An invocation not yet given to a container, and how its caller hears its end. */
interface Pending {
  readonly event: unknown;
  readonly qualifier: string | undefined;
  readonly version: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Running = Pick<Pending, "resolve" | "reject"> & { readonly id: number; readonly timer: NodeJS.Timeout };

/**
 * One warm container: a worker thread with the function's environment that has loaded its bundle.
 * It runs one event at a time, as a Lambda execution environment does; it is thrown away when the
 * function times out or its runtime exits, and the next invocation starts a new one (cold).
 */
class Container {
  private readonly worker: Worker;
  private running: Running | undefined;
  private nextId = 0;
  private readonly output: ReturnType<typeof outputTo>;
  dead = false;

  constructor(
    private readonly fn: TwinFunction,
    module: { readonly path: string; readonly exportName: string },
    env: Readonly<Record<string, string>>,
    arn: string,
    private readonly onDeath: (container: Container) => void,
    log: ((line: string) => void) | undefined,
  ) {
    this.worker = new Worker(WORKER, {
      workerData: {
        modulePath: module.path,
        exportName: module.exportName,
        functionName: fn.name,
        functionArn: arn,
        timeoutMs: fn.timeoutSeconds * 1000,
        memoryMb: fn.memoryMb ?? 128,
        maxPayloadBytes: MAX_PAYLOAD_BYTES,
      },
      env: { ...env, AWS_LAMBDA_FUNCTION_NAME: fn.name, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb ?? 128) },
      execArgv: ["--enable-source-maps"],
    });
    // The worker sends what the function writes in its own messages (function-worker.mjs).
    this.output = outputTo(log);
    this.worker.unref();
    this.worker.on("message", (message: WorkerMessage) => {
      if (message.logs) this.output.write(message.logs);
      if (message.id !== undefined) this.settle(message as WorkerMessage & { readonly id: number });
    });
    this.worker.on("error", (error: Error) => this.die(new FunctionError("Runtime.Unknown", error.message)));
    // A handler that calls process.exit() ends its worker: Lambda reports the runtime's exit at once.
    this.worker.on("exit", (code: number) =>
      this.die(new FunctionError("Runtime.ExitError", `RequestId: ${this.fn.name} Error: Runtime exited with error: exit status ${code}`)),
    );
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Sends the container an event; its `resolve` or `reject` hears how it ended (no promise of its own: this runs for every call). */
  run({ event, qualifier, version, resolve, reject }: Pending): void {
    const id = ++this.nextId;
    const timer = setTimeout(() => {
      // As Lambda does, a timed-out environment is thrown away.
      this.die(timeoutError(this.fn.timeoutSeconds));
    }, this.fn.timeoutSeconds * 1000);
    this.running = { id, resolve, reject, timer };
    try {
      this.worker.postMessage({ id, event, qualifier, version });
    } catch (error) {
      reject(error as Error);
    }
  }

  private settle(reply: WorkerMessage & { readonly id: number }): void {
    const running = this.running;
    if (!running || running.id !== reply.id) return;
    this.running = undefined;
    clearTimeout(running.timer);
    if (reply.ok) running.resolve(reply.result);
    else running.reject(new FunctionError(reply.error?.name ?? "Error", reply.error?.message ?? "unknown error"));
    this.released?.(this);
  }

  /** Set by the pool: called when the container is free again. */
  released: ((container: Container) => void) | undefined;

  /** Set when the function's code was replaced: the container finishes what it runs, then goes. */
  retired = false;

  die(error: Error): void {
    if (this.dead) return;
    this.dead = true;
    this.output.end();
    const running = this.running;
    this.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.reject(error);
    }
    void this.worker.terminate();
    this.onDeath(this);
  }

  async close(): Promise<void> {
    this.dead = true;
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.reject(new FunctionError("Runtime.Shutdown", "the twin is stopping"));
      this.running = undefined;
    }
    await this.worker.terminate();
    this.output.end();
  }
}

/**
 * The warm containers of one function: an idle one takes the next event; while all are busy, a new
 * one starts (with its own cold start) up to `limit`; past that, events wait for the first to be free.
 */
class FunctionPool {
  private readonly containers = new Set<Container>();
  private readonly idle: Container[] = [];
  private readonly waiting: Pending[] = [];
  /** Containers started so far (cold starts). */
  started = 0;

  constructor(
    private readonly limit: number,
    private create: (onDeath: (c: Container) => void) => Container,
  ) {}

  /**
   * New code: events from now on go to new containers made by `create`; idle containers stop at once,
   * busy ones when their event is answered (an event in flight finishes on the code it started on).
   */
  swap(create: (onDeath: (c: Container) => void) => Container): void {
    this.create = create;
    for (const container of this.idle.splice(0)) {
      this.containers.delete(container);
      void container.close();
    }
    for (const container of this.containers) container.retired = true;
  }

  /** Gives an invocation to an idle container, or a new one below the limit; else it waits its turn. */
  private dispatch(invocation: Pending): void {
    let container = this.idle.pop();
    if (!container && this.containers.size < this.limit) {
      container = this.create((dead) => this.remove(dead));
      container.released = (free) => this.release(free);
      this.containers.add(container);
      this.started++;
    }
    if (container) container.run(invocation);
    else this.waiting.push(invocation);
  }

  private release(container: Container): void {
    if (container.dead) return;
    if (container.retired) {
      this.containers.delete(container);
      void container.close();
      // Someone waiting gets a container of the new code in its place.
      const waiting = this.waiting.shift();
      if (waiting) this.dispatch(waiting);
      return;
    }
    // The next event goes to the container at once, in the turn that heard its answer.
    const next = this.waiting.shift();
    if (next) container.run(next);
    else this.idle.push(container);
  }

  private remove(container: Container): void {
    this.containers.delete(container);
    const at = this.idle.indexOf(container);
    if (at >= 0) this.idle.splice(at, 1);
    // Someone waiting gets a fresh container in its place.
    const next = this.waiting.shift();
    if (next) this.dispatch(next);
  }

  invoke(event: unknown, qualifier: string | undefined, version: string): Promise<unknown> {
    return new Promise((resolve, reject) => this.dispatch({ event, qualifier, version, resolve, reject }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.containers].map((c) => c.close()));
    this.containers.clear();
    this.idle.length = 0;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new FunctionError("Runtime.Shutdown", "the twin is stopping"));
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

/** The size of an event as Lambda measures it: its JSON. Only bodies can approach the limit, so small events are not serialized. */
export function eventBytes(event: unknown): number {
  const body = (event as { body?: unknown } | null)?.body;
  const roughly = typeof body === "string" ? body.length : 0;
  if (roughly < MAX_PAYLOAD_BYTES / 4) return roughly;
  return Buffer.byteLength(JSON.stringify(event));
}

export interface LocalFunctionsOptions {
  readonly functions: Readonly<Record<string, TwinFunction>>;
  /** Environment every function gets under its own: region, credentials and endpoints of local services. */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Overrides per function name (e.g. the twin's own token keys for authorizers). @default {} */
  readonly overrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Variables every function gets over its own and the overrides (`npm start -- --env-file`). @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  readonly region: string;
  readonly account: string;
  /** Draws weighted alias routing. @default Math.random */
  readonly random?: () => number;
  /** Receives each line the functions write (their logs). @default this process's stdout and stderr */
  readonly log?: (line: string) => void;
  /** Warm containers per function without reserved concurrency. @default DEFAULT_CONTAINERS_PER_FUNCTION */
  readonly containersPerFunction?: number;
}

export interface LocalFunctions extends FunctionInvoker {
  /** Containers started so far per function name: each one was a cold start. */
  coldStarts(): Readonly<Record<string, number>>;
  /** Each function's code as it runs now (what `replaceCode` last gave it). */
  code(name: string): FunctionCode | undefined;
  /**
   * Runs new code for a function: new events go to new containers; events in flight finish on the
   * containers they started on, which then stop.
   */
  replaceCode(name: string, code: FunctionCode): void;
}

/** The module file and export a handler setting (`index.handler`) names within a package's files. */
function handlerOf(fn: TwinFunction, files: readonly string[]): { module: string; exportName: string } {
  const handler = fn.handler ?? "index.handler";
  const dot = handler.lastIndexOf(".");
  const base = handler.slice(0, dot);
  const module = [`${base}.mjs`, `${base}.js`, `${base}.cjs`].find((f) => files.includes(f)) ?? `${base}.mjs`;
  return { module, exportName: handler.slice(dot + 1) };
}

/**
 * Writes each function's code where its workers load it from (`<dir>/<name>[/<generation>]`): the
 * deployment package's files, a fresh bundle, or a given module.
 */
function placeCode(
  fns: readonly TwinFunction[],
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-twin-")),
  generation = "",
): { modules: Map<string, { path: string; exportName: string }>; dir: string } {
  const modules = new Map<string, { path: string; exportName: string }>();
  const entries = fns.flatMap((f) => (f.code.kind === "entry" ? [f.code.entry] : []));
  const bundles = new Map(bundleFunctions(entries).map((b) => [b.entry, b]));
  for (const fn of fns) {
    const code = fn.code;
    let files: Record<string, string>;
    if (code.kind === "module") {
      modules.set(fn.name, { path: code.path, exportName: handlerOf(fn, [path.basename(code.path)]).exportName });
      continue;
    } else if (code.kind === "entry") {
      const bundle = bundles.get(code.entry) as NonNullable<ReturnType<typeof bundles.get>>;
      files = { [BUNDLE_FILE]: bundle.code, [`${BUNDLE_FILE}.map`]: bundle.sourceMap };
    } else files = { ...code.files };
    const home = path.join(dir, fn.name, generation);
    fs.mkdirSync(home, { recursive: true });
    // A bundle's map names its sources relative to where esbuild would have written it: made absolute, stack traces and debuggers find them.
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(home, name), name === `${BUNDLE_FILE}.map` ? withAbsoluteSources(text) : text);
    const { module, exportName } = handlerOf(fn, Object.keys(files));
    modules.set(fn.name, { path: path.join(home, module), exportName });
  }
  return { modules, dir };
}

/**
 * Runs the stack's real handlers locally: each function bundled by the same esbuild build the stack
 * deploys, in worker threads (each its own environment and module state: warm containers), as many
 * at once as the function's reserved concurrency (else `containersPerFunction`).
 */
export function startLocalFunctions(options: LocalFunctionsOptions): LocalFunctions {
  const fns = Object.values(options.functions);
  const { modules, dir } = placeCode(fns);
  const random = options.random ?? Math.random;
  const current = new Map(fns.map((f) => [f.name, f.code]));
  const containers = (f: TwinFunction, module: { readonly path: string; readonly exportName: string }) => {
    const env = { ...options.baseEnv, ...f.environment, ...(options.overrides?.[f.name] ?? {}), ...(options.environment ?? {}) };
    const arn = `arn:aws:lambda:${options.region}:${options.account}:function:${f.name}`;
    return (onDeath: (c: Container) => void) => new Container(f, module, env, arn, onDeath, options.log);
  };
  const pools = new Map(
    fns.map((f) => {
      const limit = f.reservedConcurrency ?? options.containersPerFunction ?? DEFAULT_CONTAINERS_PER_FUNCTION;
      return [f.name, new FunctionPool(Math.max(1, limit), containers(f, modules.get(f.name) as { path: string; exportName: string }))];
    }),
  );
  let generation = 0;
  return {
    code: (name) => current.get(name),
    replaceCode(name, code) {
      const fn = options.functions[name];
      const pool = pools.get(name);
      if (!fn || !pool) throw new Error(`no function ${name}`);
      const updated = { ...fn, code };
      const placed = placeCode([updated], dir, `v${++generation}`).modules.get(name) as { path: string; exportName: string };
      current.set(name, code);
      pool.swap(containers(updated, placed));
    },
    invoke(functionName, event, invokeOptions) {
      const pool = pools.get(functionName);
      if (!pool) return Promise.reject(new FunctionError("ResourceNotFoundException", `Function not found: ${functionName}`));
      const bytes = eventBytes(event);
      if (bytes > MAX_PAYLOAD_BYTES) return Promise.reject(new RequestTooLarge(bytes));
      const fn = options.functions[functionName] as TwinFunction;
      const qualifier = invokeOptions?.qualifier;
      return pool.invoke(event, qualifier, versionFor(fn, qualifier, random()));
    },
    coldStarts: () => Object.fromEntries([...pools].map(([name, pool]) => [name, pool.started])),
    async close() {
      await Promise.all([...pools.values()].map((p) => p.close()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
