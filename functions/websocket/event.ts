import type { APIGatewayEventWebsocketRequestContextV2, APIGatewayProxyEventHeaders, APIGatewayProxyWebsocketEventV2WithRequestContext } from "aws-lambda";

/**
 * `requestContext` of a WebSocket event as API Gateway sends it. @types/aws-lambda leaves out two
 * keys that matter here: `identity` (every event) and `authorizer`, present on `$connect` (and on
 * later messages of the connection) when a REQUEST authorizer ran: its `principalId` plus the
 * context keys it returned.
 */
export interface WebSocketRequestContext extends APIGatewayEventWebsocketRequestContextV2 {
  identity?: { sourceIp?: string; userAgent?: string | null };
  authorizer?: ({ principalId?: unknown } & Record<string, unknown>) | null;
}

/** `$disconnect`, `$default` and custom routes. */
export type WebSocketEvent = APIGatewayProxyWebsocketEventV2WithRequestContext<WebSocketRequestContext>;

/** `$connect` is the HTTP upgrade request: it also carries the handshake's headers (and query string). */
export interface ConnectEvent extends WebSocketEvent {
  headers?: APIGatewayProxyEventHeaders;
}

/**
 * What a WebSocket route returns to API Gateway. Replies go through the management API, never in
 * the return value (no route responses are configured); for `$connect` a status outside 2xx refuses
 * the handshake with that status.
 */
export interface WebSocketResult {
  statusCode: number;
}

export const OK: WebSocketResult = Object.freeze({ statusCode: 200 });

/** A refusal whose status, code and message are safe to send to the client as an error frame. */
export class FrameError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Listed in the error frame when the client sent something no route matched. */
    readonly actions?: readonly string[],
  ) {
    super(message);
    this.name = "FrameError";
  }
}
