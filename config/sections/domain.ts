import { z } from "zod";
import { BASE_PATH_PATTERN, DOMAIN_NAME_PATTERN } from "../constants";
import { formatValue, gatewayPath as at, nameList as list } from "../format";
import type { GatewayInput } from "../gateway";

/** Custom domains, and what stands in front of every stage: the WAF web ACL and the client certificate. */

export const domainSchema = z.strictObject({
  /** The custom domain name, e.g. `api.example.com` (lower case). */
  name: z.string(),
  /** The Route 53 public hosted zone the name lives in (looked up by name). */
  zone: z.string(),
  /** The domain's endpoint type (edge-optimized domains need their certificate in us-east-1). @default `EDGE` for an EDGE API, else `REGIONAL` */
  endpointType: z.enum(["EDGE", "REGIONAL"]).optional(),
  /** Base path → stage name; "" maps the domain's root. */
  basePaths: z.record(z.string(), z.string()),
});

/** A custom domain's endpoint type: EDGE or REGIONAL (a PRIVATE API takes no custom domain). */
export type DomainEndpointType = NonNullable<z.infer<typeof domainSchema>["endpointType"]>;

export const wafSchema = z.strictObject({
  /** Whether the web ACL exists. @default `true` in prod, else `false` */
  enabled: z.boolean().optional(),
  /** Requests one IP may send in 5 minutes before the web ACL blocks it. @default 2000 */
  ratePer5Minutes: z.int().min(10).max(2_000_000_000).optional(),
});

export const EDGE_DEFAULTS = {
  waf: { ratePer5Minutes: 2000 },
  clientCertificate: true,
} as const;

export interface DomainConfig {
  readonly name: string;
  readonly zone: string;
  readonly endpointType: DomainEndpointType;
  readonly basePaths: Readonly<Record<string, string>>;
}

export interface EdgeConfig {
  /** The web ACL in front of the stages, or undefined for none. */
  readonly waf: { readonly ratePer5Minutes: number } | undefined;
  readonly clientCertificate: boolean;
  readonly domains: readonly DomainConfig[];
}

export function resolveEdge(input: GatewayInput): EdgeConfig {
  return {
    waf:
      (input.waf?.enabled ?? input.environment === "prod") ? { ratePer5Minutes: input.waf?.ratePer5Minutes ?? EDGE_DEFAULTS.waf.ratePer5Minutes } : undefined,
    clientCertificate: input.clientCertificate ?? EDGE_DEFAULTS.clientCertificate,
    domains: (input.domains ?? []).map((d) => ({
      name: d.name,
      zone: d.zone,
      endpointType: d.endpointType ?? (input.api?.endpointType === "EDGE" ? "EDGE" : "REGIONAL"),
      basePaths: d.basePaths,
    })),
  };
}

export function checkDomains(input: GatewayInput): string[] {
  const problems: string[] = [];
  const stages = Object.keys(input.stages);
  const seen = new Set<string>();
  for (const [i, d] of (input.domains ?? []).entries()) {
    if (!DOMAIN_NAME_PATTERN.test(d.name))
      problems.push(`${at("domains", i, "name")}: ${formatValue(d.name)} is not a DNS name (lower-case labels, like "api.example.com")`);
    else if (!(d.name === d.zone || d.name.endsWith(`.${d.zone}`)))
      problems.push(`${at("domains", i, "zone")}: ${formatValue(d.name)} is not in the zone ${formatValue(d.zone)}`);
    if (seen.has(d.name)) problems.push(`${at("domains", i, "name")}: ${formatValue(d.name)} is listed twice`);
    seen.add(d.name);
    if (Object.keys(d.basePaths).length === 0) problems.push(`${at("domains", i, "basePaths")}: map at least one base path to a stage`);
    for (const [basePath, stage] of Object.entries(d.basePaths)) {
      if (!BASE_PATH_PATTERN.test(basePath))
        problems.push(`${at("domains", i, "basePaths", basePath)}: base path must match ${BASE_PATH_PATTERN.source} ("" for the root)`);
      if (!stages.includes(stage))
        problems.push(`${at("domains", i, "basePaths", basePath)}: ${formatValue(stage)} is not a stage in gateway.stages (defined: ${list(stages)})`);
    }
  }
  return problems;
}
