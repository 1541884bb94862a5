import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { QueueConfig } from "../../config";
import { trustPolicy } from "../iam/trust-policy";
import { singleActionPolicy } from "./service-uris";

export interface IntegrationQueueArgs {
  readonly config: QueueConfig;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An SQS queue a route sends messages to (encrypted, with a dead-letter queue), and the role API
 * Gateway assumes to call exactly `sqs:SendMessage` on exactly this queue.
 */
export class IntegrationQueue extends pulumi.ComponentResource {
  readonly queue: aws.sqs.Queue;
  readonly deadLetterQueue: aws.sqs.Queue;
  readonly apiRole: aws.iam.Role;

  constructor(name: string, args: IntegrationQueueArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:integrations:Queue", name, {}, opts);
    const cfg = args.config;
    const tags = { ...args.tags };
    this.deadLetterQueue = new aws.sqs.Queue(
      `${name}-dlq`,
      {
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: 1209600,
        tags,
      },
      { parent: this },
    );
    this.queue = new aws.sqs.Queue(
      `${name}-queue`,
      {
        sqsManagedSseEnabled: true,
        visibilityTimeoutSeconds: cfg.visibilityTimeoutSeconds,
        messageRetentionSeconds: cfg.retentionSeconds,
        redrivePolicy: this.deadLetterQueue.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: cfg.maxReceiveCount })),
        tags,
      },
      { parent: this },
    );
    this.apiRole = new aws.iam.Role(
      `${name}-apigateway-role`,
      {
        description: `Lets API Gateway send messages to the ${cfg.key} queue`,
        assumeRolePolicy: JSON.stringify(trustPolicy("apigateway.amazonaws.com")),
        inlinePolicies: [{ name: "send-message", policy: this.queue.arn.apply((arn) => JSON.stringify(singleActionPolicy("sqs:SendMessage", arn))) }],
        tags,
      },
      { parent: this },
    );
    this.registerOutputs({ queueUrl: this.queue.url, queueArn: this.queue.arn });
  }
}
