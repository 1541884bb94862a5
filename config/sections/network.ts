import { z } from "zod";
import {
  CIDR_BLOCK_PATTERN,
  NAT_GATEWAY_MODES,
  NLB_ARN_PATTERN,
  SUBNET_ID_PATTERN,
  TABLE_KEY_PATTERN,
  VPC_ID_PATTERN,
  type Environment,
  type NatGatewayMode,
} from "../constants";
import { formatValue, gatewayPath as at } from "../format";
import type { GatewayInput } from "../gateway";

/** The VPC the backends and the internal API's endpoint live in, and the REST API's VPC links. */

export const networkSchema = z.strictObject({
  /** The VPC's IPv4 block (/16 to /24). @default "10.0.0.0/16" */
  cidrBlock: z.string().optional(),
  /** Zones the subnets spread over. @default `2` (`3` in prod) */
  availabilityZones: z.int().min(2).max(6).optional(),
  /** NAT gateways for the private subnets. @default `single` (`onePerZone` in prod) */
  natGateways: z.enum(NAT_GATEWAY_MODES).optional(),
  /** Use this VPC and its private subnets instead of creating one. */
  existing: z.strictObject({ vpcId: z.string(), privateSubnetIds: z.array(z.string()).min(2) }).optional(),
});

export const vpcLinkSchema = z.strictObject({ targetArn: z.string(), description: z.string().optional() });

export const NETWORK_DEFAULTS = { network: { cidrBlock: "10.0.0.0/16" } } as const;

/** A VPC this stack creates (with awsx), or one that exists. */
export type NetworkConfig =
  | {
      readonly kind: "created";
      readonly cidrBlock: string;
      readonly availabilityZones: number;
      readonly natGateways: NatGatewayMode;
    }
  | { readonly kind: "existing"; readonly vpcId: string; readonly privateSubnetIds: readonly string[] };

export interface VpcLinkConfig {
  readonly key: string;
  readonly targetArn: string;
  readonly description: string;
}

/** Production spreads over three zones with a NAT gateway in each; elsewhere two zones share one NAT gateway. */
export function defaultNetworkShape(environment: Environment): { availabilityZones: number; natGateways: NatGatewayMode } {
  return environment === "prod" ? { availabilityZones: 3, natGateways: "onePerZone" } : { availabilityZones: 2, natGateways: "single" };
}

/**
 * Subnet sizes of a created VPC: each zone gets an equal share of the block; in it, the private subnet
 * (where the backends live) takes half and the public subnet (NAT and internet gateways only) an eighth.
 */
function zonePrefix(vpcPrefix: number, availabilityZones: number): number {
  return vpcPrefix + Math.ceil(Math.log2(availabilityZones));
}
export const privateSubnetPrefix = (vpcPrefix: number, zones: number): number => zonePrefix(vpcPrefix, zones) + 1;
export const publicSubnetPrefix = (vpcPrefix: number, zones: number): number => zonePrefix(vpcPrefix, zones) + 3;

export function resolveNetwork(input: GatewayInput): NetworkConfig | undefined {
  const n = input.network;
  if (!n) return undefined;
  if (n.existing) return { kind: "existing", vpcId: n.existing.vpcId, privateSubnetIds: n.existing.privateSubnetIds };
  const shape = defaultNetworkShape(input.environment);
  return {
    kind: "created",
    cidrBlock: n.cidrBlock ?? NETWORK_DEFAULTS.network.cidrBlock,
    availabilityZones: n.availabilityZones ?? shape.availabilityZones,
    natGateways: n.natGateways ?? shape.natGateways,
  };
}

export function resolveVpcLinks(input: GatewayInput): Record<string, VpcLinkConfig> {
  return Object.fromEntries(Object.entries(input.vpcLinks ?? {}).map(([key, l]) => [key, { key, targetArn: l.targetArn, description: l.description ?? "" }]));
}

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

export function checkNetwork(input: GatewayInput): string[] {
  const n = input.network;
  if (!n) return [];
  const problems: string[] = [];
  if (n.existing) {
    for (const field of ["cidrBlock", "availabilityZones", "natGateways"] as const) {
      if (n[field] !== undefined) problems.push(`${at("network", field)}: applies to a VPC this stack creates, not to network.existing`);
    }
    if (!VPC_ID_PATTERN.test(n.existing.vpcId))
      problems.push(`${at("network", "existing", "vpcId")}: ${formatValue(n.existing.vpcId)} is not a VPC id (vpc-...)`);
    for (const [i, subnet] of n.existing.privateSubnetIds.entries()) {
      if (!SUBNET_ID_PATTERN.test(subnet))
        problems.push(`${at("network", "existing", "privateSubnetIds", i)}: ${formatValue(subnet)} is not a subnet id (subnet-...)`);
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
    problems.push(
      `${at("network", "natGateways")}: "none" leaves private subnets without a way out, but the backends pull images and packages from the internet; use "single" or "onePerZone"`,
    );
  }
  return problems;
}

/** Each VPC link's key, and its target: one Network Load Balancer. */
export function checkVpcLinks(input: GatewayInput): string[] {
  const problems: string[] = [];
  for (const [key, link] of Object.entries(input.vpcLinks ?? {})) {
    if (!TABLE_KEY_PATTERN.test(key)) problems.push(`${at("vpcLinks", key)}: VPC link key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`);
    if (!NLB_ARN_PATTERN.test(link.targetArn)) {
      problems.push(
        `${at("vpcLinks", key, "targetArn")}: ${formatValue(link.targetArn)} is not a Network Load Balancer ARN (a REST API VPC link targets exactly one NLB: arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>)`,
      );
    }
  }
  return problems;
}
