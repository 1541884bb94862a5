import { z } from "zod";
import { HTTP_METHODS, STAGE_VARIABLE_NAME_PATTERN, TEMPLATE_FILE_PATTERN } from "../constants";
import { formatPath, formatValue } from "../format";
import type { ReferenceCheckOptions } from "../references";
import type { GatewayInput, RouteInput } from "../schema";
import type { IntegrationResponse, RouteTarget } from "../types";

/**
 * What the config side of every integration type shares: the module contract (schema, defaults,
 * checks), the fields several types have, and the checks of templates, responses, URLs and Lambda
 * targets. A module's schema comments are read by `npm run docs:config` like config/schema.ts's.
 */

export const at = (...path: (string | number)[]) => formatPath(["gateway", ...path]);
export const list = (names: Iterable<string>) => [...names].sort().join(", ") || "none";
export const describeRoute = (route: RouteInput): string => `${route.method} ${route.path}`;

/** Where one route's integration is checked. */
export interface IntegrationCheckContext {
  readonly input: GatewayInput;
  readonly route: RouteInput;
  readonly index: number;
  /** `["routes", index, "integration"]`. */
  readonly base: readonly (string | number)[];
  readonly opts: ReferenceCheckOptions;
}

/** One integration type's config: its schema, its defaults (`resolve`) and its checks. */
export interface IntegrationConfigModule<S extends z.ZodType, R> {
  /** The strict object of this `type` in the `routes[].integration` union. */
  readonly schema: S;
  /** The integration with every default applied. */
  resolve(input: z.output<S>, route: RouteInput): R;
  /** Problems with what it names (templates, queues, tables, ...), each naming its key path. */
  check(input: z.output<S>, ctx: IntegrationCheckContext): string[];
  /**
   * Key paths (below the route) of responses this integration answers without a mapping template:
   * with several CORS origins, only a template can answer the caller's own.
   */
  untemplatedResponses(input: z.output<S>): (string | number)[][];
}

/** A module, its input type inferred from its schema. */
export const integrationConfig = <S extends z.ZodType, R>(module: IntegrationConfigModule<S, R>): IntegrationConfigModule<S, R> => module;

/** How a backend answer maps to the client's: a regex over the backend status (HTTP) or error message (Lambda). */
export const integrationResponseSchema = z.strictObject({
  /** A regex over the backend's status (HTTP) or error message (Lambda); the first match wins. */
  selectionPattern: z.string(),
  /** The status the client gets. */
  statusCode: z.int().min(100).max(599),
  /** A response mapping template in templates/. */
  template: z.string().optional(),
  /** Response header → mapping expression (`integration.response.header.X`, or a quoted static value). */
  headers: z.record(z.string(), z.string()).optional(),
});

export const httpMethodSchema = z.enum(HTTP_METHODS);

type ResponseInput = z.infer<typeof integrationResponseSchema>;
export const resolveResponses = (list: readonly ResponseInput[] | undefined): IntegrationResponse[] =>
  (list ?? []).map((r) => ({ selectionPattern: r.selectionPattern, statusCode: r.statusCode, template: r.template, headers: r.headers ?? {} }));

export function routeTarget(target: { alias?: string | undefined; aliasVariable?: string | undefined }): RouteTarget {
  if (target.aliasVariable !== undefined) return { kind: "stageVariable", variable: target.aliasVariable };
  if (target.alias !== undefined) return { kind: "alias", alias: target.alias };
  return { kind: "unqualified" };
}

/** Responses whose template is missing (the default one's is `responseTemplate`). */
export function untemplated(i: {
  responseTemplate?: string | undefined;
  responses?: readonly { template?: string | undefined }[] | undefined;
}): (string | number)[][] {
  return [
    ...(i.responseTemplate === undefined ? [["integration", "responseTemplate"]] : []),
    ...(i.responses ?? []).flatMap((r, k) => (r.template === undefined ? [["integration", "responses", k, "template"]] : [])),
  ];
}

export function checkTemplate(file: string | undefined, where: readonly (string | number)[], opts: ReferenceCheckOptions): string[] {
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
export function checkResponseTemplate(file: string | undefined, where: readonly (string | number)[], opts: ReferenceCheckOptions): string[] {
  const problems = checkTemplate(file, where, opts);
  if (problems.length > 0 || file === undefined || !opts.readTemplate) return problems;
  const body = opts.readTemplate(file).replace(/^##.*$/gm, "");
  return body.includes("$context.error.")
    ? [
        `${at(...where)}: ${formatValue(file)} reads $context.error, which API Gateway sets only in gateway responses; an integration response renders it empty (use integration-error.vtl)`,
      ]
    : [];
}

type ResponsesInput = readonly { selectionPattern: string; template?: string | undefined }[] | undefined;

export function checkResponses(responses: ResponsesInput, base: readonly (string | number)[], opts: ReferenceCheckOptions): string[] {
  return (responses ?? []).flatMap((r, i) => {
    const problems = checkResponseTemplate(r.template, [...base, "responses", i, "template"], opts);
    try {
      new RegExp(r.selectionPattern);
    } catch (err) {
      problems.push(
        `${at(...base, "responses", i, "selectionPattern")}: ${formatValue(r.selectionPattern)} is not a regular expression (${(err as Error).message})`,
      );
    }
    return problems;
  });
}

export function checkUrl(url: string, where: readonly (string | number)[]): string[] {
  return /^https?:\/\/[^\s]+$/.test(url) ? [] : [`${at(...where)}: ${formatValue(url)} must be an http:// or https:// URL (it may use \${stageVariables.x})`];
}

export interface LambdaTargetInput {
  readonly function: string;
  readonly alias?: string | undefined;
  readonly aliasVariable?: string | undefined;
}

/** The function a Lambda route names, and the alias (fixed or by stage variable) it invokes. */
export function checkLambdaTarget(input: GatewayInput, route: RouteInput, target: LambdaTargetInput, base: readonly (string | number)[]): string[] {
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
      problems.push(
        `${where}: missing; ${describeRoute(route)} (${at(...base.slice(0, 2))}) invokes the alias of "${target.function}" it names (one of ${list(aliases)})`,
      );
    } else if (!aliases.includes(value)) {
      problems.push(
        `${where}: ${formatValue(value)} is not an alias of function "${target.function}" (aliases: ${list(aliases)}), which ${describeRoute(route)} invokes through it`,
      );
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
