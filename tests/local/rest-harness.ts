import type { FunctionInvoker } from "../../local/model";
import { restApiModel, type CapturedStage } from "../../local/rest/capture";
import type { TwinRestApi } from "../../local/rest/model";
import { startRestTwin, type RestTwin, type RestTwinOptions } from "../../local/rest-api";

/** A REST API model from an OpenAPI document, as capture builds it from the stack's resources. */
export function restApiFrom(
  document: Record<string, unknown>,
  options: {
    readonly stage?: Partial<CapturedStage>;
    readonly binaryMediaTypes?: readonly string[];
    readonly resources?: readonly { type: string; name: string; inputs: Record<string, unknown> }[];
    readonly apiKeys?: Record<string, string>;
  } = {},
): TwinRestApi {
  const stage: CapturedStage = { name: "dev", variables: {}, canary: undefined, deploymentId: "dep123", ...options.stage };
  return restApiModel({
    kind: "public",
    name: "test-api",
    id: "testapi001",
    document,
    binaryMediaTypes: options.binaryMediaTypes ?? [],
    stages: [stage],
    // The captured API and stage: no method settings, no usage plans (no caching, no plan limits) unless given.
    resources: options.resources ?? [
      { type: "aws:apigateway/restApi:RestApi", name: "api-api", inputs: { name: "test-api" } },
      { type: "aws:apigateway/stage:Stage", name: "api-dev-stage", inputs: { stageName: stage.name } },
    ],
    apiKeys: options.apiKeys ?? {},
  });
}

export interface RestHarness {
  readonly twin: RestTwin;
  readonly url: string;
  readonly logs: Record<string, string>[];
  readonly warnings: string[];
  close(): Promise<void>;
}

/** Serves `api` on an ephemeral port with a given invoker, collecting access-log lines and diagnostics. */
export async function serveRest(api: TwinRestApi, invoker: FunctionInvoker, extra: Partial<RestTwinOptions> = {}): Promise<RestHarness> {
  const logs: Record<string, string>[] = [];
  const warnings: string[] = [];
  const twin = await startRestTwin({
    api,
    stage: api.stages[0]!,
    invoker,
    region: "us-east-1",
    account: "123456789012",
    apiId: "twinrest01",
    apiKeys: {},
    buckets: {},
    tokens: { verify: async () => undefined },
    log: (line) => logs.push(JSON.parse(line) as Record<string, string>),
    warn: (line) => warnings.push(line),
    ...extra,
  });
  return { twin, url: twin.url, logs, warnings, close: () => twin.close() };
}

/** An invoker that answers each function with `answers[name]` and records the events. */
export function scriptedInvoker(
  answers: Record<string, (event: any) => unknown>,
): FunctionInvoker & { calls: { name: string; event: any; qualifier?: string }[] } {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const calls: { name: string; event: any; qualifier?: string }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    calls,
    async invoke(name, event, options) {
      calls.push({ name, event, ...(options?.qualifier ? { qualifier: options.qualifier } : {}) });
      const answer = answers[name];
      if (!answer) throw new Error(`no function ${name}`);
      return answer(event);
    },
    async close() {},
  };
}

/** The Lambda invocation URI of a function (with an optional `:qualifier`). */
export const lambdaUri = (name: string, qualifier = "") =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}${qualifier}/invocations`;

/** An operation integrated with a function through Lambda proxy, open to everyone. */
export const proxyOperation = (name: string, extra: Record<string, unknown> = {}) => ({
  security: [],
  "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: lambdaUri(name), ...extra },
});

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  readonly text: string;
}

/** A request with header names spelled exactly as given (fetch would lower-case them), over a fresh connection. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string | string[]>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const http = require("http") as typeof import("http");
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", agent: false, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}
