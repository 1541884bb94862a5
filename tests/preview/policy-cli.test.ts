import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parsePolicyArgs, POLICY_USAGE } from "../../preview/policy-cli";
import type { CorpusRun } from "../helpers/policy-corpus";

const ROOT = path.resolve(__dirname, "..", "..");
const PROGRAMS = path.join(ROOT, "tests", "fixtures", "programs");

function policy(...args: string[]) {
  const run = spawnSync(process.execPath, ["-r", "./scripts/register-typescript.cjs", "preview/policy-cli.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The corpus through the CLI's own check, every program in one process (tests/helpers/policy-corpus.ts:
 * each program and this repository's modules loaded afresh, the dependencies once), started with the file.
 */
function corpusRuns(programs: readonly string[]): Promise<Map<string, CorpusRun>> {
  return new Promise((resolve, reject) => {
    const args = ["-r", "./scripts/register-typescript.cjs", "tests/helpers/policy-corpus.ts", ...programs];
    execFile(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: 240_000, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the corpus could not be checked: ${stderr}`));
      else resolve(new Map((JSON.parse(stdout) as CorpusRun[]).map((run) => [path.basename(run.program), run])));
    });
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
  const programs = fs
    .readdirSync(PROGRAMS)
    .filter((d) => fs.existsSync(path.join(PROGRAMS, d, "Pulumi.yaml")))
    .sort();
  let runs: Promise<Map<string, CorpusRun>>;
  beforeAll(() => {
    runs = corpusRuns(programs.map((name) => path.join(PROGRAMS, name)));
    runs.catch(() => undefined);
  });
  const run = async (name: string): Promise<CorpusRun> => (await runs).get(name) as CorpusRun;

  test("holds its 14 programs, each with its expected findings", () => {
    expect(programs.length).toBe(14);
    for (const name of programs) expect([name, fs.existsSync(path.join(PROGRAMS, name, "expected.json"))]).toEqual([name, true]);
  });

  test.each(programs)("%s: the findings and the exit status expected", async (name) => {
    const result = await run(name);
    const expected = JSON.parse(fs.readFileSync(path.join(PROGRAMS, name, "expected.json"), "utf8")) as string[];
    const report = JSON.parse(result.stdout) as {
      stack: string;
      resources: unknown[];
      violations: { policy: string; enforcementLevel: string; resource: string | null }[];
    };
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
