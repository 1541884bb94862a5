import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import type { UsagePlans } from "./components/access/usage-plans";
import type { CognitoUserPool } from "./components/access/cognito";
import type { ApiCallerRole } from "./components/access/caller-role";
import type { WebAcl } from "./components/access/web-acl";
import type { CustomDomain } from "./components/domain/custom-domain";
import type { PrivateApiEndpoint } from "./components/network/private-api-endpoint";
import type { Table } from "./components/data/table";
import type { LambdaFunction } from "./components/lambda/function";
import type { Monitoring } from "./components/observability/monitoring";
import type { RestApi } from "./components/rest-api/rest-api";
import type { Network } from "./components/network/network";
import type { Backend } from "./components/backends/create-backends";
import type { InternalApi } from "./components/rest-api/internal-api";
import type { WebSocketApi } from "./components/websocket-api/websocket-api";
import type { HttpApi } from "./components/http-api/http-api";

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

/** The resources the stack's outputs are read from. */
export interface BuiltStack {
  readonly cfg: StackConfig;
  readonly cognito: CognitoUserPool | undefined;
  readonly network: Network | undefined;
  readonly backends: Readonly<Record<string, Backend>>;
  readonly privateEndpoint: PrivateApiEndpoint | undefined;
  readonly tables: Readonly<Record<string, Table>>;
  readonly functions: Readonly<Record<string, LambdaFunction>>;
  readonly api: RestApi;
  readonly internal: InternalApi | undefined;
  readonly callerRoles: Record<string, ApiCallerRole>;
  readonly waf: WebAcl | undefined;
  readonly domains: CustomDomain[];
  readonly httpApi: HttpApi | undefined;
  readonly monitoring: Monitoring;
  readonly websocket: WebSocketApi | undefined;
  readonly usage: UsagePlans | undefined;
}

/** The stack outputs of what `createApp` built. */
export function appOutputs(built: BuiltStack): AppOutputs {
  const { cfg, cognito, network, backends, privateEndpoint, tables, functions } = built;
  const { api, internal, callerRoles, waf, domains, httpApi, monitoring, websocket, usage } = built;
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
    aliasArns: Object.fromEntries(Object.entries(functions).map(([k, f]) => [k, Object.fromEntries(Object.entries(f.aliases).map(([a, r]) => [a, r.arn]))])),
  };
}
