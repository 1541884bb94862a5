import type { ApiConfig, AuthorizerConfig, RouteConfig } from "../../config";
import type { ResourcePolicySettings } from "../access/resource-policy";
import { documentHash } from "./document-hash";

/** What the API's document and the settings a deployment snapshots are made from, in config terms. */
export interface ReleaseInput {
  readonly api: ApiConfig;
  readonly routes: readonly RouteConfig[];
  /** The mapping templates the routes use, by file name, as deployed. */
  readonly templates: Readonly<Record<string, string>>;
  readonly lambdaAuthorizers: readonly AuthorizerConfig[];
  readonly cognito: boolean;
  readonly resourcePolicy: ResourcePolicySettings | undefined;
  readonly binaryMediaTypes: readonly string[];
  readonly privateApi: boolean;
}

/**
 * A release's name: 12 hex characters of a hash of what makes the API, known while the program runs
 * (deployed ARNs are not), so each release's deployment can be its own resource. Route order does not
 * count. Something it leaves out (a replaced user pool's ARN) still redeploys through the deployment's
 * triggers, inside the same release.
 */
export function releaseId(input: ReleaseInput): string {
  const routes = [...input.routes].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
  const authorizers = [...input.lambdaAuthorizers].sort((a, b) => a.name.localeCompare(b.name));
  return documentHash({ ...input, routes, lambdaAuthorizers: authorizers, binaryMediaTypes: [...input.binaryMediaTypes].sort() }).slice(0, 12);
}
