import { CreateTableCommand, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import * as path from "path";
import { parseStackConfig } from "../config";
import { DEFAULT_MOCK_ENVIRONMENT } from "../preview/mock-state";
import type { RecordedResource } from "../preview/mocks";
import { readProjectFile, stackConfig, stackFilePath } from "../preview/stack-files";
import { buildModel } from "./capture";
import { captureRun } from "./capture-cache";
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
  /** A stack file in the same format to read instead of `Pulumi.<stack>.yaml`. @default Pulumi.<stack>.yaml */
  readonly configFile?: string;
  /** @default the stack's first stage */
  readonly stage?: string;
  /** The REST API's port; the WebSocket API takes the next one, the HTTP API the one after. 0: ephemeral ports. @default 3000 */
  readonly port?: number;
  /** Where access-log lines go. @default stdout */
  readonly log?: (line: string) => void;
  /** Where the lines the functions write go (their logs). @default stdout and stderr */
  readonly functionLog?: (line: string) => void;
  /** The twin's own diagnostics. @default stderr */
  readonly warn?: (line: string) => void;
  /** Local base URLs for HTTP integration hosts, by host. @default {} */
  readonly httpBackends?: Readonly<Record<string, string>>;
  /** Apply throttling and quotas (off only for load tests of the twin itself). @default true */
  readonly throttling?: boolean;
  /** Draws each request's canary split. @default Math.random */
  readonly random?: () => number;
  /** Epoch ms for throttles, quotas, caches and token lifetimes of the REST API, and the HTTP API's throttle. @default Date.now */
  readonly now?: () => number;
  /** A DynamoDB Local that is running already; the twin leaves it running. @default one of its own */
  readonly dynamoDb?: DynamoDbLocal;
  /** Put before every table name, in DynamoDB Local and in the functions' environment, for twins that share a server. @default "" */
  readonly tablePrefix?: string;
  /** What the program registered for the stack, when it was captured already. @default the program is run under mocks */
  readonly resources?: readonly RecordedResource[];
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

interface StackFile {
  readonly stack: string;
  /** A stack file in the same format, read instead of `Pulumi.<stack>.yaml`. */
  readonly configFile: string | undefined;
  /** The stages the stack's config declares. */
  readonly stages: readonly string[];
  readonly region: string;
}

/** The stack's file and checked config: quick, and where a missing file or an invalid config fails. */
function readStack(stack: string, configFile?: string): StackFile {
  const project = readProjectFile();
  const values = stackConfig(project, configFile ? path.resolve(configFile) : stackFilePath(stack));
  const region = values["aws:region"];
  const cfg = parseStackConfig({ project: project.name, stack }, values[`${project.name}:gateway`]);
  return { stack, configFile, stages: Object.keys(cfg.stages), region: typeof region === "string" ? region : DEFAULT_MOCK_ENVIRONMENT.region };
}

async function captureStackFile(file: StackFile, captured?: readonly RecordedResource[]): Promise<{ model: TwinModel; resources: readonly RecordedResource[] }> {
  // The program runs under mocks only when its capture is not on disk already (capture-cache.ts).
  const run = captured ? { resources: captured, region: file.region } : await captureRun(file.stack, file.configFile);
  return { model: buildModel(file.stack, run.resources, run.region), resources: run.resources };
}

/**
 * Loads the stack as `npm run preview` does (config checked, program run under mocks, or what an
 * earlier run of the program registered: `captured`) and builds the twin's model.
 */
export async function captureStack(stack: string, options: { readonly configFile?: string; readonly captured?: readonly RecordedResource[] } = {}): Promise<TwinModel> {
  return (await captureStackFile(readStack(stack, options.configFile), options.captured)).model;
}

/** The model with every table renamed `<prefix><name>`, and the functions' variables that named them too. */
function withTablePrefix(model: TwinModel, prefix: string): TwinModel {
  if (prefix === "") return model;
  const renamed = new Map(model.tables.map((t) => [t.name, `${prefix}${t.name}`]));
  const functions = Object.fromEntries(
    Object.entries(model.functions).map(([name, fn]) => [
      name,
      { ...fn, environment: Object.fromEntries(Object.entries(fn.environment).map(([key, value]) => [key, renamed.get(value) ?? value])) },
    ]),
  );
  return { ...model, functions, tables: model.tables.map((t) => ({ ...t, name: `${prefix}${t.name}` })) };
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
    ...(options.functionLog ? { log: options.functionLog } : {}),
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
    started.http = await startHttpApiTwin({ ...common, api: model.httpApi, invoker, tokens, apiId: HTTP_API_ID, port: ports.http, ...(options.httpBackends ? { httpBackends: options.httpBackends } : {}), ...(options.now ? { now: options.now } : {}) });
  }
}

/**
 * Serves one stage of a stack on 127.0.0.1: DynamoDB Local with the stack's tables, the real handlers
 * in worker threads, the public REST API, the WebSocket API and the HTTP API, and the twin's own token
 * issuer for the stack's authorizers. A busy port fails at once, before the slow work.
 */
export async function startTwin(options: TwinOptions): Promise<Twin> {
  // A missing stack file, an invalid config or an unknown stage fails before anything starts.
  const file = readStack(options.stack, options.configFile);
  const stageName = options.stage ?? file.stages[0] ?? "$default";
  if (options.stage !== undefined && !file.stages.includes(options.stage)) {
    throw new Error(`--stage: ${JSON.stringify(options.stage)} is not a stage of ${options.stack} (stages: ${file.stages.join(", ")})`);
  }
  const ports = portsOf(options.port ?? 3000);
  await assertPortsFree([
    { port: ports.rest, what: "REST API" },
    { port: ports.websocket, what: "WebSocket API" },
    { port: ports.http, what: "HTTP API" },
  ]);
  // DynamoDB Local (a JVM) starts while the program runs under mocks: start-up is the longer of the two.
  const starting = options.dynamoDb ? Promise.resolve(options.dynamoDb) : startDynamoDbLocal(await freePort());
  const stopOwnDb = (db: DynamoDbLocal): Promise<void> => (options.dynamoDb ? Promise.resolve() : db.stop());
  let model: TwinModel;
  try {
    model = withTablePrefix((await captureStackFile(file, options.resources)).model, options.tablePrefix ?? "");
  } catch (error) {
    await starting.then(stopOwnDb, () => undefined);
    throw error;
  }
  const db = await starting;
  const started: Started = {};
  const close = async () => {
    for (const server of [started.http, started.rest, started.ws]) await server?.close().catch(() => undefined);
    await started.functions?.close().catch(() => undefined);
    await stopOwnDb(db).catch(() => undefined);
  };
  db.onUnexpectedExit((reason) => (options.onFatal ?? ((e: Error) => process.stderr.write(`${e.message}\n`)))(new Error(`DynamoDB Local stopped unexpectedly (${reason}); the twin cannot serve without it`)));
  try {
    // Side by side: on a JVM that has just started, each table costs a few slow first requests.
    await Promise.all(model.tables.map((table) => createTable(db, table)));
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
