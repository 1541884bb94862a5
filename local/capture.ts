import { randomBytes } from "crypto";
import * as path from "path";
import { parseStackConfig } from "../config";
import { REPO_ROOT } from "../config/paths";
import type { StackConfig } from "../config";
import type { RecordedResource } from "../preview/mocks";
import { DEFAULT_MOCK_ENVIRONMENT, mockResourceState } from "../preview/mock-state";
import { httpApiModel } from "./http-api-capture";
import type { TwinFunction, TwinModel, TwinRestApi, TwinTable, TwinUnsupported, TwinWebSocketApi } from "./model";

/** The component name of each REST API in app.ts: their resources are named from it. */
const REST_APIS = { public: "api", internal: "internal-rest" } as const;

/** `arn:...:function:<name>[:<qualifier>]` inside an invoke URI or ARN → the function name. */
export function functionNameOf(uriOrArn: string): string | undefined {
  return /:function:([A-Za-z0-9_-]+)/.exec(uriOrArn)?.[1];
}

/** The id the mocks gave a resource: the twin matches references (route → integration) by it. */
function mockedId(r: RecordedResource, region: string, account: string): string {
  return mockResourceState(r.type, r.name, r.inputs, { account, region }).id;
}

function mockedName(r: RecordedResource, region: string, account: string): string {
  const state = mockResourceState(r.type, r.name, r.inputs, { account, region }).state;
  return String(state.name ?? state.bucket ?? r.name);
}

/**
 * The twin's model of a stack: functions (entry from config, environment as the program set it),
 * tables under the names the functions were given, the REST APIs' documents and stages, and the
 * WebSocket API's routes and authorizer, all from the resources the program registered.
 */
export function buildModel(stack: string, cfg: StackConfig, resources: readonly RecordedResource[], region = DEFAULT_MOCK_ENVIRONMENT.region): TwinModel {
  const account = DEFAULT_MOCK_ENVIRONMENT.account;
  const of = (type: string) => resources.filter((r) => r.type === type);
  const byName = new Map(Object.values(cfg.functions).map((f) => [f.name, f]));

  const functions: Record<string, TwinFunction> = {};
  for (const fn of of("aws:lambda/function:Function")) {
    const name = String(fn.inputs.name);
    const config = byName.get(name);
    if (!config) continue;
    const variables = (fn.inputs.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {};
    functions[name] = { name, entry: config.entry, environment: { ...variables }, timeoutSeconds: config.timeoutSeconds, aliases: {} };
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
        [String(alias.inputs.name)]: { version: String(alias.inputs.functionVersion), additional: additional ? { version: additional[0], weight: additional[1] } : undefined },
      },
    };
  }

  const tables: TwinTable[] = of("aws:dynamodb/table:Table").map((t) => {
    const key = t.name.replace(/-table$/, "");
    const config = cfg.tables[key];
    return {
      name: mockedName(t, region, account),
      partitionKey: String(t.inputs.hashKey),
      ttlAttribute: config?.ttlAttribute,
      indexes: config?.indexes ?? {},
    };
  });

  const restApis: TwinRestApi[] = [];
  for (const [kind, component] of Object.entries(REST_APIS) as ["public" | "internal", string][]) {
    const api = of("aws:apigateway/restApi:RestApi").find((r) => r.name === `${component}-api`);
    if (!api || typeof api.inputs.body !== "string") continue;
    const stages = of("aws:apigateway/stage:Stage")
      .filter((s) => s.name.startsWith(`${component}-`) && s.name.endsWith("-stage"))
      .map((s) => {
        const canary = s.inputs.canarySettings as { percentTraffic?: number; stageVariableOverrides?: Record<string, string> } | undefined;
        return {
          name: String(s.inputs.stageName),
          variables: { ...((s.inputs.variables as Record<string, string> | undefined) ?? {}) },
          canary: canary ? { percentTraffic: canary.percentTraffic ?? 0, variables: { ...(canary.stageVariableOverrides ?? {}) } } : undefined,
        };
      });
    restApis.push({ kind, name: String(api.inputs.name), document: JSON.parse(api.inputs.body) as Record<string, unknown>, stages });
  }

  const websocket = websocketModel(of, region, account);

  const unsupported: TwinUnsupported[] = [];
  for (const b of Object.values(cfg.backends)) {
    unsupported.push({ what: `backend ${b.key} (${b.type === "ecs" ? "ECS Fargate" : "EC2 Auto Scaling"})`, reason: "runs in a VPC behind a VPC link; its routes answer 502" });
  }
  if (cfg.internalApi) unsupported.push({ what: `internal API ${cfg.internalApi.name}`, reason: "PRIVATE: reachable only through the VPC's execute-api endpoint" });

  const buckets: Record<string, string> = {};
  for (const b of of("aws:s3/bucket:Bucket")) {
    const key = b.name.replace(/^bucket-/, "").replace(/-bucket$/, "");
    const folder = cfg.buckets[key]?.contentFolder;
    if (folder) buckets[mockedName(b, region, account)] = path.join(REPO_ROOT, folder);
  }
  // A generated key gets a value the twin prints, as API Gateway would generate one; an imported key
  // keeps the value the program gave it (offline, the stand-in of its still-encrypted secret).
  const keyValues = new Map(of("aws:apigateway/apiKey:ApiKey").map((k) => [String(k.inputs.name), k.inputs.value]));
  const apiKeys = Object.fromEntries(
    Object.values(cfg.apiKeys).map((key) => {
      const value = key.imported ? keyValues.get(`${cfg.project}-${cfg.stack}-${key.name}`) : undefined;
      return [key.name, typeof value === "string" ? value : `twin-${key.name}-${randomBytes(12).toString("hex")}`];
    }),
  );

  const httpApi = httpApiModel(resources, region, account);
  return { stack, region, account, functions, tables, restApis, websocket, httpApi, buckets, apiKeys, unsupported };
}

function websocketModel(of: (type: string) => RecordedResource[], region: string, account: string): TwinWebSocketApi | undefined {
  const api = of("aws:apigatewayv2/api:Api").find((a) => a.inputs.protocolType === "WEBSOCKET");
  if (!api) return undefined;
  const integrations = new Map(of("aws:apigatewayv2/integration:Integration").map((i) => [mockedId(i, region, account), i]));
  const routes = of("aws:apigatewayv2/route:Route")
    .filter((r) => r.parentUrn === api.parentUrn)
    .map((r) => {
      const integration = integrations.get(String(r.inputs.target).replace(/^integrations\//, ""));
      const functionName = integration ? functionNameOf(String(integration.inputs.integrationUri)) : undefined;
      if (!functionName) throw new Error(`WebSocket route ${String(r.inputs.routeKey)} has no Lambda integration the twin can find`);
      return { routeKey: String(r.inputs.routeKey), functionName };
    });
  const authorizer = of("aws:apigatewayv2/authorizer:Authorizer").find((a) => a.parentUrn === api.parentUrn);
  const authorizerFunction = authorizer ? functionNameOf(String(authorizer.inputs.authorizerUri)) : undefined;
  return {
    name: String(api.inputs.name),
    routeSelectionExpression: String(api.inputs.routeSelectionExpression),
    routes,
    authorizer: authorizer && authorizerFunction ? { functionName: authorizerFunction, identitySources: (authorizer.inputs.identitySources as string[]) ?? [] } : undefined,
  };
}

/** Parses the stack's `gateway` config (as the program does) for the parts the resources do not carry. */
export function stackConfigOf(project: string, stack: string, gateway: unknown): StackConfig {
  return parseStackConfig({ project, stack }, gateway);
}
