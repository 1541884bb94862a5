import type { AlarmsConfig, StageConfig } from "../../config";

/** Alarm thresholds with distinct values, so a test can tell which one landed where. */
export const ALARMS: AlarmsConfig = {
  enabled: true,
  email: undefined,
  latencyP99Ms: 5000,
  integrationLatencyP99Ms: 4000,
  error5xxPercent: 1,
  error4xxPercent: 10,
  cacheHitRatioPercent: 50,
};

export function stage(name: string, extra: Partial<Pick<StageConfig, "cache" | "canary">> = {}): StageConfig {
  return {
    name,
    description: `${name} stage`,
    variables: {},
    tracing: true,
    tags: {},
    logging: { accessLogs: true, executionLevel: "INFO", dataTrace: false, metrics: true, retentionDays: 30 },
    throttling: { rateLimit: 100, burstLimit: 200 },
    cache: undefined,
    canary: undefined,
    ...extra,
  };
}

export const CACHE = {
  sizeGb: 0.5,
  ttlSeconds: 300,
  encrypted: true,
  invalidation: "authorized",
  unauthorizedStrategy: "FAIL_WITH_403",
  invalidators: [],
} as const;
export const CANARY = { percentTraffic: 10, variables: { lambdaAlias: "NEXT" }, useStageCache: false } as const;
