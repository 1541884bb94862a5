import { STAGE_VARIABLE_NAME_PATTERN, TEMPLATE_FILE_PATTERN } from "./constants";
import { formatPath, formatValue } from "./format";
import { pathParameterNames } from "./route-paths";
import type { GatewayInput, RouteInput } from "./schema";
import type { ImportedOpenApi } from "./openapi-import";
import { checkBackendRoute } from "./backend-references";

/**
 * The checks of what a REST route's request goes to (`routes[].function` and `routes[].integration`):
 * the functions, templates, queues, state machines, buckets, VPC links and backends it names. The
 * other checks are in their sections (config/sections/); config/checks.ts runs them all.
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
const list = (names: Iterable<string>) => [...names].sort().join(", ") || "none";

function describeRoute(route: RouteInput): string {
  return `${route.method} ${route.path}`;
}

interface LambdaTargetInput {
  readonly function: string;
  readonly alias?: string | undefined;
  readonly aliasVariable?: string | undefined;
}

/** The function a Lambda route names, and the alias (fixed or by stage variable) it invokes. */
function checkLambdaTarget(input: GatewayInput, route: RouteInput, target: LambdaTargetInput, base: (string | number)[]): string[] {
  const functions = input.functions ?? {};
  const fn = functions[target.function];
  if (!fn) {
    return [`${at(...base, "function")}: ${formatValue(target.function)} is not a function in gateway.functions (defined: ${list(Object.keys(functions))})`];
  }
  const aliases = Object.keys(fn.aliases ?? {});
  if (target.alias !== undefined && target.aliasVariable !== undefined) {
    return [`${at(...base)}: give alias or aliasVariable, not both`];
  }
  if (target.alias !== undefined && !aliases.includes(target.alias)) {
    return [`${at(...base, "alias")}: ${formatValue(target.alias)} is not an alias of function "${target.function}" (aliases: ${list(aliases)})`];
  }
  const variable = target.aliasVariable;
  if (variable === undefined) return [];
  if (!STAGE_VARIABLE_NAME_PATTERN.test(variable)) {
    return [`${at(...base, "aliasVariable")}: ${formatValue(variable)} must match ${STAGE_VARIABLE_NAME_PATTERN.source}`];
  }
  if (aliases.length === 0) {
    return [`${at(...base, "aliasVariable")}: function "${target.function}" has no aliases for ${formatValue(variable)} to name`];
  }
  const problems: string[] = [];
  for (const [stageName, stage] of Object.entries(input.stages)) {
    const value = stage.variables?.[variable];
    const where = at("stages", stageName, "variables", variable);
    if (value === undefined) {
      problems.push(`${where}: missing; ${describeRoute(route)} (${at(...base.slice(0, 2))}) invokes the alias of "${target.function}" it names (one of ${list(aliases)})`);
    } else if (!aliases.includes(value)) {
      problems.push(`${where}: ${formatValue(value)} is not an alias of function "${target.function}" (aliases: ${list(aliases)}), which ${describeRoute(route)} invokes through it`);
    }
    const canaryValue = stage.canary?.variables?.[variable];
    if (canaryValue !== undefined && !aliases.includes(canaryValue)) {
      problems.push(
        `${at("stages", stageName, "canary", "variables", variable)}: ${formatValue(canaryValue)} is not an alias of function "${target.function}" (aliases: ${list(aliases)}), which ${describeRoute(route)} invokes through it`,
      );
    }
  }
  return problems;
}

function checkTemplate(file: string | undefined, where: (string | number)[], opts: ReferenceCheckOptions): string[] {
  if (file === undefined) return [];
  if (!TEMPLATE_FILE_PATTERN.test(file)) return [`${at(...where)}: ${formatValue(file)} must be a file name in templates/ ending in .vtl`];
  if (!opts.templateExists(file)) return [`${at(...where)}: ${formatValue(file)} has no file templates/${file}`];
  return [];
}

/**
 * An integration response's template: `$context.error.*` is set only for gateway responses (AWS,
 * "Variables for data transformations": the error variables are for gateway response templates), so
 * such a template would render `"message": ,` there.
 */
function checkResponseTemplate(file: string | undefined, where: (string | number)[], opts: ReferenceCheckOptions): string[] {
  const problems = checkTemplate(file, where, opts);
  if (problems.length > 0 || file === undefined || !opts.readTemplate) return problems;
  const body = opts.readTemplate(file).replace(/^##.*$/gm, "");
  return body.includes("$context.error.")
    ? [`${at(...where)}: ${formatValue(file)} reads $context.error, which API Gateway sets only in gateway responses; an integration response renders it empty (use integration-error.vtl)`]
    : [];
}

type ResponsesInput = readonly { selectionPattern: string; template?: string | undefined }[] | undefined;

function checkResponses(responses: ResponsesInput, base: (string | number)[], opts: ReferenceCheckOptions): string[] {
  return (responses ?? []).flatMap((r, i) => {
    const problems = checkResponseTemplate(r.template, [...base, "responses", i, "template"], opts);
    try {
      new RegExp(r.selectionPattern);
    } catch (err) {
      problems.push(`${at(...base, "responses", i, "selectionPattern")}: ${formatValue(r.selectionPattern)} is not a regular expression (${(err as Error).message})`);
    }
    return problems;
  });
}

function checkUrl(url: string, where: (string | number)[]): string[] {
  return /^https?:\/\/[^\s]+$/.test(url) ? [] : [`${at(...where)}: ${formatValue(url)} must be an http:// or https:// URL (it may use \${stageVariables.x})`];
}

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
  const base = ["routes", index, "integration"];
  switch (i.type) {
    case "mock":
      return checkResponseTemplate(i.template, [...base, "template"], opts);
    case "http":
      return [
        ...checkUrl(i.url, [...base, "url"]),
        ...checkTemplate(i.requestTemplate, [...base, "requestTemplate"], opts),
        ...checkResponseTemplate(i.responseTemplate, [...base, "responseTemplate"], opts),
        ...checkResponses(i.responses, base, opts),
      ];
    case "http_proxy": {
      const links = Object.keys(input.vpcLinks ?? {});
      const problems = checkUrl(i.url, [...base, "url"]);
      if (i.vpcLink !== undefined && !links.includes(i.vpcLink)) {
        problems.push(`${at(...base, "vpcLink")}: ${formatValue(i.vpcLink)} is not a VPC link in gateway.vpcLinks (defined: ${list(links)})`);
      }
      return problems;
    }
    case "lambda":
      return [
        ...checkLambdaTarget(input, route, i, base),
        ...checkTemplate(i.requestTemplate, [...base, "requestTemplate"], opts),
        ...checkResponseTemplate(i.responseTemplate, [...base, "responseTemplate"], opts),
        ...checkResponses(i.responses, base, opts),
      ];
    case "sqs": {
      const queues = Object.keys(input.queues ?? {});
      const problems = checkTemplate(i.requestTemplate, [...base, "requestTemplate"], opts);
      if (!queues.includes(i.queue)) problems.unshift(`${at(...base, "queue")}: ${formatValue(i.queue)} is not a queue in gateway.queues (defined: ${list(queues)})`);
      return problems;
    }
    case "s3": {
      const buckets = Object.keys(input.buckets ?? {});
      const problems: string[] = [];
      if (!buckets.includes(i.bucket)) problems.push(`${at(...base, "bucket")}: ${formatValue(i.bucket)} is not a bucket in gateway.buckets (defined: ${list(buckets)})`);
      if (i.objectKey === undefined && !pathParameterNames(route.path).includes("key")) {
        problems.push(`${at(...base)}: give objectKey, or a {key} or {key+} path parameter naming the object (${formatValue(route.path)} has none)`);
      }
      if (route.method !== "GET" && route.method !== "HEAD") problems.push(`${at(...base)}: an S3 route reads objects: GET or HEAD, not ${route.method}`);
      return problems;
    }
    case "backend":
      return checkBackendRoute(input, route, index, i);
    case "stepfunctions": {
      const machines = Object.keys(input.stateMachines ?? {});
      const problems = checkTemplate(i.requestTemplate, [...base, "requestTemplate"], opts);
      if (!machines.includes(i.stateMachine)) {
        problems.unshift(`${at(...base, "stateMachine")}: ${formatValue(i.stateMachine)} is not a state machine in gateway.stateMachines (defined: ${list(machines)})`);
      }
      return problems;
    }
  }
}
