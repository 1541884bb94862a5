import { createHash } from "crypto";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level, so equal documents serialize equally. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): Json => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v as Json;
  };
  return JSON.stringify(sort(value));
}

/** The deployment trigger: a new deployment whenever anything it snapshots changes. */
export function documentHash(...parts: unknown[]): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}

/** The API settings set beside the document (not in it) that reach clients only with a new deployment. */
export interface DeployedApiSettings {
  /** The resource policy, as JSON; undefined without one. */
  readonly policy: string | undefined;
  readonly binaryMediaTypes: readonly string[];
  readonly endpointType: string;
}

/**
 * A hash of the settings a stage serves from its deployment's snapshot, not from the API: AWS's
 * "Create and attach an API Gateway resource policy to an API" says a changed policy needs a new
 * deployment; aws-cdk-lib's `Deployment` likewise re-hashes on a change of `BinaryMediaTypes`
 * (aws/aws-cdk#35502). The endpoint type is included so a switch is redeployed too (a redeploy costs
 * nothing; a stale one serves the old API). The policy is hashed parsed, so reformatting is no change.
 */
export function apiSettingsHash(settings: DeployedApiSettings): string {
  return documentHash({
    policy: settings.policy === undefined ? null : JSON.parse(settings.policy),
    binaryMediaTypes: [...settings.binaryMediaTypes].sort(),
    endpointType: settings.endpointType,
  });
}
