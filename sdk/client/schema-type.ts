/**
 * JSON Schema (the OpenAPI 3.0 subset API Gateway models use, draft 4) to a TypeScript type expression.
 * Only what a schema says becomes a type: a schema with no type, properties, reference, enum or
 * combination is `unknown`. Pure and deterministic.
 */

/** A schema as the document holds it: any JSON object. */
export type Schema = Readonly<Record<string, unknown>>;

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)$/;

/** A name as a TypeScript identifier: letters, digits, `_` and `$`; anything else dropped, a leading digit prefixed. */
export function identifier(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, "");
  return /^[0-9]/.test(cleaned) || cleaned === "" ? `_${cleaned}` : cleaned;
}

/** The type name of a component schema: its key as an identifier. */
export const typeNameOf = (componentKey: string) => identifier(componentKey);

/** A property key as TypeScript writes it: bare when it is an identifier, quoted otherwise. */
export const propertyKey = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

/** A `/** ... *\/` comment of `text` at `indent`, or nothing. */
export function docComment(text: unknown, indent: string): string[] {
  if (typeof text !== "string" || text.trim() === "") return [];
  const lines = text.trim().replace(/\*\//g, "*\\/").split("\n");
  return lines.length === 1 ? [`${indent}/** ${lines[0]} */`] : [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`];
}

const isSchema = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

/** Wraps a union or intersection in parentheses where `[]` would bind tighter. */
const arrayOf = (item: string) => (/[|&]/.test(item) && !/^\{/.test(item) ? `(${item})[]` : `${item}[]`);

const union = (types: readonly string[]) => {
  const unique = [...new Set(types)];
  return unique.includes("unknown") ? "unknown" : unique.join(" | ");
};

/** The TypeScript type of `schema`, its object literals indented from `indent`. */
export function schemaType(schema: unknown, indent = ""): string {
  if (!isSchema(schema)) return "unknown";
  const base = baseType(schema, indent);
  return schema.nullable === true && base !== "unknown" ? union([base, "null"]) : base;
}

function baseType(schema: Schema, indent: string): string {
  if (typeof schema.$ref === "string") {
    const match = COMPONENT_REF.exec(schema.$ref);
    return match ? typeNameOf(decodeURIComponent(match[1] as string)) : "unknown";
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return union(schema.enum.map((v) => (v === null ? "null" : JSON.stringify(v))));
  for (const [keyword, join] of [
    ["oneOf", " | "],
    ["anyOf", " | "],
    ["allOf", " & "],
  ] as const) {
    const parts = schema[keyword];
    if (Array.isArray(parts) && parts.length > 0) {
      const types = parts.map((p) => schemaType(p, indent));
      if (join === " | ") return union(types);
      return types.includes("unknown") && types.every((t) => t === "unknown") ? "unknown" : types.filter((t) => t !== "unknown").join(" & ");
    }
  }
  const type = schema.type;
  if (Array.isArray(type)) return union(type.map((t) => typeFor(String(t), schema, indent)));
  if (typeof type === "string") return typeFor(type, schema, indent);
  if (isSchema(schema.properties)) return objectType(schema, indent);
  return "unknown";
}

function typeFor(type: string, schema: Schema, indent: string): string {
  switch (type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return arrayOf(schemaType(schema.items, indent));
    case "object":
      return objectType(schema, indent);
    default:
      return "unknown";
  }
}

function objectType(schema: Schema, indent: string): string {
  const properties = isSchema(schema.properties) ? Object.entries(schema.properties) : [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const extra = schema.additionalProperties;
  if (properties.length === 0) {
    if (extra === false) return "Record<string, never>";
    return `Record<string, ${isSchema(extra) ? schemaType(extra, indent) : "unknown"}>`;
  }
  const inner = `${indent}  `;
  const lines = properties.flatMap(([name, property]) => [
    ...docComment(isSchema(property) ? property.description : undefined, inner),
    `${inner}${propertyKey(name)}${required.has(name) ? "" : "?"}: ${schemaType(property, inner)};`,
  ]);
  if (isSchema(extra)) lines.push(`${inner}[key: string]: unknown;`);
  return `{\n${lines.join("\n")}\n${indent}}`;
}
