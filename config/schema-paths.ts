import type { core } from "zod";

/**
 * Every key path a zod object schema accepts, as the configuration reference writes them:
 * `stages.<name>.cache.sizeGb`, `routes[].method`. A record's keys are a placeholder (`<name>` or
 * `<key>`, see `recordPlaceholder`), an array's items `[]`; the alternatives of a union each add their
 * own keys. Each path is an object property: a record or array is described on its own property's path.
 */
export type ZodNode = core.$ZodType;
type Def = core.$ZodTypes["_zod"]["def"];

/** Only some options of a discriminated union have the key: the discriminator and their values. */
export interface VariantCondition {
  readonly key: string;
  readonly values: readonly string[];
}

export interface SchemaEntry {
  readonly path: string;
  /** The property's schema (wrappers such as `.optional()` kept) in each alternative that has it. */
  readonly nodes: readonly ZodNode[];
  readonly when?: VariantCondition;
}

/** Records whose keys name things AWS names too (stages, plans, keys, roles, aliases, indexes). */
const NAMED_RECORDS: ReadonlySet<string> = new Set(["stages", "authorizers", "callerRoles", "usagePlans", "apiKeys", "aliases", "indexes"]);

/** The placeholder of a record's keys, chosen by the record's own key: `stages.<name>`, `functions.<key>`. */
function recordPlaceholder(recordPath: string): string {
  const key = recordPath.replace(/\[\]$/, "").split(".").pop() ?? "";
  return NAMED_RECORDS.has(key) ? "<name>" : "<key>";
}

export const recordItemPath = (recordPath: string): string => `${recordPath}.${recordPlaceholder(recordPath)}`;
export const arrayItemPath = (arrayPath: string): string => `${arrayPath}[]`;
export const propertyPath = (prefix: string, key: string): string => (prefix ? `${prefix}.${key}` : key);

export const defOf = (node: ZodNode): Def => (node as core.$ZodTypes)._zod.def;

/** The schema below `.optional()`, `.default()`, `.readonly()` and the like, and the input of a pipe. */
export function unwrap(node: ZodNode): ZodNode {
  const def = defOf(node);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return unwrap(def.innerType);
    case "pipe":
      return unwrap(def.in);
    default:
      return node;
  }
}

interface RawEntry {
  readonly path: string;
  readonly node: ZodNode;
  readonly variant?: VariantCondition & { readonly all: readonly string[] };
}

function discriminatorValues(option: ZodNode, key: string): string[] {
  const def = defOf(unwrap(option));
  if (def.type !== "object") return [];
  const value = def.shape[key];
  if (!value) return [];
  const valueDef = defOf(unwrap(value));
  return valueDef.type === "literal" ? valueDef.values.map(String) : valueDef.type === "enum" ? Object.values(valueDef.entries).map(String) : [];
}

function walk(node: ZodNode, prefix: string): RawEntry[] {
  const def = defOf(unwrap(node));
  switch (def.type) {
    case "object":
      return Object.entries(def.shape).flatMap(([key, child]) => {
        const path = propertyPath(prefix, key);
        return [{ path, node: child }, ...walk(child, path)];
      });
    case "record":
      return walk(def.valueType, recordItemPath(prefix));
    case "array":
      return walk(def.element, arrayItemPath(prefix));
    case "intersection":
      return [...walk(def.left, prefix), ...walk(def.right, prefix)];
    case "union": {
      const key = "discriminator" in def && typeof def.discriminator === "string" ? def.discriminator : undefined;
      if (key === undefined) return def.options.flatMap((o) => walk(o, prefix));
      const all = def.options.flatMap((o) => discriminatorValues(o, key));
      return def.options.flatMap((o) => {
        const values = discriminatorValues(o, key);
        return walk(o, prefix).map((e) => (e.variant ? e : { ...e, variant: { key, values, all } }));
      });
    }
    default:
      return [];
  }
}

/** Entries in schema order; a path several union options share is one entry with each option's node. */
export function schemaEntries(schema: ZodNode): SchemaEntry[] {
  const byPath = new Map<string, RawEntry[]>();
  for (const raw of walk(schema, "")) byPath.set(raw.path, [...(byPath.get(raw.path) ?? []), raw]);
  return [...byPath.entries()].map(([path, raws]) => {
    const nodes = raws.map((r) => r.node);
    const variants = raws.map((r) => r.variant);
    const first = variants[0];
    if (!first || variants.some((v) => v === undefined || v.key !== first.key)) return { path, nodes };
    const values = [...new Set(variants.flatMap((v) => v?.values ?? []))];
    return first.all.every((v) => values.includes(v)) ? { path, nodes } : { path, nodes, when: { key: first.key, values } };
  });
}

export const schemaPaths = (schema: ZodNode): string[] => schemaEntries(schema).map((e) => e.path);
