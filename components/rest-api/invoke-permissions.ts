import type { RouteConfig, StageConfig } from "../../config";

export interface InvokeGrant {
  readonly function: string;
  /** The alias API Gateway invokes, or undefined for the unqualified function. */
  readonly qualifier: string | undefined;
}

/**
 * One invoke permission per function and alias that some route can reach, whatever the number of
 * routes (Lambda resource policies are limited to 20 KB). A stage-variable route reaches the alias
 * each stage names, and the one its canary names.
 */
export function invokeGrants(routes: readonly RouteConfig[], stages: readonly StageConfig[]): InvokeGrant[] {
  const grants = new Map<string, InvokeGrant>();
  const add = (fn: string, qualifier: string | undefined) => grants.set(`${fn}:${qualifier ?? ""}`, { function: fn, qualifier });
  for (const { integration } of routes) {
    if (integration.type !== "lambda_proxy" && integration.type !== "lambda") continue;
    const { target, function: fn } = integration;
    if (target.kind === "unqualified") add(fn, undefined);
    else if (target.kind === "alias") add(fn, target.alias);
    else {
      for (const stage of stages) {
        for (const alias of [stage.variables[target.variable], stage.canary?.variables[target.variable]]) {
          if (alias !== undefined) add(fn, alias);
        }
      }
    }
  }
  return [...grants.values()].sort((a, b) => `${a.function}:${a.qualifier ?? ""}`.localeCompare(`${b.function}:${b.qualifier ?? ""}`));
}

/** A Pulumi-safe resource name suffix for a grant. */
export function grantName(grant: InvokeGrant): string {
  return grant.qualifier === undefined ? grant.function : `${grant.function}-${grant.qualifier}`;
}
