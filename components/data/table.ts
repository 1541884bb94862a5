import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TableConfig } from "../../config";

export interface TableArgs {
  readonly config: TableConfig;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An on-demand DynamoDB table, encrypted, with recovery and deletion protection as the stack says. */
export class Table extends pulumi.ComponentResource {
  readonly table: aws.dynamodb.Table;

  constructor(name: string, args: TableArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:data:Table", name, {}, opts);
    const cfg = args.config;
    this.table = new aws.dynamodb.Table(`${name}-table`, {
      billingMode: "PAY_PER_REQUEST",
      hashKey: cfg.partitionKey,
      attributes: [{ name: cfg.partitionKey, type: "S" }],
      serverSideEncryption: { enabled: true },
      pointInTimeRecovery: { enabled: cfg.pointInTimeRecovery },
      deletionProtectionEnabled: cfg.deletionProtection,
      ...(cfg.ttlAttribute ? { ttl: { attributeName: cfg.ttlAttribute, enabled: true } } : {}),
      tags: { ...args.tags },
    }, { parent: this, protect: cfg.deletionProtection });
    this.registerOutputs({ name: this.table.name, arn: this.table.arn });
  }
}
