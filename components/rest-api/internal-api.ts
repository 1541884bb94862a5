import * as pulumi from "@pulumi/pulumi";
import type { ApiConfig, RouteConfig, StageConfig } from "../../config";
import { PrivateApiEndpoint } from "../network/private-api-endpoint";
import type { Network } from "../network/network";
import { RestApi, type RestApiArgs } from "./rest-api";

export interface InternalApiArgs extends Omit<RestApiArgs, "api" | "routes" | "stages" | "vpcEndpointId" | "privateDns" | "binaryMediaTypes"> {
  readonly name: string;
  /** @default "" */
  readonly description?: string;
  /** The public API's settings: the internal API shares its version and timeout allowance. */
  readonly publicApi: ApiConfig;
  /** The routes with `api: internal`. */
  readonly routes: readonly RouteConfig[];
  /** The stack's stages; the internal API's have the same settings but no cache cluster. */
  readonly stages: readonly StageConfig[];
  readonly network: Network;
  /** Private DNS on the internal API's endpoint (see `PrivateApiEndpointArgs.privateDns`). @default false */
  readonly privateDns?: boolean;
}

/** The internal API's stages: the stack's own, without the cache cluster (cost), which only public routes use. */
export function internalStages(stages: readonly StageConfig[]): StageConfig[] {
  return stages.map((s) => ({ ...s, cache: undefined }));
}

/**
 * A PRIVATE REST API for callers inside the stack's VPC, beside the public one: an `execute-api`
 * interface endpoint in the private subnets (private DNS, HTTPS from the VPC only), and the API with a
 * resource policy that admits requests through that endpoint alone.
 */
export class InternalApi extends pulumi.ComponentResource {
  readonly endpoint: PrivateApiEndpoint;
  readonly api: RestApi;

  constructor(name: string, args: InternalApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("gateway:rest-api:InternalApi", name, {}, opts);
    const { name: apiName, description, publicApi, network, privateDns, ...rest } = args;
    this.endpoint = new PrivateApiEndpoint(
      `${name}-endpoint`,
      {
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        vpcCidrBlock: network.cidrBlock,
        privateDns: privateDns ?? false,
        tags: args.tags ?? {},
      },
      { parent: this },
    );
    this.api = new RestApi(
      `${name}-rest`,
      {
        ...rest,
        api: {
          name: apiName,
          description: description ?? "",
          version: publicApi.version,
          endpointType: "PRIVATE",
          longIntegrationTimeouts: publicApi.longIntegrationTimeouts,
          privateAccess: undefined,
          imported: undefined,
        },
        stages: internalStages(args.stages),
        vpcEndpointId: this.endpoint.endpoint.id,
        privateDns: privateDns ?? false,
      },
      { parent: this },
    );
    this.registerOutputs({ restApiId: this.api.api.id, vpcEndpointId: this.endpoint.endpoint.id });
  }
}
