import { readSchemaDocs } from "../../scripts/config-reference/schema-docs";

const SOURCE = `
import { z } from "zod";
/** Not a property: ignored. */
const throttle = z.strictObject({
  /** Requests per second. @default 100 */
  rateLimit: z.number().optional(),
});
const common = {
  /** The port. */
  port: z.int().optional(),
};
export const schema = z.strictObject({
  /**
   * The stages, by name: each
   * a deployment of the API.
   */
  stages: z.record(z.string(), z.strictObject({ throttling: throttle.optional(), cache: z.strictObject({
    /** Every \`*\\/*\` method. */
    ttl: z.int(),
  }).optional() })),
  routes: z.array(z.strictObject({
    /** @default the route's method */
    method: z.string(),
  })).min(1),
  functions: z.record(z.string(), z.strictObject({ memoryMb: z.int() })).optional(),
  backends: z.record(z.string(), z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("ecs"), ...common }),
    z.strictObject({
      type: z.literal("ec2"),
      /** Instances' port. */
      port: z.int(),
    }),
  ])),
});
`;

describe("readSchemaDocs: the JSDoc of each key path, from the schema's source", () => {
  const docs = readSchemaDocs(SOURCE, "schema");

  it("maps every commented property to its key path, through records, arrays, chains, consts, spreads and unions", () => {
    expect(Object.fromEntries(docs)).toEqual({
      stages: [{ text: "The stages, by name: each a deployment of the API." }],
      "stages.<name>.throttling.rateLimit": [{ text: "Requests per second.", default: "100" }],
      "stages.<name>.cache.ttl": [{ text: "Every `*/*` method." }],
      "routes[].method": [{ text: "", default: "the route's method" }],
      "backends.<key>.port": [{ text: "The port." }, { text: "Instances' port." }],
    });
  });

  it("refuses a JSDoc comment that TypeScript would not attach (after code on its line)", () => {
    const source = "export const s = z.strictObject({ a: z.string(), /** Lost. */ b: z.string() });";
    expect(() => readSchemaDocs(source, "s")).toThrow("schema.ts:1: a JSDoc comment after code on its line is not read; start it on a line of its own");
  });

  it("names a missing schema const", () => {
    expect(() => readSchemaDocs(SOURCE, "gatewaySchema")).toThrow("schema.ts declares no const gatewaySchema");
  });
});

describe("consts imported from the project's modules", () => {
  const MAIN = `
import { z } from "zod";
import { mockSchema, other as renamed } from "./integrations";
export const schema = z.strictObject({ integration: z.discriminatedUnion("type", [mockSchema, renamed]) });
`;
  const MODULES: Record<string, string> = {
    "config/integrations/index.ts": `export { mockSchema } from "./mock";\nimport { otherSchema } from "./other";\nexport const other = otherSchema;\nimport { mockSchema } from "./mock";`,
    "config/integrations/mock.ts": `export const mockSchema = z.strictObject({\n  /** The status. @default 200 */\n  statusCode: z.int().optional(),\n});`,
    "config/integrations/other.ts": `export const otherSchema = z.strictObject({\n  /** The URL. */\n  url: z.string(),\n});`,
  };
  const reader = (from: string, specifier: string) => {
    const base = `${from.slice(0, from.lastIndexOf("/"))}/${specifier.replace(/^\.\//, "")}`;
    const fileName = [`${base}.ts`, `${base}/index.ts`].find((f) => MODULES[f] !== undefined);
    return fileName ? { text: MODULES[fileName] as string, fileName } : undefined;
  };

  test("follows an imported identifier (renamed or not) into the module and its own imports", () => {
    const docs = readSchemaDocs(MAIN, "schema", "config/schema.ts", reader);
    expect(Object.fromEntries(docs)).toEqual({
      "integration.statusCode": [{ text: "The status.", default: "200" }],
      "integration.url": [{ text: "The URL." }],
    });
  });

  test("without a reader, imported consts are not read", () => {
    expect(Object.fromEntries(readSchemaDocs(MAIN, "schema", "config/schema.ts"))).toEqual({});
  });
});
