import { PolicyPack } from "@pulumi/policy";
import { allPolicies, PACK_NAME } from "./all";

// The only place that constructs the pack: the constructor starts the analyzer's gRPC server.
new PolicyPack(PACK_NAME, { policies: allPolicies });
