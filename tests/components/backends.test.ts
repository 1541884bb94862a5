import { LISTENER_PORT, healthCheck } from "../../components/backends/internal-load-balancer";
import { containerDefinitions, executionRolePolicy } from "../../components/backends/task-definition";
import { amazonLinuxParameter } from "../../components/backends/ec2-fleet";
import { fleetUserData } from "../../components/backends/user-data";
import { vpcArgs } from "../../components/network/network";
import type { EcsBackendConfig } from "../../config";
import { capturedStack, type CapturedStack, type StackOutputs } from "../helpers/captured-stack";
import { installMocks, outputOf } from "../helpers/mocks";
import { parseForStack, stackFileGateway } from "../helpers/stack-config";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const TAGS = { project: "microservice-gateway", stack: "prod", environment: "prod", owner: "platform-team" };

async function run(stack: string, raw: unknown = stackFileGateway(stack)) {
  const rec = await installMocks({ stack, environment: { account: ACCOUNT, region: REGION } });
  const { createApp } = await import("../../app");
  const outputs = createApp(parseForStack(stack, raw));
  await rec.settled();
  return { rec, outputs };
}

const ecsConfig = (over: Partial<EcsBackendConfig> = {}): EcsBackendConfig => ({
  type: "ecs",
  key: "web",
  image: "public.ecr.aws/nginx/nginx:stable-alpine",
  port: 8080,
  healthCheckPath: "/health",
  architecture: "arm64",
  cpu: 256,
  memoryMb: 512,
  desiredCount: 2,
  environment: { B: "2", A: "1" },
  autoscaling: undefined,
  ...over,
});

describe("backend building blocks (pure)", () => {
  test("the task's one container: its port, environment in order, and awslogs to its group", () => {
    expect(JSON.parse(containerDefinitions(ecsConfig(), "/ecs/app", "eu-west-1"))).toEqual([
      {
        name: "app",
        image: "public.ecr.aws/nginx/nginx:stable-alpine",
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: "tcp" }],
        environment: [
          { name: "A", value: "1" },
          { name: "B", value: "2" },
        ],
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web" } },
      },
    ]);
  });

  test("the execution role writes its log group; pulls only a private ECR repository's image", () => {
    const logs = { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:us-east-1:1:log-group:/ecs/app:*" };
    expect(executionRolePolicy("arn:aws:logs:us-east-1:1:log-group:/ecs/app", "public.ecr.aws/nginx/nginx:stable")).toEqual({
      Version: "2012-10-17",
      Statement: [logs],
    });
    expect(
      executionRolePolicy("arn:aws:logs:us-east-1:1:log-group:/ecs/app", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2@sha256:" + "a".repeat(64)),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        logs,
        { Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        {
          Effect: "Allow",
          Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
          Resource: "arn:aws:ecr:eu-west-1:111122223333:repository/team/app",
        },
      ],
    });
  });

  test("the target group's HTTP health check", () => {
    expect(healthCheck("/health", 8080)).toEqual({
      enabled: true,
      protocol: "HTTP",
      path: "/health",
      port: "8080",
      matcher: "200-399",
      interval: 10,
      timeout: 6,
      healthyThreshold: 3,
      unhealthyThreshold: 3,
    });
  });

  test("the fleet's boot script: IMDSv2 token first, nginx on the port, the health file", () => {
    expect(fleetUserData("orders", 8080, "/status/health")).toBe(
      [
        "#!/bin/bash",
        "set -euo pipefail",
        "dnf install -y nginx",
        "root=/usr/share/nginx/html",
        'token=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")',
        'instance=$(curl -sS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id)',
        `printf '{"service":"orders","instance":"%s"}\\n' "$instance" > "$root/index.html"`,
        'mkdir -p "$(dirname "$root/status/health")"',
        'echo ok > "$root/status/health"',
        "cat > /etc/nginx/conf.d/orders.conf <<'CONF'",
        "server {",
        "  listen 8080;",
        "  root /usr/share/nginx/html;",
        "}",
        "CONF",
        "systemctl enable --now nginx",
        "",
      ].join("\n"),
    );
    expect(fleetUserData("web", 80, "/")).not.toContain("conf.d");
    expect(fleetUserData("web", 80, "/")).not.toContain("echo ok");
  });

  test("the AMI parameter AWS keeps current, per architecture", () => {
    expect(amazonLinuxParameter("x86_64")).toBe("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
    expect(amazonLinuxParameter("arm64")).toBe("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64");
  });

  test("awsx VPC: private subnets half of each zone, public an eighth; NAT strategy per mode", () => {
    expect(vpcArgs({ kind: "created", cidrBlock: "10.40.0.0/16", availabilityZones: 3, natGateways: "onePerZone" }, { a: "b" })).toEqual({
      cidrBlock: "10.40.0.0/16",
      numberOfAvailabilityZones: 3,
      natGateways: { strategy: "OnePerAz" },
      subnetStrategy: "Auto",
      subnetSpecs: [
        { type: "Private", cidrMask: 19 },
        { type: "Public", cidrMask: 21 },
      ],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { a: "b" },
    });
    expect(vpcArgs({ kind: "created", cidrBlock: "10.0.0.0/24", availabilityZones: 2, natGateways: "single" }, {})).toMatchObject({
      natGateways: { strategy: "Single" },
      subnetSpecs: [
        { type: "Private", cidrMask: 26 },
        { type: "Public", cidrMask: 28 },
      ],
    });
    expect(vpcArgs({ kind: "created", cidrBlock: "10.0.0.0/16", availabilityZones: 2, natGateways: "none" }, {}).natGateways).toEqual({ strategy: "None" });
  });
});

describe("the prod stack's network and backends under mocks", () => {
  let rec: CapturedStack;
  let outputs: StackOutputs;
  let privateSubnets: string[];
  beforeAll(async () => {
    rec = await capturedStack("prod");
    outputs = rec.outputs;
    const vpc = rec.get("awsx:ec2:Vpc", "network-vpc");
    expect(vpc.inputs).toEqual({ ...vpcArgs({ kind: "created", cidrBlock: "10.40.0.0/16", availabilityZones: 3, natGateways: "onePerZone" }, TAGS) });
    privateSubnets = rec.get("aws:lb/loadBalancer:LoadBalancer", "service1-nlb").inputs.subnets as string[];
  });

  test("the awsx VPC's outputs (a remote component's, answered by the mocks) reach the backends", async () => {
    expect(privateSubnets).toHaveLength(3);
    for (const s of privateSubnets) expect(s).toMatch(/^subnet-[0-9a-f]{17}$/);
    const vpcId = outputs.vpcId!;
    expect(vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(rec.get("aws:lb/targetGroup:TargetGroup", "service1-targets").inputs.vpcId).toBe(vpcId);
    expect(rec.get("aws:ecs/service:Service", "service1-service").inputs.networkConfiguration).toEqual({
      subnets: privateSubnets,
      securityGroups: [expect.stringMatching(/^sg-/)],
      assignPublicIp: false,
    });
    expect(rec.get("aws:autoscaling/group:Group", "service2-group").inputs.vpcZoneIdentifiers).toEqual(privateSubnets);
  });

  test("each backend: an internal NLB, a TCP listener on 80, a target group, and a classic VPC link to exactly that NLB", () => {
    for (const [key, targetType, port] of [
      ["service1", "ip", 80],
      ["service2", "instance", 80],
    ] as const) {
      const nlb = rec.get("aws:lb/loadBalancer:LoadBalancer", `${key}-nlb`);
      expect(nlb.inputs).toEqual({
        internal: true,
        loadBalancerType: "network",
        subnets: privateSubnets,
        enableCrossZoneLoadBalancing: true,
        enableDeletionProtection: true,
        tags: TAGS,
      });
      const tg = rec.get("aws:lb/targetGroup:TargetGroup", `${key}-targets`);
      expect(tg.inputs).toMatchObject({ port, protocol: "TCP", targetType, deregistrationDelay: 30, healthCheck: healthCheck("/", port) });
      const listener = rec.get("aws:lb/listener:Listener", `${key}-listener`);
      const nlbArn = expect.stringMatching(new RegExp(`^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/${key}-nlb-`));
      expect(listener.inputs).toEqual({
        loadBalancerArn: nlbArn,
        port: LISTENER_PORT,
        protocol: "TCP",
        defaultActions: [{ type: "forward", targetGroupArn: expect.stringMatching(/:targetgroup\//) }],
        tags: TAGS,
      });
      const link = rec.get("aws:apigateway/vpcLink:VpcLink", `${key}-vpc-link-link`);
      expect(link.inputs).toEqual({
        name: `microservice-gateway-prod-${key}`,
        description: `To the ${key} Network Load Balancer`,
        targetArn: nlbArn,
        tags: TAGS,
      });
      // AWS names load balancers and target groups with at most 32 characters: Pulumi adds 8 to the logical name.
      expect(nlb.name.length + 8).toBeLessThanOrEqual(32);
      expect(tg.name.length + 8).toBeLessThanOrEqual(32);
    }
  });

  test("the longest backend key still gives AWS names of at most 32 characters", () => {
    const longest = "a".repeat(16);
    for (const suffix of ["-nlb", "-targets"]) expect(`${longest}${suffix}`.length + 8).toBeLessThanOrEqual(32);
  });

  test("backend routes are HTTP proxies through the backend's VPC link to its NLB", () => {
    const doc = JSON.parse(rec.get("aws:apigateway/restApi:RestApi", "api-api").inputs.body as string);
    const link = rec.get("aws:apigateway/vpcLink:VpcLink", "service1-vpc-link-link");
    const integration = doc.paths["/service1/{proxy+}"]["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"];
    expect(integration).toEqual({
      type: "http_proxy",
      httpMethod: "ANY",
      uri: expect.stringMatching(/^http:\/\/internal-service1-nlb-[a-z0-9]+-[0-9a-f]{10}\.elb\.us-east-1\.amazonaws\.com:80\/\{proxy\}$/),
      passthroughBehavior: "when_no_match",
      timeoutInMillis: 29000,
      requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" },
      connectionType: "VPC_LINK",
      connectionId: expect.stringMatching(/^service1-vpc-link-link-/),
    });
    expect(link.name).toBe("service1-vpc-link-link");
    expect(doc.paths["/service1"]["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"].uri).toMatch(/:80\/$/);
  });

  test("the Fargate service: task definition, least-privilege execution role, tasks reachable only from the VPC", () => {
    const task = rec.get("aws:ecs/taskDefinition:TaskDefinition", "service1-task");
    expect(task.inputs).toMatchObject({
      family: "microservice-gateway-prod-service1",
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "512",
      memory: "1024",
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/service1-execution-role-/),
    });
    expect(task.inputs.taskRoleArn).toBeUndefined();
    expect(JSON.parse(task.inputs.containerDefinitions as string)[0].logConfiguration.options["awslogs-group"]).toBe("/ecs/microservice-gateway-prod-service1");
    const role = rec.get("aws:iam/role:Role", "service1-execution-role");
    expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Principal).toEqual({ Service: "ecs-tasks.amazonaws.com" });
    expect(JSON.parse(rec.get("aws:iam/rolePolicy:RolePolicy", "service1-execution-policy").inputs.policy as string)).toEqual(
      executionRolePolicy(`arn:aws:logs:us-east-1:123456789012:log-group:/ecs/microservice-gateway-prod-service1`, "public.ecr.aws/nginx/nginx:stable-alpine"),
    );
    expect(rec.get("aws:cloudwatch/logGroup:LogGroup", "service1-logs").inputs).toMatchObject({
      retentionInDays: 365,
      kmsKeyId: expect.stringMatching(/^arn:aws:kms:/),
    });
    expect(rec.get("aws:ec2/securityGroup:SecurityGroup", "service1-tasks-sg").inputs.ingress).toEqual([
      { description: "The service port, from the load balancer in the VPC", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.40.0.0/16"] },
    ]);
    const service = rec.get("aws:ecs/service:Service", "service1-service");
    expect(service.inputs).toMatchObject({
      launchType: "FARGATE",
      desiredCount: 2,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      loadBalancers: [{ containerName: "app", containerPort: 80, targetGroupArn: expect.stringMatching(/targetgroup\/service1-targets-/) }],
    });
    // The service waits for the listener: ECS refuses a target group no listener forwards to.
    expect(service.dependencies).toContain(rec.get("aws:lb/listener:Listener", "service1-listener").urn);
  });

  test("the Fargate service scales on CPU between its bounds", () => {
    expect(rec.get("aws:appautoscaling/target:Target", "service1-scaling-target").inputs).toMatchObject({
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: "service/microservice-gateway-prod-service1/service1",
      minCapacity: 2,
      maxCapacity: 6,
    });
    expect(rec.get("aws:appautoscaling/policy:Policy", "service1-scaling-cpu").inputs).toMatchObject({
      policyType: "TargetTrackingScaling",
      resourceId: "service/microservice-gateway-prod-service1/service1",
      targetTrackingScalingPolicyConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" }, targetValue: 60 },
    });
  });

  test("the EC2 fleet: current AL2023 AMI, IMDSv2 required, encrypted volume, ELB health checks, CPU tracking", () => {
    const template = rec.get("aws:ec2/launchTemplate:LaunchTemplate", "service2-template");
    expect(template.inputs).toMatchObject({
      imageId: expect.stringMatching(/^ami-[0-9a-f]{17}$/),
      instanceType: "t3.small",
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
      updateDefaultVersion: true,
    });
    expect(template.inputs.iamInstanceProfile).toBeUndefined();
    expect(Buffer.from(template.inputs.userData as string, "base64").toString("utf8")).toBe(fleetUserData("service2", 80, "/"));
    expect(rec.get("aws:autoscaling/group:Group", "service2-group").inputs).toMatchObject({
      name: "microservice-gateway-prod-service2",
      minSize: 2,
      maxSize: 6,
      desiredCapacity: 2,
      healthCheckType: "ELB",
      launchTemplate: { id: expect.stringMatching(/^lt-/), version: "1" },
      targetGroupArns: [expect.stringMatching(/targetgroup\/service2-targets-/)],
      instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 50 } },
    });
    expect(rec.get("aws:autoscaling/policy:Policy", "service2-scaling-cpu").inputs).toMatchObject({
      autoscalingGroupName: "microservice-gateway-prod-service2",
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 60 },
    });
  });

  test("the internal API: PRIVATE, behind an execute-api endpoint in the private subnets, admitting only that endpoint", async () => {
    const endpoint = rec.get("aws:ec2/vpcEndpoint:VpcEndpoint", "internal-endpoint-endpoint");
    expect(endpoint.inputs).toMatchObject({ vpcEndpointType: "Interface", privateDnsEnabled: false, subnetIds: privateSubnets });
    expect(rec.get("aws:ec2/securityGroup:SecurityGroup", "internal-endpoint-sg").inputs.ingress).toEqual([
      { description: "HTTPS from the VPC", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.40.0.0/16"] },
    ]);
    const api = rec.get("aws:apigateway/restApi:RestApi", "internal-rest-api");
    const endpointId = outputs.internalVpcEndpointId!;
    expect(api.inputs).toMatchObject({
      name: "microservice-gateway-prod-internal",
      endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: [endpointId] },
      putRestApiMode: "overwrite",
    });
    expect(JSON.parse(api.inputs.body as string)["x-amazon-apigateway-endpoint-configuration"]).toEqual({ vpcEndpointIds: [endpointId] });
    expect(JSON.stringify(JSON.parse(api.inputs.policy as string))).toContain(`"aws:SourceVpce":"${endpointId}"`);
    expect(Object.keys(JSON.parse(api.inputs.body as string).paths)).toEqual(["/items", "/service1/{proxy+}", "/service2/{proxy+}"]);
    const stage = rec.get("aws:apigateway/stage:Stage", "internal-rest-prod-stage");
    expect(stage.inputs.cacheClusterEnabled).toBeUndefined();
    // Private DNS off: the endpoint-specific name (AWS, "Invoke a private API").
    expect(outputs.internalInvokeUrls.prod!).toBe(`https://${outputs.internalApiId}-${endpointId}.execute-api.us-east-1.amazonaws.com/prod`);
  });

  test("outputs: each backend's load balancer URL", async () => {
    expect(outputs.backendEndpoints).toEqual({
      service1: expect.stringMatching(/^http:\/\/internal-service1-nlb-[a-z0-9]+-[0-9a-f]{10}\.elb\.us-east-1\.amazonaws\.com:80$/),
      service2: expect.stringMatching(/^http:\/\/internal-service2-nlb-[a-z0-9]+-[0-9a-f]{10}\.elb\.us-east-1\.amazonaws\.com:80$/),
    });
  });
});

describe("an existing VPC", () => {
  test("no awsx VPC; its subnets and looked-up CIDR block are used", async () => {
    const raw = stackFileGateway("dev") as Record<string, unknown>;
    raw.network = { existing: { vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"] } };
    const { rec, outputs } = await run("dev", raw);
    expect(rec.ofType("awsx:ec2:Vpc")).toEqual([]);
    expect(await outputOf(outputs.vpcId!)).toBe("vpc-0123456789abcdef0");
    expect(rec.get("aws:lb/loadBalancer:LoadBalancer", "service1-nlb").inputs.subnets).toEqual(["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]);
    expect(rec.get("aws:lb/loadBalancer:LoadBalancer", "service1-nlb").inputs.enableDeletionProtection).toBe(false);
    // The mocked getVpc answers 10.0.0.0/16 for any VPC.
    expect((rec.get("aws:ec2/securityGroup:SecurityGroup", "service2-instances-sg").inputs.ingress as { cidrBlocks: string[] }[])[0]!.cidrBlocks).toEqual([
      "10.0.0.0/16",
    ]);
  });
});
