import { checkAwsLimits } from "./aws-checks";
import type { GatewayInput } from "./gateway";
import type { ReferenceCheckOptions } from "./references";
import { checkAccess } from "./sections/access";
import { checkBackends } from "./sections/backends";
import { checkRestCors } from "./sections/cors";
import { checkDomains } from "./sections/domain";
import { checkFunctions } from "./sections/function";
import { checkHttpApi } from "./sections/http-api";
import { checkNetwork, checkVpcLinks } from "./sections/network";
import { checkResources, checkTableIndexes, checkTableKeys } from "./sections/resources";
import { checkInternalApi, checkLongIntegrationTimeouts, checkPrivateAccess } from "./sections/rest-api";
import { checkRoutes } from "./sections/route";
import { checkStages } from "./sections/stage";
import { checkUsagePlans } from "./sections/usage-plans";
import { checkWebSocket } from "./sections/websocket";
import type { StackContext } from "./types";

export type { ReferenceCheckOptions } from "./references";
export { checkOpenApiFile } from "./sections/rest-api";

/**
 * Name patterns and cross-references the schema cannot express, each section's in turn (the route
 * integrations' with the routes); every problem, in config order.
 */
export function checkReferences(ctx: StackContext, input: GatewayInput, opts: ReferenceCheckOptions): string[] {
  return [
    ...checkStages(input),
    ...checkFunctions(ctx, input, opts.entryExists),
    ...checkTableKeys(input),
    ...checkLongIntegrationTimeouts(input),
    ...checkVpcLinks(input),
    ...checkResources(input, opts),
    ...checkDomains(input),
    ...checkPrivateAccess(input),
    ...checkNetwork(input),
    ...checkBackends(input),
    ...checkInternalApi(input),
    ...checkWebSocket(input),
    ...checkTableIndexes(input),
    ...checkAccess(input),
    ...checkHttpApi(input),
    ...checkRoutes(input, opts),
    ...checkRestCors(input),
    ...checkUsagePlans(input),
    ...checkAwsLimits(ctx, input),
  ];
}
