import * as fs from "fs";
import * as path from "path";
import { durationsFromReport, parseRecordDurationsArgs } from "../../scripts/record-test-durations";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sequencer = require("./test-sequencer.cjs") as {
  new (options: object): { sort(tests: FakeTest[]): FakeTest[] };
  recordedDuration(file: string): number | undefined;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const recorded = require("./test-durations.json") as Record<string, number>;

const ROOT = path.resolve(__dirname, "..", "..");

interface FakeTest {
  readonly path: string;
  readonly context: { readonly config: { readonly cache: false }; readonly hasteFS: { getSize(file: string): number } };
}

/** Tests as jest hands them to the sequencer, without jest's own timings (a clean clone). */
function tests(files: readonly [string, number][]): FakeTest[] {
  const sizes = new Map(files.map(([file, size]) => [path.join(ROOT, file), size]));
  const context = { config: { cache: false as const }, hasteFS: { getSize: (file: string) => sizes.get(file) ?? 0 } };
  return files.map(([file]) => ({ path: path.join(ROOT, file), context }));
}

describe("the order of test files on a clean clone", () => {
  test("recorded files run slowest first, whatever their size; a file not recorded runs before them, as jest runs a file it has no timing of", () => {
    const shipped = Object.entries(recorded).sort(([, a], [, b]) => b - a);
    const [slowest, fastest] = [shipped[0]!, shipped[shipped.length - 1]!];
    const middle = shipped.find(([, seconds]) => seconds < slowest[1] / 2 && seconds > fastest[1])!;
    expect(Sequencer.recordedDuration(path.join(ROOT, middle[0]))).toBe(middle[1] * 1000);
    expect(Sequencer.recordedDuration(path.join(ROOT, "tests/not-recorded.test.ts"))).toBeUndefined();

    const sorted = new Sequencer({}).sort(
      tests([
        [fastest[0], 90_000],
        [middle[0], 50_000],
        ["tests/not-recorded.test.ts", 10],
        [slowest[0], 100],
      ]),
    );
    expect(sorted.map((t) => path.relative(ROOT, t.path))).toEqual(["tests/not-recorded.test.ts", slowest[0], middle[0], fastest[0]]);
  });

  test("the recorded file names only test files that exist, each once, with a duration in seconds", () => {
    const files = Object.keys(recorded);
    expect(files.filter((file) => !fs.existsSync(path.join(ROOT, file)) || !file.endsWith(".test.ts"))).toEqual([]);
    expect(Object.values(recorded).filter((seconds) => !(seconds >= 0 && seconds < 600))).toEqual([]);
  });
});

describe("scripts/record-test-durations.ts", () => {
  test("durations in seconds (one decimal) by path from the root, sorted by path", () => {
    const report = {
      testResults: [
        { name: path.join(ROOT, "tests/z/slow.test.ts"), startTime: 1_000, endTime: 42_345 },
        { name: path.join(ROOT, "tests/a/quick.test.ts"), startTime: 5_000, endTime: 5_049 },
      ],
    };
    expect(JSON.stringify(durationsFromReport(report, ROOT))).toBe('{"tests/a/quick.test.ts":0,"tests/z/slow.test.ts":41.3}');
  });

  test("one argument, the report; --help", () => {
    expect(parseRecordDurationsArgs(["/tmp/r.json"])).toEqual({ report: "/tmp/r.json" });
    expect(parseRecordDurationsArgs(["--help"])).toBe("help");
    expect(() => parseRecordDurationsArgs([])).toThrow("expected one argument, the jest report; usage: scripts/record-test-durations.ts <report.json>");
    expect(() => parseRecordDurationsArgs(["--json"])).toThrow("expected one argument, the jest report; usage: scripts/record-test-durations.ts <report.json>");
  });
});
