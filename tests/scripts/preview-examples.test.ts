import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const run = (...args: string[]) => spawnSync("bash", ["scripts/preview-examples.sh", ...args], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });

describe("scripts/preview-examples.sh (CI previews every examples/Pulumi.*.yaml)", () => {
  test("every shipped example passes its pack config", () => {
    const examples = fs.readdirSync(path.join(ROOT, "examples")).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).sort();
    expect(examples).toEqual(["Pulumi.edge.yaml"]);
    const result = run();
    expect([result.status, result.stderr]).toEqual([0, ""]);
    const lines = examples.flatMap((f) => [`== offline policy check: example ${f.slice("Pulumi.".length, -".yaml".length)} (examples/${f})`, "PASSED: no mandatory violations"]);
    expect(result.stdout).toBe(`${[...lines, `PASSED: ${examples.length} example(s)`].join("\n")}\n`);
  });

  describe("in a folder holding an unsafe stack file", () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-examples-"));
      fs.copyFileSync(path.join(ROOT, "tests", "fixtures", "insecure.yaml"), path.join(dir, "Pulumi.insecure.yaml"));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("a mandatory violation fails the run, naming the example and its violations", () => {
      const result = run(dir);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(`== offline policy check: example insecure (${dir}/Pulumi.insecure.yaml)\nmandatory violations: 5\n`);
      expect(result.stdout).toContain("  [no-data-trace] aws:apigateway/methodSettings:MethodSettings::api-prod-settings\n");
      expect(result.stdout).not.toContain("advisory violations");
      expect(result.stdout.trimEnd().endsWith("FAILED: 5 mandatory violation(s)")).toBe(true);
      expect(result.stderr).toBe(`FAILED: 1 example(s): ${dir}/Pulumi.insecure.yaml\n`);
    });
  });

  test("a folder without stack files is an error, not a silent pass", () => {
    const result = run("no-such-folder");
    expect([result.status, result.stdout, result.stderr]).toEqual([1, "", "no no-such-folder/Pulumi.*.yaml to preview\n"]);
  });
});
