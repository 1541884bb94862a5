import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Ec2BackendConfig } from "../../config";
import { serviceSecurityGroup } from "./service-security-group";
import { InternalLoadBalancer } from "./internal-load-balancer";
import { fleetUserData } from "./user-data";

export interface Ec2BackendArgs {
  readonly config: Ec2BackendConfig;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The VPC's CIDR block: the load balancer reaches the instances from inside it. */
  readonly vpcCidrBlock: pulumi.Input<string>;
  /** `<project>-<stack>-<key>`: the group and VPC link are named after it. */
  readonly namePrefix: string;
  /** @default false */
  readonly deletionProtection?: boolean;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The public SSM parameter AWS keeps pointed at the newest Amazon Linux 2023 AMI of an architecture. */
export function amazonLinuxParameter(architecture: Ec2BackendConfig["architecture"]): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}

/**
 * A fleet of EC2 instances in an Auto Scaling group across the private subnets, behind its internal
 * Network Load Balancer and VPC link: the current Amazon Linux 2023 AMI, a launch template that
 * requires IMDSv2 and encrypts its volume, ELB health checks, rolling instance refresh on template
 * changes, and CPU target tracking.
 */
export class Ec2Backend extends pulumi.ComponentResource {
  readonly securityGroup: aws.ec2.SecurityGroup;
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  readonly group: aws.autoscaling.Group;
  readonly scalingPolicy: aws.autoscaling.Policy;
  readonly front: InternalLoadBalancer;

  constructor(name: string, args: Ec2BackendArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:backends:Ec2Fleet", name, {}, opts);
    const cfg = args.config;
    const tags = { ...args.tags };

    // See FargateBackend: the load balancer's AWS name leaves room for short names only.
    this.front = this.loadBalancer(name, args, tags);
    const ami = aws.ssm.getParameterOutput({ name: amazonLinuxParameter(cfg.architecture) }, { parent: this });
    this.securityGroup = this.instancesSecurityGroup(name, args, tags);
    this.launchTemplate = this.instanceTemplate(name, args, tags, ami.value, this.securityGroup);
    this.group = this.autoScalingGroup(name, args, tags, this.launchTemplate, this.front);
    this.scalingPolicy = this.cpuScaling(name, cfg, this.group);

    this.registerOutputs({ groupName: this.group.name, baseUrl: this.front.baseUrl });
  }

  /** The internal Network Load Balancer and VPC link in front of the instances. */
  private loadBalancer(name: string, args: Ec2BackendArgs, tags: Record<string, string>): InternalLoadBalancer {
    const cfg = args.config;
    return new InternalLoadBalancer(
      name,
      {
        vpcId: args.vpcId,
        subnetIds: args.subnetIds,
        targetPort: cfg.port,
        targetType: "instance",
        healthCheckPath: cfg.healthCheckPath,
        linkName: args.namePrefix,
        deletionProtection: args.deletionProtection ?? false,
        tags,
      },
      { parent: this },
    );
  }

  /** The instances' security group: their port from the VPC (the load balancer), any egress. */
  private instancesSecurityGroup(name: string, args: Ec2BackendArgs, tags: Record<string, string>): aws.ec2.SecurityGroup {
    return serviceSecurityGroup(
      `${name}-instances-sg`,
      {
        members: "instances",
        namePrefix: args.namePrefix,
        vpcId: args.vpcId,
        vpcCidrBlock: args.vpcCidrBlock,
        port: args.config.port,
        egressReason: "Package installs and the service's own calls, through NAT",
        tags,
      },
      { parent: this },
    );
  }

  /** The launch template: the AMI, IMDSv2 required, an encrypted gp3 volume, the user data. */
  private instanceTemplate(
    name: string,
    args: Ec2BackendArgs,
    tags: Record<string, string>,
    imageId: pulumi.Output<string>,
    securityGroup: aws.ec2.SecurityGroup,
  ): aws.ec2.LaunchTemplate {
    const cfg = args.config;
    return new aws.ec2.LaunchTemplate(
      `${name}-template`,
      {
        description: `Instances of the ${args.namePrefix} fleet`,
        imageId,
        instanceType: cfg.instanceType,
        vpcSecurityGroupIds: [securityGroup.id],
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { volumeSize: cfg.volumeSizeGb, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
        ],
        monitoring: { enabled: true },
        userData: Buffer.from(fleetUserData(cfg.key, cfg.port, cfg.healthCheckPath)).toString("base64"),
        updateDefaultVersion: true,
        tagSpecifications: [
          { resourceType: "instance", tags },
          { resourceType: "volume", tags },
        ],
        tags,
      },
      { parent: this },
    );
  }

  /** The Auto Scaling group across the private subnets, with ELB health checks and rolling instance refresh. */
  private autoScalingGroup(
    name: string,
    args: Ec2BackendArgs,
    tags: Record<string, string>,
    launchTemplate: aws.ec2.LaunchTemplate,
    front: InternalLoadBalancer,
  ): aws.autoscaling.Group {
    const cfg = args.config;
    return new aws.autoscaling.Group(
      `${name}-group`,
      {
        name: args.namePrefix,
        vpcZoneIdentifiers: args.subnetIds,
        minSize: cfg.minSize,
        maxSize: cfg.maxSize,
        desiredCapacity: cfg.desiredCapacity,
        launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
        targetGroupArns: [front.targetGroup.arn],
        healthCheckType: "ELB",
        healthCheckGracePeriod: 180,
        instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 50 } },
        tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      },
      { parent: this, ignoreChanges: ["desiredCapacity"] },
    );
  }

  /** CPU target tracking on the group. */
  private cpuScaling(name: string, cfg: Ec2BackendConfig, group: aws.autoscaling.Group): aws.autoscaling.Policy {
    return new aws.autoscaling.Policy(
      `${name}-scaling-cpu`,
      {
        autoscalingGroupName: group.name,
        policyType: "TargetTrackingScaling",
        estimatedInstanceWarmup: 180,
        targetTrackingConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
          targetValue: cfg.targetCpuPercent,
        },
      },
      { parent: this },
    );
  }
}
