import WebSocket from "ws";
import type { FunctionInvoker, TwinWebSocketApi } from "../../local/model";
import { startWebSocketTwin, type WebSocketTwin } from "../../local/websocket-twin";

/**
 * The headers of the handshake as the `$connect` REQUEST authorizer and integration get them.
 * Source: "Control access to WebSocket APIs with AWS Lambda REQUEST authorizers"
 * (docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html):
 * the example input's headers carry, besides the client's, `X-Amzn-Trace-Id`, `X-Forwarded-For`,
 * `X-Forwarded-Port` and `X-Forwarded-Proto` (in `headers` and `multiValueHeaders`).
 */

const API: TwinWebSocketApi = {
  name: "handshake",
  routeSelectionExpression: "$request.body.action",
  routes: [{ routeKey: "$connect", functionName: "connect" }],
  authorizer: { functionName: "authorizer", identitySources: ["route.request.querystring.token"] },
};

type Event = { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> };
const events: Record<string, Event[]> = { authorizer: [], connect: [] };

const invoker: FunctionInvoker = {
  invoke: async (functionName, event) => {
    events[functionName]?.push(event as Event);
    if (functionName !== "authorizer") return { statusCode: 200 };
    const { methodArn } = event as { methodArn: string };
    return {
      principalId: "me",
      policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: methodArn }] },
    };
  },
  close: async () => undefined,
};

let twin: WebSocketTwin;

beforeAll(async () => {
  twin = await startWebSocketTwin({ api: API, stage: "dev", invoker, region: "us-east-1", account: "123456789012", apiId: "hands12345", log: () => undefined });
});

afterAll(async () => {
  await twin?.close();
});

it("gives the authorizer and $connect the handshake's headers with X-Amzn-Trace-Id and X-Forwarded-* added", async () => {
  const ws = new WebSocket(`${twin.url}?token=t`);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  ws.close(1000);
  const [authorizer] = events.authorizer as Event[];
  const [connect] = events.connect as Event[];
  const traceId = authorizer?.headers["X-Amzn-Trace-Id"];
  expect(traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  expect(authorizer?.multiValueHeaders["X-Amzn-Trace-Id"]).toEqual([traceId]);
  expect(authorizer?.headers).toMatchObject({ "X-Forwarded-For": "127.0.0.1", "X-Forwarded-Port": String(twin.port), "X-Forwarded-Proto": "http" });
  // One handshake: the integration sees the same request, trace id included.
  expect(connect?.headers["X-Amzn-Trace-Id"]).toBe(traceId);
  expect(connect?.multiValueHeaders["X-Amzn-Trace-Id"]).toEqual([traceId]);
});
