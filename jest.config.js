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
  // jest's default (one worker fewer than cores) is a single worker on two cores, which leaves a core
  // idle while files wait on DynamoDB Local, child processes and sockets: two workers there.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // A worker asked to exit has 500 ms by default; on a loaded machine one can take longer without
  // having leaked anything (each file's handles are closed), and jest would report it as a leak.
  workerGracefulExitTimeout: 5000,
  testTimeout: 60000,
};
