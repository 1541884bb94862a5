/**
 * The models as OpenAPI 3.0 `components.schemas`, which API Gateway turns into models when the
 * document is imported (`RestApi.body`, `putRestApiMode: "overwrite"`, `failOnWarnings: true`).
 *
 * Two changes from the draft 4 models, both because the document is OpenAPI 3.0, not draft 4:
 * - `$schema` is omitted. It is not a field of the OpenAPI 3.0 Schema Object; API Gateway builds each
 *   model from the parsed schema object (an imported model's schema comes back without it, and exports
 *   list component schemas without it), and an unexpected field risks an import warning, which fails
 *   the import under `failOnWarnings`.
 * - A nullable property (`type: [T, "null"]`, the ItemPatch fields) loses its `type`. OpenAPI 3.0
 *   allows only a single `type`; its `nullable: true` is dropped by API Gateway's importer, which would
 *   make the gateway reject `{"description": null}`, a valid merge patch. Without `type` the remaining
 *   keywords (maxLength, minimum, maxItems, uniqueItems, items) constrain only values of their own
 *   type, so null passes and so does a value of another type (`{"price": "3"}`): the gateway lets it
 *   through and the handler rejects it. To enforce the exact draft 4 model, update the model after
 *   import (e.g. an `aws.apigateway.Model` with `MODELS.ItemPatch`), as AWS suggests for minItems/maxItems.
 */
import type { Draft4Model, Draft4Schema, Draft4Type } from "./draft4";
import { MODELS, type ModelName } from "./items";

/** A schema OpenAPI 3.0 accepts: one `type` at most and no `$schema`. */
export interface OpenApiSchema extends Omit<Draft4Schema, "type" | "properties" | "items"> {
  readonly type?: Exclude<Draft4Type, "null">;
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly items?: OpenApiSchema;
}

function convert(schema: Draft4Schema, where: string): OpenApiSchema {
  // `$schema` is dropped here (models carry it; OpenAPI 3.0 schema objects do not).
  const { $schema: _ignored, type, properties, items, ...rest } = schema as Draft4Schema & { readonly $schema?: string };
  const out: { -readonly [K in keyof OpenApiSchema]: OpenApiSchema[K] } = { ...rest };
  if (typeof type === "string") {
    if (type === "null") throw new Error(`${where}: type "null" has no OpenAPI 3.0 equivalent`);
    out.type = type;
  } else if (type !== undefined) {
    const others = type.filter((t) => t !== "null");
    if (others.length === 1 && type.length === 2) {
      // [T, "null"]: leave `type` out so null stays valid once imported (see above).
    } else if (others.length === 1 && type.length === 1) {
      out.type = others[0] as Exclude<Draft4Type, "null">;
    } else {
      throw new Error(`${where}: type ${JSON.stringify(type)} has no OpenAPI 3.0 equivalent`);
    }
  }
  if (properties) {
    out.properties = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, convert(value, `${where}.${key}`)]));
  }
  if (items) out.items = convert(items, `${where}[]`);
  // Keep keyword order readable and stable: description, type, then the rest as written.
  const { title, description, type: outType, ...others } = out;
  return {
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(outType !== undefined ? { type: outType } : {}),
    ...others,
  };
}

/** A draft 4 model as an OpenAPI 3.0 component schema. */
export function toComponentSchema(model: Draft4Model): OpenApiSchema {
  return convert(model, model.title);
}

/** `#/components/schemas/<name>` */
export function schemaRef(name: ModelName): string {
  return `#/components/schemas/${name}`;
}

/**
 * `components.schemas` for the given models (each once, sorted by name so the document, and its
 * deployment hash, do not depend on route order).
 */
export function componentSchemas(names: Iterable<ModelName>): Readonly<Partial<Record<ModelName, OpenApiSchema>>> {
  const unique = [...new Set(names)].sort();
  return Object.fromEntries(unique.map((name) => [name, toComponentSchema(MODELS[name])]));
}
