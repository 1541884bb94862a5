import { readSchemaDocs, type ModuleLoader } from "../../scripts/config-reference/schema-docs";

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

describe("readSchemaDocs across modules: consts a schema file imports by name", () => {
  const MODULES: Record<string, string> = {
    "sections/stage.ts": `
import { z } from "zod";
import { throttle as limits } from "./throttle";
export const stageSchema = z.strictObject({
  /** The stage's limits. */
  throttling: limits.optional(),
});
`,
    "sections/throttle.ts": `
import { z } from "zod";
export const throttle = z.strictObject({
  /** Requests per second. @default 100 */
  rateLimit: z.number().optional(),
});
`,
  };
  const ROOT = `
import { z } from "zod";
import { stageSchema } from "./sections/stage";
import type { Unused } from "./sections/types";
import { missing } from "./nowhere";
export const gatewaySchema = z.strictObject({
  /** The stages by name. */
  stages: z.record(z.string(), stageSchema),
  other: missing.optional(),
});
`;
  const requested: string[] = [];
  const load: ModuleLoader = (specifier, fromFile) => {
    requested.push(`${fromFile} → ${specifier}`);
    const fileName = `${fromFile.includes("/") ? fromFile.slice(0, fromFile.lastIndexOf("/") + 1) : ""}${specifier.replace(/^\.\//, "")}.ts`;
    const text = MODULES[fileName];
    return text === undefined ? undefined : { fileName, text };
  };

  it("follows imports (renamed ones too) from module to module, each resolved from the file that imports it", () => {
    expect(Object.fromEntries(readSchemaDocs(ROOT, "gatewaySchema", "gateway.ts", load))).toEqual({
      stages: [{ text: "The stages by name." }],
      "stages.<name>.throttling": [{ text: "The stage's limits." }],
      "stages.<name>.throttling.rateLimit": [{ text: "Requests per second.", default: "100" }],
    });
    expect(requested).toEqual(["gateway.ts → ./sections/stage", "sections/stage.ts → ./throttle", "gateway.ts → ./nowhere"]);
  });

  it("without a loader reads the one file", () => {
    expect(Object.fromEntries(readSchemaDocs(ROOT, "gatewaySchema", "gateway.ts"))).toEqual({ stages: [{ text: "The stages by name." }] });
  });
});
