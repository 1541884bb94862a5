/**
 * The reference's tables: each a group of top-level keys of the configuration, in this order. A
 * top-level key no section names lands in the last table, "Other keys".
 */
export interface Section {
  readonly title: string;
  readonly keys: readonly string[];
}

export const SECTIONS: readonly Section[] = [
  { title: "Stack", keys: ["environment", "owner", "tags", "logEncryption", "apiGatewayAccount"] },
  { title: "REST API", keys: ["api", "internalApi", "binaryMediaTypes"] },
  { title: "Routes", keys: ["routes"] },
  { title: "Stages", keys: ["stages"] },
  { title: "Functions", keys: ["functions"] },
  { title: "Tables, queues, buckets and state machines", keys: ["tables", "queues", "buckets", "stateMachines"] },
  { title: "HTTP API", keys: ["httpApi"] },
  { title: "WebSocket API", keys: ["websocket"] },
  { title: "Access: Cognito, authorizers, resource policy, caller roles", keys: ["cognito", "authorizers", "resourcePolicy", "callerRoles"] },
  { title: "Usage plans and API keys", keys: ["usagePlans", "apiKeys"] },
  { title: "Custom domains, WAF and client certificate", keys: ["domains", "waf", "clientCertificate"] },
  { title: "Network, backends and VPC links", keys: ["network", "backends", "vpcLinks"] },
  { title: "Observability", keys: ["observability"] },
];

export const OTHER_SECTION_TITLE = "Other keys";

/** `stages.<name>.cache.sizeGb` → `stages`; `routes[].method` → `routes`. */
export const topLevelKey = (path: string): string => /^[^.[]+/.exec(path)?.[0] ?? path;
