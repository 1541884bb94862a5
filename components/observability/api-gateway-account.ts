import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { trustPolicy } from "../iam/trust-policy";

export interface ApiGatewayAccountArgs {
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The account-level API Gateway settings of this region: the role API Gateway uses to write
 * execution logs to CloudWatch. One per account and region: only the stack that owns it creates it.
 */
export class ApiGatewayAccount extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  readonly account: aws.apigateway.Account;

  constructor(name: string, args: ApiGatewayAccountArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:observability:ApiGatewayAccount", name, {}, opts);
    this.role = new aws.iam.Role(
      `${name}-cloudwatch-role`,
      {
        description: "Lets API Gateway write execution logs to CloudWatch Logs",
        assumeRolePolicy: JSON.stringify(trustPolicy("apigateway.amazonaws.com")),
        tags: { ...args.tags },
      },
      { parent: this },
    );
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-cloudwatch-policy`,
      {
        role: this.role.name,
        policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
      },
      { parent: this },
    );
    this.account = new aws.apigateway.Account(
      `${name}-settings`,
      {
        cloudwatchRoleArn: this.role.arn,
      },
      { parent: this, dependsOn: [attachment] },
    );
    this.registerOutputs({ cloudwatchRoleArn: this.role.arn });
  }
}
