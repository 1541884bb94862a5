import { createHmac, randomBytes } from "crypto";
import * as fs from "fs";
import type { RecordedResource } from "../preview/mocks";
import { DEFAULT_MOCK_ENVIRONMENT, mockResourceState } from "../preview/mock-state";
import { httpApiModel } from "./http-api-capture";
import type { FunctionCode, TwinFunction, TwinModel, TwinObject, TwinRestApi, TwinTable, TwinUnsupported, TwinWebSocketApi } from "./model";
import { functionTarget, restApiModel, stagesOf } from "./rest/capture";

/**
 * The twin's model of a stack, built once at start from the resources the program registered under
 * mocks: resources are found by type (and by the ids that reference them), never by their names,
 * and the stack config is not read.
 */

type Of = (type: string) => RecordedResource[];

/** `arn:...:function:<name>[:<qualifier>]` inside an invoke URI or ARN → the function name. */
export function functionNameOf(uriOrArn: string): string | undefined {
  return /:function:([A-Za-z0-9_-]+)/.exec(uriOrArn)?.[1];
}

/** The id the mocks gave a resource: references (route → integration, stage → API) carry it. */
function mockedId(r: RecordedResource, region: string, account: string): string {
  return mockResourceState(r.type, r.name, r.inputs, { account, region }).id;
}

function mockedName(r: RecordedResource, region: string, account: string): string {
  const state = mockResourceState(r.type, r.name, r.inputs, { account, region }).state;
  return String(state.name ?? state.bucket ?? r.name);
}

/** A Lambda deployment package as the program gave it: an archive of string or file assets. */
function codeOf(code: unknown): FunctionCode | undefined {
  const assets = (code as { assets?: Record<string, { text?: unknown; path?: unknown }> } | undefined)?.assets;
  if (!assets) return undefined;
  const files: Record<string, string> = {};
  for (const [name, asset] of Object.entries(assets)) {
    if (typeof asset.text === "string") files[name] = asset.text;
    else if (typeof asset.path === "string" && fs.existsSync(asset.path)) files[name] = fs.readFileSync(asset.path, "utf8");
    else return undefined;
  }
  return { kind: "files", files };
}

function functionsOf(of: Of, unsupported: TwinUnsupported[]): Record<string, TwinFunction> {
  const functions: Record<string, TwinFunction> = {};
  for (const fn of of("aws:lambda/function:Function")) {
    const name = String(fn.inputs.name ?? fn.name);
    const code = codeOf(fn.inputs.code);
    if (!code) {
      unsupported.push({ what: `function ${name}`, reason: "its code is not a package of files the twin can load" });
      continue;
    }
    const reserved = fn.inputs.reservedConcurrentExecutions;
    functions[name] = {
      name,
      code,
      handler: String(fn.inputs.handler ?? "index.handler"),
      environment: { ...((fn.inputs.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {}) },
      timeoutSeconds: Number(fn.inputs.timeout ?? 3),
      memoryMb: Number(fn.inputs.memorySize ?? 128),
      reservedConcurrency: typeof reserved === "number" && reserved >= 0 ? reserved : undefined,
      aliases: {},
    };
  }
  for (const alias of of("aws:lambda/alias:Alias")) {
    const fn = functions[String(alias.inputs.functionName)];
    if (!fn) continue;
    const weights = (alias.inputs.routingConfig as { additionalVersionWeights?: Record<string, number> } | undefined)?.additionalVersionWeights ?? {};
    const [additional] = Object.entries(weights);
    functions[fn.name] = {
      ...fn,
      aliases: {
        ...fn.aliases,
        [String(alias.inputs.name)]: {
          version: String(alias.inputs.functionVersion),
          additional: additional ? { version: additional[0], weight: additional[1] } : undefined,
        },
      },
    };
  }
  return functions;
}

function tablesOf(of: Of, region: string, account: string): TwinTable[] {
  return of("aws:dynamodb/table:Table").map((t) => {
    const ttl = t.inputs.ttl as { attributeName?: string; enabled?: boolean } | undefined;
    const indexes =
      (t.inputs.globalSecondaryIndexes as { name: string; hashKey?: string; keySchemas?: { attributeName: string; keyType: string }[] }[] | undefined) ?? [];
    return {
      name: mockedName(t, region, account),
      partitionKey: String(t.inputs.hashKey),
      ttlAttribute: ttl?.enabled === false ? undefined : ttl?.attributeName,
      indexes: Object.fromEntries(
        indexes.map((i) => [i.name, { partitionKey: i.keySchemas?.find((k) => k.keyType === "HASH")?.attributeName ?? String(i.hashKey) }]),
      ),
    };
  });
}

/** Each object the stack uploads, by bucket and key, with the file it comes from. */
function bucketsOf(of: Of): Record<string, Record<string, TwinObject>> {
  const buckets: Record<string, Record<string, TwinObject>> = {};
  for (const o of [...of("aws:s3/bucketObjectv2:BucketObjectv2"), ...of("aws:s3/bucketObject:BucketObject")]) {
    const file = (o.inputs.source as { path?: unknown } | undefined)?.path;
    if (typeof o.inputs.bucket !== "string" || typeof o.inputs.key !== "string" || typeof file !== "string") continue;
    (buckets[o.inputs.bucket] ??= {})[o.inputs.key] = { file, contentType: typeof o.inputs.contentType === "string" ? o.inputs.contentType : undefined };
  }
  return buckets;
}

/** Drawn once per process: a key the twin issues is the same in every capture of this process (a reload keeps it valid). */
const KEY_SEED = randomBytes(32);

/** Each API key by its name: its own value when the stack imports one, else one the twin issues (API Gateway would generate one too). */
function apiKeysOf(of: Of): Record<string, string> {
  return Object.fromEntries(
    of("aws:apigateway/apiKey:ApiKey").map((k) => {
      const name = String(k.inputs.name ?? k.name);
      return [
        name,
        typeof k.inputs.value === "string" ? k.inputs.value : `twin-${name}-${createHmac("sha256", KEY_SEED).update(name).digest("hex").slice(0, 24)}`,
      ];
    }),
  );
}

function restApisOf(of: Of, resources: readonly RecordedResource[], apiKeys: Readonly<Record<string, string>>, region: string, account: string): TwinRestApi[] {
  return of("aws:apigateway/restApi:RestApi")
    .filter((api) => typeof api.inputs.body === "string")
    .map((api) => {
      const id = mockedId(api, region, account);
      const types = ([] as unknown[]).concat((api.inputs.endpointConfiguration as { types?: unknown } | undefined)?.types ?? []);
      return restApiModel({
        kind: types.includes("PRIVATE") ? "internal" : "public",
        name: String(api.inputs.name ?? api.name),
        id,
        document: JSON.parse(api.inputs.body as string) as Record<string, unknown>,
        binaryMediaTypes: ((api.inputs.binaryMediaTypes as string[] | undefined) ?? []).map(String),
        stages: stagesOf(resources, id),
        resources,
        apiKeys,
      });
    });
}

function websocketOf(of: Of, region: string, account: string): TwinWebSocketApi | undefined {
  const api = of("aws:apigatewayv2/api:Api").find((a) => a.inputs.protocolType === "WEBSOCKET");
  if (!api) return undefined;
  const apiId = mockedId(api, region, account);
  const ofApi = (type: string) => of(type).filter((r) => r.inputs.apiId === undefined || r.inputs.apiId === apiId);
  const integrations = new Map(ofApi("aws:apigatewayv2/integration:Integration").map((i) => [mockedId(i, region, account), i]));
  const routes = ofApi("aws:apigatewayv2/route:Route").flatMap((r) => {
    const integration = integrations.get(String(r.inputs.target).replace(/^integrations\//, ""));
    const functionName = integration ? functionNameOf(String(integration.inputs.integrationUri)) : undefined;
    if (!functionName) throw new Error(`WebSocket route ${String(r.inputs.routeKey)} has no Lambda integration the twin can find`);
    return [{ routeKey: String(r.inputs.routeKey), functionName }];
  });
  const authorizer = ofApi("aws:apigatewayv2/authorizer:Authorizer").find((a) => a.inputs.authorizerType === "REQUEST" || a.inputs.authorizerUri !== undefined);
  const authorizerFunction = authorizer ? functionNameOf(String(authorizer.inputs.authorizerUri)) : undefined;
  return {
    name: String(api.inputs.name),
    routeSelectionExpression: String(api.inputs.routeSelectionExpression),
    routes,
    authorizer:
      authorizer && authorizerFunction
        ? { functionName: authorizerFunction, identitySources: (authorizer.inputs.identitySources as string[]) ?? [] }
        : undefined,
  };
}

/** `arn:<partition>:<service>:<region>:`: a regional ARN, and its region. */
const REGIONAL_ARN = /\barn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-[a-z]+)+-\d+):/g;

/**
 * The region the program ran in, as its resources show it: the region most of the regional ARNs in
 * their inputs name (the mocks build every ARN of the stack in its region; a few may name another, e.g.
 * an edge-optimized domain's certificate in us-east-1), or undefined when they name none. For
 * resources captured elsewhere (tests give them to the twin) whose region was not kept with them.
 */
export function regionOfResources(resources: readonly RecordedResource[]): string | undefined {
  const counts = new Map<string, number>();
  for (const r of resources) {
    for (const match of JSON.stringify(r.inputs).matchAll(REGIONAL_ARN)) counts.set(match[1] as string, (counts.get(match[1] as string) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/**
 * The stages the twin can serve: the public REST API's, in the order the program registered them
 * (the order of the stack file's `stages`, so its first is the default of `npm start`).
 */
export function servedStages(model: TwinModel): string[] {
  return model.restApis.find((a) => a.kind === "public")?.stages.map((s) => s.name) ?? [];
}

const BACKENDS: Readonly<Record<string, string>> = { "gateway:backends:FargateService": "ECS Fargate", "gateway:backends:Ec2Fleet": "EC2 Auto Scaling" };

/**
 * The twin's model of a stack: functions (their deployment packages, settings and aliases), tables,
 * the REST APIs (routes and stages), the WebSocket and HTTP APIs, the buckets' objects and the API
 * keys, all from the resources the program registered.
 */
export function buildModel(stack: string, resources: readonly RecordedResource[], region = DEFAULT_MOCK_ENVIRONMENT.region): TwinModel {
  const account = DEFAULT_MOCK_ENVIRONMENT.account;
  const of: Of = (type) => resources.filter((r) => r.type === type);
  const unsupported: TwinUnsupported[] = [];
  const functions = functionsOf(of, unsupported);
  const apiKeys = apiKeysOf(of);
  const restApis = restApisOf(of, resources, apiKeys, region, account);
  const websocket = websocketOf(of, region, account);
  for (const r of resources) {
    const kind = BACKENDS[r.type];
    if (kind) unsupported.push({ what: `backend ${r.name} (${kind})`, reason: "runs in a VPC behind a VPC link; its routes answer 502" });
  }
  for (const api of restApis.filter((a) => a.kind === "internal"))
    unsupported.push({ what: `internal API ${api.name}`, reason: "PRIVATE: reachable only through the VPC's execute-api endpoint" });
  const authorizerFunctions = new Set<string>(websocket?.authorizer ? [websocket.authorizer.functionName] : []);
  for (const route of restApis.flatMap((a) => a.routes)) {
    const name = route.auth.kind === "lambda" ? functionTarget(route.auth.uri)?.functionName : undefined;
    if (name) authorizerFunctions.add(name);
  }
  return {
    stack,
    region,
    account,
    functions,
    tables: tablesOf(of, region, account),
    restApis,
    websocket,
    httpApi: httpApiModel(resources, region, account),
    buckets: bucketsOf(of),
    apiKeys,
    authorizerFunctions: [...authorizerFunctions],
    unsupported,
  };
}
