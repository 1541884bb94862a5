import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseReleaseArgs, RELEASE_USAGE } from "../../preview/release-cli";
import { pickStage, statusLine, withStageRelease, type CanaryStage } from "../../preview/release-state";

const ROOT = path.resolve(__dirname, "..", "..");
const A = "aaaaaaaaaaaa";
const B = "bbbbbbbbbbbb";

function release(...args: string[]) {
  const run = spawnSync(process.execPath, ["-r", "./scripts/register-typescript.cjs", "preview/release-cli.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run release: arguments", () => {
  test("an action and a stack; --help; usage errors name what is wrong", () => {
    expect(parseReleaseArgs(["--stack", "prod", "promote"])).toEqual({ stack: "prod", stage: undefined, configFile: undefined, action: "promote" });
    expect(parseReleaseArgs(["status", "--help"])).toBe("help");
    expect(() => parseReleaseArgs(["--stack", "prod"])).toThrow(`an action is required (status, promote or rollback); ${RELEASE_USAGE}`);
    expect(() => parseReleaseArgs(["promote", "rollback", "--stack", "p"])).toThrow(`give one action, not promote and rollback; ${RELEASE_USAGE}`);
    expect(() => parseReleaseArgs(["--stack"])).toThrow(`--stack needs a value; ${RELEASE_USAGE}`);
  });

  test("--help exits 0, bad usage 2", () => {
    const help = release("--help");
    expect([help.status, help.stdout.startsWith(RELEASE_USAGE)]).toEqual([0, true]);
    expect(release("status")).toMatchObject({ status: 2, stderr: `--stack is required; ${RELEASE_USAGE}\n` });
  });
});

describe("the status and the stage an action applies to", () => {
  const prod: CanaryStage = { name: "prod", percentTraffic: 5, release: A, canary: B };

  test("a canary running, nothing running, nothing recorded", () => {
    expect(statusLine(prod, { live: A, previous: [], rejected: [] }, B, "prod")).toBe(
      `prod: live ${A}, canary ${B} at 5 %: "promote" to make it live, or "rollback"`,
    );
    expect(statusLine({ ...prod, canary: A }, { live: A, previous: [], rejected: [B] }, B, "prod")).toBe(
      `prod: live ${A}, no canary release running (the config's release ${B} was rolled back: change the config to make a new one)`,
    );
    expect(statusLine({ ...prod, release: B, canary: B }, undefined, B, "prod")).toBe(
      `prod: no live release recorded: the stage and its canary follow the config (release ${B}); "npm run release -- --stack prod --stage prod promote" pins it, so the next change runs in the canary first`,
    );
  });

  test("the only canary stage, or the one named", () => {
    expect(pickStage([prod], undefined)).toBe(prod);
    expect(() => pickStage([], undefined)).toThrow("no stage has a canary: add a canary block to a stage (stages.<name>.canary) first");
    expect(() => pickStage([prod, { ...prod, name: "beta" }], undefined)).toThrow("several stages have a canary (prod, beta): name one with --stage");
    expect(() => pickStage([prod], "dev")).toThrow("--stage dev: not a stage with a canary (canary stages: prod)");
  });

  test("writing the releases keeps the rest of the stack file as it was", () => {
    const text = "config:\n  aws:region: us-east-1 # a comment\n  p:gateway:\n    routes:\n      - { method: GET, path: /x }\nencryptionsalt: s\n";
    const once = withStageRelease(text, "p", "prod", { live: A, previous: [], rejected: [] });
    expect(once).toBe(`${text.replace("encryptionsalt: s\n", "")}  p:releases:\n    prod: { live: ${A}, previous: [], rejected: [] }\nencryptionsalt: s\n`);
    expect(withStageRelease(once, "p", "prod", { live: B, previous: [A], rejected: [] })).toBe(
      once.replace(`{ live: ${A}, previous: [], rejected: [] }`, `{ live: ${B}, previous: [${A}], rejected: [] }`),
    );
  });
});

describe("npm run release on a copy of the prod stack file (the program under mocks)", () => {
  test("status, then promote pins the config's release; promoting it again is refused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "release-"));
    const file = path.join(dir, "Pulumi.prod.yaml");
    fs.copyFileSync(path.join(ROOT, "Pulumi.prod.yaml"), file);
    const status = release("--stack", "prod", "--config-file", file, "status");
    expect(status.status).toBe(0);
    const current = /release ([0-9a-f]{12})\)/.exec(status.stdout)?.[1];
    expect(status.stdout).toBe(
      `prod: no live release recorded: the stage and its canary follow the config (release ${current}); "npm run release -- --stack prod --stage prod promote" pins it, so the next change runs in the canary first\n`,
    );
    const promoted = release("--stack", "prod", "--config-file", file, "promote");
    expect(promoted.status).toBe(0);
    expect(fs.readFileSync(file, "utf8").endsWith(`  microservice-gateway:releases:\n    prod: { live: ${current}, previous: [], rejected: [] }\n`)).toBe(true);
    expect(release("--stack", "prod", "--config-file", file, "promote")).toMatchObject({
      status: 1,
      stderr: `nothing to promote: release ${current} is already live (the canary runs it too)\n`,
    });
    fs.rmSync(dir, { recursive: true });
  });
});
