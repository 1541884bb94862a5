import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ConfigError, parseStackConfig, type StackConfig } from "../../config";

export const PROJECT = "microservice-gateway";

/** A small, valid `gateway` config value; tests copy it and break one field. */
export function baseGateway(): Record<string, unknown> {
  return {
    environment: "dev",
    owner: "platform-team",
    tables: { items: {} },
    functions: {
      hello: {
        entry: "hello/index",
        aliases: {
          DEV: { version: "$LATEST" },
          TEST: { version: "current" },
          PROD: { weights: { "1": 0.95, current: 0.05 } },
        },
      },
      itemsGet: { entry: "items/get", tables: { items: "read" } },
    },
    routes: [
      { method: "GET", path: "/hello", function: "hello", authorization: "none", aliasVariable: "lambdaAlias" },
      { method: "GET", path: "/items/{id}", function: "itemsGet", authorization: "iam" },
    ],
    stages: {
      dev: { variables: { lambdaAlias: "DEV" } },
      test: { variables: { lambdaAlias: "TEST" } },
    },
  };
}

/** The raw `gateway` value of a shipped stack file. */
export function stackFileGateway(stack: string): unknown {
  const file = path.join(__dirname, "..", "..", `Pulumi.${stack}.yaml`);
  return parse(fs.readFileSync(file, "utf8")).config[`${PROJECT}:gateway`];
}

export function parseForStack(stack: string, raw: unknown): StackConfig {
  return parseStackConfig({ project: PROJECT, stack }, raw);
}

/** Every file the config names exists: the checks of file references are tested elsewhere. */
export const ALL_FILES_EXIST = { entryExists: () => true, templateExists: () => true, definitionExists: () => true, folderExists: () => true };

/** The problems a `gateway` value is rejected with; fails the test when it is accepted. */
export function configProblems(raw: unknown, stack = "dev"): readonly string[] {
  try {
    parseStackConfig({ project: PROJECT, stack }, raw, ALL_FILES_EXIST);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected the config to be rejected");
}
