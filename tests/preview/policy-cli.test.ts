import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parsePolicyArgs, POLICY_USAGE } from "../../preview/policy-cli";

const ROOT = path.resolve(__dirname, "..", "..");
const PROGRAMS = path.join(ROOT, "tests", "fixtures", "programs");

function policy(...args: string[]) {
  const run = spawnSync(process.execPath, ["-r", "./scripts/register-typescript.cjs", "preview/policy-cli.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs the CLI on one program, in the background: the corpus runs two at a time. */
function policyAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-r", "./scripts/register-typescript.cjs", "preview/policy-cli.ts", ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("npm run policy arguments", () => {
  test("program, stack, config file and JSON; the stack defaults to dev", () => {
    const program = path.join(PROGRAMS, "rest-lambda-open");
    expect(parsePolicyArgs(["--program", program, "--stack", "prod", "--json"])).toEqual({ program, stack: "prod", configFile: undefined, json: true });
    expect(parsePolicyArgs(["--program", program])).toEqual({ program, stack: "dev", configFile: undefined, json: false });
    expect(parsePolicyArgs(["--stack", "x", "--help"])).toBe("help");
  });

  test("bad usage is named", () => {
    expect(() => parsePolicyArgs([])).toThrow(`--program is required; ${POLICY_USAGE}`);
    expect(() => parsePolicyArgs(["--program"])).toThrow(`--program needs a value; ${POLICY_USAGE}`);
    expect(() => parsePolicyArgs(["--program", "nowhere"])).toThrow(`--program: nowhere is not a folder; ${POLICY_USAGE}`);
    expect(() => parsePolicyArgs(["--program", PROGRAMS, "--verbose"])).toThrow(`unknown argument "--verbose"; ${POLICY_USAGE}`);
    expect(() => parsePolicyArgs(["--program", PROGRAMS, "--config-file", "missing.yaml"])).toThrow("--config-file: missing.yaml: no such file");
  });

  test("--help exits 0; bad usage exits 2", () => {
    const help = policy("--help");
    expect([help.status, help.stdout.split("\n")[0]]).toEqual([0, POLICY_USAGE]);
    const bad = policy("--stack", "dev");
    expect([bad.status, bad.stderr]).toEqual([2, `--program is required; ${POLICY_USAGE}\n`]);
  });
});

describe("npm run policy on the corpus (tests/fixtures/programs: programs written as public examples write them)", () => {
  const programs = fs.readdirSync(PROGRAMS).filter((d) => fs.existsSync(path.join(PROGRAMS, d, "Pulumi.yaml"))).sort();
  const runs = new Map<string, ReturnType<typeof policyAsync>>();
  /** Two programs at a time, each in its own process (Pulumi's runtime state is global). */
  const run = (name: string) => {
    if (!runs.has(name)) {
      const index = programs.indexOf(name);
      const before = index >= 2 ? run(programs[index - 2] as string) : Promise.resolve();
      runs.set(name, before.then(() => policyAsync("--program", path.join(PROGRAMS, name), "--json")));
    }
    return runs.get(name) as ReturnType<typeof policyAsync>;
  };

  test("holds at least 12 programs, each with its expected findings", () => {
    expect(programs.length).toBeGreaterThanOrEqual(12);
    for (const name of programs) expect([name, fs.existsSync(path.join(PROGRAMS, name, "expected.json"))]).toEqual([name, true]);
  });

  test.each(programs)("%s: the findings and the exit status expected", async (name) => {
    const result = await run(name);
    const expected = JSON.parse(fs.readFileSync(path.join(PROGRAMS, name, "expected.json"), "utf8")) as string[];
    const report = JSON.parse(result.stdout) as { stack: string; resources: unknown[]; violations: { policy: string; enforcementLevel: string; resource: string | null }[] };
    // The same shape as `npm run preview --json`; a foreign program has no stack-config warnings.
    expect(Object.keys(report)).toEqual(["stack", "resources", "violations", "warnings"]);
    const found = report.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.resource ?? "(stack)"}`).sort();
    expect(found).toEqual(expected);
    expect(result.status).toBe(expected.some((f) => f.startsWith("mandatory ")) ? 1 : 0);
  });

  test("the text report is the preview's, and says what a remote component hides", () => {
    const text = policy("--program", path.join(PROGRAMS, "awsx-vpc-remote"));
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Offline preview of stack "dev": 1 resources');
    expect(text.stdout).toContain("PASSED: no mandatory violations");
    expect(text.stdout.trim().split("\n").pop()).toBe(
      'Not seen: awsx:ec2:Vpc "vpc" registered no resources under mocks. A remote component (e.g. from @pulumi/aws-apigateway or awsx) creates its resources in its provider plugin, which does not run offline, so the pack cannot check them; run `pulumi preview --policy-pack policies` to see them.',
    );
  });
});
