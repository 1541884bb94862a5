import * as fs from "fs";
import { gatewaySchema } from "../../config/gateway";
import { schemaPaths } from "../../config/schema-paths";
import { generateReference, REFERENCE_FILE } from "../../scripts/config-reference/generate";
import { sectionRows } from "../../scripts/config-reference/markdown";
import { OTHER_SECTION_TITLE } from "../../scripts/config-reference/sections";

/** The first line where two texts differ, to say where the committed file is behind. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split("\n");
  const b = generated.split("\n");
  const i = a.findIndex((line, n) => line !== b[n]);
  const line = i === -1 ? a.length : i;
  return `line ${line + 1}:\n  committed: ${a[line] ?? "(end of file)"}\n  generated: ${b[line] ?? "(end of file)"}`;
}

describe("docs/configuration.md: generated from config/schema.ts, so it cannot drift", () => {
  const reference = generateReference();
  const committed = fs.existsSync(REFERENCE_FILE) ? fs.readFileSync(REFERENCE_FILE, "utf8") : "";

  it("is what `npm run docs:config` writes now", () => {
    if (committed !== reference.markdown) {
      throw new Error(
        `docs/configuration.md is out of date with config/schema.ts: run \`npm run docs:config\` and commit it (first difference at ${firstDifference(committed, reference.markdown)})`,
      );
    }
  });

  it("has a row for every key path of the schema", () => {
    const missing = schemaPaths(gatewaySchema).filter((path) => !committed.includes(`\n| \`${path}\` |`));
    expect(missing).toEqual([]);
  });

  it("reaches every top-level key and, through records, arrays and unions, the keys below them", () => {
    const paths = schemaPaths(gatewaySchema);
    expect(Object.keys(gatewaySchema.shape).filter((key) => !paths.includes(key))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        "stages.<name>.cache.sizeGb",
        "routes[].integration.url",
        "routes[].integration.responses[].selectionPattern",
        "backends.<key>.image",
        "backends.<key>.volumeSizeGb",
        "httpApi.jwt.issuer",
        "functions.<key>.aliases.<name>.weights",
        "usagePlans.<name>.methodThrottles.<key>.burstLimit",
      ]),
    );
  });

  it("reads a comment for a key path the schema has, never for one it lacks", () => {
    expect(reference.unmatchedDocs).toEqual([]);
  });

  it("puts every top-level key in a named section (scripts/config-reference/sections.ts), none in 'Other keys'", () => {
    const sections = sectionRows(reference.rows).map(([title]) => title);
    expect(sections).not.toContain(OTHER_SECTION_TITLE);
  });
});
