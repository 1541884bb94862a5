import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ENDPOINT_TYPES, endpointTypesOf } from "../lib/api-endpoint";
import { TYPES } from "../lib/stack";

export interface AllowedEndpointTypesConfig {
  readonly allowedTypes: readonly string[];
}

/** The subjects this rule reads `endpointConfiguration.types` from. */
const SUBJECTS: Readonly<Record<string, string>> = {
  [TYPES.restApi]: "RestApi",
  [TYPES.domainName]: "DomainName",
};

/**
 * Which endpoint types a stack may expose is an organisation decision: e.g. REGIONAL and PRIVATE only
 * (edge-optimized APIs sit behind a CloudFront distribution AWS manages, not one you configure), or
 * PRIVATE only. REST APIs and their custom domains are EDGE when no type is given.
 */
export const allowedEndpointTypes: ResourceValidationPolicy = {
  name: "allowed-endpoint-types",
  description: "REST APIs and REST custom domain names use only the endpoint types the stack allows (unset means EDGE).",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: {
    properties: {
      allowedTypes: {
        type: "array",
        items: { type: "string", enum: [...ENDPOINT_TYPES] },
        default: [...ENDPOINT_TYPES],
        description: "The endpoint types REST APIs and their custom domain names may use.",
      },
    },
  },
  validateResource: (args, report) => {
    const subject = SUBJECTS[args.type];
    if (!subject) return;
    const allowed = args.getConfig<Partial<AllowedEndpointTypesConfig>>().allowedTypes ?? ENDPOINT_TYPES;
    const { types, defaulted } = endpointTypesOf(args.props);
    const bad = types.filter((t) => !allowed.includes(t));
    if (bad.length === 0) return;
    const value = defaulted ? "unset, which means EDGE" : JSON.stringify(bad.length === 1 ? bad[0] : bad);
    const options =
      allowed.length > 0
        ? `Set endpointConfiguration.types to one of ${allowed.map((t) => JSON.stringify(t)).join(", ")}`
        : "This stack allows no endpoint type; change allowedTypes";
    report(`${subject} "${args.name}" uses an endpoint type this stack does not allow (endpointConfiguration.types is ${value}). ${options}.`);
  },
};
