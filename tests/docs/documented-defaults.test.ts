import { DEFAULTS } from "../../config/defaults";
import { generateReference } from "../../scripts/config-reference/generate";

/**
 * Where each value of DEFAULTS (config/defaults.ts) applies, as a key path of the reference. A new
 * default needs a line here, and the reference must show its value: a @default tag in the schema
 * cannot drift from the value the program uses.
 */
const APPLIES_TO: Readonly<Record<string, string>> = {
  "api.version": "api.version",
  "cors.allowHeaders.0": "api.cors.allowHeaders",
  "cors.allowHeaders.1": "api.cors.allowHeaders",
  "cors.allowHeaders.2": "api.cors.allowHeaders",
  "cors.allowHeaders.3": "api.cors.allowHeaders",
  "cors.allowHeaders.4": "api.cors.allowHeaders",
  "cors.allowCredentials": "api.cors.allowCredentials",
  "api.endpointType": "api.endpointType",
  "function.memoryMb": "functions.<key>.memoryMb",
  "function.timeoutSeconds": "functions.<key>.timeoutSeconds",
  "function.architecture": "functions.<key>.architecture",
  "function.tracing": "functions.<key>.tracing",
  "stage.tracing": "stages.<name>.tracing",
  "stage.logging.accessLogs": "stages.<name>.logging.accessLogs",
  "stage.logging.executionLevel": "stages.<name>.logging.executionLevel",
  "stage.logging.dataTrace": "stages.<name>.logging.dataTrace",
  "stage.logging.metrics": "stages.<name>.logging.metrics",
  "stage.cache.ttlSeconds": "stages.<name>.cache.ttlSeconds",
  "stage.cache.encrypted": "stages.<name>.cache.encrypted",
  "stage.cache.invalidation": "stages.<name>.cache.invalidation",
  "stage.cache.unauthorizedStrategy": "stages.<name>.cache.unauthorizedStrategy",
  "stage.canary.useStageCache": "stages.<name>.canary.useStageCache",
  "stage.throttling.rateLimit": "stages.<name>.throttling.rateLimit",
  "stage.throttling.burstLimit": "stages.<name>.throttling.burstLimit",
  "apiGatewayAccount.manageCloudWatchRole": "apiGatewayAccount.manageCloudWatchRole",
  "alarms.enabled": "observability.alarms.enabled",
  "alarms.latencyP99Ms": "observability.alarms.latencyP99Ms",
  "alarms.integrationLatencyP99Ms": "observability.alarms.integrationLatencyP99Ms",
  "alarms.error5xxPercent": "observability.alarms.error5xxPercent",
  "alarms.error4xxPercent": "observability.alarms.error4xxPercent",
  "alarms.cacheHitRatioPercent": "observability.alarms.cacheHitRatioPercent",
  dashboard: "observability.dashboard",
  "waf.ratePer5Minutes": "waf.ratePer5Minutes",
  clientCertificate: "clientCertificate",
  "apiKey.enabled": "apiKeys.<name>.enabled",
  "table.partitionKey": "tables.<key>.partitionKey",
  "integration.timeoutMs": "routes[].timeoutMs",
  "integration.mockStatusCode": "routes[].integration.statusCode",
  "integration.sqsTemplate": "routes[].integration.requestTemplate",
  "integration.stepFunctionsTemplate": "routes[].integration.requestTemplate",
  "integration.dynamoDbGetItem.requestTemplate": "routes[].integration.requestTemplate",
  "integration.dynamoDbGetItem.responseTemplate": "routes[].integration.responseTemplate",
  "queue.visibilityTimeoutSeconds": "queues.<key>.visibilityTimeoutSeconds",
  "queue.retentionSeconds": "queues.<key>.retentionSeconds",
  "queue.maxReceiveCount": "queues.<key>.maxReceiveCount",
  "stateMachine.type": "stateMachines.<key>.type",
  "authorizer.resultTtlSeconds": "authorizers.<name>.resultTtlSeconds",
  "network.cidrBlock": "network.cidrBlock",
  "backend.port": "backends.<key>.port",
  "backend.healthCheckPath": "backends.<key>.healthCheckPath",
  "backend.architecture": "backends.<key>.architecture",
  "ecs.cpu": "backends.<key>.cpu",
  "ecs.memoryMb": "backends.<key>.memoryMb",
  "ecs.desiredCount": "backends.<key>.desiredCount",
  "ecs.targetCpuPercent": "backends.<key>.autoscaling.targetCpuPercent",
  "ec2.instanceType.x86_64": "backends.<key>.instanceType",
  "ec2.instanceType.arm64": "backends.<key>.instanceType",
  "ec2.minSize": "backends.<key>.minSize",
  "ec2.maxSize": "backends.<key>.maxSize",
  "ec2.targetCpuPercent": "backends.<key>.targetCpuPercent",
  "ec2.volumeSizeGb": "backends.<key>.volumeSizeGb",
};

/** Every leaf of DEFAULTS but the empty strings (an empty description is no default worth a line). */
function leaves(value: unknown, prefix = ""): [string, unknown][] {
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
  }
  return value === "" ? [] : [[prefix, value]];
}

describe("every default of config/defaults.ts is the one docs/configuration.md shows", () => {
  const rows = new Map(generateReference().rows.map((r) => [r.path, r.default]));
  const defaults = leaves(DEFAULTS);

  it("knows the key path each default applies to", () => {
    expect(defaults.map(([name]) => name).filter((name) => !(name in APPLIES_TO))).toEqual([]);
  });

  it.each(defaults)("%s = %p", (name, value) => {
    const path = APPLIES_TO[name] ?? "";
    expect({ path, shown: rows.get(path) }).toEqual({ path, shown: expect.stringContaining(`\`${String(value)}\``) });
  });
});
