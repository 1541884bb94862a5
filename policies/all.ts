import type { Policies } from "@pulumi/policy";
import { cacheInvalidationRequiresAuthorization } from "./rules/cache-invalidation-authorization";
import { noWildcardCacheInvalidationGrant } from "./rules/no-wildcard-cache-invalidation-grant";

/** Every rule of the pack, in the order the report lists them. Tests and the offline preview import this. */
export const allPolicies: Policies = [cacheInvalidationRequiresAuthorization, noWildcardCacheInvalidationGrant];
