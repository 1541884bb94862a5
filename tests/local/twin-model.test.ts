import * as fs from "fs";
import * as path from "path";
import { buildModel, regionOfResources, servedStages } from "../../local/capture";
import type { DynamoDbLocal } from "../../local/dynamodb-local";
import { stagesOf } from "../../local/rest/capture";
import type { CapturedResource } from "../../local/rest-cache";
import { startTwin } from "../../local/twin";
import { capturedStack } from "../helpers/captured-stack";
import { parseForStack, stackFileGateway } from "../helpers/stack-config";

/**
 * The twin takes one captured model (issue #14): the stages it can serve and the region come from what
 * the program registered, never from a second reading of the stack file.
 */

const LOCAL = path.resolve(__dirname, "..", "..", "local");

function sourcesOf(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesOf(file);
    return /\.(ts|mjs)$/.test(entry.name) ? [{ file: path.relative(LOCAL, file), text: fs.readFileSync(file, "utf8") }] : [];
  });
}

describe("the stages the twin serves: the public REST API's, as the program registered them", () => {
  test.each(["dev", "prod"])("%s: the stack file's stages, in its order (the first is npm start's default)", async (stack) => {
    const run = await capturedStack(stack);
    const model = buildModel(stack, run.resources, run.region);
    expect(servedStages(model)).toEqual(Object.keys(parseForStack(stack, stackFileGateway(stack)).stages));
  });

  test("ordered as the program created them: by their parent components, whatever order the stages themselves were recorded in", () => {
    const stage = (name: string, parent: string): CapturedResource => ({
      type: "aws:apigateway/stage:Stage",
      name: `${name}-stage`,
      urn: `urn:${name}-stage`,
      parentUrn: `urn:${parent}`,
      inputs: { stageName: name, restApi: "api1" },
    });
    const component = (name: string): CapturedResource => ({ type: "gateway:rest-api:Stage", name, urn: `urn:${name}`, inputs: {} });
    const resources = [
      component("api-dev"),
      component("api-test"),
      component("api-qa"),
      stage("qa", "api-qa"),
      stage("test", "api-test"),
      stage("dev", "api-dev"),
    ];
    expect(stagesOf(resources, "api1").map((s) => s.name)).toEqual(["dev", "test", "qa"]);
    // Without parents (or their records): the order they were recorded in.
    expect(stagesOf([stage("qa", "gone"), stage("dev", "gone")], "api1").map((s) => s.name)).toEqual(["qa", "dev"]);
  });

  test("a stack without a public REST API has none", () => {
    expect(servedStages(buildModel("empty", [], "us-east-1"))).toEqual([]);
  });
});

describe("the region of resources given to the twin without theirs", () => {
  const withArns = (...arns: string[]): CapturedResource[] =>
    arns.map((arn, i) => ({ type: "aws:lambda/permission:Permission", name: `p${i}`, inputs: { sourceArn: arn } }));

  test("the dev stack's capture: the region it was captured in", async () => {
    const run = await capturedStack("dev");
    expect([regionOfResources(run.resources as never), run.region]).toEqual(["us-east-1", "us-east-1"]);
  });

  test("the region most ARNs name (an edge-optimized domain's certificate is in us-east-1 whatever the stack's region); none without regional ARNs", () => {
    expect(
      regionOfResources(
        withArns(
          "arn:aws:execute-api:eu-west-1:123456789012:abc/*",
          "arn:aws:acm:us-east-1:123456789012:certificate/x",
          "arn:aws:lambda:eu-west-1:123456789012:function:f",
        ) as never,
      ),
    ).toBe("eu-west-1");
    expect(regionOfResources(withArns("arn:aws:iam::123456789012:role/r", "arn:aws-us-gov:s3:::bucket") as never)).toBeUndefined();
    expect(regionOfResources(withArns("arn:aws-cn:lambda:cn-north-1:123456789012:function:f") as never)).toBe("cn-north-1");
  });
});

describe("startTwin without reading the stack file", () => {
  const noDb = {} as DynamoDbLocal;

  test("a stack with no file fails at once, as npm start says it", async () => {
    await expect(startTwin({ stack: "nope", port: 0, dynamoDb: noDb })).rejects.toThrow(
      'no stack "nope": there is no Pulumi.nope.yaml; the stacks here are dev, prod (add one by copying a stack file, and policies/config/<stack>.json for its pack config)',
    );
  });

  test("--stage names a stage the program did not register: the stages it did", async () => {
    const run = await capturedStack("dev");
    await expect(startTwin({ stack: "dev", stage: "prod", port: 0, dynamoDb: noDb, resources: run.resources, region: run.region })).rejects.toThrow(
      '--stage: "prod" is not a stage of dev (stages: dev, test)',
    );
  });

  test("no file under local/ reads or parses the stack file, or finds a resource by a name app.ts gives it", () => {
    const sources = sourcesOf(LOCAL);
    expect(sources.length).toBeGreaterThan(30);
    // cli.ts checks that the stack file exists (stackFileProblem) and prints a ConfigError; nothing parses the file.
    expect(sources.filter((s) => /\b(parseStackConfig|stackConfig|readProjectFile|readStackConfig)\b/.test(s.text)).map((s) => s.file)).toEqual([]);
    const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
    expect(sources.filter((s) => /["'`](api-|internal-rest-|bucket-)|(?<!\/route)-table["'`]|-key-\$\{/.test(code(s.text))).map((s) => s.file)).toEqual([]);
  });
});
