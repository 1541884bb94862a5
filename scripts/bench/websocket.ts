import { fork, type ChildProcess } from "child_process";
import * as path from "path";
import { performance } from "perf_hooks";
import type { Context } from "aws-lambda";
import { BROADCAST_PAGE_SIZE } from "../../functions/websocket/deps";
import type { WebSocketEvent, WebSocketResult } from "../../functions/websocket/event";
import { setEnv, startDynamoDbLocal } from "../../tests/helpers/dynamodb-local";
import { connectionIdFor, connectionItem, createConnectionsTable, messageEvent, putConnections } from "../../tests/helpers/websocket";
import type { HostReply, HostRequest } from "./connections-host";
import type { WebsocketReport, WebsocketRun } from "./types";

const HOST = path.join(__dirname, "connections-host.ts");
/** Enough to warm DynamoDB Local's JVM and the handler's code paths: without it the first measured run is about twice as slow. */
const WARM_UP_CONNECTIONS = 1000;

type SendMessage = (event: WebSocketEvent, context: Context) => Promise<WebSocketResult>;

/** The connections server in its own process; one request at a time, each answered in order. */
class Host {
  private readonly child: ChildProcess;
  private readonly replies: HostReply[] = [];
  private waiting: { resolve: (reply: HostReply) => void; reject: (error: Error) => void } | undefined;
  private exited: Error | undefined;
  readonly endpoint: Promise<string>;

  constructor() {
    this.child = fork(HOST, [], { execArgv: ["-r", "./scripts/register-typescript.cjs"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
    this.child.on("message", (reply: HostReply) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting.resolve(reply);
      else this.replies.push(reply);
    });
    this.child.once("exit", (code, signal) => {
      this.exited = new Error(`connections host exited (${signal ?? `code ${code}`})`);
      this.waiting?.reject(this.exited);
      this.waiting = undefined;
    });
    this.endpoint = this.next().then((reply) => {
      if (reply.op !== "ready") throw new Error(`connections host: expected ready, got ${JSON.stringify(reply)}`);
      return reply.endpoint;
    });
  }

  private next(): Promise<HostReply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  async request(request: HostRequest): Promise<HostReply> {
    this.child.send(request);
    const reply = await this.next();
    if (reply.op === "error") throw new Error(`connections host: ${reply.message}`);
    return reply;
  }

  async report(): Promise<Extract<HostReply, { op: "report" }>> {
    const reply = await this.request({ op: "report" });
    if (reply.op !== "report") throw new Error(`connections host: expected a report, got ${reply.op}`);
    return reply;
  }

  close(): void {
    if (this.child.connected) this.child.send({ op: "close" } satisfies HostRequest);
    setTimeout(() => this.child.kill("SIGKILL"), 2000).unref();
  }
}

const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: "bench-websocket-send",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:bench-websocket-send",
  memoryLimitInMB: "256",
  awsRequestId: "bench",
  logGroupName: "/aws/lambda/bench-websocket-send",
  logStreamName: "bench",
  getRemainingTimeInMillis: () => 900_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

/** Stores `count` connections in a new table and registers them live on the host. Returns the sender's id. */
async function prepare(db: Awaited<ReturnType<typeof startDynamoDbLocal>>, host: Host, table: string, count: number): Promise<string> {
  await createConnectionsTable(db.client, table);
  const ids = Array.from({ length: count }, (_, i) => connectionIdFor(i, table));
  await putConnections(
    db.client,
    table,
    ids.map((id) => connectionItem(id)),
    16,
  );
  await host.request({ op: "reset" });
  for (let i = 0; i < ids.length; i += 5000) await host.request({ op: "connect", ids: ids.slice(i, i + 5000) });
  return ids[0] as string;
}

/** The run of median duration, with every run's duration. */
function medianRun(runs: readonly WebsocketRun[]): WebsocketRun {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error("no broadcast was measured");
  return { ...middle, runsMs: runs.map((run) => run.ms) };
}

/** One broadcast through the real send-message handler; checks that every connection got the message exactly once. */
async function broadcastOnce(send: SendMessage, host: Host, table: string, sender: string, connections: number, concurrency: number): Promise<WebsocketRun> {
  const restore = setEnv({ CONNECTIONS_TABLE_NAME: table, BROADCAST_CONCURRENCY: String(concurrency) });
  await host.request({ op: "clear" });
  try {
    const event = messageEvent({ routeKey: "sendMessage", connectionId: sender, stage: "bench", json: { action: "sendMessage", message: "bench" } });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await send(event, context);
    const ms = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    if (result.statusCode !== 200) throw new Error(`broadcast to ${connections} answered ${result.statusCode}`);
    const { stats, deliveries } = await host.report();
    if (deliveries.exactlyOne !== connections || deliveries.connections !== connections) {
      throw new Error(`broadcast to ${connections} at concurrency ${concurrency}: ${JSON.stringify(deliveries)}`);
    }
    return {
      connections,
      concurrency,
      ms,
      cpuMs: (user + system) / 1000,
      posts: stats.requests.POST,
      postsPerSecond: (stats.requests.POST / ms) * 1000,
      peakInFlight: stats.peakInFlight,
    };
  } finally {
    restore();
  }
}

/**
 * Broadcasts through the send-message handler (in this process, as Lambda runs it) to `sizes`
 * stored connections in DynamoDB Local, posting to the connections server in a child process: once
 * `repeat` times with each pool size of `pools` (posts in flight at most; the median is reported),
 * once one at a time. `latencyMs` delays every answer of the
 * server, standing in for the round trip to the real management API.
 */
export async function measureWebsocket(
  sizes: readonly number[],
  pools: readonly number[],
  latencyMs: number,
  repeat: number,
  progress: (message: string) => void,
): Promise<WebsocketReport> {
  progress("websocket: starting DynamoDB Local and the connections server");
  const host = new Host();
  const db = await startDynamoDbLocal();
  const restoreEnv = setEnv({
    ...db.env,
    CALLBACK_URL: await host.endpoint,
    // The handler's completion and broadcast lines would interleave with the report.
    POWERTOOLS_LOG_LEVEL: "SILENT",
    AWS_LAMBDA_LOG_LEVEL: undefined,
  });
  try {
    await host.request({ op: "setLatency", ms: latencyMs });
    // Imported only now: the logger reads its level when the module is first loaded.
    const { handler } = (await import("../../functions/websocket/send-message")) as { handler: SendMessage };

    // Not measured: creates the clients and opens their sockets, as a warm container would have.
    const warmSender = await prepare(db, host, "bench-warm-up", WARM_UP_CONNECTIONS);
    for (const pool of pools) await broadcastOnce(handler, host, "bench-warm-up", warmSender, WARM_UP_CONNECTIONS, pool);

    const runs: WebsocketRun[] = [];
    const seedMs: Record<string, number> = {};
    for (const [i, size] of sizes.entries()) {
      const table = `bench-connections-${i + 1}-${size}`;
      progress(`websocket: storing ${size} connections`);
      const t = performance.now();
      const sender = await prepare(db, host, table, size);
      seedMs[String(size)] = performance.now() - t;
      // Not measured: DynamoDB Local's first reads of a new table are slower (its JIT), which would
      // count against whichever pool ran first.
      await broadcastOnce(handler, host, table, sender, size, pools[0] as number);
      const measured = new Map<number, WebsocketRun[]>(pools.map((pool) => [pool, []]));
      for (let round = 0; round < repeat; round++) {
        // Each round starts with another pool, so that none is always first after the warm-up.
        for (let k = 0; k < pools.length; k++) {
          const limit = pools[(round + k) % pools.length] as number;
          progress(`websocket: broadcast to ${size} connections, ${limit} in flight (${round + 1} of ${repeat})`);
          measured.get(limit)?.push(await broadcastOnce(handler, host, table, sender, size, limit));
        }
      }
      for (const pool of pools) runs.push(medianRun(measured.get(pool) ?? []));
      progress(`websocket: broadcast to ${size} connections, one at a time`);
      runs.push(await broadcastOnce(handler, host, table, sender, size, 1));
    }
    return { concurrency: pools[0] as number, pools, repeat, latencyMs, pageSize: BROADCAST_PAGE_SIZE, seedMs, runs };
  } finally {
    restoreEnv();
    host.close();
    await db.stop();
  }
}
