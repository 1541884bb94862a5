import type { TwinHttpApi } from "./http-api-capture";

/**
 * What the local twin serves, taken from the resources the program registers under mocks (the same
 * run as `npm run preview`) and the generated OpenAPI documents: never a second description.
 */

/** One Lambda function: its handler file and the environment the stack gives it. */
export interface TwinFunction {
  /** The Lambda function name, e.g. `microservice-gateway-dev-itemsGet`. */
  readonly name: string;
  /** Below functions/, without `.ts`, e.g. `items/get`. */
  readonly entry: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  /** Each alias's version, and the additional version with its share of traffic when it has one. */
  readonly aliases: Readonly<Record<string, { readonly version: string; readonly additional: { readonly version: string; readonly weight: number } | undefined }>>;
}

/** A DynamoDB table the twin creates on its local server, under the name the functions are given. */
export interface TwinTable {
  readonly name: string;
  readonly partitionKey: string;
  readonly ttlAttribute: string | undefined;
  readonly indexes: Readonly<Record<string, { readonly partitionKey: string }>>;
}

export interface TwinRestStage {
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly canary: { readonly percentTraffic: number; readonly variables: Readonly<Record<string, string>> } | undefined;
}

export interface TwinRestApi {
  readonly kind: "public" | "internal";
  readonly name: string;
  /** The API's OpenAPI body, as deployed. */
  readonly document: Readonly<Record<string, unknown>>;
  readonly stages: readonly TwinRestStage[];
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
  /** Content buckets by bucket name: the repository folder their objects come from. */
  readonly buckets: Readonly<Record<string, string>>;
  /** The stack's API key values by key name (the twin issues them; imported keys keep their secret value). */
  readonly apiKeys: Readonly<Record<string, string>>;
  readonly unsupported: readonly TwinUnsupported[];
}

/** Invokes a function of the model with an event, as Lambda would, and returns its result. */
export interface FunctionInvoker {
  /**
   * Resolves with the handler's return value; rejects with the handler's error (or a timeout error
   * after `timeoutMs`, default the function's own timeout). `qualifier` (an alias or version) shows in
   * the context's `invokedFunctionArn`; every version runs the current code.
   */
  invoke(functionName: string, event: unknown, options?: { readonly timeoutMs?: number; readonly qualifier?: string }): Promise<unknown>;
  close(): Promise<void>;
}
