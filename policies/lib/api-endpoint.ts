/** Endpoint types of REST APIs and their custom domain names. */

export const ENDPOINT_TYPES = ["EDGE", "REGIONAL", "PRIVATE"] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

export interface EndpointTypes {
  /** The types as given, or `["EDGE"]` when none are: API Gateway's default for a REST API or domain name. */
  readonly types: readonly string[];
  /** Whether `endpointConfiguration.types` was left unset. */
  readonly defaulted: boolean;
}

/**
 * `endpointConfiguration.types` of a RestApi or DomainName. `@pulumi/aws` 7 takes one string; earlier
 * versions (and other programs) pass a list, so both are read.
 */
export function endpointTypesOf(props: Record<string, unknown>): EndpointTypes {
  const config = props.endpointConfiguration as { types?: unknown } | undefined;
  const raw = config?.types;
  const types = (Array.isArray(raw) ? raw : raw === undefined || raw === null || raw === "" ? [] : [raw]).map(String);
  return types.length > 0 ? { types, defaulted: false } : { types: ["EDGE"], defaulted: true };
}
