import { generateClient } from "../../sdk/client/generate";
import { derivedName, operationsOf } from "../../sdk/client/operations";
import { CLIENT_RUNTIME, CLIENT_TYPES } from "../../sdk/client/runtime";
import { identifier, schemaType } from "../../sdk/client/schema-type";

describe("JSON Schema to TypeScript", () => {
  test.each([
    [{ type: "string" }, "string"],
    [{ type: "integer" }, "number"],
    [{ type: "boolean", nullable: true }, "boolean | null"],
    [{ type: ["string", "null"] }, "string | null"],
    [{ enum: ["a", 1, null] }, '"a" | 1 | null'],
    [{ type: "array", items: { type: "string" } }, "string[]"],
    [{ type: "array", items: { oneOf: [{ type: "string" }, { type: "number" }] } }, "(string | number)[]"],
    [{ type: "array" }, "unknown[]"],
    [{ $ref: "#/components/schemas/Item-v2" }, "Itemv2"],
    [{ $ref: "https://example.com/schema.json" }, "unknown"],
    [{ anyOf: [{ type: "string" }, {}] }, "unknown"],
    [{ allOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] }, "A & B"],
    [{ type: "object" }, "Record<string, unknown>"],
    [{ type: "object", additionalProperties: { type: "integer" } }, "Record<string, number>"],
    [{ type: "object", additionalProperties: false }, "Record<string, never>"],
    [{ description: "no type: anything", maxLength: 3 }, "unknown"],
    [{ properties: { a: { type: "string" } }, required: ["a"] }, "{\n  a: string;\n}"],
    [
      { type: "object", properties: { "content-type": {} }, additionalProperties: { type: "string" } },
      '{\n  "content-type"?: unknown;\n  [key: string]: unknown;\n}',
    ],
    ["not a schema", "unknown"],
  ])("%j -> %s", (schema, type) => expect(schemaType(schema)).toBe(type));

  test("identifiers and derived operation names", () => {
    expect([identifier("Item-v2"), identifier("2fa"), identifier("a.b$c")]).toEqual(["Itemv2", "_2fa", "ab$c"]);
    expect([derivedName("GET", "/items/{id}"), derivedName("ANY", "/service1/{proxy+}"), derivedName("POST", "/"), derivedName("DELETE", "/a-b/c_d")]).toEqual([
      "getItemsId",
      "anyService1Proxy",
      "post",
      "deleteABCD",
    ]);
  });

  test("two operations that would share a function are refused, naming both", () => {
    const doc = { paths: { "/a": { get: { operationId: "same" } }, "/b": { get: { operationId: "same" } } } };
    expect(() => operationsOf(doc)).toThrow("two operations would be the client's same: GET /a and GET /b (give one an operationId)");
  });

  test("a MOCK OPTIONS (API Gateway's CORS preflight) is not a client call; an OPTIONS that reaches a backend is", () => {
    const doc = {
      paths: {
        "/a": { get: { operationId: "getA" }, options: { operationId: "optionsA", "x-amazon-apigateway-integration": { type: "mock" } } },
        "/b": { options: { operationId: "optionsB", "x-amazon-apigateway-integration": { type: "http_proxy" } } },
      },
    };
    expect(operationsOf(doc).map((o) => `${o.method} ${o.path}`)).toEqual(["GET /a", "OPTIONS /b"]);
  });
});

/** A small document: a component schema, typed path, query and header parameters, a typed answer, a body, an ANY method with a greedy parameter. */
const PETS = {
  openapi: "3.0.1",
  info: { title: "pets", version: "2" },
  paths: {
    "/pets/{petId}": {
      parameters: [{ $ref: "#/components/parameters/Tenant" }],
      get: {
        operationId: "getPet",
        summary: "One pet",
        parameters: [
          { name: "petId", in: "path", required: true, schema: { type: "integer" } },
          { name: "fields", in: "query", schema: { type: "string" } },
        ],
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
          "404": { description: "none" },
        },
      },
      put: {
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
        parameters: [{ name: "petId", in: "path", required: true }],
        responses: { default: { description: "any" } },
      },
    },
    "/files/{key+}": {
      "x-amazon-apigateway-any-method": {
        operationId: "anyFile",
        parameters: [{ name: "key", in: "path", required: true, schema: { type: "string" } }],
        responses: {},
      },
    },
    "/health": {
      get: {
        operationId: "health",
        responses: { "200": { description: "up", content: { "application/json": { schema: { type: "object", properties: { up: { type: "boolean" } } } } } } },
      },
    },
  },
  components: {
    parameters: { Tenant: { name: "X-Tenant", in: "header", required: true, description: "Whose pets" } },
    schemas: {
      Pet: {
        description: "A pet",
        type: "object",
        required: ["id", "name"],
        properties: {
          id: { type: "integer" },
          name: { type: "string", description: "Its name" },
          kind: { type: "string", enum: ["dog", "cat"] },
          "x-ray": { type: "boolean", nullable: true },
        },
      },
    },
  },
};

describe("generateClient", () => {
  test("the whole client of a small document, exactly", () => {
    expect(generateClient(PETS, { command: "npm run client -- --document pets.json" })).toBe(
      `// A typed client of pets 2, generated from its OpenAPI document by
//   npm run client -- --document pets.json
// Do not edit: regenerate it (a test fails when it no longer matches the document).

/** A pet */
export type Pet = {
  id: number;
  /** Its name */
  name: string;
  kind?: "dog" | "cat";
  "x-ray"?: boolean | null;
};

${CLIENT_TYPES}
/** One function per operation of pets 2. */
export function createClient(options: ClientOptions) {
  const send = sender(options);
  return {
    /** GET /pets/{petId}: One pet */
    getPet: (input: {
      path: {
        petId: number;
      };
      query?: {
        fields?: string;
      };
      headers: {
        /** Whose pets */
        "X-Tenant": string;
      };
    }, init?: RequestOptions): Promise<ApiResponse<Pet>> =>
      send("GET", "/pets/{petId}", undefined, input, init),
    /** PUT /pets/{petId} */
    putPetsPetId: (input: {
      path: {
        petId: string;
      };
      headers: {
        /** Whose pets */
        "X-Tenant": string;
      };
      body: Pet;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("PUT", "/pets/{petId}", "application/json", input, init),
    /** ANY /files/{key+} */
    anyFile: (input: {
      method: HttpMethod;
      path: {
        key: string;
      };
      body?: unknown;
    }, init?: RequestOptions): Promise<ApiResponse<unknown>> =>
      send("ANY", "/files/{key+}", "application/json", input, init),
    /** GET /health */
    health: (init?: RequestOptions): Promise<ApiResponse<{
      up?: boolean;
    }>> =>
      send("GET", "/health", undefined, {}, init),
  };
}

export type Client = ReturnType<typeof createClient>;

${CLIENT_RUNTIME}`,
    );
  });

  test("deterministic: the same document gives the same text", () => {
    const command = { command: "x" };
    expect(generateClient(structuredClone(PETS), command)).toBe(generateClient(PETS, command));
  });
});
