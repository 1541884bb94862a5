import { createApp } from "./app";
import { loadStackConfig, loadStackSecrets } from "./load-config";

const app = createApp(loadStackConfig(), loadStackSecrets());

export const restApiId = app.restApiId;
export const invokeUrls = app.invokeUrls;
export const tableNames = app.tableNames;
export const functionArns = app.functionArns;
export const aliasArns = app.aliasArns;
/** Values of the API keys, by key name (secret). */
export const apiKeys = app.apiKeys;
export const alarmTopicArn = app.alarmTopicArn;
export const dashboardName = app.dashboardName;
/** Each stage's OpenAPI 3 document as API Gateway exports it: `pulumi stack output openApiExports`. */
export const openApiExports = app.openApiExports;
export const webAclArn = app.webAclArn;
export const clientCertificatePem = app.clientCertificatePem;
export const domainUrls = app.domainUrls;
export const vpcEndpointId = app.vpcEndpointId;
export const vpcId = app.vpcId;
/** Each backend's internal load balancer URL, reachable inside the VPC (the API reaches it through a VPC link). */
export const backendEndpoints = app.backendEndpoints;
export const internalApiId = app.internalApiId;
/** The internal API's invoke URLs: they resolve inside the VPC only, through the execute-api endpoint. */
export const internalInvokeUrls = app.internalInvokeUrls;
export const internalVpcEndpointId = app.internalVpcEndpointId;
/** The WebSocket API's wss:// URL per stage, and where backends post to its connections. */
export const websocketUrls = app.websocketUrls;
export const websocketCallbackUrls = app.websocketCallbackUrls;
/** The Cognito user pool, its app client and its token issuer. */
export const cognitoUserPoolId = app.cognitoUserPoolId;
export const cognitoClientId = app.cognitoClientId;
export const cognitoIssuer = app.cognitoIssuer;
/** Roles that may call exactly their routes with SigV4, by name. */
export const callerRoleArns = app.callerRoleArns;
/** The HTTP API's URL (and, with httpApi.domainBasePath, https://<domain>/<base path> on each custom domain). */
export const httpApiUrl = app.httpApiUrl;
