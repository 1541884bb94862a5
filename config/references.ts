import { formatPath } from "./format";
import type { GatewayInput, RouteInput } from "./schema";
import type { ImportedOpenApi } from "./openapi-import";
import { checkIntegration } from "./integrations";
import { checkLambdaTarget } from "./integrations/shared";

/**
 * The checks of what a REST route's request goes to (`routes[].function` and `routes[].integration`):
 * each integration type's own checks are in its module (config/integrations/). The other checks are in
 * their sections (config/sections/); config/checks.ts runs them all.
 */

export interface ReferenceCheckOptions {
  /** Whether `functions/<entry>.ts` exists; injected so the checks stay pure. */
  readonly entryExists: (entry: string) => boolean;
  /** Whether `templates/<file>` exists. */
  readonly templateExists: (file: string) => boolean;
  /** The text of `templates/<file>`; without it, integration-response templates are not read. */
  readonly readTemplate?: (file: string) => string;
  /** Whether `statemachines/<file>` exists. */
  readonly definitionExists: (file: string) => boolean;
  /** Whether a folder of the repository exists. */
  readonly folderExists: (folder: string) => boolean;
  /** Reads and checks an OpenAPI file named by api.openApiFile. */
  readonly readOpenApi: (file: string) => { document: ImportedOpenApi } | { problems: string[] };
}

const ROOT = "gateway";
const at = (...path: (string | number)[]) => formatPath([ROOT, ...path]);

/** A route names a function (Lambda proxy) or an integration, whose references must exist. */
export function checkRouteTarget(input: GatewayInput, route: RouteInput, index: number, opts: ReferenceCheckOptions): string[] {
  const i = route.integration;
  if (route.function !== undefined && i !== undefined) return [`${at("routes", index)}: give function (a Lambda proxy route) or integration, not both`];
  if (i === undefined) {
    if (route.function === undefined) return [`${at("routes", index)}: give function (a Lambda proxy route) or integration`];
    return checkLambdaTarget(input, route, { function: route.function, alias: route.alias, aliasVariable: route.aliasVariable }, ["routes", index]);
  }
  if (route.alias !== undefined || route.aliasVariable !== undefined) {
    return [`${at("routes", index)}: alias and aliasVariable go with function; inside integration for type lambda`];
  }
  return checkIntegration(i, { input, route, index, base: ["routes", index, "integration"], opts });
}
