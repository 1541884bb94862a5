import * as path from "path";
import { DEFAULT_MOCK_ENVIRONMENT } from "../preview/mock-state";
import type { RecordedResource } from "../preview/mocks";
import { stackFileProblem } from "../preview/stack-files";
import { buildModel, regionOfResources, servedStages } from "./capture";
import { captureRun } from "./capture-cache";
import { forgetRepositoryModules } from "../preview/program-sources";
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from "./dynamodb-local";
import { startLocalFunctions, type LocalFunctions } from "./functions";
import { startHttpApiTwin, type HttpApiTwin } from "./http-api-twin";
import type { StageMetrics } from "./metrics";
import type { ApiKind } from "./request-log";
import type { FunctionInvoker, TwinModel } from "./model";
import { startRestTwin, type RestTwin } from "./rest-api";
import { assertPortsFree } from "./server-kit";
import { createTokenIssuer, type TokenIssuer } from "./tokens";
import { createTable } from "./twin-tables";
import { startWebSocketTwin, type WebSocketTwin } from "./websocket-twin";

export interface TwinOptions {
  readonly stack: string;
  /** A stack file in the same format to read instead of `Pulumi.<stack>.yaml`. @default Pulumi.<stack>.yaml */
  readonly configFile?: string;
  /** One of the public REST API's stages. @default the first stage the program registered (the stack file's first) */
  readonly stage?: string;
  /** The REST API's port; the WebSocket API takes the next one, the HTTP API the one after. 0: ephemeral ports. @default 3000 */
  readonly port?: number;
  /** Where access-log lines go. @default stdout */
  readonly log?: (line: string) => void;
  /** Where access-log lines go, with the API that wrote each (takes the place of `log`). */
  readonly accessLog?: (api: ApiKind, line: string) => void;
  /** Start-up progress (capture, bundling, DynamoDB Local). @default none */
  readonly progress?: (line: string) => void;
  /** Variables every function gets, over the stack's own (`npm start -- --env-file`). @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** The token issuer to keep (a restarted twin keeps the tokens it printed valid). @default a new one */
  readonly tokens?: TokenIssuer;
  /** Where the twin's own DynamoDB Local keeps its data between runs. @default in memory */
  readonly dataDir?: string;
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
  /** What the program registered for the stack, when it was captured already. @default the program is run under mocks (or its capture is read from disk) */
  readonly resources?: readonly RecordedResource[];
  /**
   * The region `resources` were captured in (a capture of the program keeps its own). @default the
   * region most of their ARNs name, else the mocks' default (us-east-1)
   */
  readonly region?: string;
  /** Warm containers per function without reserved concurrency. @default twice the cores, at least 4 (DEFAULT_CONTAINERS_PER_FUNCTION) */
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
  /** The functions' warm containers (`replaceCode` swaps a function's code: `npm start -- --watch`). */
  readonly functions: LocalFunctions;
  /**
   * Captures the stack again (its file as it is now; the program runs under mocks again unless
   * `resources` are given) and serves it on the same ports, with the same DynamoDB Local (its tables
   * and items stay), tokens and API keys. An invalid stack file rejects and this twin goes on serving;
   * once it resolves, use the twin it resolves with (this one is closed).
   */
  reload(resources?: readonly RecordedResource[]): Promise<Twin>;
  close(): Promise<void>;
}

/** The ids the twin gives its APIs (in ARNs, `$context.apiId` and the authorizers' method ARNs). */
const REST_API_ID = "twinrest01";
const WEBSOCKET_API_ID = "twinwsapi1";
const HTTP_API_ID = "twinhttp01";

/**
 * The twin's model of the stack, from what its program registered: `resources` when given, else the
 * program's capture (run under mocks as `npm run preview` runs it, unless its capture is on disk
 * already: capture-cache.ts). The twin reads nothing of the stack file itself: an invalid config
 * rejects here with the program's ConfigError. Tables are renamed with `tablePrefix`.
 */
async function captureModel(options: TwinOptions, resources: readonly RecordedResource[] | undefined): Promise<TwinModel> {
  const run = resources
    ? { resources, region: options.region ?? regionOfResources(resources) ?? DEFAULT_MOCK_ENVIRONMENT.region }
    : await captureRun(options.stack, options.configFile);
  return withTablePrefix(buildModel(options.stack, run.resources, run.region), options.tablePrefix ?? "");
}

/** The stage to serve: `--stage` when the stack has it, else the first stage the program registered. */
function stageToServe(model: TwinModel, options: TwinOptions): string {
  const stages = servedStages(model);
  if (options.stage !== undefined && !stages.includes(options.stage)) {
    throw new Error(`--stage: ${JSON.stringify(options.stage)} is not a stage of ${options.stack} (stages: ${stages.join(", ")})`);
  }
  return options.stage ?? stages[0] ?? "$default";
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
interface Ports {
  readonly rest: number;
  readonly websocket: number;
  readonly http: number;
}

function portsOf(port: number): Ports {
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
  for (const name of model.authorizerFunctions)
    overrides[name] = { JWT_ISSUER: tokens.issuer, JWT_AUDIENCE: tokens.clientId, JWT_PUBLIC_JWKS: JSON.stringify(tokens.jwks) };
  if (ws) for (const route of model.websocket?.routes ?? []) overrides[route.functionName] = { ...overrides[route.functionName], CALLBACK_URL: ws.callbackUrl };
  return startLocalFunctions({
    functions: model.functions,
    baseEnv: { ...db.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand", NODE_OPTIONS: "" },
    overrides,
    ...(options.environment ? { environment: options.environment } : {}),
    region: model.region,
    account: model.account,
    ...(options.containersPerFunction !== undefined ? { containersPerFunction: options.containersPerFunction } : {}),
    ...(options.functionLog ? { log: options.functionLog } : {}),
  });
}

async function startServers(
  model: TwinModel,
  stageName: string,
  db: DynamoDbLocal,
  tokens: TokenIssuer,
  options: TwinOptions,
  started: Started,
  ports: Ports,
): Promise<void> {
  const logTo = (api: ApiKind) => {
    const accessLog = options.accessLog;
    if (accessLog) return { log: (line: string) => accessLog(api, line) };
    return options.log ? { log: options.log } : {};
  };
  const common = { region: model.region, account: model.account };
  // The functions start after the WebSocket API listens: its address is their CALLBACK_URL.
  const invoker: FunctionInvoker = {
    invoke: (name, event, invokeOptions) =>
      started.functions ? started.functions.invoke(name, event, invokeOptions) : Promise.reject(new Error("the twin's functions have not started yet")),
    close: async () => undefined,
  };
  if (model.websocket)
    started.ws = await startWebSocketTwin({
      ...common,
      ...logTo("websocket"),
      api: model.websocket,
      stage: stageName,
      invoker,
      apiId: WEBSOCKET_API_ID,
      port: ports.websocket,
    });
  started.functions = startFunctions(model, db, tokens, started.ws, options);
  const publicApi = model.restApis.find((a) => a.kind === "public");
  const restStage = publicApi?.stages.find((s) => s.name === stageName);
  if (publicApi && restStage) {
    started.rest = await startRestTwin({
      ...common,
      ...logTo("rest"),
      api: publicApi,
      stage: restStage,
      invoker,
      apiId: REST_API_ID,
      apiKeys: model.apiKeys,
      buckets: model.buckets,
      dynamoDb: { endpoint: db.endpoint, tables: Object.fromEntries(model.tables.map((t) => [t.name.slice((options.tablePrefix ?? "").length), t.name])) },
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
    started.http = await startHttpApiTwin({
      ...common,
      ...logTo("http"),
      api: model.httpApi,
      invoker,
      tokens,
      apiId: HTTP_API_ID,
      port: ports.http,
      ...(options.httpBackends ? { httpBackends: options.httpBackends } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }
}

/**
 * Serves one stage of a stack on 127.0.0.1: DynamoDB Local with the stack's tables, the real handlers
 * in worker threads, the public REST API, the WebSocket API and the HTTP API, and the twin's own token
 * issuer for the stack's authorizers. A busy port fails at once, before the slow work.
 */
export async function startTwin(options: TwinOptions): Promise<Twin> {
  // A missing stack file fails before anything starts; an invalid config or an unknown stage once the
  // program has run (DynamoDB Local, started meanwhile, is stopped again).
  const missing = options.resources ? undefined : stackFileProblem(options.stack, options.configFile);
  if (missing) throw new Error(missing);
  const ports = portsOf(options.port ?? 3000);
  await assertPortsFree([
    { port: ports.rest, what: "REST API" },
    { port: ports.websocket, what: "WebSocket API" },
    { port: ports.http, what: "HTTP API" },
  ]);
  // DynamoDB Local (a JVM) starts while the program runs under mocks: start-up is the longer of the two.
  const progress = options.progress ?? (() => undefined);
  const startedAt = Date.now();
  const seconds = () => ((Date.now() - startedAt) / 1000).toFixed(1);
  if (!options.dynamoDb) progress(`starting DynamoDB Local${options.dataDir ? ` (data in ${options.dataDir})` : ""}…`);
  const starting = options.dynamoDb
    ? Promise.resolve(options.dynamoDb)
    : startDynamoDbLocal(await freePort(), options.dataDir ? { dataDir: options.dataDir } : {});
  if (!options.dynamoDb)
    void starting.then(
      (db) => progress(`DynamoDB Local ready (pid ${db.pid ?? "?"}) after ${seconds()} s`),
      () => undefined,
    );
  if (!options.resources) progress(`running the program of stack ${options.stack} under mocks (bundling its functions)…`);
  const stopOwnDb = (db: DynamoDbLocal): Promise<void> => (options.dynamoDb ? Promise.resolve() : db.stop());
  let model: TwinModel;
  let stageName: string;
  try {
    model = await captureModel(options, options.resources);
    if (!options.resources)
      progress(`captured stack ${options.stack} after ${seconds()} s: ${Object.keys(model.functions).length} functions, ${model.tables.length} tables`);
    stageName = stageToServe(model, options);
  } catch (error) {
    await starting.then(stopOwnDb, () => undefined);
    throw error;
  }
  const db = await starting;
  db.onUnexpectedExit((reason) =>
    (options.onFatal ?? ((e: Error) => process.stderr.write(`${e.message}\n`)))(
      new Error(`DynamoDB Local stopped unexpectedly (${reason}); the twin cannot serve without it`),
    ),
  );
  return serveModel({ options, model, stageName, db, ownsDb: !options.dynamoDb, tokens: options.tokens, ports });
}

interface Serving {
  readonly options: TwinOptions;
  readonly model: TwinModel;
  readonly stageName: string;
  readonly db: DynamoDbLocal;
  /** Whether closing the twin stops DynamoDB Local (a reload passes it on to the next twin). */
  readonly ownsDb: boolean;
  readonly tokens: TokenIssuer | undefined;
  readonly ports: Ports;
}

/** The tables, the functions and the servers of a captured model, over a running DynamoDB Local. */
async function serveModel(serving: Serving): Promise<Twin> {
  const { options, model, stageName, db } = serving;
  const progress = options.progress ?? (() => undefined);
  const started: Started = {};
  const stopServing = async () => {
    for (const server of [started.http, started.rest, started.ws]) await server?.close().catch(() => undefined);
    await started.functions?.close().catch(() => undefined);
  };
  const close = async () => {
    await stopServing();
    if (serving.ownsDb) await db.stop().catch(() => undefined);
  };
  try {
    // Side by side: on a JVM that has just started, each table costs a few slow first requests.
    const created = await Promise.all(model.tables.map(async (table) => ({ name: table.name, outcome: await createTable(db, table) })));
    const reused = created.filter((c) => c.outcome === "reused").map((c) => c.name);
    if (reused.length > 0) progress(`tables kept from before: ${reused.join(", ")}`);
    const tokens = serving.tokens ?? createTokenIssuer(model.region);
    await startServers(model, stageName, db, tokens, options, started, serving.ports);
    const actualPorts: Ports = {
      rest: started.rest?.port ?? serving.ports.rest,
      websocket: started.ws?.port ?? serving.ports.websocket,
      http: started.http?.port ?? serving.ports.http,
    };
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
      functions: started.functions as LocalFunctions,
      async reload(resources) {
        // The API keys the twin issued are the same in every capture of this process: they stay valid.
        if (!resources) forgetRepositoryModules(["local"]);
        const captured = await captureModel(options, resources);
        const stages = servedStages(captured);
        // The stage served so far, else (the stack dropped it) its first stage, unless --stage named it.
        const stage = stages.includes(stageName) || stages.length === 0 ? stageName : options.stage === undefined ? (stages[0] as string) : undefined;
        if (stage === undefined)
          throw new Error(`--stage: ${JSON.stringify(options.stage)} is no longer a stage of ${options.stack} (stages: ${stages.join(", ")})`);
        await stopServing();
        try {
          return await serveModel({ ...serving, model: captured, stageName: stage, tokens, ports: actualPorts });
        } catch (error) {
          // The previous servers are gone already: nothing is served any more.
          (options.onFatal ?? ((e: Error) => process.stderr.write(`${e.message}\n`)))(
            new Error(`the recaptured stack could not be served: ${(error as Error).message}`),
          );
          throw error;
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export const TWIN_ROOT = path.resolve(__dirname, "..");
