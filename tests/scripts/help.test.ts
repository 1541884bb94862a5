import { exec } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseConfigReferenceArgs } from "../../scripts/config-reference";

const ROOT = path.resolve(__dirname, "..", "..");
const scripts = (require("../../package.json") as { scripts: Record<string, string> }).scripts;
/** The project's own commands (not jest, tsc or prettier, which have their own help). */
const own = Object.entries(scripts).filter(([, command]) => command.includes("register-typescript") || command.startsWith("bash scripts/"));

/** Packages that --help uses none of, each 0.1 to 0.7 s of CPU to load: the program, Pulumi, the AWS SDK, the config's parsers, TypeScript. */
const NOT_FOR_HELP = /[\\/]node_modules[\\/](@pulumi|@aws-sdk|@smithy|yaml|zod|ajv|typescript)[\\/]/;
const LOADED_MODULES = path.join(ROOT, "tests", "helpers", "loaded-modules.cjs");

const run = (command: string, env: NodeJS.ProcessEnv = process.env): Promise<{ status: number | null; stdout: string }> =>
  new Promise((resolve) =>
    exec(command, { cwd: ROOT, encoding: "utf8", timeout: 60_000, env }, (error, stdout) => {
      const code = (error as { code?: unknown } | null)?.code;
      resolve({ status: error ? (typeof code === "number" ? code : null) : 0, stdout });
    }),
  );

describe("every command answers --help (exit 0, its usage first) and refuses an unknown flag with exit 2", () => {
  test("the project's commands are all here", () => {
    expect(own.map(([name]) => name).sort()).toEqual(
      [
        "bench",
        "check-policy-pack",
        "check-sizes",
        "client",
        "docs:config",
        "openapi",
        "policy",
        "preview",
        "release",
        "sdk",
        "signed-request",
        "start",
      ].sort(),
    );
  });

  test.each(own)("npm run %s -- --help, loading none of the program, Pulumi, the AWS SDK, yaml, zod or TypeScript", async (name, command) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "help-"));
    const loadedFile = path.join(dir, "loaded.json");
    const nodeOptions = `${process.env.NODE_OPTIONS ?? ""} --require ${LOADED_MODULES}`.trim();
    const { status, stdout } = await run(`${command} --help`, { ...process.env, NODE_OPTIONS: nodeOptions, LOADED_MODULES_FILE: loadedFile });
    expect([status, stdout.startsWith(`usage: npm ${name === "start" ? "start" : `run ${name}`}`)]).toEqual([0, true]);
    // check-policy-pack is a bash script: no Node.js process, nothing loaded.
    const loaded = fs.existsSync(loadedFile) ? (JSON.parse(fs.readFileSync(loadedFile, "utf8")) as string[]) : [];
    fs.rmSync(dir, { recursive: true, force: true });
    expect([name, loaded.filter((file) => NOT_FOR_HELP.test(file))]).toEqual([name, []]);
    if (name !== "check-policy-pack") expect(loaded.length).toBeGreaterThan(0);
  });

  test("docs:config takes no arguments but --help", () => {
    expect(parseConfigReferenceArgs(["--help"])).toBe("help");
    expect(parseConfigReferenceArgs([])).toEqual({});
    expect(() => parseConfigReferenceArgs(["--out", "x"])).toThrow('unknown argument "--out"; usage: npm run docs:config');
  });
});
