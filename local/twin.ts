import { CreateTableCommand, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import * as path from "path";
import type { StackConfig } from "../config";
import { runStack } from "../preview/run-program";
import { readProjectFile, stackConfig, stackFilePath } from "../preview/stack-files";
import { DEFAULT_MOCK_ENVIRONMENT } from "../preview/mock-state";
import { buildModel, stackConfigOf } from "./capture";
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from "./dynamodb-local";
import { startLocalFunctions } from "./functions";
import type { FunctionInvoker, TwinModel, TwinTable } from "./model";
import { startRestTwin, type RestTwin } from "./rest-api";
import { createTokenIssuer, type TokenIssuer } from "./tokens";
import type { StageMetrics } from "./metrics";
import type { RecordedResource } from "../preview/mocks";
import { startWebSocketTwin, type WebSocketTwin } from "./websocket-twin";
import { startHttpApiTwin } from "./http-api-twin";

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
  /** Local base URLs for HTTP integration hosts, by host. @default {} */
  readonly httpBackends?: Readonly<Record<string, string>>;
  /** Apply throttling and quotas (off only for load tests of the twin itself). @default true */
  readonly throttling?: boolean;
  /** Draws each request's canary split. @default Math.random */
  readonly random?: () => number;
  /** Epoch ms, for throttling, quotas and the caches' TTLs of the REST and HTTP APIs. @default Date.now */
  readonly now?: () => number;
  /** A DynamoDB Local that is running already; the twin leaves it running. @default one of its own */
  readonly dynamoDb?: DynamoDbLocal;
  /** Put before every table name, in DynamoDB Local and in the functions' environment, for twins that share a server. @default "" */
  readonly tablePrefix?: string;
  /** What the program registered for the stack, when it was captured already. @default the program is run under mocks */
  readonly resources?: readonly RecordedResource[];
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
  close(): Promise<void>;
}

/** The ids the twin gives its APIs (in ARNs, `$context.apiId` and the authorizers' method ARNs). */
const REST_API_ID = "twinrest01";
const WEBSOCKET_API_ID = "twinwsapi1";
const HTTP_API_ID = "twinhttp01";

async function createTable(db: DynamoDbLocal, table: TwinTable): Promise<void> {
  const attributes = [table.partitionKey, ...new Set(Object.values(table.indexes).map((i) => i.partitionKey))];
  await db.client.send(
    new CreateTableCommand({
      TableName: table.name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: [{ AttributeName: table.partitionKey, KeyType: "HASH" }],
      ...(Object.keys(table.indexes).length > 0
        ? {
            GlobalSecondaryIndexes: Object.entries(table.indexes).map(([IndexName, index]) => ({
              IndexName,
              KeySchema: [{ AttributeName: index.partitionKey, KeyType: "HASH" as const }],
              Projection: { ProjectionType: "ALL" as const },
            })),
          }
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
  readonly cfg: StackConfig;
  readonly region: string;
}

/** The stack's file and checked config: quick, and where a missing file or an invalid config fails. */
function readStack(stack: string, configFile?: string): StackFile {
  const project = readProjectFile();
  const values = stackConfig(project, configFile ? path.resolve(configFile) : stackFilePath(stack));
  const region = values["aws:region"];
  return { stack, configFile, cfg: stackConfigOf(project.name, stack, values[`${project.name}:gateway`]), region: typeof region === "string" ? region : DEFAULT_MOCK_ENVIRONMENT.region };
}

async function captureStackFile(
  file: StackFile,
  captured?: readonly RecordedResource[],
): Promise<{ cfg: StackConfig; model: TwinModel; resources: readonly RecordedResource[] }> {
  const run = captured ? { resources: captured, region: file.region } : await runStack(file.stack, file.configFile);
  return { cfg: file.cfg, model: buildModel(file.stack, file.cfg, run.resources, run.region), resources: run.resources };
}

/**
 * Loads the stack as `npm run preview` does: config checked, program run under mocks, resources
 * captured (or taken from `captured`, what an earlier run of the program registered).
 */
export async function captureStack(
  stack: string,
  options: { readonly configFile?: string; readonly captured?: readonly RecordedResource[] } = {},
): Promise<{ cfg: StackConfig; model: TwinModel; resources: readonly RecordedResource[] }> {
  return captureStackFile(readStack(stack, options.configFile), options.captured);
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

/**
 * Serves one stage of a stack on 127.0.0.1: DynamoDB Local with the stack's tables, the real handlers
 * in worker threads, the public REST API and the WebSocket API, and the twin's own token issuer for the
 * stack's authorizers.
 */
export async function startTwin(options: TwinOptions): Promise<Twin> {
  // A missing stack file, an invalid config or an unknown stage fails before anything starts.
  const file = readStack(options.stack, options.configFile);
  const stageName = options.stage ?? Object.keys(file.cfg.stages)[0];
  if (!stageName || !(stageName in file.cfg.stages)) {
    throw new Error(`--stage: ${JSON.stringify(options.stage)} is not a stage of ${options.stack} (stages: ${Object.keys(file.cfg.stages).join(", ")})`);
  }
  // DynamoDB Local (a JVM) starts while the program runs under mocks: start-up is the longer of the two.
  const starting = options.dynamoDb ? Promise.resolve(options.dynamoDb) : startDynamoDbLocal(await freePort());
  const stopOwnDb = (db: DynamoDbLocal) => (options.dynamoDb ? Promise.resolve() : db.stop());
  let captured: { cfg: StackConfig; model: TwinModel; resources: readonly RecordedResource[] };
  try {
    captured = await captureStackFile(file, options.resources);
  } catch (error) {
    await starting.then(stopOwnDb, () => undefined);
    throw error;
  }
  const { cfg, resources } = captured;
  const model = withTablePrefix(captured.model, options.tablePrefix ?? "");
  const db = await starting;
  const closers: (() => Promise<void>)[] = [() => stopOwnDb(db)];
  try {
    for (const table of model.tables) await createTable(db, table);
    const tokens = createTokenIssuer(model.region);
    const restPort = options.port ?? 3000;
    // The functions are created after the WebSocket API is listening: its address is their CALLBACK_URL.
    let functions: FunctionInvoker | undefined;
    const invoker: FunctionInvoker = {
      invoke: (name, event, invokeOptions) =>
        functions ? functions.invoke(name, event, invokeOptions) : Promise.reject(new Error("the twin's functions have not started yet")),
      close: async () => functions?.close(),
    };
    closers.push(() => invoker.close());
    let ws: WebSocketTwin | undefined;
    if (model.websocket) {
      ws = await startWebSocketTwin({
        api: model.websocket,
        stage: stageName,
        invoker,
        region: model.region,
        account: model.account,
        apiId: WEBSOCKET_API_ID,
        port: restPort === 0 ? 0 : restPort + 1,
        ...(options.log ? { log: options.log } : {}),
      });
      closers.push(() => (ws as WebSocketTwin).close());
    }
    const authorizerFunctions = new Set([
      ...(model.websocket?.authorizer ? [model.websocket.authorizer.functionName] : []),
      ...Object.values(cfg.authorizers).map((a) => cfg.functions[a.function]?.name).filter((n): n is string => n !== undefined),
    ]);
    const websocketFunctions = new Set(model.websocket?.routes.map((r) => r.functionName) ?? []);
    const overrides: Record<string, Record<string, string>> = {};
    for (const name of authorizerFunctions) {
      overrides[name] = { JWT_ISSUER: tokens.issuer, JWT_AUDIENCE: tokens.clientId, JWT_PUBLIC_JWKS: JSON.stringify(tokens.jwks) };
    }
    if (ws) for (const name of websocketFunctions) overrides[name] = { ...overrides[name], CALLBACK_URL: ws.callbackUrl };
    functions = startLocalFunctions({
      functions: model.functions,
      baseEnv: { ...db.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand", NODE_OPTIONS: "" },
      overrides,
      region: model.region,
      account: model.account,
      ...(options.functionLog ? { log: options.functionLog } : {}),
    });

    const publicApi = model.restApis.find((a) => a.kind === "public");
    const restStage = publicApi?.stages.find((s) => s.name === stageName);
    let rest: RestTwin | undefined;
    if (publicApi && restStage) {
      rest = await startRestTwin({
        api: publicApi,
        stage: restStage,
        invoker,
        region: model.region,
        account: model.account,
        apiId: REST_API_ID,
        apiKeys: model.apiKeys,
        resources,
        ...(options.random ? { random: options.random } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.httpBackends ? { httpBackends: options.httpBackends } : {}),
        ...(options.throttling === false ? { throttling: false } : {}),
        buckets: model.buckets,
        tokens,
        port: restPort,
        ...(options.log ? { log: options.log } : {}),
      });
      closers.push(() => (rest as RestTwin).close());
    }
    let http: { url: string; close(): Promise<void> } | undefined;
    if (model.httpApi) {
      http = await startHttpApiTwin({
        api: model.httpApi,
        invoker,
        tokens,
        region: model.region,
        account: model.account,
        apiId: HTTP_API_ID,
        port: restPort === 0 ? 0 : restPort + 2,
        ...(options.httpBackends ? { httpBackends: options.httpBackends } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.log ? { log: options.log } : {}),
      });
      closers.push(() => (http as { close(): Promise<void> }).close());
    }
    return {
      model,
      stage: stageName,
      restUrl: rest?.url,
      websocketUrl: ws?.url,
      httpUrl: http?.url,
      apiKeys: model.apiKeys,
      tokens,
      metrics: rest?.metrics,
      async close() {
        for (const close of closers.reverse()) await close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

export const TWIN_ROOT = path.resolve(__dirname, "..");
