import type {
  EnforcementLevel,
  Policies,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { RecordedResource } from "./mocks";

/** One resource as the policies see it: what the program registered. */
export type PolicyInput = Pick<RecordedResource, "urn" | "type" | "name" | "inputs" | "parentUrn" | "providerRef" | "dependencies" | "propertyDependencies">;

/** A policy's settings for one stack: its enforcement level and its config properties. */
export interface PolicySettings {
  readonly enforcementLevel?: EnforcementLevel;
  readonly [property: string]: unknown;
}
export type PackConfig = Readonly<Record<string, PolicySettings | EnforcementLevel>>;

export interface Violation {
  readonly policy: string;
  readonly enforcementLevel: "mandatory" | "advisory";
  /** `<type>::<name>` of the resource concerned, or null for a stack-wide violation. */
  readonly resource: string | null;
  readonly message: string;
}

class NotApplicable extends Error {}

// Inputs reach the rules wrapped as the CLI wraps them: reading a value unknown during preview throws.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(o: T): T };

/** Whether `err` is @pulumi/policy's UnknownValueError (its class is internal: match its shape). */
const isUnknownValueError = (err: unknown): err is Error => err instanceof Error && "unknownTypeSentinel" in err;
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "not applicable");
};

const OPTIONS: PolicyResourceOptions = { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [] } as unknown as PolicyResourceOptions;

function typeOf(resourceClass: unknown): string | undefined {
  const t = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" ? t : undefined;
}

const typeChecks = (type: string, props: Record<string, unknown>) => ({
  isType: (cls: unknown) => typeOf(cls) === type,
  asType: (cls: unknown) => (typeOf(cls) === type ? props : undefined),
});

/** A policy's config: its schema defaults, overridden by the stack's pack config. */
export function policyConfig(policy: ResourceValidationPolicy | StackValidationPolicy, pack: PackConfig): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (schema.default !== undefined) defaults[key] = schema.default;
  }
  const given = pack[policy.name];
  if (given === undefined || typeof given === "string") return defaults;
  const { enforcementLevel: _ignored, ...properties } = given;
  return { ...defaults, ...properties };
}

export function enforcementLevelOf(policy: ResourceValidationPolicy | StackValidationPolicy, pack: PackConfig): EnforcementLevel {
  const given = pack[policy.name];
  const level = typeof given === "string" ? given : given?.enforcementLevel;
  return level ?? policy.enforcementLevel ?? "advisory";
}

/** Arguments a resource policy receives, as the Pulumi CLI's analyzer builds them. */
export function resourceArgs(resource: PolicyInput, config: Record<string, unknown>, stackTags: ReadonlyMap<string, string>): ResourceValidationArgs {
  const props = unknownCheckingProxy(resource.inputs);
  return {
    type: resource.type,
    props,
    urn: resource.urn,
    name: resource.name,
    opts: OPTIONS,
    stackTags,
    getConfig: <T extends object>() => config as T,
    notApplicable,
    ...typeChecks(resource.type, props),
  } as ResourceValidationArgs;
}

/** Arguments a stack policy receives: every resource, linked to its parent and dependencies. */
export function stackArgs(resources: readonly PolicyInput[], config: Record<string, unknown>, stackTags: ReadonlyMap<string, string>): StackValidationArgs {
  const byUrn = new Map<string, PolicyResource>();
  const linked = resources.map((r) => {
    const props = unknownCheckingProxy(r.inputs);
    const resource = {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: OPTIONS,
      dependencies: [],
      propertyDependencies: {},
      ...typeChecks(r.type, props),
    } as unknown as PolicyResource;
    byUrn.set(r.urn, resource);
    return { resource, source: r };
  });
  const lookup = (urns: readonly string[]) => urns.flatMap((u) => (byUrn.has(u) ? [byUrn.get(u) as PolicyResource] : []));
  for (const { resource, source } of linked) {
    if (source.parentUrn && byUrn.has(source.parentUrn)) resource.parent = byUrn.get(source.parentUrn);
    resource.dependencies = lookup(source.dependencies);
    resource.propertyDependencies = Object.fromEntries(Object.entries(source.propertyDependencies).map(([k, v]) => [k, lookup(v)]));
  }
  return {
    resources: linked.map((l) => l.resource),
    getConfig: <T extends object>() => config as T,
    stackTags,
    notApplicable,
  };
}

/** `<type>::<name>` from a URN (`urn:pulumi:stack::project::parent$type::name`). */
export function resourceRef(urn: string | undefined): string | null {
  if (!urn) return null;
  const parts = urn.split("::");
  const name = parts.slice(3).join("::");
  const type = (parts[2] ?? "").split("$").pop() as string;
  return `${type}::${name}`;
}

/** The advisory the CLI gives when a rule meets a value unknown during preview; what it reported before stays. */
export const cannotRunMessage = (err: Error): string => `can't run during preview: ${err.message}`;

/**
 * The mandatory finding for a rule that throws: the Pulumi CLI would stop the preview with an error,
 * so the offline run reports it and goes on with the other resources and rules.
 */
export const threwMessage = (err: unknown, resource: string | null): string =>
  `the rule threw on ${resource ?? "the stack"} (${err instanceof Error ? err.message : String(err)}); the Pulumi CLI would stop the preview with this error. Fix the rule, or the input it cannot read.`;

/**
 * Runs every resource and stack policy of a pack over the registered resources, as the CLI does
 * during `pulumi preview --policy-pack`, and returns the violations in a stable order. As the CLI
 * does, a rule that meets an unknown value keeps what it reported before and adds an advisory
 * "can't run during preview"; a rule that throws anything else is reported (mandatory) and the run
 * goes on with the next resource and rule.
 */
export async function evaluatePolicies(
  policies: Policies,
  resources: readonly PolicyInput[],
  pack: PackConfig = {},
  stackTags: ReadonlyMap<string, string> = new Map(),
): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const policy of policies) {
    const level = enforcementLevelOf(policy, pack);
    if (level === "disabled") continue;
    const enforcementLevel = level === "advisory" ? "advisory" : "mandatory";
    const config = policyConfig(policy, pack);
    const report = (fallbackUrn: string | undefined) => (message: string, urn?: string) =>
      violations.push({ policy: policy.name, enforcementLevel, resource: resourceRef(urn ?? fallbackUrn), message });
    const failed = (err: unknown, urn: string | undefined) => {
      if (err instanceof NotApplicable) return;
      const resource = resourceRef(urn);
      if (isUnknownValueError(err)) violations.push({ policy: policy.name, enforcementLevel: "advisory", resource, message: cannotRunMessage(err) });
      else violations.push({ policy: policy.name, enforcementLevel: "mandatory", resource, message: threwMessage(err, resource) });
    };
    if ("validateResource" in policy && policy.validateResource) {
      const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
      for (const resource of resources) {
        for (const validate of validations) {
          const only = typeOf(validate);
          if (only && only !== resource.type) continue;
          try {
            await validate(resourceArgs(resource, config, stackTags), report(resource.urn));
          } catch (err) {
            failed(err, resource.urn);
          }
        }
      }
    } else if ("validateStack" in policy) {
      try {
        await (policy as StackValidationPolicy).validateStack(stackArgs(resources, config, stackTags), report(undefined));
      } catch (err) {
        failed(err, undefined);
      }
    }
  }
  return violations;
}
