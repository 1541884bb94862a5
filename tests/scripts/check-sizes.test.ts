import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkSizes, formatProblem, main, sizeProblemsOf } from "../../scripts/check-sizes";

const FIXTURE = path.join(__dirname, "..", "fixtures", "check-sizes");
const SMALL = { fileLines: 12, functionLines: 4 };

describe("check-sizes", () => {
  test("lists files and functions over the limits, in path order, nested functions too, .bundles skipped", () => {
    expect(checkSizes(FIXTURE, ["config", "local"], SMALL).map(formatProblem)).toEqual([
      "local/nested/long.ts: 31 lines (at most 12)",
      "local/nested/long.ts:4: function outer is 8 lines (at most 4)",
      "local/nested/long.ts:5: function inner is 5 lines (at most 4)",
      "local/nested/long.ts:14: function Service.constructor is 5 lines (at most 4)",
      "local/nested/long.ts:26: function handle is 5 lines (at most 4)",
      "local/worker.mjs:1: function work is 6 lines (at most 4)",
    ]);
  });

  test("a function of exactly the limit and a file of exactly the limit pass", () => {
    expect(checkSizes(FIXTURE, ["config"], SMALL)).toEqual([]);
    const method = "class A {\n  m(): void {\n    void 0;\n    void 1;\n  }\n}\n";
    expect(sizeProblemsOf("a.ts", method, { fileLines: 6, functionLines: 4 })).toEqual([]);
    expect(sizeProblemsOf("a.ts", method, { fileLines: 5, functionLines: 3 })).toEqual([
      { file: "a.ts", line: 1, what: "file", lines: 6, max: 5 },
      { file: "a.ts", line: 2, what: "A.m", lines: 4, max: 3 },
    ]);
  });

  describe("the command", () => {
    let root: string;
    let out: string[];
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), "check-sizes-"));
      out = [];
      jest.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
      jest.spyOn(console, "error").mockImplementation((line: string) => void out.push(line));
    });
    afterEach(() => {
      jest.restoreAllMocks();
      fs.rmSync(root, { recursive: true, force: true });
    });

    test("exits 1 with a function of 81 lines and a file of 401, 0 at 80 and 400", () => {
      const fn = (name: string, body: number) => `function ${name}(): void {\n${"  void 0;\n".repeat(body)}}\n`;
      fs.mkdirSync(path.join(root, "config"));
      fs.writeFileSync(path.join(root, "config", "ok.ts"), fn("fits", 78) + "\n".repeat(400 - 80));
      expect(main([], root)).toBe(0);
      expect(out).toEqual([
        "no file over 400 lines and no function over 80 lines in app.ts, app-outputs.ts, components, config, local, preview, policies, vtl, sdk, functions, scripts",
      ]);
      out.length = 0;
      fs.writeFileSync(path.join(root, "config", "long.ts"), fn("tooLong", 79) + "//\n".repeat(401 - 81));
      expect(main(["config"], root)).toBe(1);
      expect(out).toEqual([
        "config/long.ts: 401 lines (at most 400)",
        "config/long.ts:1: function tooLong is 81 lines (at most 80)",
        "2 over the limits in config",
      ]);
    });

    test("--help exits 0, an unknown option 2", () => {
      expect(main(["--help"], root)).toBe(0);
      expect(main(["--strict"], root)).toBe(2);
      expect(out[1]).toBe(
        "unknown option --strict\nusage: npm run check-sizes [-- <folder or file>...]\n" +
          "Lists files over 400 lines and functions over 80 lines in the folders and files given, by default\n" +
          "app.ts, app-outputs.ts, components, config, local, preview, policies, vtl, sdk, functions, scripts (not tests);\n" +
          "generated code (sdk/clients) is skipped. Exits 1 when there is any.",
      );
    });
  });
});

describe("check-sizes: what it checks", () => {
  test("by default, the program's code: root files and every folder but tests/, generated clients skipped; files can be named", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "check-sizes-"));
    try {
      const long = `function long(): void {\n${"  void 0;\n".repeat(79)}}\n`;
      for (const file of [
        "app.ts",
        "index.ts",
        "preview/a.ts",
        "policies/rules/b.ts",
        "vtl/c.ts",
        "sdk/d.ts",
        "sdk/clients/dev.ts",
        "functions/e.ts",
        "scripts/bench/f.ts",
        "tests/g.test.ts",
      ]) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), long);
      }
      expect(checkSizes(root).map(formatProblem)).toEqual(
        ["app.ts", "preview/a.ts", "policies/rules/b.ts", "vtl/c.ts", "sdk/d.ts", "functions/e.ts", "scripts/bench/f.ts"].map(
          (f) => `${f}:1: function long is 81 lines (at most 80)`,
        ),
      );
      expect(checkSizes(root, ["."]).map((p) => p.file)).toEqual([
        "app.ts",
        "functions/e.ts",
        "index.ts",
        "policies/rules/b.ts",
        "preview/a.ts",
        "scripts/bench/f.ts",
        "sdk/d.ts",
        "tests/g.test.ts",
        "vtl/c.ts",
      ]);
      expect(checkSizes(root, ["index.ts", "sdk", "missing.ts"]).map((p) => p.file)).toEqual(["index.ts", "sdk/d.ts"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
