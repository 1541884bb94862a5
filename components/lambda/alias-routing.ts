import { CURRENT_VERSION, type VersionWeight } from "../../config";

export interface ResolvedAliasRouting {
  readonly functionVersion: string;
  readonly additionalVersionWeights: Readonly<Record<string, number>> | undefined;
}

/**
 * Turns an alias's configured routing into what Lambda takes, once the version this deployment
 * published is known. When both entries resolve to the same version (the first deployment of a
 * `{1: 0.95, current: 0.05}` alias publishes version 1), all traffic goes to it.
 */
export function resolveAliasRouting(routing: readonly VersionWeight[], currentVersion: string): ResolvedAliasRouting {
  const resolve = (v: string) => (v === CURRENT_VERSION ? currentVersion : v);
  const [primary, additional] = routing;
  if (!primary) throw new Error("an alias needs at least one version");
  const functionVersion = resolve(primary.version);
  if (!additional || resolve(additional.version) === functionVersion) {
    return { functionVersion, additionalVersionWeights: undefined };
  }
  return { functionVersion, additionalVersionWeights: { [resolve(additional.version)]: additional.weight } };
}
