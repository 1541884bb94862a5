import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import type { NatGatewayMode, NetworkConfig } from "../../config";
import { privateSubnetPrefix, publicSubnetPrefix } from "../../config/defaults";

export interface NetworkArgs {
  readonly config: NetworkConfig;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const NAT_STRATEGIES: Readonly<Record<NatGatewayMode, awsx.types.enums.ec2.NatGatewayStrategy>> = {
  single: awsx.ec2.NatGatewayStrategy.Single,
  onePerZone: awsx.ec2.NatGatewayStrategy.OnePerAz,
  none: awsx.ec2.NatGatewayStrategy.None,
};

/**
 * The awsx arguments of a VPC this stack creates: a private and a public subnet in each zone (sized by
 * `privateSubnetPrefix`/`publicSubnetPrefix`), DNS hostnames on (the execute-api endpoint's private
 * DNS needs them) and the NAT strategy of the stack.
 */
export function vpcArgs(config: Extract<NetworkConfig, { kind: "created" }>, tags: Readonly<Record<string, string>>): awsx.ec2.VpcArgs {
  const vpcPrefix = Number(config.cidrBlock.split("/")[1]);
  return {
    cidrBlock: config.cidrBlock,
    numberOfAvailabilityZones: config.availabilityZones,
    natGateways: { strategy: NAT_STRATEGIES[config.natGateways] },
    subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
    subnetSpecs: [
      { type: awsx.ec2.SubnetType.Private, cidrMask: privateSubnetPrefix(vpcPrefix, config.availabilityZones) },
      { type: awsx.ec2.SubnetType.Public, cidrMask: publicSubnetPrefix(vpcPrefix, config.availabilityZones) },
    ],
    enableDnsHostnames: true,
    enableDnsSupport: true,
    tags: { ...tags },
  };
}

/**
 * The VPC the private backends and the internal API's endpoint live in: created through awsx (subnets,
 * route tables, internet and NAT gateways), or an existing VPC and private subnets named in config.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** The VPC's CIDR block: security groups admit the load balancers and endpoint clients from it. */
  readonly cidrBlock: pulumi.Output<string>;
  /** The awsx VPC, when this stack creates it. */
  readonly vpc: awsx.ec2.Vpc | undefined;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:network:Network", name, {}, opts);
    const config = args.config;
    if (config.kind === "created") {
      this.vpc = new awsx.ec2.Vpc(`${name}-vpc`, vpcArgs(config, args.tags ?? {}), { parent: this });
      this.vpcId = this.vpc.vpcId;
      this.privateSubnetIds = this.vpc.privateSubnetIds;
      this.cidrBlock = pulumi.output(config.cidrBlock);
    } else {
      this.vpc = undefined;
      this.vpcId = pulumi.output(config.vpcId);
      this.privateSubnetIds = pulumi.output([...config.privateSubnetIds]);
      this.cidrBlock = aws.ec2.getVpcOutput({ id: config.vpcId }, { parent: this }).cidrBlock;
    }
    this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds });
  }
}
