import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TableConfig } from "../../config";

export interface TableArgs {
  readonly config: TableConfig;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An on-demand DynamoDB table, encrypted, with recovery and deletion protection as the stack says, and its indexes. */
export class Table extends pulumi.ComponentResource {
  readonly table: aws.dynamodb.Table;

  constructor(name: string, args: TableArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:data:Table", name, {}, opts);
    const cfg = args.config;
    this.table = new aws.dynamodb.Table(
      `${name}-table`,
      {
        billingMode: "PAY_PER_REQUEST",
        hashKey: cfg.partitionKey,
        attributes: [cfg.partitionKey, ...new Set(Object.values(cfg.indexes).map((i) => i.partitionKey))].map((name) => ({ name, type: "S" })),
        ...(Object.keys(cfg.indexes).length > 0
          ? {
              globalSecondaryIndexes: Object.entries(cfg.indexes).map(([indexName, index]) => ({
                name: indexName,
                keySchemas: [{ attributeName: index.partitionKey, keyType: "HASH" }],
                projectionType: "ALL",
              })),
            }
          : {}),
        serverSideEncryption: { enabled: true },
        pointInTimeRecovery: { enabled: cfg.pointInTimeRecovery },
        deletionProtectionEnabled: cfg.deletionProtection,
        ...(cfg.ttlAttribute ? { ttl: { attributeName: cfg.ttlAttribute, enabled: true } } : {}),
        tags: { ...args.tags },
      },
      { parent: this, protect: cfg.deletionProtection },
    );
    this.registerOutputs({ name: this.table.name, arn: this.table.arn });
  }
}
