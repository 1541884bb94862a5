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
import { createBackends } from "./components/backends/create-backends";
import { InternalApi, internalStages } from "./components/rest-api/internal-api";
import { WebSocketApi } from "./components/websocket-api/websocket-api";
import { createHttpApi } from "./components/http-api/create-http-api";
import { stackTags } from "./components/tags/tags";

export interface AppOutputs {
  /** The HTTP API's `$default` stage URL. */
  readonly httpApiUrl: pulumi.Output<string> | undefined;
  /** The ARN of each caller role, by name: assume it to call its routes with SigV4. */
  readonly callerRoleArns: Readonly<Record<string, pulumi.Output<string>>>;
  readonly cognitoUserPoolId: pulumi.Output<string> | undefined;
  readonly cognitoClientId: pulumi.Output<string> | undefined;
  /** The pool's token issuer (`iss`), which JWT authorizers check. */
  readonly cognitoIssuer: pulumi.Output<string> | undefined;
  /** The WebSocket API's `wss://` URL of each stage. */
  readonly websocketUrls: Readonly<Record<string, pulumi.Output<string>>>;
  /** Each stage's `@connections` callback URL, where backends post to connected clients. */
  readonly websocketCallbackUrls: Readonly<Record<string, pulumi.Output<string>>>;
  /** The VPC of the backends and the internal API's endpoint. */
  readonly vpcId: pulumi.Output<string> | undefined;
  /** Each backend's internal load balancer URL (reachable inside the VPC, and by the API through its VPC link). */
  readonly backendEndpoints: Readonly<Record<string, pulumi.Output<string>>>;
  readonly internalApiId: pulumi.Output<string> | undefined;
  /** Invoke URL of each stage of the internal API (resolvable inside the VPC only). */
  readonly internalInvokeUrls: Readonly<Record<string, pulumi.Output<string>>>;
  /** The execute-api VPC endpoint the internal API is reached through. */
  readonly internalVpcEndpointId: pulumi.Output<string> | undefined;
  readonly restApiId: pulumi.Output<string>;
  /** Invoke URL of each stage. */
  readonly invokeUrls: Readonly<Record<string, pulumi.Output<string>>>;
  readonly tableNames: Readonly<Record<string, pulumi.Output<string>>>;
  readonly functionArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** Alias ARNs by function key, then alias name. */
  readonly aliasArns: Readonly<Record<string, Readonly<Record<string, pulumi.Output<string>>>>>;
  readonly webAclArn: pulumi.Output<string> | undefined;
  /** The execute-api VPC endpoint of a PRIVATE API. */
  readonly vpcEndpointId: pulumi.Output<string> | undefined;
  /** The URL of each custom domain. */
  readonly domainUrls: Readonly<Record<string, pulumi.Output<string>>>;
  /** The public certificate HTTP backends trust to know a call came through the gateway. */
  readonly clientCertificatePem: pulumi.Output<string> | undefined;
  /** Each stage's document as API Gateway exports it after deployment. */
  readonly openApiExports: Readonly<Record<string, pulumi.Output<string>>>;
  /** The SNS topic alarms notify, when alarms are on. */
  readonly alarmTopicArn: pulumi.Output<string> | undefined;
  readonly dashboardName: pulumi.Output<string> | undefined;
  /** API key values by key name, secret. */
  readonly apiKeys: pulumi.Output<Record<string, string>>;
}

/** The tables DynamoDB routes call actions on: each table's name, ARN and partition key. */
function restTableTargets(cfg: StackConfig, tables: Readonly<Record<string, Table>>): Record<string, RestTableTarget> {
  return Object.fromEntries(Object.values(cfg.tables).map((t) => [t.key, { name: tables[t.key]!.table.name, arn: tables[t.key]!.table.arn, partitionKey: t.partitionKey }]));
}

/** Builds every resource one stack's configuration asks for. */
export function createApp(cfg: StackConfig, secrets: StackSecrets = { apiKeyValues: undefined }): AppOutputs {
  const tags = stackTags(cfg);

  const logsKey = cfg.logEncryption === "kms" ? new LogsKey("logs", { aliasName: `${cfg.project}-${cfg.stack}-logs`, tags }) : undefined;
  const logsKmsKeyArn = logsKey?.key.arn;

  const tables = Object.fromEntries(
    Object.values(cfg.tables).map((t) => [t.key, new Table(t.key, { config: t, tags })]),
  );

  const cognito = cfg.cognito
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
  // Lambda authorizers (REST and WebSocket) verify the pool's ID tokens (their audience is the app client).
  const authorizerFunctions = new Set([...(cfg.websocket?.authorizer ? [cfg.websocket.authorizer] : []), ...Object.values(cfg.authorizers).map((a) => a.function)]);
  const authorizerEnvironment = (key: string): Record<string, pulumi.Input<string>> =>
    cognito && authorizerFunctions.has(key) ? { JWT_ISSUER: cognito.issuer, JWT_AUDIENCE: cognito.client.id } : {};

  // One esbuild run for every handler; each function then takes its bundle from the cache.
  bundleFunctions(Object.values(cfg.functions).map((fn) => fn.entry));
  const functions = Object.fromEntries(
    Object.values(cfg.functions).map((fn) => {
      const grants: Record<string, FunctionTable> = {};
      for (const [key, access] of Object.entries(fn.tables)) {
        const table = tables[key]!.table;
        grants[key] = { name: table.name, arn: table.arn, access };
      }
      const cors = functionCors(cfg.routes, fn.key);
      return [fn.key, new LambdaFunction(fn.key, { config: fn, tables: grants, tags, logsKmsKeyArn, deployTimeEnvironment: authorizerEnvironment(fn.key), ...(cors ? { cors } : {}) })];
    }),
  );

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
    Object.values(cfg.vpcLinks).map((l) => [l.key, new RestVpcLink(`vpc-link-${l.key}`, { targetArn: l.targetArn, description: l.description, linkName: `${cfg.project}-${cfg.stack}-${l.key}`, tags })]),
  );
  const buckets = Object.fromEntries(Object.values(cfg.buckets).map((b) => [b.key, new ContentBucket(`bucket-${b.key}`, { config: b, tags })]));

  const account = cfg.manageApiGatewayAccount ? new ApiGatewayAccount("apigateway-account", { tags }) : undefined;

  const privateEndpoint = cfg.api.privateAccess
    ? new PrivateApiEndpoint("private-api", {
        vpcId: cfg.api.privateAccess.vpcId,
        subnetIds: [...cfg.api.privateAccess.subnetIds],
        privateDns: cfg.api.privateAccess.privateDns,
        tags,
      })
    : undefined;

  const network = cfg.network ? new Network("network", { config: cfg.network, tags }) : undefined;
  const backends = createBackends(cfg, network, tags, logsKmsKeyArn);
  const backendTargets = Object.fromEntries(
    Object.entries(backends).map(([k, b]) => [k, { vpcLinkId: b.front.vpcLink.link.id, baseUrl: b.front.baseUrl }]),
  );

  const tableTargets = restTableTargets(cfg, tables);
  const accountId = aws.getCallerIdentityOutput({}).accountId;
  const api = new RestApi("api", {
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

  const internal =
    cfg.internalApi && network
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

  const callerRoles = Object.fromEntries(
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

  const waf = cfg.waf
    ? new WebAcl("waf", {
        stages: {
          ...api.stageResources,
          ...Object.fromEntries(Object.entries(internal?.api.stageResources ?? {}).map(([k, s]) => [`internal-${k}`, s])),
        },
        ratePer5Minutes: cfg.waf.ratePer5Minutes,
        tags,
      })
    : undefined;

  // CloudFront, so an EDGE custom domain, takes its certificate from us-east-1 only.
  // An explicit provider reads no aws:* stack config, so the stack's profile is passed on.
  const usEast1 = cfg.domains.some((d) => d.endpointType === "EDGE")
    ? new aws.Provider("us-east-1", { region: "us-east-1", ...(aws.config.profile ? { profile: aws.config.profile } : {}) })
    : undefined;
  const domains = cfg.domains.map(
    (d) =>
      new CustomDomain(`domain-${d.name.replace(/\./g, "-")}`, {
        config: d,
        restApiId: api.api.id,
        stages: api.stageResources,
        usEast1: usEast1 as aws.Provider,
        tags,
      }),
  );

  const httpApi = cfg.httpApi ? createHttpApi(cfg, cfg.httpApi, { functions, backends, network, cognito, domains, logsKmsKeyArn, tags }) : undefined;

  const monitoring = new Monitoring("monitoring", {
    apiName: cfg.api.name,
    stages: Object.values(cfg.stages),
    alarms: cfg.observability.alarms,
    dashboard: cfg.observability.dashboard,
    region: aws.config.requireRegion(),
    tags,
  });

  const websocket = cfg.websocket
    ? new WebSocketApi("websocket", {
        config: cfg.websocket,
        stages: Object.values(cfg.stages),
        functions,
        logsKmsKeyArn,
        loggingDependsOn: account ? [account] : [],
        tags,
      })
    : undefined;

  // The internal API's own alarms and dashboard (CloudWatch's ApiName dimension tells the two apart).
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

  const usage =
    Object.keys(cfg.usagePlans).length + Object.keys(cfg.apiKeys).length > 0
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

  return {
    httpApiUrl: httpApi?.url,
    callerRoleArns: Object.fromEntries(Object.entries(callerRoles).map(([k, r]) => [k, r.roleArn])),
    cognitoUserPoolId: cognito?.pool.id,
    cognitoClientId: cognito?.client.id,
    cognitoIssuer: cognito?.issuer,
    websocketUrls: websocket?.urls ?? {},
    websocketCallbackUrls: websocket?.callbackUrls ?? {},
    vpcId: network?.vpcId,
    backendEndpoints: Object.fromEntries(Object.entries(backends).map(([k, b]) => [k, b.front.baseUrl])),
    internalApiId: internal?.api.api.id,
    internalInvokeUrls: internal?.api.invokeUrls ?? {},
    internalVpcEndpointId: internal?.endpoint.endpoint.id,
    apiKeys: usage ? usage.keyValues : pulumi.secret<Record<string, string>>({}),
    openApiExports: api.exportedDocuments,
    webAclArn: waf?.acl.arn,
    vpcEndpointId: privateEndpoint?.endpoint.id,
    domainUrls: Object.fromEntries(cfg.domains.map((d, i) => [d.name, (domains[i] as CustomDomain).url])),
    clientCertificatePem: api.clientCertificate?.pemEncodedCertificate,
    alarmTopicArn: monitoring.topic?.arn,
    dashboardName: monitoring.dashboard?.dashboardName,
    restApiId: api.api.id,
    invokeUrls: api.invokeUrls,
    tableNames: Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.table.name])),
    functionArns: Object.fromEntries(Object.entries(functions).map(([k, f]) => [k, f.function.arn])),
    aliasArns: Object.fromEntries(
      Object.entries(functions).map(([k, f]) => [k, Object.fromEntries(Object.entries(f.aliases).map(([a, r]) => [a, r.arn]))]),
    ),
  };
}
