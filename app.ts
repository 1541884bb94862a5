import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { defaultLogRetentionDays } from "./config/defaults";
import type { StackSecrets } from "./load-config";
import { UsagePlans } from "./components/access/usage-plans";
import { CognitoUserPool } from "./components/access/cognito";
import { ApiCallerRole } from "./components/access/caller-role";
import { WebAcl } from "./components/access/web-acl";
import { CustomDomain } from "./components/domain/custom-domain";
import { PrivateApiEndpoint } from "./components/network/private-api-endpoint";
import { RestVpcLink } from "./components/network/vpc-link";
import { Table } from "./components/data/table";
import { ContentBucket } from "./components/integrations/content-bucket";
import { IntegrationQueue } from "./components/integrations/queue";
import { IntegrationStateMachine } from "./components/integrations/state-machine";
import { bundleFunctions } from "./components/lambda/bundle";
import { LambdaFunction, type FunctionTable } from "./components/lambda/function";
import { ApiGatewayAccount } from "./components/observability/api-gateway-account";
import { LogsKey } from "./components/observability/logs-key";
import { Monitoring } from "./components/observability/monitoring";
import { functionCors } from "./components/rest-api/cors";
import { RestApi, type RestTableTarget } from "./components/rest-api/rest-api";
import { Network } from "./components/network/network";
import { createBackends, type Backend } from "./components/backends/create-backends";
import { InternalApi, internalStages } from "./components/rest-api/internal-api";
import { WebSocketApi } from "./components/websocket-api/websocket-api";
import { createHttpApi } from "./components/http-api/create-http-api";
import { stackTags, type Tags } from "./components/tags/tags";
import { appOutputs, type AppOutputs } from "./app-outputs";

export type { AppOutputs } from "./app-outputs";

/** The tables DynamoDB routes call actions on: each table's name, ARN and partition key. */
function restTableTargets(cfg: StackConfig, tables: Readonly<Record<string, Table>>): Record<string, RestTableTarget> {
  return Object.fromEntries(
    Object.values(cfg.tables).map((t) => [t.key, { name: tables[t.key]!.table.name, arn: tables[t.key]!.table.arn, partitionKey: t.partitionKey }]),
  );
}

/** What the APIs are built on: the stack's tags and logs key, and every resource routes reach. */
interface Platform {
  readonly cfg: StackConfig;
  readonly tags: Tags;
  readonly logsKmsKeyArn: pulumi.Output<string> | undefined;
  readonly tables: Record<string, Table>;
  readonly cognito: CognitoUserPool | undefined;
  readonly functions: Record<string, LambdaFunction>;
  readonly queues: Record<string, IntegrationQueue>;
  readonly stateMachines: Record<string, IntegrationStateMachine>;
  readonly vpcLinks: Record<string, RestVpcLink>;
  readonly buckets: Record<string, ContentBucket>;
  /** The account-level CloudWatch role, when this stack owns it. */
  readonly account: ApiGatewayAccount | undefined;
  /** The execute-api VPC endpoint of a PRIVATE API. */
  readonly privateEndpoint: PrivateApiEndpoint | undefined;
  readonly network: Network | undefined;
  readonly backends: Record<string, Backend>;
}

/** The REST APIs: the public one, and the internal one when the stack has a network for it. */
interface RestApis {
  readonly api: RestApi;
  readonly internal: InternalApi | undefined;
}

/** Builds every resource one stack's configuration asks for. */
export function createApp(cfg: StackConfig, secrets: StackSecrets = { apiKeyValues: undefined }): AppOutputs {
  const platform = createPlatform(cfg);
  const apis = createRestApis(platform);
  const callerRoles = createCallerRoles(platform, apis.api);
  const waf = createWebAcl(platform, apis);
  const domains = createDomains(platform, apis.api);
  const { functions, backends, network, cognito, logsKmsKeyArn, tags } = platform;
  const httpApi = cfg.httpApi ? createHttpApi(cfg, cfg.httpApi, { functions, backends, network, cognito, domains, logsKmsKeyArn, tags }) : undefined;
  const monitoring = createMonitoring(platform);
  const websocket = createWebSocketApi(platform);
  createInternalMonitoring(platform, apis.internal);
  const usage = createUsagePlans(platform, apis.api, secrets);
  return appOutputs({ ...platform, ...apis, callerRoles, waf, domains, httpApi, monitoring, websocket, usage });
}

/** The resources the APIs are built on, in the order they are registered. */
function createPlatform(cfg: StackConfig): Platform {
  const tags = stackTags(cfg);
  const logsKey = cfg.logEncryption === "kms" ? new LogsKey("logs", { aliasName: `${cfg.project}-${cfg.stack}-logs`, tags }) : undefined;
  const logsKmsKeyArn = logsKey?.key.arn;
  const tables = createTables(cfg, tags);
  const cognito = createCognito(cfg, tags);
  const functions = createFunctions(cfg, tables, cognito, tags, logsKmsKeyArn);
  const integrations = createIntegrationTargets(cfg, tags, logsKmsKeyArn);
  const account = cfg.manageApiGatewayAccount ? new ApiGatewayAccount("apigateway-account", { tags }) : undefined;
  const privateEndpoint = createPrivateEndpoint(cfg, tags);
  const network = cfg.network ? new Network("network", { config: cfg.network, tags }) : undefined;
  const backends = createBackends(cfg, network, tags, logsKmsKeyArn);
  return { cfg, tags, logsKmsKeyArn, tables, cognito, functions, ...integrations, account, privateEndpoint, network, backends };
}

function createTables(cfg: StackConfig, tags: Tags): Record<string, Table> {
  return Object.fromEntries(Object.values(cfg.tables).map((t) => [t.key, new Table(t.key, { config: t, tags })]));
}

function createCognito(cfg: StackConfig, tags: Tags): CognitoUserPool | undefined {
  return cfg.cognito
    ? new CognitoUserPool("cognito", {
        poolName: `${cfg.project}-${cfg.stack}`,
        mfa: cfg.cognito.mfa,
        selfSignUp: cfg.cognito.selfSignUp,
        deletionProtection: cfg.environment === "prod",
        resourceServer: {
          identifier: cfg.cognito.resourceServer.identifier,
          scopes: Object.entries(cfg.cognito.resourceServer.scopes).map(([name, description]) => ({ name, description })),
        },
        tags,
      })
    : undefined;
}

/**
 * The deploy-time environment of a function: Lambda authorizers (REST and WebSocket) verify the pool's
 * ID tokens (their audience is the app client).
 */
function authorizerEnvironmentOf(cfg: StackConfig, cognito: CognitoUserPool | undefined) {
  const authorizerFunctions = new Set([
    ...(cfg.websocket?.authorizer ? [cfg.websocket.authorizer] : []),
    ...Object.values(cfg.authorizers).map((a) => a.function),
  ]);
  return (key: string): Record<string, pulumi.Input<string>> =>
    cognito && authorizerFunctions.has(key) ? { JWT_ISSUER: cognito.issuer, JWT_AUDIENCE: cognito.client.id } : {};
}

function createFunctions(
  cfg: StackConfig,
  tables: Readonly<Record<string, Table>>,
  cognito: CognitoUserPool | undefined,
  tags: Tags,
  logsKmsKeyArn: pulumi.Output<string> | undefined,
): Record<string, LambdaFunction> {
  const authorizerEnvironment = authorizerEnvironmentOf(cfg, cognito);
  // One esbuild run for every handler; each function then takes its bundle from the cache.
  bundleFunctions(Object.values(cfg.functions).map((fn) => fn.entry));
  return Object.fromEntries(
    Object.values(cfg.functions).map((fn) => {
      const grants: Record<string, FunctionTable> = {};
      for (const [key, access] of Object.entries(fn.tables)) {
        const table = tables[key]!.table;
        grants[key] = { name: table.name, arn: table.arn, access };
      }
      const cors = functionCors(cfg.routes, fn.key);
      return [
        fn.key,
        new LambdaFunction(fn.key, {
          config: fn,
          tables: grants,
          tags,
          logsKmsKeyArn,
          deployTimeEnvironment: authorizerEnvironment(fn.key),
          ...(cors ? { cors } : {}),
        }),
      ];
    }),
  );
}

/** The queues, state machines, VPC links and buckets routes integrate with. */
function createIntegrationTargets(
  cfg: StackConfig,
  tags: Tags,
  logsKmsKeyArn: pulumi.Output<string> | undefined,
): Pick<Platform, "queues" | "stateMachines" | "vpcLinks" | "buckets"> {
  const queues = Object.fromEntries(Object.values(cfg.queues).map((q) => [q.key, new IntegrationQueue(`queue-${q.key}`, { config: q, tags })]));
  const stateMachines = Object.fromEntries(
    Object.values(cfg.stateMachines).map((m) => [
      m.key,
      new IntegrationStateMachine(`sfn-${m.key}`, {
        config: m,
        logRetentionDays: defaultLogRetentionDays(cfg.environment),
        logsKmsKeyArn,
        tags,
      }),
    ]),
  );

  const vpcLinks = Object.fromEntries(
    Object.values(cfg.vpcLinks).map((l) => [
      l.key,
      new RestVpcLink(`vpc-link-${l.key}`, { targetArn: l.targetArn, description: l.description, linkName: `${cfg.project}-${cfg.stack}-${l.key}`, tags }),
    ]),
  );
  const buckets = Object.fromEntries(Object.values(cfg.buckets).map((b) => [b.key, new ContentBucket(`bucket-${b.key}`, { config: b, tags })]));
  return { queues, stateMachines, vpcLinks, buckets };
}

function createPrivateEndpoint(cfg: StackConfig, tags: Tags): PrivateApiEndpoint | undefined {
  return cfg.api.privateAccess
    ? new PrivateApiEndpoint("private-api", {
        vpcId: cfg.api.privateAccess.vpcId,
        subnetIds: [...cfg.api.privateAccess.subnetIds],
        privateDns: cfg.api.privateAccess.privateDns,
        tags,
      })
    : undefined;
}

/** The public REST API, then the internal one. */
function createRestApis(platform: Platform): RestApis {
  const { cfg, backends, tables } = platform;
  const backendTargets = Object.fromEntries(Object.entries(backends).map(([k, b]) => [k, { vpcLinkId: b.front.vpcLink.link.id, baseUrl: b.front.baseUrl }]));
  const tableTargets = restTableTargets(cfg, tables);
  const api = createPublicApi(platform, backendTargets, tableTargets);
  const internal = createInternalApi(platform, backendTargets, tableTargets);
  return { api, internal };
}

type BackendTargets = Record<string, { vpcLinkId: pulumi.Output<string>; baseUrl: pulumi.Output<string> }>;

function createPublicApi(platform: Platform, backendTargets: BackendTargets, tableTargets: Record<string, RestTableTarget>): RestApi {
  const { cfg, cognito, functions, queues, stateMachines, buckets, vpcLinks, privateEndpoint, account, tags, logsKmsKeyArn } = platform;
  const accountId = aws.getCallerIdentityOutput({}).accountId;
  return new RestApi("api", {
    api: cfg.api,
    authorizers: {
      cognitoPoolArn: cognito?.pool.arn,
      lambda: Object.fromEntries(Object.values(cfg.authorizers).map((a) => [a.name, { function: functions[a.function]!, config: a }])),
    },
    resourcePolicy: cfg.resourcePolicy ? { accountId, settings: cfg.resourcePolicy } : undefined,
    routes: cfg.routes.filter((r) => r.api === "public"),
    backends: backendTargets,
    stages: Object.values(cfg.stages),
    functions,
    queues,
    stateMachines,
    buckets,
    tables: tableTargets,
    vpcLinkIds: Object.fromEntries(Object.entries(vpcLinks).map(([k, l]) => [k, l.link.id])),
    binaryMediaTypes: cfg.binaryMediaTypes,
    clientCertificate: cfg.clientCertificate,
    vpcEndpointId: privateEndpoint?.endpoint.id,
    privateDns: cfg.api.privateAccess?.privateDns ?? false,
    tags,
    loggingDependsOn: account ? [account] : [],
    logsKmsKeyArn,
    releases: cfg.releases,
  });
}

function createInternalApi(platform: Platform, backendTargets: BackendTargets, tableTargets: Record<string, RestTableTarget>): InternalApi | undefined {
  const { cfg, network, functions, queues, stateMachines, buckets, account, tags, logsKmsKeyArn } = platform;
  return cfg.internalApi && network
    ? new InternalApi("internal", {
        name: cfg.internalApi.name,
        description: cfg.internalApi.description,
        publicApi: cfg.api,
        routes: cfg.routes.filter((r) => r.api === "internal"),
        stages: Object.values(cfg.stages),
        network,
        privateDns: cfg.internalApi.privateDns,
        functions,
        backends: backendTargets,
        queues,
        stateMachines,
        buckets,
        tables: tableTargets,
        clientCertificate: cfg.clientCertificate,
        tags,
        loggingDependsOn: account ? [account] : [],
        logsKmsKeyArn,
      })
    : undefined;
}

function createCallerRoles({ cfg, tags }: Platform, api: RestApi): Record<string, ApiCallerRole> {
  return Object.fromEntries(
    Object.values(cfg.callerRoles).map((r) => [
      r.name,
      new ApiCallerRole(`caller-${r.name}`, {
        executionArn: api.api.executionArn,
        stages: Object.keys(cfg.stages),
        routes: r.routes,
        ...(r.trustedPrincipals ? { trustedPrincipals: r.trustedPrincipals } : {}),
        description: `Invokes ${r.routes.length} route(s) of ${cfg.api.name} with SigV4`,
        tags,
      }),
    ]),
  );
}

/** The WAF web ACL on every stage of both REST APIs. */
function createWebAcl({ cfg, tags }: Platform, { api, internal }: RestApis): WebAcl | undefined {
  return cfg.waf
    ? new WebAcl("waf", {
        stages: {
          ...api.stageResources,
          ...Object.fromEntries(Object.entries(internal?.api.stageResources ?? {}).map(([k, s]) => [`internal-${k}`, s])),
        },
        ratePer5Minutes: cfg.waf.ratePer5Minutes,
        tags,
      })
    : undefined;
}

function createDomains({ cfg, tags }: Platform, api: RestApi): CustomDomain[] {
  // CloudFront, so an EDGE custom domain, takes its certificate from us-east-1 only.
  // An explicit provider reads no aws:* stack config, so the stack's profile is passed on.
  const usEast1 = cfg.domains.some((d) => d.endpointType === "EDGE")
    ? new aws.Provider("us-east-1", { region: "us-east-1", ...(aws.config.profile ? { profile: aws.config.profile } : {}) })
    : undefined;
  return cfg.domains.map(
    (d) =>
      new CustomDomain(`domain-${d.name.replace(/\./g, "-")}`, {
        config: d,
        restApiId: api.api.id,
        stages: api.stageResources,
        usEast1: usEast1 as aws.Provider,
        tags,
      }),
  );
}

function createMonitoring({ cfg, tags }: Platform): Monitoring {
  return new Monitoring("monitoring", {
    apiName: cfg.api.name,
    stages: Object.values(cfg.stages),
    alarms: cfg.observability.alarms,
    dashboard: cfg.observability.dashboard,
    region: aws.config.requireRegion(),
    tags,
  });
}

function createWebSocketApi({ cfg, functions, logsKmsKeyArn, account, tags }: Platform): WebSocketApi | undefined {
  return cfg.websocket
    ? new WebSocketApi("websocket", {
        config: cfg.websocket,
        stages: Object.values(cfg.stages),
        functions,
        logsKmsKeyArn,
        loggingDependsOn: account ? [account] : [],
        tags,
      })
    : undefined;
}

/** The internal API's own alarms and dashboard (CloudWatch's ApiName dimension tells the two apart). */
function createInternalMonitoring({ cfg, tags }: Platform, internal: InternalApi | undefined): void {
  if (internal && cfg.internalApi) {
    new Monitoring("internal-monitoring", {
      apiName: cfg.internalApi.name,
      stages: internalStages(Object.values(cfg.stages)),
      alarms: cfg.observability.alarms,
      dashboard: cfg.observability.dashboard,
      region: aws.config.requireRegion(),
      tags,
    });
  }
}

function createUsagePlans({ cfg, tags }: Platform, api: RestApi, secrets: StackSecrets): UsagePlans | undefined {
  return Object.keys(cfg.usagePlans).length + Object.keys(cfg.apiKeys).length > 0
    ? new UsagePlans("usage", {
        restApiId: api.api.id,
        stages: api.stageResources,
        plans: Object.values(cfg.usagePlans),
        keys: Object.values(cfg.apiKeys),
        namePrefix: `${cfg.project}-${cfg.stack}`,
        importedKeyValues: secrets.apiKeyValues,
        tags,
      })
    : undefined;
}
