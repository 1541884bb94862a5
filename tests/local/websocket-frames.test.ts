import WebSocket from "ws";
import type { FunctionInvoker, TwinWebSocketApi } from "../../local/model";
import { startWebSocketTwin, type WebSocketTwin } from "../../local/websocket-twin";
import { limitFrameSize } from "../../local/websocket/frame-limits";

/**
 * What the twin's WebSocket API does with the frames a client sends, by category, as API Gateway
 * documents it:
 * - "Quotas for configuring and running a WebSocket API in API Gateway"
 *   (docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html):
 *   WebSocket frame size 32 KB, message payload size 128 KB; "messages larger than 32 KB must be split
 *   into multiple frames, each 32 KB or smaller ... If a larger message (or larger frame size) is
 *   received, the connection is closed with code 1009".
 * - "Binary media types for WebSocket APIs in API Gateway"
 *   (docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-binary-media-types.html):
 *   binary frames in incoming message payloads are not supported; "API Gateway rejects it and
 *   disconnects the client with code 1003".
 */

const KB = 1024;

const API: TwinWebSocketApi = {
  name: "frames",
  routeSelectionExpression: "$request.body.action",
  routes: [
    { routeKey: "$disconnect", functionName: "disconnect" },
    { routeKey: "$default", functionName: "default" },
    { routeKey: "echo", functionName: "echo" },
  ],
  authorizer: undefined,
};

interface Call {
  readonly functionName: string;
  readonly event: { body?: string; isBase64Encoded?: boolean; requestContext: { connectionId: string; disconnectStatusCode?: number } };
}

const calls: Call[] = [];
const invoker: FunctionInvoker = {
  invoke: async (functionName, event) => {
    calls.push({ functionName, event: event as Call["event"] });
    return { statusCode: 200 };
  },
  close: async () => undefined,
};

let twin: WebSocketTwin;

beforeAll(async () => {
  twin = await startWebSocketTwin({ api: API, stage: "dev", invoker, region: "us-east-1", account: "123456789012", apiId: "frames1234", log: () => undefined });
});

afterAll(async () => {
  await twin?.close();
});

beforeEach(() => {
  calls.length = 0;
});

async function open(): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(twin.url);
  const closed = new Promise<number>((resolve) => ws.once("close", (code: number) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, closed };
}

/** Sends `text` as one message split into frames of at most `frameBytes` (a continuation frame per piece). */
function sendInFrames(ws: WebSocket, text: string, frameBytes: number): void {
  const bytes = Buffer.from(text, "utf8");
  for (let start = 0; start < bytes.length; start += frameBytes) {
    const fin = start + frameBytes >= bytes.length;
    ws.send(bytes.subarray(start, start + frameBytes), { binary: false, fin });
  }
}

jest.setTimeout(15_000);

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("frame and message size (quotas page: frames of 32 KB, messages of 128 KB, 1009 above either)", () => {
  it("takes a message of more than 32 KB sent in frames of 32 KB or less, and gives the route the whole message", async () => {
    const { ws } = await open();
    const message = JSON.stringify({ action: "echo", text: "y".repeat(100 * KB) });
    sendInFrames(ws, message, 32 * KB);
    await until(() => calls.some((call) => call.functionName === "echo"));
    const echo = calls.find((call) => call.functionName === "echo");
    expect(echo?.event.body).toBe(message);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close(1000);
  });

  it("closes with 1009 for one frame over 32 KB, even inside a message under 128 KB", async () => {
    const { ws, closed } = await open();
    sendInFrames(ws, JSON.stringify({ action: "echo", text: "y".repeat(40 * KB) }), 32 * KB + 1);
    expect(await closed).toBe(1009);
    expect(calls.filter((call) => call.functionName === "echo")).toEqual([]);
  });

  it("closes with 1009 for a message over 128 KB, even in frames of 32 KB", async () => {
    const { ws, closed } = await open();
    sendInFrames(ws, JSON.stringify({ action: "echo", text: "y".repeat(128 * KB) }), 32 * KB);
    expect(await closed).toBe(1009);
    expect(calls.filter((call) => call.functionName === "echo")).toEqual([]);
  });
});

describe("binary frames (binary media types page: rejected, the client disconnected with 1003)", () => {
  it("closes the connection with 1003 and invokes no route for a binary frame; $disconnect reports 1003", async () => {
    const { ws, closed } = await open();
    ws.send(Buffer.from([0x00, 0xff, 0x10]), { binary: true });
    expect(await closed).toBe(1003);
    await until(() => calls.some((call) => call.functionName === "disconnect"));
    expect(calls.map((call) => call.functionName)).toEqual(["disconnect"]);
    expect(calls[0]?.event.requestContext.disconnectStatusCode).toBe(1003);
  });

  it("closes with 1003 for a binary message sent in several frames", async () => {
    const { ws, closed } = await open();
    ws.send(Buffer.from("ab"), { binary: true, fin: false });
    ws.send(Buffer.from("cd"), { binary: true, fin: true });
    expect(await closed).toBe(1003);
    expect(calls.filter((call) => call.functionName !== "disconnect")).toEqual([]);
  });
});

describe("@connections POST (quotas page: the 32 KB frame quota 'applies to @connections commands')", () => {
  it("delivers a posted message of more than 32 KB in frames of 32 KB or less, whole", async () => {
    const { ws } = await open();
    // The client holds the twin to API Gateway's frame size: a larger frame would close it with 1009.
    limitFrameSize(ws);
    const received = new Promise<string>((resolve) => {
      ws.once("message", (data: Buffer) => resolve(data.toString("utf8")));
      ws.once("close", (code: number) => resolve(`closed with ${code}`));
    });
    ws.send(JSON.stringify({ action: "hello" }));
    await until(() => calls.some((call) => call.functionName === "default"));
    const connectionId = calls.find((call) => call.functionName === "default")?.event.requestContext.connectionId ?? "";
    const message = JSON.stringify({ text: "z".repeat(100 * KB) });
    const response = await fetch(`${twin.callbackUrl}/@connections/${encodeURIComponent(connectionId)}`, { method: "POST", body: message });
    expect(response.status).toBe(200);
    expect(await received).toBe(message);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close(1000);
  });
});

describe("@connections with the path URL-encoded ('Use @connections commands in your backend service')", () => {
  // docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html:
  // "You need to URL-encode the command", e.g. POST .../prod/%40connections/R0oXAdfD0kwCH6w%3D.
  it("answers /{stage}/%40connections/{id} as /{stage}/@connections/{id}", async () => {
    const { ws } = await open();
    const received = new Promise<string>((resolve) => ws.once("message", (data: Buffer) => resolve(data.toString("utf8"))));
    ws.send(JSON.stringify({ action: "hello" }));
    await until(() => calls.some((call) => call.functionName === "default"));
    const connectionId = calls.find((call) => call.functionName === "default")?.event.requestContext.connectionId ?? "";
    const url = `${twin.callbackUrl}/%40connections/${encodeURIComponent(connectionId)}`;
    const posted = await fetch(url, { method: "POST", body: "hello world" });
    expect(posted.status).toBe(200);
    expect(await received).toBe("hello world");
    const got = await fetch(url);
    expect(got.status).toBe(200);
    const deleted = await fetch(url, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    const gone = await fetch(url, { method: "POST", body: "again" });
    expect(gone.status).toBe(410);
    expect(gone.headers.get("x-amzn-errortype")).toBe("GoneException");
  });
});
