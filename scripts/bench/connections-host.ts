/**
 * The connections server (tests/helpers/connections-server.ts) in a process of its own, so that in
 * the WebSocket benchmark it does not share the handler's event loop, as API Gateway would not:
 * `fork("connections-host.ts", { execArgv: ["-r", "./scripts/register-typescript.cjs"] })`, then HostRequest messages over
 * the IPC channel, each answered by one HostReply.
 */
import { startConnectionsServer, type ServerStats } from "../../tests/helpers/connections-server";

export type HostRequest =
  | { readonly op: "connect"; readonly ids: readonly string[] }
  | { readonly op: "setLatency"; readonly ms: number }
  | { readonly op: "reset" }
  /** Forgets the frames received and zeroes the counts; the connections stay. */
  | { readonly op: "clear" }
  | { readonly op: "report" }
  | { readonly op: "close" };

/** How many frames each registered connection received: the broadcast's correctness check. */
export interface Deliveries {
  readonly connections: number;
  readonly exactlyOne: number;
  readonly none: number;
  readonly moreThanOne: number;
}

export type HostReply =
  | { readonly op: "ready"; readonly endpoint: string }
  | { readonly op: "ok" }
  | { readonly op: "report"; readonly stats: ServerStats; readonly deliveries: Deliveries }
  | { readonly op: "error"; readonly message: string };

async function main(): Promise<void> {
  const send = (reply: HostReply) => process.send?.(reply);
  const server = await startConnectionsServer({ stage: "bench" });
  let registered: readonly string[] = [];

  process.on("message", (request: HostRequest) => {
    try {
      switch (request.op) {
        case "connect":
          for (const id of request.ids) server.connect(id);
          registered = [...registered, ...request.ids];
          break;
        case "setLatency":
          server.setLatency(request.ms);
          break;
        case "reset":
          server.reset();
          registered = [];
          break;
        case "clear":
          server.clearReceived();
          server.resetStats();
          break;
        case "report": {
          let exactlyOne = 0;
          let none = 0;
          let moreThanOne = 0;
          for (const id of registered) {
            const count = server.received(id).filter((frame) => frame.startsWith('{"type":"message"')).length;
            if (count === 1) exactlyOne++;
            else if (count === 0) none++;
            else moreThanOne++;
          }
          send({ op: "report", stats: server.stats(), deliveries: { connections: registered.length, exactlyOne, none, moreThanOne } });
          return;
        }
        case "close":
          void server.close().finally(() => process.exit(0));
          return;
      }
      send({ op: "ok" });
    } catch (error) {
      send({ op: "error", message: error instanceof Error ? error.message : String(error) });
    }
  });
  // The parent went away: do not outlive it.
  process.on("disconnect", () => process.exit(0));
  send({ op: "ready", endpoint: server.endpoint });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
