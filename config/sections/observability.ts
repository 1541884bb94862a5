import { z } from "zod";
import { MAX_LATENCY_THRESHOLD_MS } from "../constants";
import type { GatewayInput } from "../gateway";

/** Alarms on the REST API's stages and the dashboard. */

const latency = z.int().min(1).max(MAX_LATENCY_THRESHOLD_MS);
const percent = z.number().min(0).max(100);
export const observabilitySchema = z.strictObject({
  /** CloudWatch alarms on the REST API's stages, sent to an SNS topic. */
  alarms: z
    .strictObject({
      /** Whether the alarms exist. @default true */
      enabled: z.boolean().optional(),
      /** An address subscribed to the alarm topic (it must confirm the subscription). */
      email: z
        .string()
        .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/)
        .optional(),
      /** p99 latency (ms) at or above which the alarm fires; below API Gateway's 29 s limit. @default 5000 */
      latencyP99Ms: latency.optional(),
      /** p99 integration latency (ms) at or above which the alarm fires. @default 4000 */
      integrationLatencyP99Ms: latency.optional(),
      /** Percent of requests answered 5XX at or above which the alarm fires. @default 1 */
      error5xxPercent: percent.optional(),
      /** Percent of requests answered 4XX at or above which the alarm fires. @default 10 */
      error4xxPercent: percent.optional(),
      /** Cache hit ratio (percent) below which the alarm fires, on stages with a cache. @default 50 */
      cacheHitRatioPercent: percent.optional(),
    })
    .optional(),
  /** A CloudWatch dashboard of the REST API's stages: requests, errors, latency, cache, and the alarms. @default true */
  dashboard: z.boolean().optional(),
});

export const OBSERVABILITY_DEFAULTS = {
  alarms: {
    enabled: true,
    latencyP99Ms: 5000,
    integrationLatencyP99Ms: 4000,
    error5xxPercent: 1,
    error4xxPercent: 10,
    cacheHitRatioPercent: 50,
  },
  dashboard: true,
} as const;

export interface AlarmsConfig {
  readonly enabled: boolean;
  readonly email: string | undefined;
  readonly latencyP99Ms: number;
  readonly integrationLatencyP99Ms: number;
  readonly error5xxPercent: number;
  readonly error4xxPercent: number;
  readonly cacheHitRatioPercent: number;
}

export interface ObservabilityConfig {
  readonly alarms: AlarmsConfig;
  readonly dashboard: boolean;
}

export function resolveObservability(input: GatewayInput): ObservabilityConfig {
  const alarms = input.observability?.alarms;
  const d = OBSERVABILITY_DEFAULTS;
  return {
    alarms: {
      enabled: alarms?.enabled ?? d.alarms.enabled,
      email: alarms?.email,
      latencyP99Ms: alarms?.latencyP99Ms ?? d.alarms.latencyP99Ms,
      integrationLatencyP99Ms: alarms?.integrationLatencyP99Ms ?? d.alarms.integrationLatencyP99Ms,
      error5xxPercent: alarms?.error5xxPercent ?? d.alarms.error5xxPercent,
      error4xxPercent: alarms?.error4xxPercent ?? d.alarms.error4xxPercent,
      cacheHitRatioPercent: alarms?.cacheHitRatioPercent ?? d.alarms.cacheHitRatioPercent,
    },
    dashboard: input.observability?.dashboard ?? d.dashboard,
  };
}
