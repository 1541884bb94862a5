import { z } from "zod";
import type { Environment, LogEncryption, LogRetentionDays } from "../constants";
import type { GatewayInput } from "../gateway";
import type { ReleaseState } from "../releases";
import type { StackContext } from "../types";

/**
 * The stack as a whole: its environment (which sets production defaults), owner and tags, how its log
 * groups are encrypted, and whether it owns the account's API Gateway CloudWatch role. Their keys are
 * top-level keys of `gateway` (config/gateway.ts).
 */

export const tagsSchema = z.record(z.string(), z.string());

export const apiGatewayAccountSchema = z.strictObject({
  /** This stack owns the account's API Gateway CloudWatch role. @default false */
  manageCloudWatchRole: z.boolean().optional(),
});

export const STACK_DEFAULTS = {
  apiGatewayAccount: { manageCloudWatchRole: false },
} as const;

/** Production keeps logs a year and protects its data; other environments keep a month. */
export function defaultLogRetentionDays(environment: Environment): LogRetentionDays {
  return environment === "prod" ? 365 : 30;
}

/** Production encrypts its logs with its own key; elsewhere CloudWatch's key saves the key's cost. */
function defaultLogEncryption(environment: Environment): LogEncryption {
  return environment === "prod" ? "kms" : "cloudwatch";
}

export function defaultDataProtection(environment: Environment): boolean {
  return environment === "prod";
}

/** The stack-wide part of StackConfig. */
export interface StackSettingsConfig {
  readonly project: string;
  readonly stack: string;
  /** The REST API release each canary stage serves (`microservice-gateway:releases`, written by `npm run release`). */
  readonly releases: ReleaseState;
  readonly environment: Environment;
  readonly owner: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Whether this stack owns the account-level API Gateway CloudWatch role. */
  readonly manageApiGatewayAccount: boolean;
  readonly logEncryption: LogEncryption;
}

export function resolveStackSettings(ctx: StackContext, input: GatewayInput): StackSettingsConfig {
  return {
    project: ctx.project,
    stack: ctx.stack,
    releases: {},
    environment: input.environment,
    owner: input.owner,
    tags: input.tags ?? {},
    manageApiGatewayAccount: input.apiGatewayAccount?.manageCloudWatchRole ?? STACK_DEFAULTS.apiGatewayAccount.manageCloudWatchRole,
    logEncryption: input.logEncryption ?? defaultLogEncryption(input.environment),
  };
}
