import type { GatewayInput } from "./gateway";
import type { ImportedOpenApi } from "./openapi-import";
import { resolveAuthorizers, resolveCallerRoles, resolveCognito, resolveResourcePolicy } from "./sections/access";
import { resolveBackend } from "./sections/backends";
import { resolveEdge } from "./sections/domain";
import { resolveFunction } from "./sections/function";
import { resolveHttpApi } from "./sections/http-api";
import { resolveNetwork, resolveVpcLinks } from "./sections/network";
import { resolveObservability } from "./sections/observability";
import { resolveBuckets, resolveQueues, resolveStateMachines, resolveTables } from "./sections/resources";
import { resolveApi, resolveInternalApi } from "./sections/rest-api";
import { resolveRoute } from "./sections/route";
import { defaultDataProtection, resolveStackSettings } from "./sections/stack";
import { resolveStage } from "./sections/stage";
import { resolveApiKeys, resolveUsagePlans } from "./sections/usage-plans";
import { resolveWebSocket } from "./sections/websocket";
import type { StackConfig, StackContext } from "./types";

/** Turns checked input into the complete stack configuration, each section applying its defaults. */
export function applyDefaults(ctx: StackContext, input: GatewayInput, imported?: ImportedOpenApi): StackConfig {
  const env = input.environment;
  return {
    ...resolveStackSettings(ctx, input),
    ...resolveEdge(input),
    api: resolveApi(ctx, input, imported),
    internalApi: resolveInternalApi(ctx, input),
    network: resolveNetwork(input),
    authorizers: resolveAuthorizers(input),
    httpApi: resolveHttpApi(ctx, input.httpApi),
    resourcePolicy: resolveResourcePolicy(input),
    callerRoles: resolveCallerRoles(input),
    cognito: resolveCognito(input),
    websocket: resolveWebSocket(ctx, input.websocket),
    backends: Object.fromEntries(Object.entries(input.backends ?? {}).map(([key, b]) => [key, resolveBackend(key, b)])),
    functions: Object.fromEntries(Object.entries(input.functions ?? {}).map(([key, fn]) => [key, resolveFunction(ctx, env, key, fn)])),
    routes: (input.routes ?? []).map((route) => resolveRoute(route, input.api?.cors)),
    stages: Object.fromEntries(Object.entries(input.stages).map(([name, stage]) => [name, resolveStage(env, name, stage)])),
    tables: resolveTables(input, defaultDataProtection(env)),
    queues: resolveQueues(input),
    vpcLinks: resolveVpcLinks(input),
    buckets: resolveBuckets(input),
    binaryMediaTypes: input.binaryMediaTypes ?? [],
    stateMachines: resolveStateMachines(input),
    usagePlans: resolveUsagePlans(input),
    apiKeys: resolveApiKeys(input),
    observability: resolveObservability(input),
  };
}
