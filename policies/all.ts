import type { Policies } from "@pulumi/policy";
import { allowedEndpointTypes } from "./rules/allowed-endpoint-types";
import { apiGatewayAccountLoggingRole } from "./rules/api-gateway-account-logging-role";
import { cacheInvalidationRequiresAuthorization } from "./rules/cache-invalidation-authorization";
import { domainTls12 } from "./rules/domain-tls-1-2";
import { httpDefaultRouteAuthorization } from "./rules/http-default-route-authorization";
import { httpIntegrationClientCertificate } from "./rules/http-integration-client-certificate";
import { lambdaFunctionUrlAuth } from "./rules/lambda-function-url-auth";
import { requestValidatorValidatesBody } from "./rules/request-validator-validates-body";
import { usagePlanLimits } from "./rules/usage-plan-limits";
import { lambdaPermissionNoPublicPrincipal } from "./rules/lambda-permission-no-public-principal";
import { lambdaPermissionSourceArn } from "./rules/lambda-permission-source-arn";
import { lambdaXrayTracing } from "./rules/lambda-xray-tracing";
import { logGroupKmsEncryption } from "./rules/log-group-kms-encryption";
import { logGroupRetention } from "./rules/log-group-retention";
import { logGroupRetentionProduction } from "./rules/log-group-retention-production";
import { methodAuthorization } from "./rules/method-authorization";
import { noDataTrace } from "./rules/no-data-trace";
import { noWildcardCacheInvalidationGrant } from "./rules/no-wildcard-cache-invalidation-grant";
import { privateApiResourcePolicy } from "./rules/private-api-resource-policy";
import { requestValidation } from "./rules/request-validation";
import { restCacheEncryption } from "./rules/rest-cache-encryption";
import { restExecutionLogging } from "./rules/rest-execution-logging";
import { restStageMethodSettings } from "./rules/rest-stage-method-settings";
import { restStageXrayTracing } from "./rules/rest-stage-xray-tracing";
import { stageAccessLogs } from "./rules/stage-access-logs";
import { stageDefaultThrottling } from "./rules/stage-default-throttling";
import { v2StageApiSettings } from "./rules/v2-stage-api-settings";
import { wafKnownBadInputs } from "./rules/waf-known-bad-inputs";
import { wafOnStages } from "./rules/waf-on-stages";

/** Every rule of the pack, in the order the README lists them. Tests and the offline preview import this. */
/** The pack's name, as `pulumi policy publish` and the CLI's report show it. */
export const PACK_NAME = "microservice-gateway";

export const allPolicies: Policies = [
  // Cache invalidation
  cacheInvalidationRequiresAuthorization,
  noWildcardCacheInvalidationGrant,
  // Logging
  stageAccessLogs,
  restExecutionLogging,
  noDataTrace,
  apiGatewayAccountLoggingRole,
  logGroupRetention,
  logGroupRetentionProduction,
  logGroupKmsEncryption,
  // Tracing
  restStageXrayTracing,
  lambdaXrayTracing,
  // Cache, throttling, access
  restCacheEncryption,
  stageDefaultThrottling,
  restStageMethodSettings,
  v2StageApiSettings,
  methodAuthorization,
  httpDefaultRouteAuthorization,
  requestValidation,
  requestValidatorValidatesBody,
  privateApiResourcePolicy,
  lambdaPermissionSourceArn,
  lambdaPermissionNoPublicPrincipal,
  lambdaFunctionUrlAuth,
  usagePlanLimits,
  httpIntegrationClientCertificate,
  // Endpoints, TLS and WAF
  allowedEndpointTypes,
  domainTls12,
  wafOnStages,
  wafKnownBadInputs,
];
