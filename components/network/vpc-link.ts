import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface RestVpcLinkArgs {
  /** The ARN of the Network Load Balancer the link targets. */
  readonly targetArn: pulumi.Input<string>;
  /** @default "" */
  readonly description?: string;
  /** The link's name in API Gateway. */
  readonly linkName: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A REST API VPC link to one private backend's Network Load Balancer (a classic REST VPC link targets
 * exactly one NLB); HTTP proxy routes reach the backend through it.
 */
export class RestVpcLink extends pulumi.ComponentResource {
  readonly link: aws.apigateway.VpcLink;

  constructor(name: string, args: RestVpcLinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:network:VpcLink", name, {}, opts);
    this.link = new aws.apigateway.VpcLink(
      `${name}-link`,
      {
        name: args.linkName,
        description: args.description ?? "",
        targetArn: args.targetArn,
        tags: { ...args.tags },
      },
      { parent: this },
    );
    this.registerOutputs({ vpcLinkId: this.link.id });
  }
}
