import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface PrivateApiEndpointArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The VPC's CIDR block, which may call the endpoint. @default looked up from the VPC */
  readonly vpcCidrBlock?: pulumi.Input<string>;
  /**
   * Private DNS: `{api-id}.execute-api.{region}.amazonaws.com` resolves to this endpoint inside the VPC,
   * which then reaches no public API by its execute-api name (AWS, "Private REST APIs in API Gateway").
   * @default false
   */
  readonly privateDns?: boolean;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The `execute-api` interface VPC endpoint clients reach a PRIVATE API through, with a security group
 * that admits HTTPS from the VPC only; private DNS only when asked for.
 */
export class PrivateApiEndpoint extends pulumi.ComponentResource {
  readonly endpoint: aws.ec2.VpcEndpoint;
  readonly securityGroup: aws.ec2.SecurityGroup;

  constructor(name: string, args: PrivateApiEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:network:PrivateApiEndpoint", name, {}, opts);
    const tags = { ...args.tags };
    const cidrBlock = args.vpcCidrBlock ?? aws.ec2.getVpcOutput({ id: args.vpcId }, { parent: this }).cidrBlock;
    const region = aws.getRegionOutput({}, { parent: this }).region;
    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        description: "HTTPS to the private API's endpoint, from the VPC only",
        vpcId: args.vpcId,
        ingress: [{ description: "HTTPS from the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [cidrBlock] }],
        tags,
      },
      { parent: this },
    );
    this.endpoint = new aws.ec2.VpcEndpoint(
      `${name}-endpoint`,
      {
        vpcId: args.vpcId,
        serviceName: pulumi.interpolate`com.amazonaws.${region}.execute-api`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: args.privateDns ?? false,
        subnetIds: args.subnetIds,
        securityGroupIds: [this.securityGroup.id],
        tags,
      },
      { parent: this },
    );
    this.registerOutputs({ vpcEndpointId: this.endpoint.id });
  }
}
