import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logsKeyPolicy } from "./logs-key-policy";

export interface LogsKeyArgs {
  /** The alias name, without `alias/`. */
  readonly aliasName: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A customer managed KMS key, rotated yearly, that encrypts every log group of the stack. */
export class LogsKey extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly alias: aws.kms.Alias;

  constructor(name: string, args: LogsKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:observability:LogsKey", name, {}, opts);
    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const region = aws.getRegionOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });
    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts the CloudWatch log groups of ${args.aliasName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi.all([partition.partition, identity.accountId, region.region]).apply(([p, account, r]) => JSON.stringify(logsKeyPolicy(p, account, r))),
        tags: { ...args.tags },
      },
      { parent: this },
    );
    this.alias = new aws.kms.Alias(
      `${name}-alias`,
      {
        name: `alias/${args.aliasName}`,
        targetKeyId: this.key.keyId,
      },
      { parent: this },
    );
    this.registerOutputs({ keyArn: this.key.arn });
  }
}
