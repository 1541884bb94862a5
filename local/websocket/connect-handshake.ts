import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { TwinWebSocketApi, TwinWebSocketRoute } from "../model";
import { authorizerOutcome, missingIdentitySource } from "../websocket-authorizer";
import { authorizerEvent, connectEvent, requestContext, type ConnectionContext, type RequestParts } from "../websocket-events";
import { errorMessage, refuse, resultHeader, statusCodeOf, type AccessLogEntry, type Invocation } from "./helpers";

/** What the handshake reads of the WebSocket twin's options. */
export interface HandshakeOptions {
  readonly api: TwinWebSocketApi;
  readonly stage: string;
  readonly region: string;
  readonly account: string;
  readonly apiId: string;
}

/**
 * The `$connect` handshake of a WebSocket stage, as API Gateway runs it: the REQUEST authorizer (a
 * missing identity source, an error or a Deny refuse the handshake), then the `$connect` integration,
 * whose status decides it (2xx accepts) and whose `Sec-WebSocket-Protocol` header agrees a subprotocol.
 */
export class ConnectHandshake {
  /** The subprotocol `$connect` agreed to, by handshake. */
  private readonly protocols = new WeakMap<IncomingMessage, string>();
  private readonly methodArn: string;

  constructor(
    private readonly options: HandshakeOptions,
    private readonly routes: ReadonlyMap<string, TwinWebSocketRoute>,
    /** Invokes a function as an integration: at most the integration timeout, never rejects. */
    private readonly invoke: (functionName: string, event: unknown) => Promise<Invocation>,
    private readonly accessLog: (entry: AccessLogEntry) => void,
  ) {
    this.methodArn = `arn:aws:execute-api:${options.region}:${options.account}:${options.apiId}/${options.stage}/$connect`;
  }

  /** The subprotocol `$connect` agreed to for a handshake, if any. */
  protocolOf(req: IncomingMessage): string | undefined {
    return this.protocols.get(req);
  }

  /** The REQUEST authorizer of `$connect`: the connection's context with its answer, or the refusal already sent. */
  async authorize(
    context: ConnectionContext,
    parts: RequestParts,
    socket: Duplex,
    log: Omit<AccessLogEntry, "status">,
  ): Promise<ConnectionContext | undefined> {
    const authorizer = this.options.api.authorizer;
    if (authorizer === undefined) return context;
    if (missingIdentitySource(authorizer.identitySources, parts) !== undefined) {
      this.accessLog({ ...log, status: 401, errorMessage: "Unauthorized" });
      refuse(socket, 401, "Unauthorized");
      return undefined;
    }
    const authContext = requestContext(context, {
      routeKey: "$connect",
      eventType: "CONNECT",
      requestId: log.requestId,
      requestTimeEpoch: log.requestTimeEpoch,
    });
    const result = await this.invoke(authorizer.functionName, authorizerEvent(parts, this.methodArn, authContext));
    const outcome = authorizerOutcome(result.ok ? { status: "fulfilled", value: result.value } : { status: "rejected", reason: result.error }, this.methodArn);
    if (!outcome.allowed) {
      this.accessLog({ ...log, status: outcome.status, errorMessage: outcome.message, authorizerError: outcome.error, principalId: outcome.principalId });
      refuse(socket, outcome.status, outcome.message);
      return undefined;
    }
    return { ...context, authorizer: { ...outcome.context, principalId: outcome.principalId, integrationLatency: result.latency } };
  }

  /** The `$connect` integration: its status decides the handshake (2xx accepts); undefined when it refused (already answered). */
  async runConnect(
    req: IncomingMessage,
    context: ConnectionContext,
    parts: RequestParts,
    socket: Duplex,
    log: Omit<AccessLogEntry, "status">,
  ): Promise<{ integrationStatus?: number; integrationLatency?: number } | undefined> {
    const route = this.routes.get("$connect");
    if (route === undefined) return {};
    const event = connectEvent(
      parts,
      requestContext(context, { routeKey: "$connect", eventType: "CONNECT", requestId: log.requestId, requestTimeEpoch: log.requestTimeEpoch }),
    );
    const result = await this.invoke(route.functionName, event);
    const integrationLatency = result.latency;
    const fail = (status: number, message: string, integrationError: string) => {
      this.accessLog({ ...log, status, integrationLatency, errorMessage: message, integrationError });
      refuse(socket, status, message);
      return undefined;
    };
    if (!result.ok)
      return fail(result.timedOut ? 504 : 502, result.timedOut ? "Endpoint request timed out" : "Internal server error", errorMessage(result.error));
    const integrationStatus = statusCodeOf(result.value);
    if (integrationStatus === undefined) return fail(502, "Internal server error", "Malformed Lambda proxy response");
    if (integrationStatus < 200 || integrationStatus > 299) {
      this.accessLog({ ...log, status: integrationStatus, integrationStatus, integrationLatency });
      const body = (result.value as { body?: unknown }).body;
      refuse(socket, integrationStatus, undefined, typeof body === "string" ? body : "");
      return undefined;
    }
    const protocol = resultHeader(result.value, "Sec-WebSocket-Protocol");
    if (protocol !== undefined) this.protocols.set(req, protocol);
    return { integrationStatus, integrationLatency };
  }
}
