import {
  ALIAS_NAME_PATTERN,
  BASE_PATH_PATTERN,
  CONTENT_FOLDER_PATTERN,
  DOMAIN_NAME_PATTERN,
  NLB_ARN_PATTERN,
  SUBNET_ID_PATTERN,
  VPC_ID_PATTERN,
  DEFAULT_MAX_INTEGRATION_TIMEOUT_MS,
  DEFINITION_FILE_PATTERN,
  CACHE_KEY_PARAMETER_PATTERN,
  IAM_ROLE_NAME_PATTERN,
  PLAN_NAME_PATTERN,
  CURRENT_VERSION,
  FUNCTION_ENTRY_PATTERN,
  FUNCTION_KEY_PATTERN,
  LATEST_VERSION,
  MAX_LAMBDA_NAME_LENGTH,
  STAGE_NAME_PATTERN,
  STAGE_VARIABLE_NAME_PATTERN,
  STAGE_VARIABLE_VALUE_PATTERN,
  TABLE_KEY_PATTERN,
} from "./constants";
import { DEFAULTS, lambdaFunctionName } from "./defaults";
import { formatPath, formatValue } from "./format";
import { pathParameterNames, pathSegments, pathSyntaxProblem, resourceShape } from "./route-paths";
import type { AliasInput, GatewayInput, RouteInput } from "./schema";
import { importedOperations, type ImportedOpenApi } from "./openapi-import";
import type { StackContext } from "./types";
import { checkArchitecture } from "./backend-references";
import { checkTableIndexes, checkWebSocket } from "./websocket-references";
import { checkAccess, checkRouteAuthorization } from "./access-references";
import { checkHttpApi } from "./http-api-references";
import { checkAwsLimits } from "./aws-checks";
import { checkRestCors, importedPreflightProblems } from "./cors-references";
import { checkIntegration } from "./integrations";
import { checkLambdaTarget, describeRoute } from "./integrations/shared";

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

export const OPENAPI_FILE_PATTERN = /^openapi\/[a-z0-9._-]+\.(ya?ml|json)$/;

/** The imported file, or its problems (a bad name, a missing or invalid file, operations the routes define too). */
export function checkOpenApiFile(input: GatewayInput, opts: ReferenceCheckOptions): { imported: ImportedOpenApi | undefined; problems: string[] } {
  const file = input.api?.openApiFile;
  if (file === undefined) return { imported: undefined, problems: [] };
  const where = at("api", "openApiFile");
  if (!OPENAPI_FILE_PATTERN.test(file)) {
    return { imported: undefined, problems: [`${where}: ${formatValue(file)} must be a .yaml, .yml or .json file in openapi/`] };
  }
  const read = opts.readOpenApi(file);
  if ("problems" in read) return { imported: undefined, problems: read.problems.map((p) => `${where}: ${p}`) };
  const problems: string[] = [];
  const routes = input.routes ?? [];
  for (const operation of importedOperations(read.document)) {
    const [method, path] = operation.split(" ") as [string, string];
    const index = routes.findIndex((r) => r.method === method && pathSyntaxProblem(r.path) === undefined && pathSyntaxProblem(path) === undefined && resourceShape(r.path) === resourceShape(path));
    if (index >= 0) problems.push(`${where}: ${operation} is defined both in ${file} and at ${at("routes", index)}`);
  }
  problems.push(...importedPreflightProblems(input, importedOperations(read.document), file));
  return { imported: read.document, problems };
}

const ROOT = "gateway";
const at = (...path: (string | number)[]) => formatPath([ROOT, ...path]);
const list = (names: Iterable<string>) => [...names].sort().join(", ") || "none";
const VERSION_NUMBER = /^[1-9][0-9]*$/;

function checkVersionRef(version: string, where: string): string | undefined {
  if (version === LATEST_VERSION || version === CURRENT_VERSION || VERSION_NUMBER.test(version)) return undefined;
  return `${where}: ${formatValue(version)} is not ${LATEST_VERSION}, ${CURRENT_VERSION} or a published version number (1, 2, ...)`;
}

function checkAlias(fnKey: string, name: string, alias: AliasInput): string[] {
  const base = ["functions", fnKey, "aliases", name];
  const problems: string[] = [];
  if (!ALIAS_NAME_PATTERN.test(name)) {
    problems.push(`${at(...base)}: alias name ${formatValue(name)} must be letters, digits, "-" or "_" and not only digits`);
  }
  if ((alias.version === undefined) === (alias.weights === undefined)) {
    problems.push(`${at(...base)}: give exactly one of version or weights`);
    return problems;
  }
  if (alias.version !== undefined) {
    const bad = checkVersionRef(alias.version, at(...base, "version"));
    if (bad) problems.push(bad);
    return problems;
  }
  const weights = Object.entries(alias.weights ?? {});
  if (weights.length === 0 || weights.length > 2) {
    problems.push(`${at(...base, "weights")}: an alias routes to 1 or 2 versions, got ${weights.length}`);
  }
  for (const [version] of weights) {
    const bad = checkVersionRef(version, at(...base, "weights", version));
    if (bad) problems.push(bad);
    else if (version === LATEST_VERSION && weights.length > 1) {
      problems.push(`${at(...base, "weights", version)}: weighted routing needs published versions, not ${LATEST_VERSION}`);
    }
  }
  const sum = weights.reduce((total, [, weight]) => total + weight, 0);
  if (weights.length > 0 && Math.abs(sum - 1) > 1e-9) {
    problems.push(`${at(...base, "weights")}: weights sum to ${Number(sum.toFixed(6))}; they must sum to 1`);
  }
  return problems;
}

function checkFunctions(ctx: StackContext, input: GatewayInput, opts: ReferenceCheckOptions): string[] {
  const problems: string[] = [];
  const tables = Object.keys(input.tables ?? {});
  for (const [key, fn] of Object.entries(input.functions ?? {})) {
    if (!FUNCTION_KEY_PATTERN.test(key)) {
      problems.push(`${at("functions", key)}: function key ${formatValue(key)} must match ${FUNCTION_KEY_PATTERN.source}`);
    } else {
      const name = lambdaFunctionName(ctx, key);
      if (name.length > MAX_LAMBDA_NAME_LENGTH) {
        problems.push(
          `${at("functions", key)}: the Lambda name ${formatValue(name)} is ${name.length} characters; at most ${MAX_LAMBDA_NAME_LENGTH} (shorten the key or the stack name)`,
        );
      }
    }
    if (!FUNCTION_ENTRY_PATTERN.test(fn.entry)) {
      problems.push(`${at("functions", key, "entry")}: ${formatValue(fn.entry)} must be a path below functions/ without ".ts", like "items/create"`);
    } else if (!opts.entryExists(fn.entry)) {
      problems.push(`${at("functions", key, "entry")}: ${formatValue(fn.entry)} has no handler file functions/${fn.entry}.ts`);
    }
    for (const table of Object.keys(fn.tables ?? {})) {
      if (!tables.includes(table)) {
        problems.push(`${at("functions", key, "tables", table)}: not a table in gateway.tables (defined: ${list(tables)})`);
      }
    }
    for (const [name, alias] of Object.entries(fn.aliases ?? {})) problems.push(...checkAlias(key, name, alias));
  }
  for (const key of tables) {
    if (!TABLE_KEY_PATTERN.test(key)) {
      problems.push(`${at("tables", key)}: table key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`);
    }
  }
  return problems;
}

function checkStages(input: GatewayInput): string[] {
  const problems: string[] = [];
  const stages = Object.entries(input.stages);
  if (stages.length === 0) problems.push(`${at("stages")}: at least one stage is required`);
  for (const [name, stage] of stages) {
    if (!STAGE_NAME_PATTERN.test(name)) {
      problems.push(`${at("stages", name)}: stage name ${formatValue(name)} must match ${STAGE_NAME_PATTERN.source}`);
    }
    const variableSets: [string[], Record<string, string>][] = [
      [["stages", name, "variables"], stage.variables ?? {}],
      [["stages", name, "canary", "variables"], stage.canary?.variables ?? {}],
    ];
    for (const [where, variables] of variableSets) {
      for (const [variable, value] of Object.entries(variables)) {
        if (!STAGE_VARIABLE_NAME_PATTERN.test(variable)) {
          problems.push(`${at(...where, variable)}: variable name must match ${STAGE_VARIABLE_NAME_PATTERN.source}`);
        } else if (!STAGE_VARIABLE_VALUE_PATTERN.test(value)) {
          problems.push(`${at(...where, variable)}: ${formatValue(value)} must match ${STAGE_VARIABLE_VALUE_PATTERN.source}`);
        }
      }
    }
    for (const [i, role] of (stage.cache?.invalidators ?? []).entries()) {
      if (!IAM_ROLE_NAME_PATTERN.test(role)) {
        problems.push(`${at("stages", name, "cache", "invalidators", i)}: ${formatValue(role)} is not an IAM role name (${IAM_ROLE_NAME_PATTERN.source})`);
      }
    }
  }
  return problems;
}

/** A route names a function (Lambda proxy) or an integration, whose references must exist. */
function checkRouteTarget(input: GatewayInput, route: RouteInput, index: number, opts: ReferenceCheckOptions): string[] {
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

function checkPrivateAccess(input: GatewayInput): string[] {
  const access = input.api?.privateAccess;
  const isPrivate = input.api?.endpointType === "PRIVATE";
  if (isPrivate && !access) return [`${at("api", "privateAccess")}: is required for a PRIVATE API (the VPC and subnets of its execute-api endpoint)`];
  if (!isPrivate && access) return [`${at("api", "privateAccess")}: only a PRIVATE API has one (endpointType is ${formatValue(input.api?.endpointType ?? "REGIONAL")})`];
  if (!access) return [];
  const problems: string[] = [];
  if (!VPC_ID_PATTERN.test(access.vpcId)) problems.push(`${at("api", "privateAccess", "vpcId")}: ${formatValue(access.vpcId)} is not a VPC id (vpc-...)`);
  for (const [i, subnet] of access.subnetIds.entries()) {
    if (!SUBNET_ID_PATTERN.test(subnet)) problems.push(`${at("api", "privateAccess", "subnetIds", i)}: ${formatValue(subnet)} is not a subnet id (subnet-...)`);
  }
  if (isPrivate && (input.domains ?? []).length > 0) problems.push(`${at("domains")}: a PRIVATE API takes no public custom domains`);
  return problems;
}

function checkDomains(input: GatewayInput): string[] {
  const problems: string[] = [];
  const stages = Object.keys(input.stages);
  const seen = new Set<string>();
  for (const [i, d] of (input.domains ?? []).entries()) {
    if (!DOMAIN_NAME_PATTERN.test(d.name)) problems.push(`${at("domains", i, "name")}: ${formatValue(d.name)} is not a DNS name (lower-case labels, like "api.example.com")`);
    else if (!(d.name === d.zone || d.name.endsWith(`.${d.zone}`))) problems.push(`${at("domains", i, "zone")}: ${formatValue(d.name)} is not in the zone ${formatValue(d.zone)}`);
    if (seen.has(d.name)) problems.push(`${at("domains", i, "name")}: ${formatValue(d.name)} is listed twice`);
    seen.add(d.name);
    if (Object.keys(d.basePaths).length === 0) problems.push(`${at("domains", i, "basePaths")}: map at least one base path to a stage`);
    for (const [basePath, stage] of Object.entries(d.basePaths)) {
      if (!BASE_PATH_PATTERN.test(basePath)) problems.push(`${at("domains", i, "basePaths", basePath)}: base path must match ${BASE_PATH_PATTERN.source} ("" for the root)`);
      if (!stages.includes(stage)) problems.push(`${at("domains", i, "basePaths", basePath)}: ${formatValue(stage)} is not a stage in gateway.stages (defined: ${list(stages)})`);
    }
  }
  return problems;
}

function checkTimeout(input: GatewayInput, route: RouteInput, index: number): string[] {
  if (route.timeoutMs === undefined || route.timeoutMs <= DEFAULT_MAX_INTEGRATION_TIMEOUT_MS) return [];
  if (input.api?.longIntegrationTimeouts === true) return [];
  return [
    `${at("routes", index, "timeoutMs")}: ${route.timeoutMs} is above ${DEFAULT_MAX_INTEGRATION_TIMEOUT_MS}; set gateway.api.longIntegrationTimeouts (REGIONAL or PRIVATE APIs only, after raising the quota with AWS)`,
  ];
}

function checkIntegrationResources(input: GatewayInput, opts: ReferenceCheckOptions): string[] {
  const problems: string[] = [];
  if (input.api?.longIntegrationTimeouts === true && (input.api.endpointType ?? "REGIONAL") === "EDGE") {
    problems.push(`${at("api", "longIntegrationTimeouts")}: true is not allowed for an EDGE API (only REGIONAL and PRIVATE APIs can wait over 29 s)`);
  }
  for (const [key, link] of Object.entries(input.vpcLinks ?? {})) {
    if (!TABLE_KEY_PATTERN.test(key)) problems.push(`${at("vpcLinks", key)}: VPC link key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`);
    if (!NLB_ARN_PATTERN.test(link.targetArn)) {
      problems.push(
        `${at("vpcLinks", key, "targetArn")}: ${formatValue(link.targetArn)} is not a Network Load Balancer ARN (a REST API VPC link targets exactly one NLB: arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>)`,
      );
    }
  }
  for (const [key, bucket] of Object.entries(input.buckets ?? {})) {
    if (!TABLE_KEY_PATTERN.test(key)) problems.push(`${at("buckets", key)}: bucket key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`);
    if (bucket.contentFolder !== undefined && !CONTENT_FOLDER_PATTERN.test(bucket.contentFolder)) {
      problems.push(`${at("buckets", key, "contentFolder")}: ${formatValue(bucket.contentFolder)} must be a folder of this repository, like "site/docs"`);
    } else if (bucket.contentFolder !== undefined && !opts.folderExists(bucket.contentFolder)) {
      problems.push(`${at("buckets", key, "contentFolder")}: ${formatValue(bucket.contentFolder)} is not a folder of this repository`);
    }
  }
  for (const key of Object.keys(input.queues ?? {})) {
    if (!TABLE_KEY_PATTERN.test(key)) problems.push(`${at("queues", key)}: queue key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`);
  }
  for (const [key, machine] of Object.entries(input.stateMachines ?? {})) {
    if (!TABLE_KEY_PATTERN.test(key)) problems.push(`${at("stateMachines", key)}: state machine key ${formatValue(key)} must match ${TABLE_KEY_PATTERN.source}`);
    if (!DEFINITION_FILE_PATTERN.test(machine.definition)) {
      problems.push(`${at("stateMachines", key, "definition")}: ${formatValue(machine.definition)} must be a file name in statemachines/ ending in .asl.json`);
    } else if (!opts.definitionExists(machine.definition)) {
      problems.push(`${at("stateMachines", key, "definition")}: ${formatValue(machine.definition)} has no file statemachines/${machine.definition}`);
    }
  }
  return problems;
}

function checkRouteOptions(input: GatewayInput, route: RouteInput, index: number): string[] {
  const problems: string[] = [];
  const params = pathParameterNames(route.path);
  if (route.cache?.enabled !== false && route.cache !== undefined && route.method !== "GET") {
    problems.push(`${at("routes", index, "cache")}: only GET routes cache; a ${route.method} response depends on its body, which the cache key leaves out`);
  }
  for (const [i, key] of (route.cache?.keyParameters ?? []).entries()) {
    const where = at("routes", index, "cache", "keyParameters", i);
    if (!CACHE_KEY_PARAMETER_PATTERN.test(key)) {
      problems.push(`${where}: ${formatValue(key)} must be querystring.<name>, header.<name> or path.<name>`);
    } else if (key.startsWith("path.") && !params.includes(key.slice(5))) {
      problems.push(`${where}: ${formatValue(key)} is not a parameter of ${formatValue(route.path)} (parameters: ${list(params)})`);
    }
  }
  if (route.throttling) {
    for (const [stageName, stage] of Object.entries(input.stages)) {
      const rate = stage.throttling?.rateLimit ?? DEFAULTS.stage.throttling.rateLimit;
      const burst = stage.throttling?.burstLimit ?? DEFAULTS.stage.throttling.burstLimit;
      if (route.throttling.rateLimit > rate) {
        problems.push(`${at("routes", index, "throttling", "rateLimit")}: ${route.throttling.rateLimit} is above the rate limit ${rate} of stage "${stageName}"`);
      }
      if (route.throttling.burstLimit > burst) {
        problems.push(`${at("routes", index, "throttling", "burstLimit")}: ${route.throttling.burstLimit} is above the burst limit ${burst} of stage "${stageName}"`);
      }
    }
  }
  if (route.apiKeyRequired) {
    for (const stageName of Object.keys(input.stages)) {
      const covered = Object.values(input.usagePlans ?? {}).some((plan) => plan.stages.includes(stageName));
      if (!covered) {
        problems.push(`${at("routes", index, "apiKeyRequired")}: no usage plan in gateway.usagePlans covers stage "${stageName}", so no key could call ${describeRoute(route)} there`);
      }
    }
  }
  return problems;
}

const QUOTA_OFFSET_MAX = { DAY: 0, WEEK: 6, MONTH: 27 } as const;

function checkUsagePlans(input: GatewayInput): string[] {
  const problems: string[] = [];
  const stages = Object.keys(input.stages);
  const keys = Object.keys(input.apiKeys ?? {});
  const routes = new Set((input.routes ?? []).filter((r) => r.api !== "internal").map(describeRoute));
  for (const key of keys) {
    if (!PLAN_NAME_PATTERN.test(key)) problems.push(`${at("apiKeys", key)}: key name ${formatValue(key)} must match ${PLAN_NAME_PATTERN.source}`);
  }
  for (const [name, plan] of Object.entries(input.usagePlans ?? {})) {
    if (!PLAN_NAME_PATTERN.test(name)) problems.push(`${at("usagePlans", name)}: plan name ${formatValue(name)} must match ${PLAN_NAME_PATTERN.source}`);
    for (const [i, stage] of plan.stages.entries()) {
      if (!stages.includes(stage)) problems.push(`${at("usagePlans", name, "stages", i)}: ${formatValue(stage)} is not a stage in gateway.stages (defined: ${list(stages)})`);
    }
    for (const [i, key] of (plan.apiKeys ?? []).entries()) {
      if (!keys.includes(key)) problems.push(`${at("usagePlans", name, "apiKeys", i)}: ${formatValue(key)} is not a key in gateway.apiKeys (defined: ${list(keys)})`);
    }
    for (const route of Object.keys(plan.methodThrottles ?? {})) {
      if (!routes.has(route)) problems.push(`${at("usagePlans", name, "methodThrottles", route)}: not a route of the public API in gateway.routes (write it as "METHOD /path")`);
    }
    if (plan.quota?.offset !== undefined && plan.quota.offset > QUOTA_OFFSET_MAX[plan.quota.period]) {
      problems.push(`${at("usagePlans", name, "quota", "offset")}: ${plan.quota.offset} is above the maximum ${QUOTA_OFFSET_MAX[plan.quota.period]} for period ${plan.quota.period}`);
    }
  }
  return problems;
}

function checkRoutes(input: GatewayInput, opts: ReferenceCheckOptions): string[] {
  const problems: string[] = [];
  const routes = input.routes ?? [];
  const seenRoutes = new Map<string, number>();
  const paramAtLevel = new Map<string, { text: string; index: number; path: string }>();
  for (const [index, route] of routes.entries()) {
    const syntax = pathSyntaxProblem(route.path);
    if (syntax) {
      problems.push(`${at("routes", index, "path")}: ${syntax}`);
    } else {
      const key = `${route.api ?? "public"} ${route.method} ${resourceShape(route.path)}`;
      const first = seenRoutes.get(key);
      if (first !== undefined) {
        problems.push(`${at("routes", index)}: ${describeRoute(route)} duplicates ${at("routes", first)} (${describeRoute(routes[first] as RouteInput)})`);
      } else {
        seenRoutes.set(key, index);
        const segments = pathSegments(route.path);
        for (const [level, segment] of segments.entries()) {
          if (segment.kind !== "param") continue;
          const parent = `${route.api ?? "public"} ${resourceShape("/" + route.path.slice(1).split("/").slice(0, level).join("/"))}`;
          const text = route.path.slice(1).split("/")[level] as string;
          const other = paramAtLevel.get(parent);
          if (!other) paramAtLevel.set(parent, { text, index, path: route.path });
          else if (other.text !== text) {
            problems.push(
              `${at("routes", index, "path")}: "${text}" in ${formatValue(route.path)} conflicts with "${other.text}" of ${at("routes", other.index)} (${formatValue(other.path)}); API Gateway allows one parameter per path level`,
            );
            break;
          }
        }
      }
    }
    problems.push(...checkRouteTarget(input, route, index, opts));
    problems.push(...checkTimeout(input, route, index));
    problems.push(...checkRouteOptions(input, route, index));
    problems.push(...checkRouteAuthorization(input, route, index));
  }
  return problems;
}

/** Name patterns and cross-references the schema cannot express; every problem, in config order. */
export function checkReferences(ctx: StackContext, input: GatewayInput, opts: ReferenceCheckOptions): string[] {
  return [
    ...checkStages(input),
    ...checkFunctions(ctx, input, opts),
    ...checkIntegrationResources(input, opts),
    ...checkDomains(input),
    ...checkPrivateAccess(input),
    ...checkArchitecture(input),
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
