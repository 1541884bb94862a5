import {
  ARM_INSTANCE_FAMILY_PATTERN,
  BACKEND_KEY_PATTERN,
  CIDR_BLOCK_PATTERN,
  CONTAINER_IMAGE_PATTERN,
  ENV_VAR_NAME_PATTERN,
  FARGATE_MEMORY_MB,
  HEALTH_CHECK_PATH_PATTERN,
  INSTANCE_TYPE_PATTERN,
  SUBNET_ID_PATTERN,
  VPC_ID_PATTERN,
} from "./constants";
import { DEFAULTS, defaultNetworkShape, publicSubnetPrefix } from "./defaults";
import { formatPath, formatValue } from "./format";
import { pathParameterNames } from "./route-paths";
import type { BackendInput, GatewayInput, RouteInput } from "./schema";

const at = (...path: (string | number)[]) => formatPath(["gateway", ...path]);
const list = (names: Iterable<string>) => [...names].sort().join(", ") || "none";

/** The smallest and largest VPC prefixes awsx can split into public and private subnets per zone. */
const MIN_VPC_PREFIX = 16;
const MAX_VPC_PREFIX = 24;
/** AWS's smallest subnet. */
const SMALLEST_SUBNET_PREFIX = 28;

/** Whether `cidr` is an IPv4 network address with its prefix, e.g. `10.0.0.0/16` (host bits zero). */
export function cidrProblem(cidr: string): string | undefined {
  const m = CIDR_BLOCK_PATTERN.exec(cidr);
  if (!m) return `${formatValue(cidr)} is not an IPv4 CIDR block like "10.0.0.0/16"`;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return `${formatValue(cidr)} is not an IPv4 CIDR block like "10.0.0.0/16"`;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostBits = 2 ** (32 - prefix);
  if (address % hostBits !== 0) return `${formatValue(cidr)} has host bits set (the network of /${prefix} starting there is not aligned)`;
  return undefined;
}

function checkNetwork(input: GatewayInput): string[] {
  const n = input.network;
  if (!n) return [];
  const problems: string[] = [];
  if (n.existing) {
    for (const field of ["cidrBlock", "availabilityZones", "natGateways"] as const) {
      if (n[field] !== undefined) problems.push(`${at("network", field)}: applies to a VPC this stack creates, not to network.existing`);
    }
    if (!VPC_ID_PATTERN.test(n.existing.vpcId)) problems.push(`${at("network", "existing", "vpcId")}: ${formatValue(n.existing.vpcId)} is not a VPC id (vpc-...)`);
    for (const [i, subnet] of n.existing.privateSubnetIds.entries()) {
      if (!SUBNET_ID_PATTERN.test(subnet)) problems.push(`${at("network", "existing", "privateSubnetIds", i)}: ${formatValue(subnet)} is not a subnet id (subnet-...)`);
    }
    return problems;
  }
  if (n.cidrBlock !== undefined) {
    const problem = cidrProblem(n.cidrBlock);
    const prefix = Number(n.cidrBlock.split("/")[1]);
    if (problem) problems.push(`${at("network", "cidrBlock")}: ${problem}`);
    else if (prefix < MIN_VPC_PREFIX || prefix > MAX_VPC_PREFIX) {
      problems.push(`${at("network", "cidrBlock")}: ${formatValue(n.cidrBlock)} must have a prefix from /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`);
    } else {
      const zones = n.availabilityZones ?? defaultNetworkShape(input.environment).availabilityZones;
      const publicPrefix = publicSubnetPrefix(prefix, zones);
      if (publicPrefix > SMALLEST_SUBNET_PREFIX) {
        problems.push(
          `${at("network", "cidrBlock")}: ${formatValue(n.cidrBlock)} is too small for ${zones} zones (each zone's public subnet would be a /${publicPrefix}; AWS subnets are at most /${SMALLEST_SUBNET_PREFIX})`,
        );
      }
    }
  }
  if (n.natGateways === "none" && Object.keys(input.backends ?? {}).length > 0) {
    problems.push(`${at("network", "natGateways")}: "none" leaves private subnets without a way out, but the backends pull images and packages from the internet; use "single" or "onePerZone"`);
  }
  return problems;
}

function checkEnvironment(env: Readonly<Record<string, string>> | undefined, base: (string | number)[]): string[] {
  return Object.keys(env ?? {}).flatMap((name) =>
    ENV_VAR_NAME_PATTERN.test(name) ? [] : [`${at(...base, name)}: environment variable name must match ${ENV_VAR_NAME_PATTERN.source}`],
  );
}

function checkEcs(key: string, b: Extract<BackendInput, { type: "ecs" }>): string[] {
  const problems: string[] = [];
  if (!CONTAINER_IMAGE_PATTERN.test(b.image)) {
    problems.push(`${at("backends", key, "image")}: ${formatValue(b.image)} is not a container image reference (registry/repository[:tag][@sha256:digest], lower case)`);
  }
  const cpu = b.cpu ?? DEFAULTS.ecs.cpu;
  const memory = b.memoryMb ?? DEFAULTS.ecs.memoryMb;
  const allowed = FARGATE_MEMORY_MB[cpu];
  if (!allowed.includes(memory)) {
    problems.push(`${at("backends", key, "memoryMb")}: ${memory} is not a Fargate memory size for ${cpu} CPU units (allowed: ${allowed.join(", ")})`);
  }
  problems.push(...checkEnvironment(b.environment, ["backends", key, "environment"]));
  const scaling = b.autoscaling;
  if (scaling) {
    if (scaling.minCount > scaling.maxCount) problems.push(`${at("backends", key, "autoscaling", "minCount")}: ${scaling.minCount} is above maxCount ${scaling.maxCount}`);
    if (b.desiredCount !== undefined && (b.desiredCount < scaling.minCount || b.desiredCount > scaling.maxCount)) {
      problems.push(`${at("backends", key, "desiredCount")}: ${b.desiredCount} is outside autoscaling's ${scaling.minCount} to ${scaling.maxCount}`);
    }
  }
  return problems;
}

function checkEc2(key: string, b: Extract<BackendInput, { type: "ec2" }>): string[] {
  const problems: string[] = [];
  const architecture = b.architecture ?? DEFAULTS.backend.architecture;
  if (b.instanceType !== undefined) {
    if (!INSTANCE_TYPE_PATTERN.test(b.instanceType)) {
      problems.push(`${at("backends", key, "instanceType")}: ${formatValue(b.instanceType)} is not an EC2 instance type like "t3.micro"`);
    } else if (ARM_INSTANCE_FAMILY_PATTERN.test(b.instanceType) !== (architecture === "arm64")) {
      problems.push(
        `${at("backends", key, "instanceType")}: ${formatValue(b.instanceType)} is ${architecture === "arm64" ? "not a Graviton (arm64)" : "a Graviton (arm64)"} type, but architecture is ${formatValue(architecture)}`,
      );
    }
  }
  const min = b.minSize ?? DEFAULTS.ec2.minSize;
  const max = b.maxSize ?? Math.max(DEFAULTS.ec2.maxSize, min);
  const desired = b.desiredCapacity ?? min;
  if (min > max) problems.push(`${at("backends", key, "minSize")}: ${min} is above maxSize ${max}`);
  else if (desired < min || desired > max) problems.push(`${at("backends", key, "desiredCapacity")}: ${desired} is outside minSize ${min} to maxSize ${max}`);
  return problems;
}

function checkBackends(input: GatewayInput): string[] {
  const backends = Object.entries(input.backends ?? {});
  if (backends.length === 0) return [];
  const problems: string[] = [];
  if (!input.network) problems.push(`${at("backends")}: backends run in gateway.network, which is not set`);
  for (const [key, b] of backends) {
    if (!BACKEND_KEY_PATTERN.test(key)) problems.push(`${at("backends", key)}: backend key ${formatValue(key)} must match ${BACKEND_KEY_PATTERN.source} (it names the load balancer, whose AWS name has at most 32 characters)`);
    if (b.healthCheckPath !== undefined && !HEALTH_CHECK_PATH_PATTERN.test(b.healthCheckPath)) {
      problems.push(`${at("backends", key, "healthCheckPath")}: ${formatValue(b.healthCheckPath)} must be an absolute path like "/health" (letters, digits, ".", "_", "~" and "-"; no segment starting with "." and no trailing "/")`);
    }
    problems.push(...(b.type === "ecs" ? checkEcs(key, b) : checkEc2(key, b)));
  }
  return problems;
}

function checkInternalApi(input: GatewayInput): string[] {
  const routes = input.routes ?? [];
  const internal = routes.map((route, index) => ({ route, index })).filter(({ route }) => route.api === "internal");
  if (!input.internalApi) {
    return internal.map(({ index }) => `${at("routes", index, "api")}: "internal" needs gateway.internalApi (the stack's PRIVATE API)`);
  }
  const problems: string[] = [];
  if (!input.network) problems.push(`${at("internalApi")}: the internal API's execute-api endpoint lives in gateway.network, which is not set`);
  if (input.api?.endpointType === "PRIVATE") {
    problems.push(`${at("internalApi")}: the API is PRIVATE already; an internal API beside it would need a second execute-api endpoint with private DNS in one VPC, which AWS refuses`);
  }
  if (internal.length === 0) problems.push(`${at("internalApi")}: no route has api "internal" (a REST API needs at least one method to deploy)`);
  for (const { route, index } of internal) {
    if (route.cache !== undefined) problems.push(`${at("routes", index, "cache")}: the internal API has no cache cluster; internal routes do not cache`);
    if (route.apiKeyRequired) problems.push(`${at("routes", index, "apiKeyRequired")}: usage plans and API keys cover the public API only`);
  }
  return problems;
}

/** The backend a `backend` route names, and the path it forwards to. */
export function checkBackendRoute(input: GatewayInput, route: RouteInput, index: number, i: { backend: string; path?: string | undefined }): string[] {
  const base = ["routes", index, "integration"];
  const backends = Object.keys(input.backends ?? {});
  const problems: string[] = [];
  if (!backends.includes(i.backend)) {
    problems.push(`${at(...base, "backend")}: ${formatValue(i.backend)} is not a backend in gateway.backends (defined: ${list(backends)})`);
  }
  if (i.path !== undefined) {
    const params = pathParameterNames(route.path);
    if (!/^\/[^\s]*$/.test(i.path)) problems.push(`${at(...base, "path")}: ${formatValue(i.path)} must start with "/"`);
    for (const [, name] of i.path.matchAll(/\{([^}]*)\}/g)) {
      if (!params.includes(name as string)) {
        problems.push(`${at(...base, "path")}: {${name}} is not a parameter of ${formatValue(route.path)} (parameters: ${list(params)})`);
      }
    }
  }
  return problems;
}

/** The network, the backends and the internal API. */
export function checkArchitecture(input: GatewayInput): string[] {
  return [...checkNetwork(input), ...checkBackends(input), ...checkInternalApi(input)];
}
