import { z } from "zod";
import {
  ALIAS_NAME_PATTERN,
  CURRENT_VERSION,
  FUNCTION_ENTRY_PATTERN,
  FUNCTION_KEY_PATTERN,
  LAMBDA_ARCHITECTURES,
  LATEST_VERSION,
  LOG_RETENTION_DAYS,
  MAX_LAMBDA_NAME_LENGTH,
  TABLE_ACCESS_LEVELS,
  type Environment,
  type LambdaArchitecture,
  type LogRetentionDays,
  type TableAccess,
} from "../constants";
import { formatValue, gatewayPath as at, nameList as list } from "../format";
import type { GatewayInput } from "../gateway";
import type { StackContext } from "../types";
import { defaultLogRetentionDays } from "./stack";

/** Lambda functions: each bundled from functions/, with its settings, table grants and aliases. */

const aliasSchema = z.strictObject({
  /** `$LATEST`, `current` (the version this deployment publishes) or a published version number. */
  version: z.string().optional(),
  /** Weighted routing between at most two versions; weights sum to 1. */
  weights: z.record(z.string(), z.number().min(0).max(1)).optional(),
  /** A note on what this alias is for. */
  description: z.string().optional(),
});

export const functionSchema = z.strictObject({
  /** Handler file below functions/, without `.ts`, e.g. `items/create`. */
  entry: z.string(),
  /** What the function does (the Lambda description). */
  description: z.string().optional(),
  /** Memory in MB; Lambda gives CPU in proportion. @default 256 */
  memoryMb: z.int().min(128).max(10240).optional(),
  /** Seconds an invocation may run. @default 10 */
  timeoutSeconds: z.int().min(1).max(900).optional(),
  /** The CPU architecture it runs on. @default `arm64` */
  architecture: z.enum(LAMBDA_ARCHITECTURES).optional(),
  /** Days its log group keeps logs. @default `365` in prod, else `30` */
  logRetentionDays: z.literal(LOG_RETENTION_DAYS).optional(),
  /** X-Ray active tracing. @default true */
  tracing: z.boolean().optional(),
  /** Environment variables: name → value. */
  environment: z.record(z.string(), z.string()).optional(),
  /** Tables this function may use, by table key, and how. */
  tables: z.record(z.string(), z.enum(TABLE_ACCESS_LEVELS)).optional(),
  /** Lambda aliases by name (`DEV`, `TEST`, `PROD`...): stages reach one each through a route's `aliasVariable`. */
  aliases: z.record(z.string(), aliasSchema).optional(),
});

export type FunctionInput = z.infer<typeof functionSchema>;
export type AliasInput = z.infer<typeof aliasSchema>;

export const FUNCTION_DEFAULTS = { description: "", memoryMb: 256, timeoutSeconds: 10, architecture: "arm64", tracing: true } as const;

/** `$LATEST`, `current` (the version this deployment publishes) or a published version number. */
export type VersionRef = string;

export interface VersionWeight {
  readonly version: VersionRef;
  readonly weight: number;
}

export interface AliasConfig {
  readonly name: string;
  readonly description: string;
  /** The primary version first; a second entry is the additional version with its share of traffic. */
  readonly routing: readonly VersionWeight[];
}

export interface FunctionConfig {
  readonly key: string;
  /** The Lambda function name: `<project>-<stack>-<key>`. */
  readonly name: string;
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: LambdaArchitecture;
  readonly logRetentionDays: LogRetentionDays;
  readonly tracing: boolean;
  readonly environment: Readonly<Record<string, string>>;
  readonly tables: Readonly<Record<string, TableAccess>>;
  readonly aliases: Readonly<Record<string, AliasConfig>>;
}

export function lambdaFunctionName(ctx: StackContext, key: string): string {
  return `${ctx.project}-${ctx.stack}-${key}`;
}

/** The primary version first; ties keep the order the user wrote. */
function aliasRouting(alias: AliasInput): VersionWeight[] {
  if (alias.version !== undefined) return [{ version: alias.version, weight: 1 }];
  return Object.entries(alias.weights ?? {})
    .map(([version, weight]) => ({ version, weight }))
    .sort((a, b) => b.weight - a.weight);
}

export function resolveFunction(ctx: StackContext, env: Environment, key: string, fn: FunctionInput): FunctionConfig {
  const d = FUNCTION_DEFAULTS;
  const aliases: Record<string, AliasConfig> = {};
  for (const [name, alias] of Object.entries(fn.aliases ?? {})) {
    aliases[name] = { name, description: alias.description ?? "", routing: aliasRouting(alias) };
  }
  return {
    key,
    name: lambdaFunctionName(ctx, key),
    entry: fn.entry,
    description: fn.description ?? d.description,
    memoryMb: fn.memoryMb ?? d.memoryMb,
    timeoutSeconds: fn.timeoutSeconds ?? d.timeoutSeconds,
    architecture: fn.architecture ?? d.architecture,
    logRetentionDays: fn.logRetentionDays ?? defaultLogRetentionDays(env),
    tracing: fn.tracing ?? d.tracing,
    environment: fn.environment ?? {},
    tables: fn.tables ?? {},
    aliases,
  };
}

const VERSION_NUMBER = /^[1-9][0-9]*$/;

function checkVersionRef(version: string, where: string): string | undefined {
  if (version === LATEST_VERSION || version === CURRENT_VERSION || VERSION_NUMBER.test(version)) return undefined;
  return `${where}: ${formatValue(version)} is not ${LATEST_VERSION}, ${CURRENT_VERSION} or a published version number (1, 2, ...)`;
}

function checkAlias(fnKey: string, name: string, alias: AliasInput): string[] {
  const base = ["functions", fnKey, "aliases", name];
  const problems: string[] = [];
  if (!ALIAS_NAME_PATTERN.test(name)) {
    problems.push(`${at(...base)}: alias name ${formatValue(name)} must be letters, digits, "-" or "_" and not only digits`);
  }
  if ((alias.version === undefined) === (alias.weights === undefined)) {
    problems.push(`${at(...base)}: give exactly one of version or weights`);
    return problems;
  }
  if (alias.version !== undefined) {
    const bad = checkVersionRef(alias.version, at(...base, "version"));
    if (bad) problems.push(bad);
    return problems;
  }
  const weights = Object.entries(alias.weights ?? {});
  if (weights.length === 0 || weights.length > 2) {
    problems.push(`${at(...base, "weights")}: an alias routes to 1 or 2 versions, got ${weights.length}`);
  }
  for (const [version] of weights) {
    const bad = checkVersionRef(version, at(...base, "weights", version));
    if (bad) problems.push(bad);
    else if (version === LATEST_VERSION && weights.length > 1) {
      problems.push(`${at(...base, "weights", version)}: weighted routing needs published versions, not ${LATEST_VERSION}`);
    }
  }
  const sum = weights.reduce((total, [, weight]) => total + weight, 0);
  if (weights.length > 0 && Math.abs(sum - 1) > 1e-9) {
    problems.push(`${at(...base, "weights")}: weights sum to ${Number(sum.toFixed(6))}; they must sum to 1`);
  }
  return problems;
}

/** Each function's key, Lambda name, handler file, tables and aliases. */
export function checkFunctions(ctx: StackContext, input: GatewayInput, entryExists: (entry: string) => boolean): string[] {
  const problems: string[] = [];
  const tables = Object.keys(input.tables ?? {});
  for (const [key, fn] of Object.entries(input.functions ?? {})) {
    if (!FUNCTION_KEY_PATTERN.test(key)) {
      problems.push(`${at("functions", key)}: function key ${formatValue(key)} must match ${FUNCTION_KEY_PATTERN.source}`);
    } else {
      const name = lambdaFunctionName(ctx, key);
      if (name.length > MAX_LAMBDA_NAME_LENGTH) {
        problems.push(
          `${at("functions", key)}: the Lambda name ${formatValue(name)} is ${name.length} characters; at most ${MAX_LAMBDA_NAME_LENGTH} (shorten the key or the stack name)`,
        );
      }
    }
    if (!FUNCTION_ENTRY_PATTERN.test(fn.entry)) {
      problems.push(`${at("functions", key, "entry")}: ${formatValue(fn.entry)} must be a path below functions/ without ".ts", like "items/create"`);
    } else if (!entryExists(fn.entry)) {
      problems.push(`${at("functions", key, "entry")}: ${formatValue(fn.entry)} has no handler file functions/${fn.entry}.ts`);
    }
    for (const table of Object.keys(fn.tables ?? {})) {
      if (!tables.includes(table)) {
        problems.push(`${at("functions", key, "tables", table)}: not a table in gateway.tables (defined: ${list(tables)})`);
      }
    }
    for (const [name, alias] of Object.entries(fn.aliases ?? {})) problems.push(...checkAlias(key, name, alias));
  }
  return problems;
}
