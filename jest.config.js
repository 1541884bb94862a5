/** Tests are transpiled by swc without type-checking; `npm run typecheck` runs tsc once. */
module.exports = {
  // jest's node environment, showing the output of the twin and its functions only for a failing test.
  testEnvironment: "<rootDir>/tests/setup/quiet-environment.ts",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  // Shared by every test file of a run: DynamoDB Local.
  globalSetup: "<rootDir>/tests/setup/global-setup.ts",
  globalTeardown: "<rootDir>/tests/setup/global-teardown.ts",
  testTimeout: 60000,
};
