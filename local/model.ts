import type { TwinHttpApi } from "./http-api-capture";
import type { TwinRestApi } from "./rest/model";

export type { TwinRestApi, TwinRestStage } from "./rest/model";

/**
 * What the local twin serves, built once at start (local/capture.ts) from the resources the program
 * registers under mocks (the same run as `npm run preview`) and the deployed OpenAPI documents: never a
 * second description, and never the stack config. The servers take only this model.
 */

/** Where a function's code comes from. */
export type FunctionCode =
  /** The files of the deployment package the stack deploys (its `code` archive): `index.mjs` and its map. */
  | { readonly kind: "files"; readonly files: Readonly<Record<string, string>> }
  /** A handler file below functions/, bundled as the stack bundles it (`items/get`). */
  | { readonly kind: "entry"; readonly entry: string }
  /** A ready ES module on disk (tests). */
  | { readonly kind: "module"; readonly path: string };

/** One Lambda function: its code, handler and the settings the stack gives it. */
export interface TwinFunction {
  /** The Lambda function name, e.g. `microservice-gateway-dev-itemsGet`. */
  readonly name: string;
  readonly code: FunctionCode;
  /** `index.handler`: the module (`index.mjs`) and its export. @default index.handler */
  readonly handler?: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  /** @default 128 (Lambda's default) */
  readonly memoryMb?: number;
  /** The function's reserved concurrency; undefined when it reserves none. */
  readonly reservedConcurrency?: number | undefined;
  /** Each alias's version, and the additional version with its share of traffic when it has one. */
  readonly aliases: Readonly<
    Record<string, { readonly version: string; readonly additional: { readonly version: string; readonly weight: number } | undefined }>
  >;
}

/** A DynamoDB table the twin creates on its local server, under the name the functions are given. */
export interface TwinTable {
  readonly name: string;
  readonly partitionKey: string;
  readonly ttlAttribute: string | undefined;
  readonly indexes: Readonly<Record<string, { readonly partitionKey: string }>>;
}

export interface TwinWebSocketRoute {
  /** `$connect`, `$disconnect`, `$default` or an action. */
  readonly routeKey: string;
  /** The Lambda function name the route's integration invokes. */
  readonly functionName: string;
}

export interface TwinWebSocketApi {
  readonly name: string;
  /** Always `$request.body.action` in this project. */
  readonly routeSelectionExpression: string;
  readonly routes: readonly TwinWebSocketRoute[];
  /** The REQUEST authorizer on `$connect`, reading `route.request.querystring.token`. */
  readonly authorizer: { readonly functionName: string; readonly identitySources: readonly string[] } | undefined;
}

/** Something the twin cannot serve, listed at start-up; routes to it answer 502. */
export interface TwinUnsupported {
  readonly what: string;
  readonly reason: string;
}

/** An S3 object the stack uploads: the file its content comes from. */
export interface TwinObject {
  readonly file: string;
  readonly contentType: string | undefined;
}

export interface TwinModel {
  readonly stack: string;
  readonly region: string;
  readonly account: string;
  /** By Lambda function name. */
  readonly functions: Readonly<Record<string, TwinFunction>>;
  readonly tables: readonly TwinTable[];
  readonly restApis: readonly TwinRestApi[];
  readonly websocket: TwinWebSocketApi | undefined;
  /** The HTTP API (API Gateway v2), served at the root of its own port. */
  readonly httpApi: TwinHttpApi | undefined;
  /** Buckets by bucket name: their objects by key. */
  readonly buckets: Readonly<Record<string, Readonly<Record<string, TwinObject>>>>;
  /** The stack's API key values by key name (the twin issues them; imported keys keep their secret value). */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** Functions that authorize requests (REST Lambda authorizers, the WebSocket `$connect` authorizer). */
  readonly authorizerFunctions: readonly string[];
  readonly unsupported: readonly TwinUnsupported[];
}

/** Invokes a function of the model with an event, as Lambda would, and returns its result. */
export interface FunctionInvoker {
  /**
   * Resolves with the handler's return value; rejects with a `FunctionError` (the handler's error, its
   * own timeout, its runtime's exit) or `RequestTooLarge`. `qualifier` (an alias or version) shows in
   * the context's `invokedFunctionArn`; every version runs the current code. Callers that wait less
   * than the function's timeout (API Gateway's integration timeout) race it themselves (local/invoke.ts).
   */
  invoke(functionName: string, event: unknown, options?: { readonly qualifier?: string }): Promise<unknown>;
  close(): Promise<void>;
}
