import { z } from "zod";
import {
  ARM_INSTANCE_FAMILY_PATTERN,
  BACKEND_KEY_PATTERN,
  BACKEND_TYPES,
  CONTAINER_IMAGE_PATTERN,
  ENV_VAR_NAME_PATTERN,
  FARGATE_CPU_UNITS,
  FARGATE_MEMORY_MB,
  HEALTH_CHECK_PATH_PATTERN,
  INSTANCE_TYPE_PATTERN,
  LAMBDA_ARCHITECTURES,
  type FargateCpu,
  type LambdaArchitecture,
} from "../constants";
import { formatValue, gatewayPath as at } from "../format";
import type { GatewayInput } from "../gateway";

/** Private services behind internal load balancers: ECS Fargate services and EC2 Auto Scaling groups. */

const port = z.int().min(1).max(65535);
const backendCommon = {
  /** The port the service listens on. @default 80 */
  port: port.optional(),
  /** What the load balancer's HTTP health check requests. @default "/" */
  healthCheckPath: z.string().optional(),
  /** CPU architecture of the image or AMI. @default "x86_64" */
  architecture: z.enum(LAMBDA_ARCHITECTURES).optional(),
};

const ecsBackendSchema = z.strictObject({
  /** `ecs`: an ECS Fargate service; `ec2`: an EC2 Auto Scaling group. */
  type: z.literal(BACKEND_TYPES[0]),
  /** The container image, e.g. `public.ecr.aws/nginx/nginx:stable-alpine` or a private ECR image. */
  image: z.string(),
  ...backendCommon,
  /** Fargate CPU units. @default 256 */
  cpu: z.literal(FARGATE_CPU_UNITS).optional(),
  /** Task memory in MiB; Fargate allows given sizes per CPU. @default 512 */
  memoryMb: z.int().optional(),
  /** Tasks to run (the autoscaling minimum when autoscaling is on). @default 2 */
  desiredCount: z.int().min(0).max(1000).optional(),
  /** Container environment variables: name → value. */
  environment: z.record(z.string(), z.string()).optional(),
  /** Target tracking on the service's average CPU. */
  autoscaling: z
    .strictObject({
      /** The fewest tasks. */
      minCount: z.int().min(1).max(1000),
      /** The most tasks. */
      maxCount: z.int().min(1).max(1000),
      /** The average CPU percent scaling keeps the service at. @default 60 */
      targetCpuPercent: z.int().min(10).max(90).optional(),
    })
    .optional(),
});

const ec2BackendSchema = z.strictObject({
  /** `ecs`: an ECS Fargate service; `ec2`: an EC2 Auto Scaling group. */
  type: z.literal(BACKEND_TYPES[1]),
  ...backendCommon,
  /** The EC2 instance type. @default `t3.micro` (x86_64) or `t4g.micro` (arm64) */
  instanceType: z.string().optional(),
  /** The fewest instances. @default 2 */
  minSize: z.int().min(0).max(1000).optional(),
  /** The most instances. @default 4 */
  maxSize: z.int().min(1).max(1000).optional(),
  /** Instances to run. @default `minSize` */
  desiredCapacity: z.int().min(0).max(1000).optional(),
  /** Target tracking on the group's average CPU. @default 60 */
  targetCpuPercent: z.int().min(10).max(90).optional(),
  /** Root volume size in GiB. @default 8 */
  volumeSizeGb: z.int().min(8).max(1024).optional(),
});

export const backendSchema = z.discriminatedUnion("type", [ecsBackendSchema, ec2BackendSchema]);
export type BackendInput = z.infer<typeof backendSchema>;

export const BACKEND_DEFAULTS = {
  backend: { port: 80, healthCheckPath: "/", architecture: "x86_64" },
  ecs: { cpu: 256, memoryMb: 512, desiredCount: 2, targetCpuPercent: 60 },
  ec2: { instanceType: { x86_64: "t3.micro", arm64: "t4g.micro" }, minSize: 2, maxSize: 4, targetCpuPercent: 60, volumeSizeGb: 8 },
} as const;

export interface EcsBackendConfig {
  readonly type: "ecs";
  readonly key: string;
  readonly image: string;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly architecture: LambdaArchitecture;
  readonly cpu: FargateCpu;
  readonly memoryMb: number;
  readonly desiredCount: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly autoscaling: { readonly minCount: number; readonly maxCount: number; readonly targetCpuPercent: number } | undefined;
}

export interface Ec2BackendConfig {
  readonly type: "ec2";
  readonly key: string;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly architecture: LambdaArchitecture;
  readonly instanceType: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly targetCpuPercent: number;
  readonly volumeSizeGb: number;
}

export type BackendConfig = EcsBackendConfig | Ec2BackendConfig;

export function resolveBackend(key: string, b: BackendInput): BackendConfig {
  const common = {
    key,
    port: b.port ?? BACKEND_DEFAULTS.backend.port,
    healthCheckPath: b.healthCheckPath ?? BACKEND_DEFAULTS.backend.healthCheckPath,
    architecture: b.architecture ?? BACKEND_DEFAULTS.backend.architecture,
  };
  if (b.type === "ecs") {
    return {
      type: "ecs",
      ...common,
      image: b.image,
      cpu: b.cpu ?? BACKEND_DEFAULTS.ecs.cpu,
      memoryMb: b.memoryMb ?? BACKEND_DEFAULTS.ecs.memoryMb,
      desiredCount: b.desiredCount ?? b.autoscaling?.minCount ?? BACKEND_DEFAULTS.ecs.desiredCount,
      environment: b.environment ?? {},
      autoscaling: b.autoscaling && {
        minCount: b.autoscaling.minCount,
        maxCount: b.autoscaling.maxCount,
        targetCpuPercent: b.autoscaling.targetCpuPercent ?? BACKEND_DEFAULTS.ecs.targetCpuPercent,
      },
    };
  }
  const minSize = b.minSize ?? BACKEND_DEFAULTS.ec2.minSize;
  return {
    type: "ec2",
    ...common,
    instanceType: b.instanceType ?? BACKEND_DEFAULTS.ec2.instanceType[common.architecture],
    minSize,
    maxSize: b.maxSize ?? Math.max(BACKEND_DEFAULTS.ec2.maxSize, minSize),
    desiredCapacity: b.desiredCapacity ?? minSize,
    targetCpuPercent: b.targetCpuPercent ?? BACKEND_DEFAULTS.ec2.targetCpuPercent,
    volumeSizeGb: b.volumeSizeGb ?? BACKEND_DEFAULTS.ec2.volumeSizeGb,
  };
}

function checkEnvironment(env: Readonly<Record<string, string>> | undefined, base: (string | number)[]): string[] {
  return Object.keys(env ?? {}).flatMap((name) =>
    ENV_VAR_NAME_PATTERN.test(name) ? [] : [`${at(...base, name)}: environment variable name must match ${ENV_VAR_NAME_PATTERN.source}`],
  );
}

function checkEcs(key: string, b: Extract<BackendInput, { type: "ecs" }>): string[] {
  const problems: string[] = [];
  if (!CONTAINER_IMAGE_PATTERN.test(b.image)) {
    problems.push(
      `${at("backends", key, "image")}: ${formatValue(b.image)} is not a container image reference (registry/repository[:tag][@sha256:digest], lower case)`,
    );
  }
  const cpu = b.cpu ?? BACKEND_DEFAULTS.ecs.cpu;
  const memory = b.memoryMb ?? BACKEND_DEFAULTS.ecs.memoryMb;
  const allowed = FARGATE_MEMORY_MB[cpu];
  if (!allowed.includes(memory)) {
    problems.push(`${at("backends", key, "memoryMb")}: ${memory} is not a Fargate memory size for ${cpu} CPU units (allowed: ${allowed.join(", ")})`);
  }
  problems.push(...checkEnvironment(b.environment, ["backends", key, "environment"]));
  const scaling = b.autoscaling;
  if (scaling) {
    if (scaling.minCount > scaling.maxCount)
      problems.push(`${at("backends", key, "autoscaling", "minCount")}: ${scaling.minCount} is above maxCount ${scaling.maxCount}`);
    if (b.desiredCount !== undefined && (b.desiredCount < scaling.minCount || b.desiredCount > scaling.maxCount)) {
      problems.push(`${at("backends", key, "desiredCount")}: ${b.desiredCount} is outside autoscaling's ${scaling.minCount} to ${scaling.maxCount}`);
    }
  }
  return problems;
}

function checkEc2(key: string, b: Extract<BackendInput, { type: "ec2" }>): string[] {
  const problems: string[] = [];
  const architecture = b.architecture ?? BACKEND_DEFAULTS.backend.architecture;
  if (b.instanceType !== undefined) {
    if (!INSTANCE_TYPE_PATTERN.test(b.instanceType)) {
      problems.push(`${at("backends", key, "instanceType")}: ${formatValue(b.instanceType)} is not an EC2 instance type like "t3.micro"`);
    } else if (ARM_INSTANCE_FAMILY_PATTERN.test(b.instanceType) !== (architecture === "arm64")) {
      problems.push(
        `${at("backends", key, "instanceType")}: ${formatValue(b.instanceType)} is ${architecture === "arm64" ? "not a Graviton (arm64)" : "a Graviton (arm64)"} type, but architecture is ${formatValue(architecture)}`,
      );
    }
  }
  const min = b.minSize ?? BACKEND_DEFAULTS.ec2.minSize;
  const max = b.maxSize ?? Math.max(BACKEND_DEFAULTS.ec2.maxSize, min);
  const desired = b.desiredCapacity ?? min;
  if (min > max) problems.push(`${at("backends", key, "minSize")}: ${min} is above maxSize ${max}`);
  else if (desired < min || desired > max) problems.push(`${at("backends", key, "desiredCapacity")}: ${desired} is outside minSize ${min} to maxSize ${max}`);
  return problems;
}

export function checkBackends(input: GatewayInput): string[] {
  const backends = Object.entries(input.backends ?? {});
  if (backends.length === 0) return [];
  const problems: string[] = [];
  if (!input.network) problems.push(`${at("backends")}: backends run in gateway.network, which is not set`);
  for (const [key, b] of backends) {
    if (!BACKEND_KEY_PATTERN.test(key))
      problems.push(
        `${at("backends", key)}: backend key ${formatValue(key)} must match ${BACKEND_KEY_PATTERN.source} (it names the load balancer, whose AWS name has at most 32 characters)`,
      );
    if (b.healthCheckPath !== undefined && !HEALTH_CHECK_PATH_PATTERN.test(b.healthCheckPath)) {
      problems.push(
        `${at("backends", key, "healthCheckPath")}: ${formatValue(b.healthCheckPath)} must be an absolute path like "/health" (letters, digits, ".", "_", "~" and "-"; no segment starting with "." and no trailing "/")`,
      );
    }
    problems.push(...(b.type === "ecs" ? checkEcs(key, b) : checkEc2(key, b)));
  }
  return problems;
}
