import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RestVpcLink } from "../network/vpc-link";

/** The port the load balancer listens on; the URL API Gateway calls names it. */
export const LISTENER_PORT = 80;

export interface InternalLoadBalancerArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The port the targets listen on. */
  readonly targetPort: number;
  /** `ip` for Fargate tasks, `instance` for EC2 instances. */
  readonly targetType: "ip" | "instance";
  readonly healthCheckPath: string;
  /** The VPC link's name in API Gateway. */
  readonly linkName: string;
  /** Refuse to delete the load balancer (production). @default false */
  readonly deletionProtection?: boolean;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The target group's HTTP health check: what makes a task or instance receive traffic. */
export function healthCheck(path: string, port: number): aws.types.input.lb.TargetGroupHealthCheck {
  return {
    enabled: true,
    protocol: "HTTP",
    path,
    port: String(port),
    matcher: "200-399",
    interval: 10,
    timeout: 6,
    healthyThreshold: 3,
    unhealthyThreshold: 3,
  };
}

/**
 * The private front of one backend: an internal Network Load Balancer across the private subnets, a
 * TCP listener, a target group with an HTTP health check, and the REST API VPC link that targets it.
 * A classic REST VPC link targets exactly one NLB, so each backend gets its own.
 */
export class InternalLoadBalancer extends pulumi.ComponentResource {
  readonly loadBalancer: aws.lb.LoadBalancer;
  readonly targetGroup: aws.lb.TargetGroup;
  readonly listener: aws.lb.Listener;
  readonly vpcLink: RestVpcLink;
  /** `http://<DNS name>:80`: the URL API Gateway's integrations call through the VPC link. */
  readonly baseUrl: pulumi.Output<string>;

  constructor(name: string, args: InternalLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:backends:InternalLoadBalancer", name, {}, opts);
    const tags = { ...args.tags };
    this.loadBalancer = new aws.lb.LoadBalancer(
      `${name}-nlb`,
      {
        internal: true,
        loadBalancerType: "network",
        subnets: args.subnetIds,
        enableCrossZoneLoadBalancing: true,
        enableDeletionProtection: args.deletionProtection ?? false,
        tags,
      },
      { parent: this },
    );
    this.targetGroup = new aws.lb.TargetGroup(
      `${name}-targets`,
      {
        vpcId: args.vpcId,
        port: args.targetPort,
        protocol: "TCP",
        targetType: args.targetType,
        deregistrationDelay: 30,
        healthCheck: healthCheck(args.healthCheckPath, args.targetPort),
        tags,
      },
      { parent: this },
    );
    this.listener = new aws.lb.Listener(
      `${name}-listener`,
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: LISTENER_PORT,
        protocol: "TCP",
        defaultActions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
        tags,
      },
      { parent: this },
    );
    this.vpcLink = new RestVpcLink(
      `${name}-vpc-link`,
      {
        targetArn: this.loadBalancer.arn,
        description: `To the ${name} Network Load Balancer`,
        linkName: args.linkName,
        tags,
      },
      { parent: this },
    );
    this.baseUrl = pulumi.interpolate`http://${this.loadBalancer.dnsName}:${LISTENER_PORT}`;
    this.registerOutputs({ loadBalancerArn: this.loadBalancer.arn, baseUrl: this.baseUrl, vpcLinkId: this.vpcLink.link.id });
  }
}
