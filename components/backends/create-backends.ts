import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../../config";
import { defaultLogRetentionDays } from "../../config/defaults";
import type { Network } from "../network/network";
import { Ec2Backend } from "./ec2-fleet";
import { FargateBackend } from "./fargate-service";

export type Backend = FargateBackend | Ec2Backend;

/** Every backend of the stack, in the network's private subnets, by key. */
export function createBackends(
  cfg: StackConfig,
  network: Network | undefined,
  tags: Readonly<Record<string, string>>,
  logsKmsKeyArn: pulumi.Input<string> | undefined,
): Record<string, Backend> {
  const entries = Object.values(cfg.backends);
  if (entries.length === 0) return {};
  if (!network) throw new Error("backends need gateway.network (the configuration check should have said so)");
  const protect = cfg.environment === "prod";
  return Object.fromEntries(
    entries.map((b) => {
      const common = {
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        vpcCidrBlock: network.cidrBlock,
        namePrefix: `${cfg.project}-${cfg.stack}-${b.key}`,
        deletionProtection: protect,
        tags,
      };
      const backend: Backend =
        b.type === "ecs"
          ? new FargateBackend(b.key, { ...common, config: b, logRetentionDays: defaultLogRetentionDays(cfg.environment), logsKmsKeyArn })
          : new Ec2Backend(b.key, { ...common, config: b });
      return [b.key, backend];
    }),
  );
}
