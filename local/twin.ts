import { CreateTableCommand, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import * as path from "path";
import { runStack } from "../preview/run-program";
import { buildModel } from "./capture";
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from "./dynamodb-local";
import { startLocalFunctions, type LocalFunctions } from "./functions";
import { startHttpApiTwin, type HttpApiTwin } from "./http-api-twin";
import type { StageMetrics } from "./metrics";
import type { FunctionInvoker, TwinModel, TwinTable } from "./model";
import { startRestTwin, type RestTwin } from "./rest-api";
import { assertPortsFree } from "./server-kit";
import { createTokenIssuer, type TokenIssuer } from "./tokens";
import { startWebSocketTwin, type WebSocketTwin } from "./websocket-twin";

export interface TwinOptions {
  readonly stack: string;
  /** @default the public REST API's first stage */
  readonly stage?: string;
  /** The REST API's port; the WebSocket API takes the next one, the HTTP API the one after. 0: ephemeral ports. @default 3000 */
  readonly port?: number;
  /** Where access-log lines go. @default stdout */
  readonly log?: (line: string) => void;
  /** The twin's own diagnostics. @default stderr */
  readonly warn?: (line: string) => void;
  /** Local base URLs for HTTP integration hosts, by host. @default {} */
  readonly httpBackends?: Readonly<Record<string, string>>;
  /** Apply throttling and quotas (off only for load tests of the twin itself). @default true */
  readonly throttling?: boolean;
  /** Draws each request's canary split. @default Math.random */
  readonly random?: () => number;
  /** Epoch ms for throttles, quotas, caches and token lifetimes of the REST API. @default Date.now */
  readonly now?: () => number;
  /** Warm containers per function without reserved concurrency. @default 10 */
  readonly containersPerFunction?: number;
  /**
   * Called once when the twin can no longer serve (DynamoDB Local died): the CLI reports it and exits
   * non-zero. @default writes to stderr
   */
  readonly onFatal?: (error: Error) => void;
}

export interface Twin {
  readonly model: TwinModel;
  readonly stage: string;
  readonly restUrl: string | undefined;
  readonly websocketUrl: string | undefined;
  /** The HTTP API's URL (its `$default` stage: no stage prefix). */
  readonly httpUrl: string | undefined;
  readonly apiKeys: Readonly<Record<string, string>>;
  readonly tokens: TokenIssuer;
  /** The REST stage's metrics, when the stack has a public REST API. */
  readonly metrics: StageMetrics | undefined;
  /** DynamoDB Local's process id. */
  readonly dynamoDbPid: number | undefined;
  close(): Promise<void>;
}

/** The ids the twin gives its APIs (in ARNs, `$context.apiId` and the authorizers' method ARNs). */
const REST_API_ID = "twinrest01";
const WEBSOCKET_API_ID = "twinwsapi1";
const HTTP_API_ID = "twinhttp01";

async function createTable(db: DynamoDbLocal, table: TwinTable): Promise<void> {
  const attributes = [table.partitionKey, ...new Set(Object.values(table.indexes).map((i) => i.partitionKey))];
  const indexes = Object.entries(table.indexes);
  await db.client.send(
    new CreateTableCommand({
      TableName: table.name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [...new Set(attributes)].map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: [{ AttributeName: table.partitionKey, KeyType: "HASH" }],
      ...(indexes.length > 0
        ? { GlobalSecondaryIndexes: indexes.map(([IndexName, index]) => ({ IndexName, KeySchema: [{ AttributeName: index.partitionKey, KeyType: "HASH" as const }], Projection: { ProjectionType: "ALL" as const } })) }
        : {}),
    }),
  );
  if (table.ttlAttribute) {
    await db.client.send(new UpdateTimeToLiveCommand({ TableName: table.name, TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }));
  }
}

/** Loads the stack as `npm run preview` does (config checked, program run under mocks) and builds the twin's model. */
export async function captureStack(stack: string): Promise<TwinModel> {
  const run = await runStack(stack);
  return buildModel(stack, run.resources, run.region);
}

/** The ports the twin listens on for a given base port (the REST API's). */
function portsOf(port: number): { rest: number; websocket: number; http: number } {
  return port === 0 ? { rest: 0, websocket: 0, http: 0 } : { rest: port, websocket: port + 1, http: port + 2 };
}

interface Started {
  rest?: RestTwin;
  ws?: WebSocketTwin;
  http?: HttpApiTwin;
  functions?: LocalFunctions;
}

/** The functions, with the twin's token keys for authorizers and the WebSocket API's address for its routes. */
function startFunctions(model: TwinModel, db: DynamoDbLocal, tokens: TokenIssuer, ws: WebSocketTwin | undefined, options: TwinOptions): LocalFunctions {
  const overrides: Record<string, Record<string, string>> = {};
  for (const name of model.authorizerFunctions) overrides[name] = { JWT_ISSUER: tokens.issuer, JWT_AUDIENCE: tokens.clientId, JWT_PUBLIC_JWKS: JSON.stringify(tokens.jwks) };
  if (ws) for (const route of model.websocket?.routes ?? []) overrides[route.functionName] = { ...overrides[route.functionName], CALLBACK_URL: ws.callbackUrl };
  return startLocalFunctions({
    functions: model.functions,
    baseEnv: { ...db.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand", NODE_OPTIONS: "" },
    overrides,
    region: model.region,
    account: model.account,
    ...(options.containersPerFunction !== undefined ? { containersPerFunction: options.containersPerFunction } : {}),
  });
}

async function startServers(model: TwinModel, stageName: string, db: DynamoDbLocal, tokens: TokenIssuer, options: TwinOptions, started: Started): Promise<void> {
  const ports = portsOf(options.port ?? 3000);
  const common = { region: model.region, account: model.account, ...(options.log ? { log: options.log } : {}) };
  // The functions start after the WebSocket API listens: its address is their CALLBACK_URL.
  const invoker: FunctionInvoker = {
    invoke: (name, event, invokeOptions) => (started.functions ? started.functions.invoke(name, event, invokeOptions) : Promise.reject(new Error("the twin's functions have not started yet"))),
    close: async () => undefined,
  };
  if (model.websocket) started.ws = await startWebSocketTwin({ ...common, api: model.websocket, stage: stageName, invoker, apiId: WEBSOCKET_API_ID, port: ports.websocket });
  started.functions = startFunctions(model, db, tokens, started.ws, options);
  const publicApi = model.restApis.find((a) => a.kind === "public");
  const restStage = publicApi?.stages.find((s) => s.name === stageName);
  if (publicApi && restStage) {
    started.rest = await startRestTwin({
      ...common,
      api: publicApi,
      stage: restStage,
      invoker,
      apiId: REST_API_ID,
      apiKeys: model.apiKeys,
      buckets: model.buckets,
      tokens,
      port: ports.rest,
      ...(options.warn ? { warn: options.warn } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.httpBackends ? { httpBackends: options.httpBackends } : {}),
      ...(options.throttling === false ? { throttling: false } : {}),
    });
  }
  if (model.httpApi) {
    started.http = await startHttpApiTwin({ ...common, api: model.httpApi, invoker, tokens, apiId: HTTP_API_ID, port: ports.http, ...(options.httpBackends ? { httpBackends: options.httpBackends } : {}) });
  }
}

/**
 * Serves one stage of a stack on 127.0.0.1: DynamoDB Local with the stack's tables, the real handlers
 * in worker threads, the public REST API, the WebSocket API and the HTTP API, and the twin's own token
 * issuer for the stack's authorizers. A busy port fails at once, before the slow work.
 */
export async function startTwin(options: TwinOptions): Promise<Twin> {
  const ports = portsOf(options.port ?? 3000);
  await assertPortsFree([
    { port: ports.rest, what: "REST API" },
    { port: ports.websocket, what: "WebSocket API" },
    { port: ports.http, what: "HTTP API" },
  ]);
  // DynamoDB Local (a JVM) starts while the program runs under mocks: start-up is the longer of the two.
  const starting = startDynamoDbLocal(await freePort());
  let model: TwinModel;
  try {
    model = await captureStack(options.stack);
  } catch (error) {
    await starting.then((db) => db.stop(), () => undefined);
    throw error;
  }
  const db = await starting;
  const started: Started = {};
  const close = async () => {
    for (const server of [started.http, started.rest, started.ws]) await server?.close().catch(() => undefined);
    await started.functions?.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
  };
  const publicApi = model.restApis.find((a) => a.kind === "public");
  const stageNames = publicApi?.stages.map((s) => s.name) ?? [];
  const stageName = options.stage ?? stageNames[0] ?? "$default";
  if (options.stage !== undefined && publicApi && !stageNames.includes(options.stage)) {
    await close();
    throw new Error(`--stage: ${JSON.stringify(options.stage)} is not a stage of ${options.stack} (stages: ${stageNames.join(", ")})`);
  }
  db.onUnexpectedExit((reason) => (options.onFatal ?? ((e: Error) => process.stderr.write(`${e.message}\n`)))(new Error(`DynamoDB Local stopped unexpectedly (${reason}); the twin cannot serve without it`)));
  try {
    for (const table of model.tables) await createTable(db, table);
    const tokens = createTokenIssuer(model.region);
    await startServers(model, stageName, db, tokens, options, started);
    return {
      model,
      stage: stageName,
      restUrl: started.rest?.url,
      websocketUrl: started.ws?.url,
      httpUrl: started.http?.url,
      apiKeys: model.apiKeys,
      tokens,
      metrics: started.rest?.metrics,
      dynamoDbPid: db.pid,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export const TWIN_ROOT = path.resolve(__dirname, "..");
