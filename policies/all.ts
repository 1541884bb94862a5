import type { Policies } from "@pulumi/policy";
import { apiGatewayAccountLoggingRole } from "./rules/api-gateway-account-logging-role";
import { cacheInvalidationRequiresAuthorization } from "./rules/cache-invalidation-authorization";
import { lambdaXrayTracing } from "./rules/lambda-xray-tracing";
import { logGroupKmsEncryption } from "./rules/log-group-kms-encryption";
import { logGroupRetention } from "./rules/log-group-retention";
import { logGroupRetentionProduction } from "./rules/log-group-retention-production";
import { noDataTrace } from "./rules/no-data-trace";
import { noWildcardCacheInvalidationGrant } from "./rules/no-wildcard-cache-invalidation-grant";
import { restExecutionLogging } from "./rules/rest-execution-logging";
import { restStageXrayTracing } from "./rules/rest-stage-xray-tracing";
import { stageAccessLogs } from "./rules/stage-access-logs";

/** Every rule of the pack, in the order the README lists them. Tests and the offline preview import this. */
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
];
