import {
  LAMBDA_DESCRIPTION_MAX_LENGTH,
  LAMBDA_ENVIRONMENT_KEY_PATTERN,
  LAMBDA_ENVIRONMENT_MAX_BYTES,
  LAMBDA_RESERVED_ENVIRONMENT_VARIABLES,
  MAX_TAG_KEY_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  MAX_TAGS_PER_RESOURCE,
  RESERVED_TAG_PREFIX,
  TAG_CHARACTERS_ALLOWED,
  TAG_CHARACTERS_PATTERN,
} from "./aws-limits";
import { functionCorsEnvironment } from "./sections/cors";
import { lambdaFunctionName } from "./sections/function";
import { formatPath, formatValue } from "./format";
import type { GatewayInput } from "./schema";
import type { StackContext } from "./types";

/**
 * What AWS refuses at deploy time, checked before any resource: Lambda environment keys and size,
 * description lengths, tags. Every limit comes from `aws-limits.ts`, which names its source.
 */

const at = (...path: (string | number)[]) => formatPath(["gateway", ...path]);
const RESERVED: readonly string[] = LAMBDA_RESERVED_ENVIRONMENT_VARIABLES;

/** Variables the program sets on every function beside the configured ones (components/lambda/function.ts). */
export function programFunctionEnvironment(functionName: string): Record<string, string> {
  return { NODE_OPTIONS: "--enable-source-maps", POWERTOOLS_SERVICE_NAME: functionName };
}

/** The size Lambda measures: the variables as one JSON object, in UTF-8 bytes. */
export function environmentBytes(variables: Readonly<Record<string, string>>): number {
  return Buffer.byteLength(JSON.stringify(variables), "utf8");
}

const characters = (text: string) => [...text].length;

function checkDescription(description: string | undefined, where: string): string[] {
  if (description === undefined || characters(description) <= LAMBDA_DESCRIPTION_MAX_LENGTH) return [];
  return [`${where}: ${characters(description)} characters; Lambda allows at most ${LAMBDA_DESCRIPTION_MAX_LENGTH}`];
}

function checkFunctionEnvironment(
  ctx: StackContext,
  key: string,
  environment: Readonly<Record<string, string>>,
  cors: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(environment)) {
    const where = at("functions", key, "environment", name);
    if (RESERVED.includes(name)) {
      problems.push(`${where}: Lambda reserves this key and sets it itself; reserved: ${RESERVED.join(", ")}`);
    } else if (!LAMBDA_ENVIRONMENT_KEY_PATTERN.test(name)) {
      problems.push(
        `${where}: environment variable name must match ${LAMBDA_ENVIRONMENT_KEY_PATTERN.source} (a letter, then at least one letter, digit or "_")`,
      );
    }
  }
  const program = { ...programFunctionEnvironment(lambdaFunctionName(ctx, key)), ...cors };
  const bytes = environmentBytes({ ...environment, ...program });
  if (bytes > LAMBDA_ENVIRONMENT_MAX_BYTES) {
    problems.push(
      `${at("functions", key, "environment")}: ${bytes} bytes with ${Object.keys(program).join(" and ")}, measured as JSON as Lambda does; Lambda allows at most ${LAMBDA_ENVIRONMENT_MAX_BYTES} bytes (4 KB) of environment variables per function`,
    );
  }
  return problems;
}

function checkFunctions(ctx: StackContext, input: GatewayInput): string[] {
  return Object.entries(input.functions ?? {}).flatMap(([key, fn]) => [
    ...checkDescription(fn.description, at("functions", key, "description")),
    ...checkFunctionEnvironment(ctx, key, fn.environment ?? {}, functionCorsEnvironment(input, key)),
    ...Object.entries(fn.aliases ?? {}).flatMap(([name, alias]) => checkDescription(alias.description, at("functions", key, "aliases", name, "description"))),
  ]);
}

/** Tag keys the program sets on every resource (components/tags/tags.ts), and on stages. */
export const PROGRAM_TAG_KEYS = ["project", "stack", "environment", "owner"] as const;
const STAGE_TAG_KEY = "stage";

function checkTag(key: string, value: string, where: (string | number)[]): string[] {
  const problems: string[] = [];
  const keyAt = at(...where, key);
  if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
    problems.push(`${keyAt}: tag key ${formatValue(key)} starts with "${RESERVED_TAG_PREFIX}", which AWS reserves for its own tags`);
  }
  if (key.length === 0) problems.push(`${keyAt}: a tag key must not be empty`);
  if (characters(key) > MAX_TAG_KEY_LENGTH) {
    problems.push(`${keyAt}: tag key of ${characters(key)} characters; AWS allows at most ${MAX_TAG_KEY_LENGTH}`);
  }
  if (!TAG_CHARACTERS_PATTERN.test(key))
    problems.push(`${keyAt}: tag key ${formatValue(key)} has characters AWS does not allow in tags (allowed: ${TAG_CHARACTERS_ALLOWED})`);
  if (characters(value) > MAX_TAG_VALUE_LENGTH) {
    problems.push(`${keyAt}: tag value of ${characters(value)} characters; AWS allows at most ${MAX_TAG_VALUE_LENGTH}`);
  }
  if (!TAG_CHARACTERS_PATTERN.test(value)) {
    problems.push(`${keyAt}: tag value ${formatValue(value)} has characters AWS does not allow in tags (allowed: ${TAG_CHARACTERS_ALLOWED})`);
  }
  return problems;
}

function checkTagCount(keys: Iterable<string>, where: string, what: string): string[] {
  const count = new Set(keys).size;
  if (count <= MAX_TAGS_PER_RESOURCE) return [];
  return [`${where}: ${what} would carry ${count} tags; AWS allows at most ${MAX_TAGS_PER_RESOURCE} per resource`];
}

function checkTags(input: GatewayInput): string[] {
  const stackTags = input.tags ?? {};
  const problems = Object.entries(stackTags).flatMap(([key, value]) => checkTag(key, value, ["tags"]));
  if (characters(input.owner) > MAX_TAG_VALUE_LENGTH) {
    problems.push(
      `${at("owner")}: ${characters(input.owner)} characters; it is the value of every resource's "owner" tag, and AWS allows tag values of at most ${MAX_TAG_VALUE_LENGTH}`,
    );
  }
  if (!TAG_CHARACTERS_PATTERN.test(input.owner)) {
    problems.push(
      `${at("owner")}: ${formatValue(input.owner)} is the value of every resource's "owner" tag and has characters AWS does not allow in tags (allowed: ${TAG_CHARACTERS_ALLOWED})`,
    );
  }
  const resourceKeys = [...Object.keys(stackTags), ...PROGRAM_TAG_KEYS];
  problems.push(...checkTagCount(resourceKeys, at("tags"), `with ${PROGRAM_TAG_KEYS.join(", ")}, every resource`));
  for (const [name, stage] of Object.entries(input.stages)) {
    const tags = stage.tags ?? {};
    problems.push(...Object.entries(tags).flatMap(([key, value]) => checkTag(key, value, ["stages", name, "tags"])));
    problems.push(
      ...checkTagCount(
        [...resourceKeys, ...Object.keys(tags), STAGE_TAG_KEY],
        at("stages", name, "tags"),
        `with gateway.tags, ${PROGRAM_TAG_KEYS.join(", ")} and ${STAGE_TAG_KEY}, the stage`,
      ),
    );
  }
  return problems;
}

/** Every problem AWS would refuse at deploy time that the config alone shows, in config order. */
export function checkAwsLimits(ctx: StackContext, input: GatewayInput): string[] {
  return [...checkTags(input), ...checkFunctions(ctx, input)];
}
