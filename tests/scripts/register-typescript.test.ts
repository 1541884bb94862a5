import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The require hook every command runs under: compiled files are cached by content, never served stale. */

const HOOK = path.resolve(__dirname, "..", "..", "scripts", "register-typescript.cjs");

describe("scripts/register-typescript.cjs", () => {
  let dir: string;
  let cache: string;
  let source: string;
  const run = (): string =>
    execFileSync(process.execPath, ["-r", HOOK, source], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "", REGISTER_TYPESCRIPT_CACHE: cache } });
  const cached = (): string[] => fs.readdirSync(cache).sort();

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "register-typescript-"));
    cache = path.join(dir, "cache");
    source = path.join(dir, "greet.ts");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("compiles a file once, reuses it while it is unchanged, and compiles it again when it changes", () => {
    fs.writeFileSync(source, 'const greeting: string = "one";\nconsole.log(greeting);\n');
    expect(run()).toBe("one\n");
    const [first] = cached();
    expect(cached()).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.js$/)]);

    // What is cached is what runs: a changed cache entry shows, so the second run compiled nothing.
    fs.writeFileSync(path.join(cache, first!), 'console.log("from the cache");\n');
    expect(run()).toBe("from the cache\n");
    expect(cached()).toEqual([first]);

    fs.writeFileSync(source, 'const greeting: string = "two";\nconsole.log(greeting);\n');
    expect(run()).toBe("two\n");
    expect(cached()).toHaveLength(2);
    expect(cached()).toContain(first);
  });

  test("the compiled code keeps an inline source map (debuggers and --enable-source-maps show the TypeScript)", () => {
    fs.writeFileSync(source, "export const line: number = 41;\n");
    run();
    const entries = cached().map((file) => fs.readFileSync(path.join(cache, file), "utf8"));
    expect(
      entries.filter(
        (code) => code.includes("return line;") && code.includes("const line = 41;") && code.includes("//# sourceMappingURL=data:application/json;base64,"),
      ),
    ).toHaveLength(1);
  });
});
