import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export interface ServiceSecurityGroupArgs {
  /** What the group protects, in its description: `The <namePrefix> <members>: ...` (tasks, instances). */
  readonly members: string;
  readonly namePrefix: string;
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidrBlock: pulumi.Input<string>;
  /** The service port, open to the VPC (where the internal load balancer is). */
  readonly port: number;
  /** Why the members reach out (the egress rule's description). */
  readonly egressReason: string;
  readonly tags: Record<string, string>;
}

/** A backend's security group: its service port from the VPC (the load balancer), any egress (through NAT). */
export function serviceSecurityGroup(name: string, args: ServiceSecurityGroupArgs, opts: pulumi.CustomResourceOptions): aws.ec2.SecurityGroup {
  return new aws.ec2.SecurityGroup(
    name,
    {
      description: `The ${args.namePrefix} ${args.members}: their port from the VPC (the load balancer), any egress`,
      vpcId: args.vpcId,
      ingress: [
        {
          description: "The service port, from the load balancer in the VPC",
          protocol: "tcp",
          fromPort: args.port,
          toPort: args.port,
          cidrBlocks: [args.vpcCidrBlock],
        },
      ],
      egress: [{ description: args.egressReason, protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
      tags: args.tags,
    },
    opts,
  );
}
