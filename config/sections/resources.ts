import { z } from "zod";
import { CONTENT_FOLDER_PATTERN, DEFINITION_FILE_PATTERN, TABLE_KEY_PATTERN } from "../constants";
import { formatValue, gatewayPath as at } from "../format";
import type { GatewayInput } from "../gateway";

/** What functions and routes use: DynamoDB tables, SQS queues, S3 buckets and Step Functions state machines. */

export const tableSchema = z.strictObject({
  /** The table's string partition key attribute. @default `id` */
  partitionKey: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,255}$/)
    .optional(),
  /** Point-in-time recovery (continuous backups). @default `true` in prod, else `false` */
  pointInTimeRecovery: z.boolean().optional(),
  /** Deletion protection (and Pulumi's `protect`). @default `true` in prod, else `false` */
  deletionProtection: z.boolean().optional(),
  /** An attribute holding each item's expiry (epoch seconds); DynamoDB deletes expired items. */
  ttlAttribute: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,255}$/)
    .optional(),
  /** Global secondary indexes by name, each on a string partition key (projecting every attribute). */
  indexes: z.record(z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/), z.strictObject({ partitionKey: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/) })).optional(),
});

export const queueSchema = z.strictObject({
  /** Seconds a received message stays hidden from other consumers. @default 30 */
  visibilityTimeoutSeconds: z.int().min(0).max(43200).optional(),
  /** Seconds a message is kept. @default 345600 */
  retentionSeconds: z.int().min(60).max(1209600).optional(),
  /** Receives after which a message moves to the dead-letter queue. @default 5 */
  maxReceiveCount: z.int().min(1).max(1000).optional(),
});

export const bucketSchema = z.strictObject({
  /** A folder of this repository whose files the stack uploads (e.g. the API's documentation site). */
  contentFolder: z.string().optional(),
});

export const stateMachineSchema = z.strictObject({
  /** Amazon States Language file in statemachines/. */
  definition: z.string(),
  /** `STANDARD` (long-running, exactly once) or `EXPRESS` (short, high-volume). @default `STANDARD` */
  type: z.enum(["STANDARD", "EXPRESS"]).optional(),
});

export type StateMachineType = NonNullable<z.infer<typeof stateMachineSchema>["type"]>;

export const RESOURCE_DEFAULTS = {
  table: { partitionKey: "id" },
  queue: { visibilityTimeoutSeconds: 30, retentionSeconds: 345600, maxReceiveCount: 5 },
  stateMachine: { type: "STANDARD" },
} as const;

export interface TableConfig {
  readonly key: string;
  readonly partitionKey: string;
  readonly pointInTimeRecovery: boolean;
  readonly deletionProtection: boolean;
  readonly ttlAttribute: string | undefined;
  /** Global secondary indexes by name, on their string partition keys. */
  readonly indexes: Readonly<Record<string, { readonly partitionKey: string }>>;
}

export interface QueueConfig {
  readonly key: string;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly maxReceiveCount: number;
}

export interface BucketConfig {
  readonly key: string;
  readonly contentFolder: string | undefined;
}

export interface StateMachineConfig {
  readonly key: string;
  readonly definition: string;
  readonly type: StateMachineType;
}

/** Tables; production protects their data (point-in-time recovery, deletion protection). */
export function resolveTables(input: GatewayInput, protect: boolean): Record<string, TableConfig> {
  return Object.fromEntries(
    Object.entries(input.tables ?? {}).map(([key, table]) => [
      key,
      {
        key,
        partitionKey: table.partitionKey ?? RESOURCE_DEFAULTS.table.partitionKey,
        pointInTimeRecovery: table.pointInTimeRecovery ?? protect,
        deletionProtection: table.deletionProtection ?? protect,
        ttlAttribute: table.ttlAttribute,
        indexes: table.indexes ?? {},
      },
    ]),
  );
}

export function resolveQueues(input: GatewayInput): Record<string, QueueConfig> {
  const d = RESOURCE_DEFAULTS.queue;
  return Object.fromEntries(
    Object.entries(input.queues ?? {}).map(([key, q]) => [
      key,
      {
        key,
        visibilityTimeoutSeconds: q.visibilityTimeoutSeconds ?? d.visibilityTimeoutSeconds,
        retentionSeconds: q.retentionSeconds ?? d.retentionSeconds,
        maxReceiveCount: q.maxReceiveCount ?? d.maxReceiveCount,
      },
    ]),
  );
}

export function resolveBuckets(input: GatewayInput): Record<string, BucketConfig> {
  return Object.fromEntries(Object.entries(input.buckets ?? {}).map(([key, b]) => [key, { key, contentFolder: b.contentFolder }]));
}

export function resolveStateMachines(input: GatewayInput): Record<string, StateMachineConfig> {
  return Object.fromEntries(
    Object.entries(input.stateMachines ?? {}).map(([key, m]) => [key, { key, definition: m.definition, type: m.type ?? RESOURCE_DEFAULTS.stateMachine.type }]),
  );
}

export function checkTableKeys(input: GatewayInput): string[] {
  return Object.keys(input.tables ?? {}).flatMap((key) =>
    TABLE_KEY_PATTERN.test(key) ? [] : [`${at("tables", key)}: table key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`],
  );
}

/** Each table's index names are unique; index keys differ from the table's key. */
export function checkTableIndexes(input: GatewayInput): string[] {
  const problems: string[] = [];
  for (const [key, table] of Object.entries(input.tables ?? {})) {
    const partitionKey = table.partitionKey ?? "id";
    for (const [name, index] of Object.entries(table.indexes ?? {})) {
      if (index.partitionKey === partitionKey) {
        problems.push(
          `${at("tables", key, "indexes", name, "partitionKey")}: ${formatValue(index.partitionKey)} is the table's own key; an index needs another attribute`,
        );
      }
    }
  }
  return problems;
}

/** What the checks of buckets and state machines read of the repository. */
export interface ResourceFiles {
  /** Whether a folder of the repository exists. */
  readonly folderExists: (folder: string) => boolean;
  /** Whether `statemachines/<file>` exists. */
  readonly definitionExists: (file: string) => boolean;
}

/** The keys of buckets, queues and state machines, a bucket's content folder and a state machine's definition. */
export function checkResources(input: GatewayInput, files: ResourceFiles): string[] {
  const problems: string[] = [];
  for (const [key, bucket] of Object.entries(input.buckets ?? {})) {
    if (!TABLE_KEY_PATTERN.test(key)) problems.push(`${at("buckets", key)}: bucket key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`);
    if (bucket.contentFolder !== undefined && !CONTENT_FOLDER_PATTERN.test(bucket.contentFolder)) {
      problems.push(`${at("buckets", key, "contentFolder")}: ${formatValue(bucket.contentFolder)} must be a folder of this repository, like "site/docs"`);
    } else if (bucket.contentFolder !== undefined && !files.folderExists(bucket.contentFolder)) {
      problems.push(`${at("buckets", key, "contentFolder")}: ${formatValue(bucket.contentFolder)} is not a folder of this repository`);
    }
  }
  for (const key of Object.keys(input.queues ?? {})) {
    if (!TABLE_KEY_PATTERN.test(key)) problems.push(`${at("queues", key)}: queue key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`);
  }
  for (const [key, machine] of Object.entries(input.stateMachines ?? {})) {
    if (!TABLE_KEY_PATTERN.test(key))
      problems.push(`${at("stateMachines", key)}: state machine key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`);
    if (!DEFINITION_FILE_PATTERN.test(machine.definition)) {
      problems.push(`${at("stateMachines", key, "definition")}: ${formatValue(machine.definition)} must be a file name in statemachines/ ending in .asl.json`);
    } else if (!files.definitionExists(machine.definition)) {
      problems.push(`${at("stateMachines", key, "definition")}: ${formatValue(machine.definition)} has no file statemachines/${machine.definition}`);
    }
  }
  return problems;
}
