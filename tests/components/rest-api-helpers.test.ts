import { canonicalJson, documentHash } from "../../components/rest-api/document-hash";
import { lambdaIntegrationUri } from "../../components/rest-api/integration-uri";
import { grantName, invokeGrants } from "../../components/rest-api/invoke-permissions";
import type { RouteTarget, StageConfig } from "../../config";
import { routeConfig } from "../helpers/route-config";

const FN_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:shop-dev-hello";
const INVOKE = `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FN_ARN}/invocations`;

describe("Lambda integration URIs", () => {
  const arns = { function: INVOKE, aliases: { PROD: "prod-alias-invoke-arn" } };

  test("unqualified: the function's invoke ARN", () => {
    expect(lambdaIntegrationUri(arns, { kind: "unqualified" })).toBe(INVOKE);
  });

  test("a fixed alias: the alias's invoke ARN", () => {
    expect(lambdaIntegrationUri(arns, { kind: "alias", alias: "PROD" })).toBe("prod-alias-invoke-arn");
    expect(() => lambdaIntegrationUri(arns, { kind: "alias", alias: "QA" })).toThrow('no invoke ARN for alias "QA"');
  });

  test("a stage variable: the qualifier is left for API Gateway to fill", () => {
    expect(lambdaIntegrationUri(arns, { kind: "stageVariable", variable: "lambdaAlias" })).toBe(
      `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FN_ARN}:\${stageVariables.lambdaAlias}/invocations`,
    );
    expect(() => lambdaIntegrationUri({ function: FN_ARN, aliases: {} }, { kind: "stageVariable", variable: "x" })).toThrow(
      `not a Lambda invoke ARN: ${FN_ARN}`,
    );
  });
});

describe("invoke permissions", () => {
  const route = (fn: string, target: RouteTarget, path = "/x") => routeConfig("GET", path, { integration: { type: "lambda_proxy", function: fn, target } });
  const stage = (name: string, variables: Record<string, string>): StageConfig => ({
    name,
    description: "",
    variables,
    tracing: true,
    tags: {},
    logging: { accessLogs: true, executionLevel: "ERROR", dataTrace: false, metrics: true, retentionDays: 30 },
    throttling: { rateLimit: 100, burstLimit: 200 },
    cache: undefined,
    canary: undefined,
  });

  test("one per function and reachable alias, however many routes", () => {
    const routes = [
      route("items", { kind: "unqualified" }, "/a"),
      route("items", { kind: "unqualified" }, "/b"),
      route("hello", { kind: "stageVariable", variable: "lambdaAlias" }),
      route("hello", { kind: "alias", alias: "PROD" }, "/pinned"),
    ];
    const stages = [stage("dev", { lambdaAlias: "DEV" }), stage("test", { lambdaAlias: "TEST" }), stage("prod", { lambdaAlias: "PROD" })];
    expect(invokeGrants(routes, stages)).toEqual([
      { function: "hello", qualifier: "DEV" },
      { function: "hello", qualifier: "PROD" },
      { function: "hello", qualifier: "TEST" },
      { function: "items", qualifier: undefined },
    ]);
  });

  test("an alias no stage names gets no permission", () => {
    const routes = [route("hello", { kind: "stageVariable", variable: "lambdaAlias" })];
    expect(invokeGrants(routes, [stage("prod", { lambdaAlias: "PROD" })])).toEqual([{ function: "hello", qualifier: "PROD" }]);
  });

  test("grant names", () => {
    expect(grantName({ function: "hello", qualifier: "DEV" })).toBe("hello-DEV");
    expect(grantName({ function: "items", qualifier: undefined })).toBe("items");
  });
});

describe("document hash", () => {
  test("key order does not matter; values do", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(documentHash({ a: 1, b: 2 })).toBe(documentHash({ b: 2, a: 1 }));
    expect(documentHash({ a: 1 })).not.toBe(documentHash({ a: 2 }));
    expect(documentHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
