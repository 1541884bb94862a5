import { exec } from "child_process";
import * as path from "path";
import { parseConfigReferenceArgs } from "../../scripts/config-reference";

const ROOT = path.resolve(__dirname, "..", "..");
const scripts = (require("../../package.json") as { scripts: Record<string, string> }).scripts;
/** The project's own commands (not jest, tsc or prettier, which have their own help). */
const own = Object.entries(scripts).filter(([, command]) => command.includes("register-typescript") || command.startsWith("bash scripts/"));

const run = (command: string): Promise<{ status: number | null; stdout: string }> =>
  new Promise((resolve) =>
    exec(command, { cwd: ROOT, encoding: "utf8", timeout: 60_000 }, (error, stdout) => {
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

  test.each(own)("npm run %s -- --help", async (name, command) => {
    const { status, stdout } = await run(`${command} --help`);
    expect([status, stdout.startsWith(`usage: npm ${name === "start" ? "start" : `run ${name}`}`)]).toEqual([0, true]);
  });

  test("docs:config takes no arguments but --help", () => {
    expect(parseConfigReferenceArgs(["--help"])).toBe("help");
    expect(parseConfigReferenceArgs([])).toEqual({});
    expect(() => parseConfigReferenceArgs(["--out", "x"])).toThrow('unknown argument "--out"; usage: npm run docs:config');
  });
});
