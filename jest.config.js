const os = require("os");

/** Tests are transpiled by swc without type-checking; `npm run typecheck` runs tsc once. */
module.exports = {
  // jest's node environment, showing the output of the twin and its functions only for a failing test.
  testEnvironment: "<rootDir>/tests/setup/quiet-environment.ts",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  // Once per run, shared by every test file: DynamoDB Local and the shipped stacks run under mocks.
  globalSetup: "<rootDir>/tests/setup/global-setup.ts",
  globalTeardown: "<rootDir>/tests/setup/global-teardown.ts",
  // The slowest files first, from recorded durations until jest has timings of its own (a clean clone).
  testSequencer: "<rootDir>/tests/setup/test-sequencer.cjs",
  // jest's default (one worker fewer than cores) is a single worker on two cores. Files wait on child
  // processes (the CLIs, the twin, DynamoDB Local) and sockets much of the time, so two workers more
  // than cores keep the cores busy: beside two CPU-bound processes on two cores the suite took 268 s
  // with 2 workers, 158 s with 3 and 153 s with 4 (measured one after the other; docs/testing.md).
  maxWorkers: os.availableParallelism() + 2,
  // A worker asked to exit has 500 ms by default; on a loaded machine one can take longer without
  // having leaked anything (each file's handles are closed), and jest would report it as a leak.
  workerGracefulExitTimeout: 5000,
  testTimeout: 60000,
};
