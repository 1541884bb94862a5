import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { requestTime } from "./times";

export { requestTime };

/**
 * The events API Gateway sends a WebSocket API's Lambda integrations (proxy) and its REQUEST
 * authorizer, built from a live handshake. Shapes follow API Gateway's documented examples.
 */

/** An id shaped like API Gateway's connection, request and message ids: 11 random bytes in base64 (16 characters ending in `=`). */
export function apiGatewayId(): string {
  return randomBytes(11).toString("base64");
}

/** An `X-Amzn-Trace-Id` as API Gateway adds it to the handshake: `Root=1-{epoch seconds, hex}-{24 hex digits}`. */
export function traceId(epochMs: number): string {
  return `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
}

/** The handshake's headers and query string, in the single- and multi-value forms events carry. */
export interface RequestParts {
  /** Header names as the client sent them; the last value of a repeated header. */
  readonly headers: Record<string, string>;
  readonly multiValueHeaders: Record<string, string[]>;
  /** Undefined when the request has no query string; the last value of a repeated parameter. */
  readonly queryStringParameters: Record<string, string> | undefined;
  readonly multiValueQueryStringParameters: Record<string, string[]> | undefined;
}

export function requestParts(req: IncomingMessage, extraHeaders: Readonly<Record<string, string>> = {}): RequestParts {
  const multiValueHeaders: Record<string, string[]> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    // One spelling per header name: the first the client used.
    const existing = Object.keys(multiValueHeaders).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
    (multiValueHeaders[existing] ??= []).push(raw[i + 1] as string);
  }
  for (const [name, value] of Object.entries(extraHeaders)) {
    if (!Object.keys(multiValueHeaders).some((key) => key.toLowerCase() === name.toLowerCase())) multiValueHeaders[name] = [value];
  }
  const headers = Object.fromEntries(Object.entries(multiValueHeaders).map(([name, values]) => [name, values[values.length - 1] as string]));

  const search = new URL(req.url ?? "/", "http://localhost").searchParams;
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of search) (multiQuery[name] ??= []).push(value);
  const hasQuery = Object.keys(multiQuery).length > 0;
  return {
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery
      ? Object.fromEntries(Object.entries(multiQuery).map(([name, values]) => [name, values[values.length - 1] as string]))
      : undefined,
    multiValueQueryStringParameters: hasQuery ? multiQuery : undefined,
  };
}

/**
 * The handshake as the `$connect` authorizer and integration get it: the client's headers and the ones
 * API Gateway adds (`X-Amzn-Trace-Id`, `X-Forwarded-*`), as the REQUEST authorizer page's example input shows.
 */
export function handshakeParts(req: IncomingMessage, via: { sourceIp: string; port: number; at: number }): RequestParts {
  return requestParts(req, {
    "X-Amzn-Trace-Id": traceId(via.at),
    "X-Forwarded-For": via.sourceIp,
    "X-Forwarded-Port": String(via.port),
    "X-Forwarded-Proto": "http",
  });
}

/** A header's last value, whatever the case of its name. */
export function headerValue(parts: Pick<RequestParts, "headers">, name: string): string | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(parts.headers).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : parts.headers[key];
}

/** What every event of one connection shares. */
export interface ConnectionContext {
  readonly stage: string;
  readonly domainName: string;
  readonly apiId: string;
  readonly connectionId: string;
  /** Epoch milliseconds. */
  readonly connectedAt: number;
  readonly identity: { readonly sourceIp: string; readonly userAgent?: string };
  /** `{ principalId, integrationLatency, ...context }` once a REQUEST authorizer allowed the connection. */
  readonly authorizer?: Readonly<Record<string, unknown>>;
}

export type EventType = "CONNECT" | "MESSAGE" | "DISCONNECT";

export interface WebSocketRequestContext {
  routeKey: string;
  messageId?: string;
  disconnectStatusCode?: number;
  eventType: EventType;
  extendedRequestId: string;
  requestTime: string;
  messageDirection: "IN";
  disconnectReason?: string;
  stage: string;
  connectedAt: number;
  requestTimeEpoch: number;
  identity: { sourceIp: string; userAgent?: string };
  requestId: string;
  domainName: string;
  connectionId: string;
  apiId: string;
  authorizer?: Record<string, unknown>;
}

export function requestContext(
  connection: ConnectionContext,
  event: {
    routeKey: string;
    eventType: EventType;
    requestId: string;
    requestTimeEpoch: number;
    messageId?: string;
    disconnect?: { code: number; reason: string };
    /** Leave out `authorizer` (the authorizer's own event: it has not decided yet). */
    withoutAuthorizer?: boolean;
  },
): WebSocketRequestContext {
  return {
    routeKey: event.routeKey,
    ...(event.messageId === undefined ? {} : { messageId: event.messageId }),
    ...(event.disconnect === undefined ? {} : { disconnectStatusCode: event.disconnect.code }),
    eventType: event.eventType,
    extendedRequestId: event.requestId,
    requestTime: requestTime(event.requestTimeEpoch),
    messageDirection: "IN",
    ...(event.disconnect === undefined ? {} : { disconnectReason: event.disconnect.reason }),
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: event.requestTimeEpoch,
    identity: { ...connection.identity },
    requestId: event.requestId,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: connection.apiId,
    ...(connection.authorizer === undefined || event.withoutAuthorizer === true ? {} : { authorizer: { ...connection.authorizer } }),
  };
}

function queryOf(parts: RequestParts): Partial<Pick<RequestParts, "queryStringParameters" | "multiValueQueryStringParameters">> {
  return parts.queryStringParameters === undefined
    ? {}
    : { queryStringParameters: parts.queryStringParameters, multiValueQueryStringParameters: parts.multiValueQueryStringParameters };
}

/** The REQUEST authorizer's input for `$connect`. */
export function authorizerEvent(parts: RequestParts, methodArn: string, context: WebSocketRequestContext) {
  return {
    type: "REQUEST" as const,
    methodArn,
    headers: parts.headers,
    multiValueHeaders: parts.multiValueHeaders,
    queryStringParameters: parts.queryStringParameters ?? {},
    multiValueQueryStringParameters: parts.multiValueQueryStringParameters ?? {},
    stageVariables: {},
    requestContext: context,
  };
}

/** `$connect`: the handshake's headers and query string. */
export function connectEvent(parts: RequestParts, context: WebSocketRequestContext) {
  return {
    headers: parts.headers,
    multiValueHeaders: parts.multiValueHeaders,
    ...queryOf(parts),
    requestContext: context,
    isBase64Encoded: false,
  };
}

/** A message on `$default` or a custom route: always text (API Gateway takes no binary frames). */
export function messageEvent(context: WebSocketRequestContext, body: string) {
  return { requestContext: context, body, isBase64Encoded: false };
}

/** `$disconnect`: API Gateway sends these few headers, most of them empty. */
export function disconnectEvent(context: WebSocketRequestContext) {
  const headers = { Host: context.domainName, "x-api-key": "", "X-Forwarded-For": "", "x-restapi": "" };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: context,
    isBase64Encoded: false,
  };
}
