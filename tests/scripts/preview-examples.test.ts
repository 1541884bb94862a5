import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const run = (...args: string[]) => spawnSync("bash", ["scripts/preview-examples.sh", ...args], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });

describe("scripts/preview-examples.sh (CI previews every examples/Pulumi.*.yaml)", () => {
  test("every shipped example passes its pack config", () => {
    const examples = fs
      .readdirSync(path.join(ROOT, "examples"))
      .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
      .sort();
    expect(examples).toEqual(["Pulumi.edge.yaml"]);
    const result = run();
    expect([result.status, result.stderr]).toEqual([0, ""]);
    const lines = examples.flatMap((f) => [
      `== offline policy check: example ${f.slice("Pulumi.".length, -".yaml".length)} (examples/${f})`,
      expect.stringMatching(/^PASSED: no mandatory violations \(\d+ advisory\)$/),
    ]);
    expect(result.stdout.split("\n")).toEqual([...lines, `PASSED: ${examples.length} example(s)`, ""]);
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
      expect(result.stdout).toContain(`== offline policy check: example insecure (${dir}/Pulumi.insecure.yaml)\nPolicies:\n    ❌ microservice-gateway@v`);
      expect(result.stdout).toContain("        - [mandatory]  no-data-trace  (api-prod-settings: aws:apigateway/methodSettings:MethodSettings)\n");
      expect(result.stdout).not.toContain("aws:apigateway/restApi:RestApi  api-api");
      expect(result.stdout.trimEnd().endsWith("FAILED: 5 mandatory violation(s), 0 advisory")).toBe(true);
      expect(result.stderr).toBe(`FAILED: 1 example(s): ${dir}/Pulumi.insecure.yaml\n`);
    });
  });

  test("a folder without stack files is an error, not a silent pass", () => {
    const result = run("no-such-folder");
    expect([result.status, result.stdout, result.stderr]).toEqual([1, "", "no no-such-folder/Pulumi.*.yaml to preview\n"]);
  });
});
