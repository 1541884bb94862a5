import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EcsBackendConfig, LogRetentionDays } from "../../config";
import { trustPolicy } from "../iam/trust-policy";
import { serviceSecurityGroup } from "./service-security-group";
import { InternalLoadBalancer } from "./internal-load-balancer";
import { CONTAINER_NAME, containerDefinitions, executionRolePolicy } from "./task-definition";

export interface FargateBackendArgs {
  readonly config: EcsBackendConfig;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The VPC's CIDR block: the load balancer reaches the tasks from inside it. */
  readonly vpcCidrBlock: pulumi.Input<string>;
  /** `<project>-<stack>-<key>`: the cluster, task family and VPC link are named after it. */
  readonly namePrefix: string;
  readonly logRetentionDays: LogRetentionDays;
  /** @default undefined (CloudWatch's own key) */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** @default false */
  readonly deletionProtection?: boolean;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A container service on ECS Fargate in the private subnets, behind its internal Network Load
 * Balancer and VPC link: cluster, task definition, a least-privilege execution role, a log group,
 * the service with a deployment circuit breaker, and CPU target tracking when configured.
 */
export class FargateBackend extends pulumi.ComponentResource {
  readonly cluster: aws.ecs.Cluster;
  readonly taskDefinition: aws.ecs.TaskDefinition;
  readonly executionRole: aws.iam.Role;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly securityGroup: aws.ec2.SecurityGroup;
  readonly service: aws.ecs.Service;
  readonly front: InternalLoadBalancer;
  readonly scaling: { readonly target: aws.appautoscaling.Target; readonly policy: aws.appautoscaling.Policy } | undefined;

  constructor(name: string, args: FargateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:backends:FargateService", name, {}, opts);
    const cfg = args.config;
    const tags = { ...args.tags };
    const region = aws.getRegionOutput({}, { parent: this }).region;
    const partition = aws.getPartitionOutput({}, { parent: this }).partition;

    this.front = this.createFront(name, args, tags);

    this.cluster = new aws.ecs.Cluster(
      `${name}-cluster`,
      {
        name: args.namePrefix,
        settings: [{ name: "containerInsights", value: "enabled" }],
        tags,
      },
      { parent: this },
    );

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `/ecs/${args.namePrefix}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logsKmsKeyArn,
        tags,
      },
      { parent: this },
    );

    const task = this.createTask(name, args, tags, region, partition);
    this.executionRole = task.executionRole;
    this.taskDefinition = task.taskDefinition;

    this.securityGroup = this.createTaskSecurityGroup(name, args, tags);
    this.service = this.createService(name, args, tags);
    this.scaling = cfg.autoscaling && this.createScaling(name, cfg.autoscaling, tags);

    this.registerOutputs({ serviceName: this.service.name, baseUrl: this.front.baseUrl });
  }

  /** The internal Network Load Balancer and VPC link in front of the tasks. */
  private createFront(name: string, args: FargateBackendArgs, tags: Record<string, string>): InternalLoadBalancer {
    // Named like this component: the load balancer and target group names AWS gets are the logical
    // name plus 8 characters, at most 32, which the short backend keys leave room for.
    return new InternalLoadBalancer(
      name,
      {
        vpcId: args.vpcId,
        subnetIds: args.subnetIds,
        targetPort: args.config.port,
        targetType: "ip",
        healthCheckPath: args.config.healthCheckPath,
        linkName: args.namePrefix,
        deletionProtection: args.deletionProtection ?? false,
        tags,
      },
      { parent: this },
    );
  }

  /** The execution role with its policy, and the task definition that runs under it (after the policy exists). */
  private createTask(
    name: string,
    args: FargateBackendArgs,
    tags: Record<string, string>,
    region: pulumi.Output<string>,
    partition: pulumi.Output<string>,
  ): { readonly executionRole: aws.iam.Role; readonly taskDefinition: aws.ecs.TaskDefinition } {
    const cfg = args.config;
    const executionRole = new aws.iam.Role(
      `${name}-execution-role`,
      {
        description: `Starts the ${args.namePrefix} tasks: writes their logs, pulls their image`,
        assumeRolePolicy: JSON.stringify(trustPolicy("ecs-tasks.amazonaws.com")),
        tags,
      },
      { parent: this },
    );
    const executionPolicy = new aws.iam.RolePolicy(
      `${name}-execution-policy`,
      {
        role: executionRole.id,
        policy: pulumi.all([this.logGroup.arn, partition]).apply(([arn, p]) => JSON.stringify(executionRolePolicy(arn, cfg.image, p))),
      },
      { parent: this },
    );

    const taskDefinition = new aws.ecs.TaskDefinition(
      `${name}-task`,
      {
        family: args.namePrefix,
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: String(cfg.cpu),
        memory: String(cfg.memoryMb),
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: cfg.architecture === "arm64" ? "ARM64" : "X86_64" },
        executionRoleArn: executionRole.arn,
        containerDefinitions: pulumi.all([this.logGroup.name, region]).apply(([group, r]) => containerDefinitions(cfg, group, r)),
        tags,
      },
      { parent: this, dependsOn: [executionPolicy] },
    );
    return { executionRole, taskDefinition };
  }

  /** The tasks' security group: their port from the VPC (where the load balancer is), any egress. */
  private createTaskSecurityGroup(name: string, args: FargateBackendArgs, tags: Record<string, string>): aws.ec2.SecurityGroup {
    return serviceSecurityGroup(
      `${name}-tasks-sg`,
      {
        members: "tasks",
        namePrefix: args.namePrefix,
        vpcId: args.vpcId,
        vpcCidrBlock: args.vpcCidrBlock,
        port: args.config.port,
        egressReason: "Image pulls and the service's own calls, through NAT",
        tags,
      },
      { parent: this },
    );
  }

  /** The ECS service in the private subnets, registered with the load balancer's target group. */
  private createService(name: string, args: FargateBackendArgs, tags: Record<string, string>): aws.ecs.Service {
    const cfg = args.config;
    return new aws.ecs.Service(
      `${name}-service`,
      {
        name: cfg.key,
        cluster: this.cluster.arn,
        taskDefinition: this.taskDefinition.arn,
        launchType: "FARGATE",
        desiredCount: cfg.desiredCount,
        networkConfiguration: { subnets: args.subnetIds, securityGroups: [this.securityGroup.id], assignPublicIp: false },
        loadBalancers: [{ targetGroupArn: this.front.targetGroup.arn, containerName: CONTAINER_NAME, containerPort: cfg.port }],
        healthCheckGracePeriodSeconds: 60,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        tags,
      },
      {
        parent: this,
        // ECS rejects a target group that no load balancer listener forwards to yet.
        dependsOn: [this.front.listener],
        // The scaler owns the task count once autoscaling is on.
        ignoreChanges: cfg.autoscaling ? ["desiredCount"] : [],
      },
    );
  }

  /** CPU target tracking of the service's task count. */
  private createScaling(
    name: string,
    autoscaling: NonNullable<EcsBackendConfig["autoscaling"]>,
    tags: Record<string, string>,
  ): { readonly target: aws.appautoscaling.Target; readonly policy: aws.appautoscaling.Policy } {
    const target = new aws.appautoscaling.Target(
      `${name}-scaling-target`,
      {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: pulumi.interpolate`service/${this.cluster.name}/${this.service.name}`,
        minCapacity: autoscaling.minCount,
        maxCapacity: autoscaling.maxCount,
        tags,
      },
      { parent: this },
    );
    const policy = new aws.appautoscaling.Policy(
      `${name}-scaling-cpu`,
      {
        policyType: "TargetTrackingScaling",
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
          targetValue: autoscaling.targetCpuPercent,
          scaleInCooldown: 120,
          scaleOutCooldown: 60,
        },
      },
      { parent: this },
    );
    return { target, policy };
  }
}
