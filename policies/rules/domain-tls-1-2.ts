import type { ResourceValidationPolicy } from "@pulumi/policy";
import { shown, TYPES } from "../lib/stack";

/**
 * REST custom domain security policies that accept only TLS 1.2 and newer: the legacy TLS_1_2 and
 * API Gateway's enhanced policies (the `SecurityPolicy_` values of CreateDomainName, as listed by the
 * API Gateway API reference and SDK enums; the TLS13_1_3 ones accept TLS 1.3 only). TLS_1_0 is the
 * only value that still accepts TLS 1.0 and 1.1.
 */
export const TLS_1_2_POLICIES: readonly string[] = [
  "TLS_1_2",
  "SecurityPolicy_TLS13_1_3_2025_09",
  "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
  "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
  "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
  "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09",
  "SecurityPolicy_TLS13_1_2_PQ_2025_09",
  "SecurityPolicy_TLS13_1_2_2021_06",
  "SecurityPolicy_TLS13_2025_EDGE",
  "SecurityPolicy_TLS12_PFS_2025_EDGE",
  "SecurityPolicy_TLS12_2018_EDGE",
];

/**
 * Clients of a custom domain negotiate TLS under the domain's security policy. REST domains can still
 * be set to TLS_1_0; an unset policy is left to API Gateway's default (which has changed over time)
 * and is not drift-detected by the provider, so it must be pinned. HTTP and WebSocket domains only
 * support TLS_1_2.
 */
export const domainTls12: ResourceValidationPolicy = {
  name: "domain-tls-1-2",
  description: "API Gateway custom domain names accept only TLS 1.2 or newer (securityPolicy TLS_1_2 or an enhanced TLS 1.2+/1.3 policy).",
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: (args, report) => {
    if (args.type === TYPES.domainName) {
      const policy = args.props.securityPolicy;
      if (typeof policy === "string" && TLS_1_2_POLICIES.includes(policy)) return;
      report(
        `DomainName "${args.name}" does not pin a TLS 1.2+ security policy (securityPolicy is ${shown(policy)}). Set securityPolicy: "TLS_1_2", or an enhanced policy such as "SecurityPolicy_TLS13_1_2_2021_06" (regional) or "SecurityPolicy_TLS12_PFS_2025_EDGE" (edge) with endpointAccessMode.`,
      );
    } else if (args.type === TYPES.v2DomainName) {
      const config = args.props.domainNameConfiguration as { securityPolicy?: unknown } | undefined;
      if (config?.securityPolicy === "TLS_1_2") return;
      report(
        `DomainName "${args.name}" (API Gateway v2) does not pin TLS 1.2 (domainNameConfiguration.securityPolicy is ${shown(config?.securityPolicy)}). Set domainNameConfiguration.securityPolicy: "TLS_1_2", the only policy HTTP and WebSocket domains support.`,
      );
    }
  },
};
