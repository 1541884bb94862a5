import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { HTTP_ACCESS_LOG_FIELDS } from "../components/http-api/access-log-format";
import type { TwinHttpApi } from "./http-api-capture";
import { authorizeHttp } from "./http-api/authorize";
import { preflightHeaders, withCors } from "./http-api/cors";
import { forward, invokeLambda, type HttpIntegrationDeps } from "./http-api/integrations";
import { gatewayError, notServed, type HttpRequest, type Outcome } from "./http-api/outcome";
import { createBuckets, matchHttpRoute } from "./http-api/routing";
import { createStageMetrics, type StageMetrics } from "./metrics";
import type { FunctionInvoker } from "./model";
import { accessLogLine, closeServer, listen, readBody, refuseTooLarge, sendReply } from "./server-kit";
import type { TokenVerifier } from "./tokens";

export { allowedOrigin, preflightHeaders } from "./http-api/cors";
export { claimStrings, lambdaResponse, tokenScopes, type IntegrationAnswer } from "./http-api/payload";
export { matchHttpRoute, type RouteMatch } from "./http-api/routing";
export { requestTime } from "./times";

/** HTTP APIs' payload limit (10 MB, "Quotas for HTTP APIs"). */
export const HTTP_API_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * The local twin of the stack's HTTP API (API Gateway v2): its `$default` stage served at the root of
 * 127.0.0.1:port, as AWS documents HTTP APIs:
 * - routes by route key, most specific first: literal segments over `{param}` over `{proxy+}`, then
 *   the exact method over `ANY`, then `$default`; no match is 404 `{"message":"Not Found"}`;
 * - CORS (when the API has a configuration): preflight requests (OPTIONS with Origin and
 *   Access-Control-Request-Method) that no route takes (an OPTIONS or ANY route, `$default`) are
 *   answered 204 by the gateway; the others go to their route, authorizer and all; responses to an
 *   allowed origin get the configured headers, and the integrations' own CORS headers are dropped;
 * - JWT routes: the token (`Bearer ` optional) verified by the twin's own issuer, which stands in for
 *   the stack's user pool; missing or invalid 401, none of the route's scopes 403; the claims (values
 *   as strings, as HTTP APIs pass them) and scopes in `requestContext.authorizer.jwt`;
 * - IAM routes: a SigV4 Authorization header (or presigned query) is required, not verified (no IAM);
 * - Lambda (payload 2.0) integrations: the 2.0 event, the 2.0 response rules, 500 on a function
 *   error, 503 when the integration times out (30 s at most);
 * - HTTP_PROXY to public URLs forwarded; VPC-link (private) integrations answer 502;
 * - the stage's throttling (token buckets per route, full at start): 429;
 * - one JSON access-log line per request (components/http-api/access-log-format.ts) and the
 *   stage's metrics at `GET /_twin/metrics`.
 */

export interface HttpApiTwinOptions {
  readonly api: TwinHttpApi;
  readonly invoker: FunctionInvoker;
  /** Verifies the JWT routes' tokens (the twin's issuer replaces the stack's). */
  readonly tokens: TokenVerifier;
  readonly region: string;
  readonly account: string;
  /** The API's id in `requestContext.apiId`. */
  readonly apiId: string;
  /** @default 0 (ephemeral) */
  readonly port?: number;
  /** One access-log line per request. @default stdout */
  readonly log?: (line: string) => void;
  /** The twin's own diagnostics. @default stderr */
  readonly warn?: (line: string) => void;
  /** Local base URLs for HTTP_PROXY integration hosts, by host (as `npm start -- --backend host=URL`). @default {} */
  readonly httpBackends?: Readonly<Record<string, string>>;
  /** Epoch ms, for the throttle's buckets. @default Date.now */
  readonly now?: () => number;
}

export interface HttpApiTwin {
  /** `http://127.0.0.1:<port>`: the `$default` stage has no path prefix. */
  readonly url: string;
  readonly port: number;
  /** What CloudWatch would count for the stage; also served at `GET /_twin/metrics`. */
  readonly metrics: StageMetrics;
  close(): Promise<void>;
}

/**
 * Request headers with lower-case names, repeated ones joined with commas (as payload 2.0 has them);
 * repeated Cookie headers joined with `; `, so that each of their cookies is one of the event's
 * `cookies` ("Create AWS Lambda proxy integrations for HTTP APIs": all cookie headers go to `cookies`).
 */
function joinedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    const value = req.rawHeaders[i + 1] as string;
    headers[name] = name in headers ? `${headers[name]}${name === "cookie" ? "; " : ","}${value}` : value;
  }
  return headers;
}

/** The `$default` stage's runtime: its throttle buckets, metrics and the request path. */
class HttpApiStage {
  readonly metrics: StageMetrics;
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
  private readonly take: (routeKey: string) => boolean;
  private readonly api: TwinHttpApi;
  port = 0;

  constructor(private readonly options: HttpApiTwinOptions) {
    this.api = options.api;
    this.log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
    this.warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.take = createBuckets(this.api, options.now ?? Date.now);
    this.metrics = createStageMetrics(this.api.name, "$default");
  }

  private deps(): HttpIntegrationDeps {
    const { invoker, account, apiId, httpBackends } = this.options;
    return { invoker, account, apiId, port: this.port, httpBackends: httpBackends ?? {} };
  }

  private async handle(body: Buffer, r: HttpRequest): Promise<Outcome> {
    const { api } = this;
    const match = matchHttpRoute(api.routes, r.method, r.rawPath);
    if (!match) {
      // A CORS preflight no route takes (no OPTIONS or ANY route for the path, no $default): the gateway answers it.
      const origin = r.headers.origin;
      if (api.cors && r.method === "OPTIONS" && origin !== undefined && r.headers["access-control-request-method"] !== undefined)
        return { status: 204, headers: preflightHeaders(api.cors, origin), body: "", preflight: true };
      return gatewayError("NOT_FOUND");
    }
    const { route, pathParameters } = match;
    if (!this.take(route.routeKey)) return gatewayError("THROTTLED", { routeKey: route.routeKey });
    if (route.authorizationType === "CUSTOM") return notServed("Lambda authorizer", route.routeKey);
    const auth = await authorizeHttp(api, this.options.tokens, route, r);
    if (auth.refused) return auth.refused;
    const integration = route.integration;
    const withClaims = (o: Outcome): Outcome => (auth.claims ? { ...o, claims: auth.claims } : o);
    switch (integration.kind) {
      case "lambda":
        return withClaims(await invokeLambda(integration, route, pathParameters, auth.authorizer, r, body, this.deps()));
      case "http":
        return withClaims(await forward(integration, route.routeKey, pathParameters, r, body, this.deps()));
      case "private":
        return withClaims(notServed("private integration: it reaches its backend through a VPC link", route.routeKey));
      case "unsupported":
        return withClaims(notServed(`${integration.type} integration`, route.routeKey));
      default: {
        const unknown: never = integration;
        throw new Error(`unknown integration ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** One access-log line (the stage's format) and the metrics of one answered request. */
  private record(r: HttpRequest, outcome: Outcome, sent: { status: number; body: Buffer | string }): void {
    const latency = Date.now() - r.started;
    const values: Record<string, unknown> = {
      "$context.requestId": r.requestId,
      "$context.extendedRequestId": r.requestId,
      "$context.requestTimeEpoch": r.started,
      "$context.identity.sourceIp": r.sourceIp,
      "$context.identity.userAgent": r.headers["user-agent"],
      "$context.authorizer.claims.sub": outcome.claims?.sub,
      "$context.domainName": r.domainName,
      "$context.httpMethod": r.method,
      "$context.routeKey": outcome.routeKey,
      "$context.path": r.rawPath,
      "$context.protocol": r.protocol,
      "$context.stage": "$default",
      "$context.status": sent.status,
      "$context.responseLength": Buffer.byteLength(sent.body),
      "$context.responseLatency": latency,
      "$context.integration.status": outcome.integrationStatus,
      "$context.integration.latency": outcome.integrationLatencyMs,
      "$context.integration.requestId": outcome.integrationRequestId,
      "$context.integration.error": outcome.integrationError,
      "$context.integrationErrorMessage": outcome.integrationError,
      "$context.authorizer.error": outcome.authorizerError,
      "$context.error.message": outcome.errorMessage,
      "$context.error.responseType": outcome.errorType,
    };
    this.log(accessLogLine(HTTP_ACCESS_LOG_FIELDS, values));
    const resourcePath =
      outcome.routeKey === undefined ? undefined : outcome.routeKey === "$default" ? "$default" : outcome.routeKey.slice(outcome.routeKey.indexOf(" ") + 1);
    this.metrics.record({ resourcePath, method: r.method, status: sent.status, latencyMs: latency, integrationLatencyMs: outcome.integrationLatencyMs });
  }

  request(req: IncomingMessage): HttpRequest {
    const headers = joinedHeaders(req);
    const target = req.url ?? "/";
    const q = target.indexOf("?");
    return {
      method: (req.method ?? "GET").toUpperCase(),
      rawPath: q === -1 ? target : target.slice(0, q),
      rawQueryString: q === -1 ? "" : target.slice(q + 1),
      headers,
      requestId: randomBytes(11).toString("base64"),
      started: Date.now(),
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
      domainName: headers.host ?? `127.0.0.1:${this.port}`,
      protocol: `HTTP/${req.httpVersion}`,
    };
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const r = this.request(req);
    const read = await readBody(req, HTTP_API_MAX_BODY_BYTES);
    if (!read.ok) {
      if (read.reason === "too-large") refuseTooLarge(req, res, HTTP_API_MAX_BODY_BYTES);
      return;
    }
    const outcome = await this.handle(read.body, r).catch((error: unknown) =>
      gatewayError("INTEGRATION_FAILURE", { integrationError: (error as Error).message }),
    );
    const all = { ...outcome.headers, "apigw-requestid": r.requestId };
    const headers = outcome.preflight ? all : withCors(this.api.cors, r.headers.origin, all);
    const sent = sendReply(res, { status: outcome.status, headers, body: outcome.body }, (reason) => {
      this.warn(`the twin answered 500 for ${r.method} ${r.rawPath}: the integration's response cannot be sent (${reason})`);
      const failure = gatewayError("INTEGRATION_FAILURE", { integrationError: reason });
      return { status: failure.status, headers: { ...failure.headers, "apigw-requestid": r.requestId }, body: failure.body };
    });
    this.record(r, outcome, sent);
  }
}

/** Starts the HTTP API's `$default` stage on 127.0.0.1. */
export async function startHttpApiTwin(options: HttpApiTwinOptions): Promise<HttpApiTwin> {
  const stage = new HttpApiStage(options);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "GET" && req.url === "/_twin/metrics") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(stage.metrics.toJson());
      return;
    }
    stage.serve(req, res).catch((error: unknown) => {
      stage.warn(`the HTTP API twin failed to answer: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.destroy();
    });
  });
  const port = await listen(server, options.port ?? 0, "HTTP API", (error) => stage.warn(`HTTP API server error: ${error.message}`));
  stage.port = port;
  return { url: `http://127.0.0.1:${port}`, port, metrics: stage.metrics, close: () => closeServer(server) };
}
