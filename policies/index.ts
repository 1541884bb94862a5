import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./all";

// The only place that constructs the pack: the constructor starts the analyzer's gRPC server.
new PolicyPack("microservice-gateway", { policies: allPolicies });
