import { z } from "zod";

export type ConfigPath = readonly (string | number)[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `gateway.stages["my stage"].variables`, `gateway.routes[3].method`. */
export function formatPath(path: ConfigPath): string {
  return path
    .map((part, i) => {
      if (typeof part === "number") return `[${part}]`;
      if (IDENTIFIER.test(part)) return i === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join("");
}

/** A key path below the `gateway` value: `gatewayPath("routes", 3, "method")` → `gateway.routes[3].method`. */
export const gatewayPath = (...path: (string | number)[]): string => formatPath(["gateway", ...path]);

/** Names as a message lists them: sorted, comma-separated, `none` for none. */
export const nameList = (names: Iterable<string>): string => [...names].sort().join(", ") || "none";

/** Marks a non-finite number inside JSON text: no string a user writes in YAML starts with it. */
const NON_FINITE = "\u0000\u2063";

/**
 * A value as a user would write it, shortened so one bad value cannot flood the report. `NaN` and
 * `Infinity` are named as such (JSON would show them as `null`).
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const json =
    JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? `${NON_FINITE}${v}` : v))?.replace(
      /"\\u0000\u2063(NaN|-?Infinity)"/g,
      "$1",
    ) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean (true or false)",
  object: "an object",
  array: "a list",
  record: "an object",
};

/**
 * The keys an object schema allows at `path` below `schema`, or none if the path leaves objects. The
 * input picks the member of a discriminated union (by its discriminator's value); a plain union's is
 * its object member.
 */
function allowedKeysAt(schema: z.ZodType, path: ConfigPath, input?: unknown): string[] {
  let current: z.ZodType | undefined = schema;
  let value: unknown = input;
  for (const part of [...path, undefined]) {
    for (;;) {
      if (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
      else if (current instanceof z.ZodDiscriminatedUnion) {
        const key = current._zod.def.discriminator;
        const wanted = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
        current = (current.options as z.ZodType[]).find((o) => o instanceof z.ZodObject && (o.shape[key] as z.ZodLiteral | undefined)?.value === wanted);
      } else if (current instanceof z.ZodUnion) {
        // A plain union (e.g. `false` or an object): the keys are the object member's.
        current = (current.options as z.ZodType[]).find((o) => o instanceof z.ZodObject);
      } else break;
    }
    if (part === undefined) break;
    value = value && typeof value === "object" ? (value as Record<string | number, unknown>)[part] : undefined;
    if (current instanceof z.ZodObject) current = current.shape[part as string] as z.ZodType | undefined;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

/** One message per problem, each naming the key path, the bad value and what is allowed. */
export function formatIssue(schema: z.ZodType, issue: z.core.$ZodIssue, root: string, rootInput?: unknown): string[] {
  const path = [root, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  const at = formatPath(path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type": {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (input === undefined) return [`${at}: is required (${expected})`];
      if (typeof input === "number" && !Number.isFinite(input) && (issue.expected === "number" || issue.expected === "int")) {
        return [`${at}: ${formatValue(input)} is not a finite number`];
      }
      return [`${at}: ${formatValue(input)} is not ${expected}`];
    }
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(schema, issue.path as ConfigPath, rootInput);
      return issue.keys.map((key) => `${formatPath([...path, key])}: unknown key; allowed keys at ${at}: ${allowed.join(", ")}`);
    }
    case "invalid_value":
      if (input === undefined) return [`${at}: is required (one of ${issue.values.map((v) => String(v)).join(", ")})`];
      return [`${at}: ${formatValue(input)} is not one of ${issue.values.map((v) => String(v)).join(", ")}`];
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return [`${at}: must not be empty`];
      if (issue.origin === "string") return [`${at}: ${formatValue(input)} is shorter than ${issue.minimum} characters`];
      if (issue.origin === "array" && Array.isArray(input)) {
        return [`${at}: has ${input.length} item${input.length === 1 ? "" : "s"}; at least ${issue.minimum} required`];
      }
      if (issue.inclusive === false) return [`${at}: ${formatValue(input)} must be greater than ${issue.minimum}`];
      return [`${at}: ${formatValue(input)} is below the minimum ${issue.minimum}`];
    case "too_big":
      if (issue.origin === "string") return [`${at}: ${formatValue(input)} is longer than ${issue.maximum} characters`];
      if (issue.inclusive === false) return [`${at}: ${formatValue(input)} must be less than ${issue.maximum}`];
      return [`${at}: ${formatValue(input)} is above the maximum ${issue.maximum}`];
    case "invalid_union": {
      const { discriminator, options } = issue as unknown as { discriminator?: string; options?: unknown[] };
      if (discriminator && options) {
        const given = input && typeof input === "object" ? (input as Record<string, unknown>)[discriminator] : undefined;
        const allowed = options.map(String).join(", ");
        return [given === undefined ? `${at}: is required (one of ${allowed})` : `${at}: ${formatValue(given)} is not one of ${allowed}`];
      }
      const alternatives = unionAlternatives(issue as unknown as { errors?: readonly (readonly z.core.$ZodIssue[])[] });
      if (alternatives.length > 0 && input !== undefined) return [`${at}: ${formatValue(input)} is not ${alternatives.join(" or ")}`];
      return [`${at}: ${issue.message}`];
    }
    case "invalid_format":
      return [`${at}: ${formatValue(input)} does not match ${"pattern" in issue ? issue.pattern : issue.format}`];
    default:
      return [`${at}: ${issue.message}`];
  }
}

/**
 * What each member of a plain union takes, from the issue each raised at the union's own place (`false`,
 * "an object"); empty when a member failed deeper, since its own issues then say more.
 */
function unionAlternatives(issue: { errors?: readonly (readonly z.core.$ZodIssue[])[] }): string[] {
  const out: string[] = [];
  for (const errors of issue.errors ?? []) {
    const own = errors.length === 1 && errors[0]?.path.length === 0 ? errors[0] : undefined;
    if (own?.code === "invalid_value") out.push(own.values.map((v) => (typeof v === "string" ? JSON.stringify(v) : String(v))).join(", "));
    else if (own?.code === "invalid_type") out.push(TYPE_NAMES[own.expected] ?? own.expected);
    else return [];
  }
  return out;
}
