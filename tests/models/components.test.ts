import { compileErrors, validate } from "@readme/openapi-parser";
import {
  ITEM_CREATE_MODEL,
  ITEM_PATCH_MODEL,
  MODELS,
  REQUEST_VALIDATOR_EXTENSION,
  REQUEST_VALIDATORS,
  REQUEST_VALIDATORS_EXTENSION,
  componentSchemas,
  requestValidation,
  schemaRef,
  toComponentSchema,
  type Draft4Model,
  type OpenApiSchema,
} from "../../components/rest-api/models";
import { ALL_CASES, type Case } from "./cases";
import { draft4, handlerVerdict, schemaVerdict } from "./harness";

const ajv = draft4({ strictTypes: false });

function everySchema(schema: OpenApiSchema, visit: (s: OpenApiSchema) => void): void {
  visit(schema);
  for (const sub of Object.values(schema.properties ?? {})) everySchema(sub, visit);
  if (schema.items) everySchema(schema.items, visit);
}

describe("componentSchemas", () => {
  it("lists each model once, sorted by name, whatever the order asked", () => {
    const schemas = componentSchemas(["ItemPatch", "Error", "ItemCreate", "ItemPatch"]);
    expect(Object.keys(schemas)).toEqual(["Error", "ItemCreate", "ItemPatch"]);
    expect(componentSchemas([])).toEqual({});
  });

  it("schemaRef points into components.schemas", () => {
    expect(schemaRef("ItemCreate")).toBe("#/components/schemas/ItemCreate");
  });

  it.each(Object.keys(MODELS) as (keyof typeof MODELS)[])("%s: no $schema, a single type at most, nothing else changed for non-nullable fields", (name) => {
    const schema = toComponentSchema(MODELS[name]);
    expect(schema).not.toHaveProperty("$schema");
    expect(JSON.stringify(schema)).not.toContain("$schema");
    expect(schema.title).toBe(name);
    everySchema(schema, (s) => {
      if (s.type !== undefined) expect(typeof s.type).toBe("string");
      expect(s).not.toHaveProperty("nullable"); // dropped by API Gateway's importer
    });
  });

  it("ItemCreate and Error are the draft 4 models without $schema", () => {
    for (const model of [ITEM_CREATE_MODEL, MODELS.Error] as Draft4Model[]) {
      const { $schema, ...rest } = model;
      expect($schema).toBe("http://json-schema.org/draft-04/schema#");
      expect(toComponentSchema(model)).toEqual(rest);
    }
  });

  it("ItemPatch's nullable fields lose their type and keep every other keyword", () => {
    const schema = toComponentSchema(ITEM_PATCH_MODEL);
    const { $schema: _, properties, ...rest } = ITEM_PATCH_MODEL;
    expect(schema).toMatchObject(rest);
    expect(schema.properties?.name).toEqual(properties?.name);
    expect(schema.properties?.description).toEqual({ description: "At most 2000 characters, or null to remove the field.", maxLength: 2000 });
    expect(schema.properties?.price).toEqual({ description: "A number >= 0, or null to remove the field.", minimum: 0 });
    expect(schema.properties?.tags).toEqual({
      description: "At most 20 distinct tags of 1 to 50 characters, or null to remove the field.",
      maxItems: 20,
      uniqueItems: true,
      items: { type: "string", minLength: 1, maxLength: 50 },
    });
  });

  it.each([
    ["type null", { type: "null" }],
    ["two non-null types", { type: ["string", "number"] }],
    ["three types", { type: ["string", "number", "null"] }],
  ])("refuses a property with %s (no OpenAPI 3.0 form)", (_, property) => {
    const model = { $schema: "http://json-schema.org/draft-04/schema#", title: "Odd", type: "object", properties: { p: property } } as unknown as Draft4Model;
    expect(() => toComponentSchema(model)).toThrow("has no OpenAPI 3.0 equivalent");
  });
});

describe("the component form against the handler", () => {
  const forms = { ItemCreate: toComponentSchema(MODELS.ItemCreate), ItemPatch: toComponentSchema(MODELS.ItemPatch) };
  const component = (c: Case) => forms[c.model];
  /**
   * Known disagreements, all in one direction: the gateway lets through a PATCH value of the wrong
   * type for a nullable field (its `type` cannot be imported, see components.ts) and the handler
   * rejects it. Everything else agrees.
   */
  const LETS_THROUGH = ["ItemPatch: description a number", "ItemPatch: price a string", "ItemPatch: tags a string"];

  it.each(ALL_CASES.map((c) => [`${c.model}: ${c.label}`, c] as const))("%s", (label, c) => {
    const gateway = schemaVerdict(ajv, component(c), c.body) === "accept";
    const handler = handlerVerdict(c.model, c.body).ok;
    if (LETS_THROUGH.includes(label)) {
      expect({ gateway, handler }).toEqual({ gateway: true, handler: false });
    } else {
      expect(gateway).toBe(handler);
    }
  });

  it("never rejects a body the handler accepts", () => {
    const falseRejections = ALL_CASES.filter((c) => handlerVerdict(c.model, c.body).ok && schemaVerdict(ajv, component(c), c.body) !== "accept");
    expect(falseRejections.map((c) => c.label)).toEqual([]);
  });
});

describe("as part of an OpenAPI 3.0 document (checked by a real OpenAPI validator)", () => {
  /** PUT and PATCH /items/{id} wired as the generator would, with the given component schemas. */
  function documentWith(schemas: unknown): Record<string, unknown> {
    const operation = (bodyModel: "ItemCreate" | "ItemPatch") => {
      const v = requestValidation({ bodyModel, requiredHeaders: ["If-Match"] });
      return {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, ...v.parameters],
        requestBody: v.requestBody,
        responses: { "400": { description: "invalid", content: { "application/json": { schema: { $ref: schemaRef("Error") } } } } },
        [REQUEST_VALIDATOR_EXTENSION]: v.validator,
      };
    };
    return {
      openapi: "3.0.1",
      info: { title: "items", version: "1" },
      [REQUEST_VALIDATORS_EXTENSION]: REQUEST_VALIDATORS,
      paths: { "/items/{id}": { put: operation("ItemCreate"), patch: operation("ItemPatch") } },
      components: { schemas },
    };
  }

  async function problems(document: Record<string, unknown>): Promise<string> {
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    return result.valid ? "" : compileErrors(result);
  }

  it("the component form is valid", async () => {
    expect(await problems(documentWith(componentSchemas(["ItemCreate", "ItemPatch", "Error"])))).toBe("");
  });

  it("the draft 4 models as they are are not: $schema is not expected there, and type must be a string", async () => {
    const found = await problems(documentWith({ ...MODELS }));
    expect(found).toContain("$schema is not expected to be here!");
    expect(found).toContain("TYPE must be string");
  });
});
