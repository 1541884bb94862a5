import { verdict, verdictAtLeast } from "../../scripts/bench/stats";
import { execFile } from "child_process";
import * as path from "path";
import { BENCH_HELP, BENCH_USAGE, parseBenchArgs } from "../../scripts/bench/args";

const ROOT = path.resolve(__dirname, "..", "..");

const run = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["-r", "./scripts/register-typescript.cjs", "scripts/bench.ts", ...args],
      { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ status: error ? (typeof code === "number" ? code : null) : 0, stdout, stderr });
      },
    ),
  );

describe("npm run bench arguments", () => {
  test("defaults, and each option", () => {
    expect(parseBenchArgs([])).toEqual({
      json: false,
      sizes: [10, 100, 500],
      runs: 3,
      loadRuns: 5,
      websocketSizes: [1000, 10_000],
      websocketLatencyMs: 2,
      websocketPools: [50],
      websocketRuns: 3,
      twin: true,
      twinDuration: 5,
      twinWarmUp: 3,
      twinConnections: 50,
      startUpRuns: 3,
      suite: undefined,
    });
    expect(
      parseBenchArgs([
        "--json",
        "--sizes=5,6",
        "--runs=1",
        "--load-runs=2",
        "--no-websocket",
        "--websocket-latency=0",
        "--websocket-pools=10,100",
        "--websocket-runs=1",
        "--no-twin",
        "--twin-duration=1",
        "--twin-warm-up=0",
        "--twin-connections=3",
        "--no-start-up",
        "--suite=warm",
      ]),
    ).toEqual({
      json: true,
      sizes: [5, 6],
      runs: 1,
      loadRuns: 2,
      websocketSizes: [],
      websocketLatencyMs: 0,
      websocketPools: [10, 100],
      websocketRuns: 1,
      twin: false,
      twinDuration: 1,
      twinWarmUp: 0,
      twinConnections: 3,
      startUpRuns: 0,
      suite: "warm",
    });
    expect(parseBenchArgs(["--start-up-runs=5"])).toMatchObject({ startUpRuns: 5 });
    expect(parseBenchArgs(["--suite"])).toMatchObject({ suite: "cold" });
    expect(parseBenchArgs(["--runs=1", "--help"])).toBe("help");
    expect(parseBenchArgs(["-h"])).toBe("help");
  });

  test("usage errors name the argument", () => {
    expect(() => parseBenchArgs(["--nope"])).toThrow(`bench: unknown argument "--nope"; ${BENCH_USAGE}`);
    expect(() => parseBenchArgs(["--runs=0"])).toThrow('bench: --runs: "0" is not a positive integer');
    expect(() => parseBenchArgs(["--runs="])).toThrow('bench: --runs: "" is not a positive integer');
    expect(() => parseBenchArgs(["--websocket-latency=-1"])).toThrow('bench: --websocket-latency: "-1" is not a non-negative integer');
    expect(() => parseBenchArgs(["--sizes=10,10"])).toThrow("bench: --sizes: give at least two different sizes");
    expect(() => parseBenchArgs(["--websocket-sizes=5,5"])).toThrow("bench: --websocket-sizes: give each size once");
    expect(() => parseBenchArgs(["--websocket-pools=0"])).toThrow('bench: --websocket-pools: "0" is not a positive integer');
  });

  test("--help prints the help and exits 0 (nothing is measured); a usage error exits 2", async () => {
    const [help, bad] = await Promise.all([run("--help"), run("--twin-duration=x")]);
    expect([help.status, help.stdout, help.stderr]).toEqual([0, `${BENCH_HELP}\n`, ""]);
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([2, "", 'bench: --twin-duration: "x" is not a positive integer\n']);
  });
});

describe("the benchmark's verdicts", () => {
  test("a limit is met below it (or at it when inclusive), a floor at or above it; each miss says which way", () => {
    expect([verdict(49, 50), verdict(50, 50), verdict(50, 50, true), verdict(51, 50, true)]).toEqual(["ok", "over target", "ok", "over target"]);
    expect([verdictAtLeast(0.15, 0.15), verdictAtLeast(0.2, 0.15), verdictAtLeast(0.1499, 0.15)]).toEqual(["ok", "ok", "under target"]);
  });
});
