import { createServer, type IncomingMessage, type Server, type ServerResponse } from "http";
import { REST_ACCESS_LOG_FIELDS } from "../components/observability/access-log-format";
import type { GatewayResponseType, RestError } from "./gateway-errors";
import { createStageMetrics, type StageMetrics } from "./metrics";
import type { FunctionInvoker } from "./model";
import { createAuthorizer, type Authorizer } from "./rest/authorize";
import { gatewayAnswer, gatewayError, requestContext, type RestAnswer, type RestRequestContext } from "./rest/context";
import type { IntegrationDeps } from "./rest/integration";
import type { DynamoDbTarget } from "./rest/integrations/dynamodb";
import { runIntegration } from "./rest/integrations";
import type { RestRoute, TwinRestApi, TwinRestStage } from "./rest/model";
import type { GatewayRequest } from "./rest/parameter-mapping";
import { parseRequest, type RestRequest } from "./rest/request";
import { missingTokenError } from "./rest/sigv4-header";
import { stageVariablesFor } from "./rest/stage-variables";
import { apiKeyStep, cacheLookup, matchRoute, throttleStep, validationStep, withWarning } from "./rest/steps";
import { createStageCache, type StageCache } from "./rest-cache";
import { createThrottler, type Throttler } from "./rest-throttle";
import { accessLogLine, closeServer, listen, readBody, refuseTooLarge, sendReply } from "./server-kit";
import { createServiceStandIns, type ServiceStandIns } from "./service-stand-ins";
import type { TokenVerifier } from "./tokens";

export { localTarget } from "./rest/integrations/http";
export { substituteStageVariables, stageVariablesFor } from "./rest/stage-variables";

/** API Gateway's payload limit for REST APIs (10 MB, "Amazon API Gateway quotas"). */
export const REST_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RestTwinOptions {
  readonly api: TwinRestApi;
  readonly stage: TwinRestStage;
  readonly invoker: FunctionInvoker;
  readonly region: string;
  readonly account: string;
  /** The API's id in ARNs and `$context.apiId`. */
  readonly apiId: string;
  /** The API keys by key name: the values `x-api-key` may carry. */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** Bucket name → object key → its file and content type. */
  readonly buckets: IntegrationDeps["buckets"];
  /** Verifies Cognito tokens (the twin issues them itself). */
  readonly tokens: TokenVerifier;
  /** One access-log line per request, in the stage's JSON format. @default stdout */
  readonly log?: (line: string) => void;
  /** The twin's own diagnostics (a refused function response, an internal error). @default stderr */
  readonly warn?: (line: string) => void;
  /** @default 0 (ephemeral) */
  readonly port?: number;
  /** Local base URLs for HTTP integration hosts, by host. @default {} */
  readonly httpBackends?: Readonly<Record<string, string>>;
  /** DynamoDB Local, for DynamoDB routes. @default undefined: they answer 502 */
  readonly dynamoDb?: DynamoDbTarget;
  /** What SQS and Step Functions routes reach. @default new stand-ins */
  readonly standIns?: ServiceStandIns;
  /** Apply usage-plan, stage and method throttling (off only for load tests of the twin itself). @default true */
  readonly throttling?: boolean;
  /** Draws the canary split. @default Math.random */
  readonly random?: () => number;
  /** Epoch ms, for throttles, quotas, the cache and authorizer TTLs. @default Date.now */
  readonly now?: () => number;
}

export interface RestTwin {
  readonly url: string;
  readonly port: number;
  /** What CloudWatch would count for the stage; also served at `GET /_twin/metrics`. */
  readonly metrics: StageMetrics;
  close(): Promise<void>;
}

interface Outcome {
  readonly answer: RestAnswer;
  readonly context: Readonly<Record<string, unknown>>;
  readonly route?: RestRoute;
  /** Whether the request reached the stage (CloudWatch counts nothing else). */
  readonly inStage: boolean;
}

/** One REST API stage's runtime: its state (throttles, cache, authorizer cache) and the request path's steps. */
class RestStage {
  private readonly api: TwinRestApi;
  private readonly stage: TwinRestStage;
  readonly metrics: StageMetrics;
  readonly standIns: ServiceStandIns;
  private readonly throttler: Throttler;
  private readonly cache: StageCache<RestAnswer>;
  private readonly authorizer: Authorizer;
  private readonly keysByValue: ReadonlyMap<string, string>;
  private readonly deps: IntegrationDeps;
  private readonly ids: { readonly apiId: string; readonly account: string };
  readonly log: (line: string) => void;
  readonly warn: (line: string) => void;
  readonly now: () => number;
  port = 0;

  constructor(private readonly options: RestTwinOptions) {
    this.api = options.api;
    this.stage = options.stage;
    this.log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
    this.warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.now = options.now ?? Date.now;
    this.metrics = createStageMetrics(this.api.name, this.stage.name);
    this.standIns = options.standIns ?? createServiceStandIns();
    this.throttler = createThrottler(this.stage.throttle);
    this.cache = createStageCache<RestAnswer>({
      now: this.now,
      ...(this.stage.cacheCapacityBytes !== undefined ? { capacityBytes: this.stage.cacheCapacityBytes } : {}),
    });
    this.authorizer = createAuthorizer({ invoker: options.invoker, tokens: options.tokens, now: this.now });
    this.keysByValue = new Map(Object.entries(options.apiKeys).map(([name, value]) => [value, name]));
    this.deps = {
      invoker: options.invoker,
      buckets: options.buckets,
      httpBackends: options.httpBackends ?? {},
      standIns: this.standIns,
      ...(options.dynamoDb ? { dynamoDb: options.dynamoDb } : {}),
    };
    this.ids = { apiId: options.apiId, account: options.account };
  }

  private errorAnswer(error: RestError, context: Readonly<Record<string, unknown>>, variables = this.stage.variables, request?: GatewayRequest): RestAnswer {
    return gatewayAnswer(this.api, error, context, variables, request);
  }

  /** The steps after the route matched; each may answer instead of the integration. */
  private async afterRoute(req: RestRequest, body: Buffer, route: RestRoute, pathParameters: Record<string, string>): Promise<Outcome> {
    const { api, stage, options } = this;
    const { variables } = stageVariablesFor(stage, (options.random ?? Math.random)());
    const keyed = apiKeyStep(req, route, stage, this.throttler, this.keysByValue);
    const base = requestContext(req, stage, this.ids, route, { apiKey: keyed.apiKey });
    const request: GatewayRequest = { req, pathParameters };
    const methodArn = `arn:aws:execute-api:${options.region}:${options.account}:${options.apiId}/${stage.name}/${req.method}${req.path}`;
    const auth = await this.authorizer.authorize({ req, route, pathParameters, variables, methodArn, context: base });
    if (!auth.ok) return { answer: this.errorAnswer(auth.error, base, variables, request), context: base, route, inStage: true };
    const context: RestRequestContext = auth.authorizer ? { ...base, authorizer: auth.authorizer } : base;
    const refused =
      keyed.error ??
      (options.throttling !== false ? throttleStep(req, route, stage, this.throttler, keyed.apiKey, this.now()) : undefined) ??
      validationStep(api.document, req, route, pathParameters, body);
    if (refused) return { answer: this.errorAnswer(refused, context, variables, request), context, route, inStage: true };
    const cached = cacheLookup(this.cache, stage, req, route, pathParameters);
    if (cached.kind === "forbidden") return { answer: gatewayError(api, "ACCESS_DENIED", context, variables, {}, request), context, route, inStage: true };
    if (cached.kind === "hit") return { answer: cached.answer, context, route, inStage: true };
    const error = (type: GatewayResponseType, cause?: { status?: number; message?: string | null }) =>
      gatewayError(api, type, context, variables, cause, request);
    const answer = await runIntegration({ req, route, api, pathParameters, variables, requestContext: context, body, deps: this.deps, error });
    if (cached.kind === "off") return { answer, context, route, inStage: true };
    if (answer.status >= 200 && answer.status < 300) this.cache.set(cached.key, answer, cached.ttlSeconds);
    return { answer: { ...answer, cache: "miss", ...(cached.warn ? { headers: withWarning(answer.headers) } : {}) }, context, route, inStage: true };
  }

  private async handle(req: RestRequest, body: Buffer): Promise<Outcome> {
    // The context before a route matched is built only for the answers that need it (the matched route's is built after).
    const unrouted = (inStage: boolean): Outcome => {
      const preRoute = requestContext(req, this.stage, this.ids, undefined);
      const answer = this.errorAnswer(missingTokenError(req), preRoute, undefined, { req, pathParameters: {} });
      return { answer, context: preRoute, inStage };
    };
    if (req.stage !== this.stage.name) return unrouted(false);
    const match = matchRoute(this.api.routes, req.method, req.segments);
    if (!match) return unrouted(true);
    return this.afterRoute(req, body, match.route, match.pathParameters);
  }

  /**
   * What the twin adds to an answer: the request ids, and on an integration's own answer (`traced`: not a
   * mock's, not API Gateway's error) the request's trace id (recorded from AWS: LocalStack's
   * test_apigateway_common.snapshot.json, test_invocation_trace_id: an AWS_PROXY answer has
   * `x-amzn-trace-id`, a MOCK's does not; test_apigateway_http.snapshot.json: HTTP and HTTP_PROXY answers
   * have it; API Gateway's own error answers do not, test_apigateway_header_remapping_aws).
   */
  private answerHeaders(req: RestRequest, traced: RestAnswer | undefined): Record<string, string> {
    const headers: Record<string, string> = { "x-amzn-RequestId": req.requestId, "x-amz-apigw-id": req.extendedRequestId };
    const trace = req.header("x-amzn-trace-id");
    if (traced !== undefined && trace !== undefined) headers["x-amzn-trace-id" in traced.headers ? "x-amzn-trace-id" : "X-Amzn-Trace-Id"] = trace;
    return headers;
  }

  /** Sends the answer (a 502 instead when it cannot be sent), then its access-log line and metrics. */
  private finish(res: ServerResponse, req: RestRequest, outcome: Outcome): void {
    const answer = outcome.answer;
    let refused: string | undefined;
    // Every answer carries the request id and the extended one (`x-amz-apigw-id`; recorded from AWS in LocalStack's
    // test_apigateway_common.snapshot.json, test_invocation_trace_id, and test_apigateway_http.snapshot.json).
    const own = outcome.route !== undefined && answer.errorType === undefined && outcome.route.integration.description.type !== "mock";
    const sent = sendReply(
      res,
      answer,
      (reason) => {
        refused = reason;
        this.warn(`the twin answered 502 for ${req.method} ${req.contextPath}: the integration's response cannot be sent (${reason})`);
        return gatewayError(this.api, "INTEGRATION_FAILURE", outcome.context, this.stage.variables, { status: 502, message: "Internal server error" });
      },
      // API Gateway's own 502 in its place is no integration's answer: no trace id then.
      (replaced) => this.answerHeaders(req, own && !replaced ? answer : undefined),
    );
    const latency = this.now() - req.started;
    const error = { message: refused ?? answer.errorMessage, responseType: refused ? "INTEGRATION_FAILURE" : answer.errorType };
    // The answer's fields over the request's context (not a copy of it, nor an object made with the context as
    // its prototype: V8 turns such a prototype into a slower kind of object, on every request).
    const answered = {
      status: sent.status,
      responseLength: Buffer.byteLength(sent.body),
      responseLatency: latency,
      integrationStatus: answer.integrationStatus,
      integrationLatency: answer.integrationLatencyMs,
      error,
    };
    this.log(accessLogLine(REST_ACCESS_LOG_FIELDS, outcome.context, answered));
    if (!outcome.inStage) return;
    this.metrics.record({
      resourcePath: outcome.route?.resource,
      method: req.method,
      status: sent.status,
      latencyMs: latency,
      integrationLatencyMs: answer.integrationLatencyMs,
      cache: answer.cache,
    });
  }

  async serve(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const req = parseRequest(raw, this.port, this.now());
    const read = await readBody(raw, REST_MAX_BODY_BYTES);
    if (!read.ok) {
      if (read.reason === "too-large") refuseTooLarge(raw, res, REST_MAX_BODY_BYTES);
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await this.handle(req, read.body);
    } catch (error) {
      this.warn(`the twin failed on ${req.method} ${req.contextPath}: ${(error as Error).stack ?? String(error)}`);
      const context = requestContext(req, this.stage, this.ids, undefined);
      outcome = {
        answer: gatewayError(this.api, "DEFAULT_5XX", context, this.stage.variables, { status: 500, message: "Internal server error" }),
        context,
        inStage: req.stage === this.stage.name,
      };
    }
    this.finish(res, req, outcome);
  }
}

/**
 * One REST API stage on 127.0.0.1, served as API Gateway serves it, as a pipeline of small steps:
 * request reading (10 MB limit), stage and route match, authorizer, API key and usage plan, request
 * validation, stage cache, the integration (by its kind), and the answer with its access-log line and
 * metrics. Errors are the API's own gateway responses with AWS's `x-amzn-ErrorType`.
 */
export async function startRestTwin(options: RestTwinOptions): Promise<RestTwin> {
  const stage = new RestStage(options);
  const server: Server = createServer((raw, res) => {
    if (raw.method === "GET" && (raw.url === "/_twin/metrics" || raw.url === "/_twin/stand-ins")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(raw.url === "/_twin/metrics" ? stage.metrics.toJson() : JSON.stringify(stage.standIns.recorded(), null, 2));
      return;
    }
    stage.serve(raw, res).catch((error: unknown) => {
      stage.warn(`the twin failed to answer: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.destroy();
    });
  });
  const port = await listen(server, options.port ?? 0, "REST API", (error) => stage.warn(`REST API server error: ${error.message}`));
  stage.port = port;
  return { url: `http://127.0.0.1:${port}/${options.stage.name}`, port, metrics: stage.metrics, close: () => closeServer(server) };
}
