import type { core } from "zod";
import { defOf, type ZodNode } from "../../config/schema-paths";

/**
 * What a zod schema accepts, in words for the configuration reference: `integer 128–10240`,
 * `` `arm64` | `x86_64` ``, `array of string (at least 1)`, `map of string → object`.
 */
export function describeAllowed(node: ZodNode): string {
  const def = defOf(node);
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return describeAllowed(def.innerType);
    case "nullable":
      return `${describeAllowed(def.innerType)} | null`;
    case "pipe":
      return describeAllowed(def.in);
    case "string":
      return describeString(def, def.checks ?? []);
    case "number":
      return describeNumber(isInteger(def) ? "integer" : "number", def.checks ?? []);
    case "boolean":
      return "boolean";
    case "literal":
      return def.values.map(code).join(" | ");
    case "enum":
      return Object.values(def.entries).map(code).join(" | ");
    case "object":
      return "object";
    case "array":
      return `array of ${inner(def.element)}${countSuffix(def.checks ?? [])}`;
    case "record":
      return `map of ${inner(def.keyType)} → ${inner(def.valueType)}`;
    case "union":
      return [...new Set(def.options.map(describeAllowed))].join(" | ");
    default:
      return def.type;
  }
}

/** True when the key may be left out (`.optional()`, or a zod default). */
export function isOptional(node: ZodNode): boolean {
  const type = defOf(node).type;
  return type === "optional" || type === "default" || type === "prefault";
}

/** `z.int()` and its kin are numbers with an integer format. */
const isInteger = (def: core.$ZodNumberDef): boolean => "format" in def && typeof def.format === "string" && /int/.test(def.format);

const code = (value: unknown): string => `\`${String(value)}\``;

/** An element or value that has alternatives is parenthesized: `array of (`a` | `b`)`. */
function inner(node: ZodNode): string {
  const text = describeAllowed(node);
  return text.includes(" | ") ? `(${text})` : text;
}

type CheckDef = core.$ZodChecks["_zod"]["def"];
const checkDefs = (checks: readonly core.$ZodCheck<never>[]): CheckDef[] => checks.map((c) => (c as unknown as core.$ZodChecks)._zod.def);

function describeNumber(kind: "integer" | "number", checks: readonly core.$ZodCheck<never>[]): string {
  let lower: { value: number; inclusive: boolean } | undefined;
  let upper: { value: number; inclusive: boolean } | undefined;
  for (const c of checkDefs(checks)) {
    if (c.check === "greater_than") lower = { value: Number(c.value), inclusive: c.inclusive };
    if (c.check === "less_than") upper = { value: Number(c.value), inclusive: c.inclusive };
  }
  if (lower?.inclusive && upper?.inclusive) return `${kind} ${lower.value}–${upper.value}`;
  const bounds = [lower && `${lower.inclusive ? "≥" : ">"} ${lower.value}`, upper && `${upper.inclusive ? "≤" : "<"} ${upper.value}`].filter(Boolean);
  return bounds.length ? `${kind} ${bounds.join(" and ")}` : kind;
}

function lengthBounds(checks: readonly core.$ZodCheck<never>[]): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {};
  for (const c of checkDefs(checks)) {
    if (c.check === "min_length") bounds.min = c.minimum;
    if (c.check === "max_length") bounds.max = c.maximum;
    if (c.check === "length_equals") bounds.min = bounds.max = c.length;
  }
  return bounds;
}

function countText({ min, max }: { min?: number; max?: number }): string | undefined {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `${min}–${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return undefined;
}

function countSuffix(checks: readonly core.$ZodCheck<never>[]): string {
  const text = countText(lengthBounds(checks));
  return text ? ` (${text})` : "";
}

function describeString(def: core.$ZodStringDef, checks: readonly core.$ZodCheck<never>[]): string {
  const parts: string[] = [];
  if ("format" in def && typeof def.format === "string") parts.push(`format ${def.format}`);
  const bounds = lengthBounds(checks);
  const length = countText(bounds);
  if (length) parts.push(`${length} ${bounds.max === undefined && bounds.min === 1 ? "character" : "characters"}`);
  for (const c of checkDefs(checks)) {
    if (c.check === "string_format" && c.format === "regex" && c.pattern) parts.push(`matching \`${c.pattern.source}\``);
  }
  return parts.length ? `string, ${parts.join(", ")}` : "string";
}
