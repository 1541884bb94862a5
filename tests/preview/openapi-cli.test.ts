import { spawnSync } from "child_process";
import * as path from "path";
import { OPENAPI_USAGE, documentOf, parseOpenApiArgs } from "../../preview/openapi-cli";
import type { RecordedResource } from "../../preview/mocks";

const ROOT = path.resolve(__dirname, "..", "..");

const resource = (type: string, name: string, inputs: Record<string, unknown>): RecordedResource => ({
  urn: `urn:pulumi:dev::p::${type}::${name}`,
  type,
  name,
  custom: true,
  inputs,
  secretInputs: [],
  parentUrn: undefined,
  providerRef: undefined,
  dependencies: [],
  propertyDependencies: {},
});

describe("npm run openapi", () => {
  test("arguments", () => {
    expect(parseOpenApiArgs(["--stack", "prod", "--stage", "prod"])).toEqual({ stack: "prod", stage: "prod", api: "public" });
    expect(parseOpenApiArgs(["--stack", "dev"])).toEqual({ stack: "dev", stage: undefined, api: "public" });
    expect(parseOpenApiArgs(["--stack", "prod", "--api", "internal"])).toEqual({ stack: "prod", stage: undefined, api: "internal" });
    expect(parseOpenApiArgs(["--stack", "edge", "--config-file", "examples/Pulumi.edge.yaml"])).toEqual({
      stack: "edge",
      configFile: "examples/Pulumi.edge.yaml",
      stage: undefined,
      api: "public",
    });
    expect(() => parseOpenApiArgs(["--stack", "prod", "--api", "private"])).toThrow('--api: "private" is not one of public, internal');
    expect(() => parseOpenApiArgs(["--stage", "prod"])).toThrow(`--stack is required; ${OPENAPI_USAGE}`);
    expect(() => parseOpenApiArgs(["--stack"])).toThrow(`--stack needs a value; ${OPENAPI_USAGE}`);
    expect(() => parseOpenApiArgs(["--json"])).toThrow(`unknown argument "--json"; ${OPENAPI_USAGE}`);
    expect(parseOpenApiArgs(["--help"])).toBe("help");
  });

  test("--help exits 0 with the usage; a typo'd stack exits 2 naming the stacks", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["-r", "./scripts/register-typescript.cjs", "preview/openapi-cli.ts", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 120_000,
      });
    const help = run("--help");
    expect([help.status, help.stdout.startsWith(`${OPENAPI_USAGE}\n`)]).toEqual([0, true]);
    const typo = run("--stack", "prd");
    expect([typo.status, typo.stderr]).toEqual([2, expect.stringMatching(/^no stack "prd": there is no Pulumi\.prd\.yaml; the stacks here are dev, prod /)]);
  });

  test("the REST API's body; with a stage, its invoke URL as the server", () => {
    const api = resource("aws:apigateway/restApi:RestApi", "api-api", { body: '{"openapi":"3.0.1","paths":{}}' });
    const stage = resource("aws:apigateway/stage:Stage", "api-prod-stage", { restApi: "abc123defg", stageName: "prod" });
    const internalApi = resource("aws:apigateway/restApi:RestApi", "internal-rest-api", { body: '{"openapi":"3.0.1","paths":{"/x":{}}}' });
    const internalStage = resource("aws:apigateway/stage:Stage", "internal-rest-prod-stage", { restApi: "internal01", stageName: "prod" });
    expect(documentOf([internalApi, internalStage, api, stage], "prod", "eu-west-1")).toMatchObject({
      paths: {},
      servers: [{ url: "https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod" }],
    });
    expect(documentOf([api, stage, internalApi, internalStage], "prod", "eu-west-1", "internal")).toEqual({
      openapi: "3.0.1",
      paths: { "/x": {} },
      servers: [{ url: "https://internal01.execute-api.eu-west-1.amazonaws.com/prod" }],
    });
    expect(() => documentOf([api, stage], undefined, "eu-west-1", "internal")).toThrow("the stack has no internal REST API with an OpenAPI body");
    expect(documentOf([api, stage], undefined, "eu-west-1")).toEqual({ openapi: "3.0.1", paths: {} });
    expect(documentOf([api, stage], "prod", "eu-west-1")).toEqual({
      openapi: "3.0.1",
      paths: {},
      servers: [{ url: "https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod" }],
    });
    expect(() => documentOf([api, stage], "dev", "eu-west-1")).toThrow('no stage "dev"; the stack\'s stages: prod');
    expect(() => documentOf([stage], undefined, "eu-west-1")).toThrow("the stack has no public REST API with an OpenAPI body");
  });

  test("prints the prod stack's document, offline", () => {
    const run = spawnSync(process.execPath, ["-r", "./scripts/register-typescript.cjs", "preview/openapi-cli.ts", "--stack", "prod", "--stage", "prod"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.openapi).toBe("3.0.1");
    expect(doc.servers).toEqual([{ url: expect.stringMatching(/^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/prod$/) }]);
    expect(Object.keys(doc.paths)).toContain("/items/{id}");
  });
});
