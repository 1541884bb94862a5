import { existsSync, readdirSync } from "node:fs";
import { loadTemplate, readTemplateSource, render, renderTemplate, stripHeaderComment, TEMPLATE_NAMES, TEMPLATES_DIR, templatePath } from "../../../vtl";
import type { TemplateRequest } from "../../../vtl";

const sample: TemplateRequest = {
  body: '{"id": "A-1", "quantity": 2, "note": "n", "customerName": "Ada", "items": [{"sku": "S", "qty": 1}]}',
  headers: { Accept: "application/json" },
  queryString: { q: "x", p: "2", size: "5" },
  pathParameters: { id: "7" },
  context: { requestId: "r-1", stage: "dev", error: { message: "m", responseType: "DEFAULT_4XX" } },
  stageVariables: { stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:s", sourceSystem: "web" },
};

describe("the shipped templates", () => {
  test("the list of names matches the .vtl files in templates/", () => {
    const files = readdirSync(TEMPLATES_DIR)
      .filter((f) => f.endsWith(".vtl"))
      .map((f) => f.replace(/\.vtl$/, ""))
      .sort();
    expect(files).toEqual([...TEMPLATE_NAMES].sort());
    for (const name of TEMPLATE_NAMES) expect(existsSync(templatePath(name))).toBe(true);
  });

  test.each(TEMPLATE_NAMES)("%s starts with a ## header naming the file, and the header changes nothing in the output", (name) => {
    const source = readTemplateSource(name);
    expect(source.startsWith(`## ${name}.vtl - `)).toBe(true);
    const deployable = loadTemplate(name);
    expect(deployable.startsWith("##")).toBe(false);
    expect(deployable).toBe(stripHeaderComment(source));
    expect(source.endsWith(deployable)).toBe(true);
    expect(render(deployable, sample)).toBe(renderTemplate(name, sample));
  });

  test("stripHeaderComment removes only the leading ## lines", () => {
    expect(stripHeaderComment("## a\n## b\nbody ## c\n## d\n")).toBe("body ## c\n## d\n");
    expect(stripHeaderComment("no header")).toBe("no header");
  });

  test("a render error in a shipped template names the file and its line", () => {
    expect(() => renderTemplate("json-to-soap-request", { body: "{oops" })).toThrow(
      /^VTL render error in template "json-to-soap-request\.vtl" at line \d+: Could not process payload/,
    );
  });
});
