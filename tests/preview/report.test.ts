import { jsonReport, providerRef, summarizeAssets, textReport } from "../../preview/report";
import type { RecordedResource } from "../../preview/mocks";

const resource = (type: string, name: string, parentUrn?: string, inputs: Record<string, unknown> = {}): RecordedResource => ({
  urn: `urn:pulumi:dev::proj::${type}::${name}`,
  type,
  name,
  custom: !type.startsWith("gateway:"),
  inputs,
  secretInputs: [],
  parentUrn,
  providerRef: undefined,
  dependencies: [],
  propertyDependencies: {},
});

describe("preview report", () => {
  const api = resource("gateway:rest-api:RestApi", "api");
  const stage = resource("aws:apigateway/stage:Stage", "api-prod", api.urn, { stageName: "prod" });
  const violation = { policy: "p", enforcementLevel: "mandatory" as const, resource: "aws:apigateway/stage:Stage::api-prod", message: "bad" };

  test("provider references drop the provider id", () => {
    expect(providerRef("urn:pulumi:dev::proj::pulumi:providers:aws::east::0a1b-id")).toBe("pulumi:providers:aws::east");
    expect(providerRef(undefined)).toBeNull();
  });

  test("asset text becomes its hash and size; Pulumi's markers go", () => {
    const archive = { "4dabf18193072939515e22adb298388d": "0def7320c3a5731c473e5ecbe6d01bc7", assets: { "a.js": { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", __pulumiAsset: true, text: "abc" } } };
    expect(summarizeAssets(archive)).toEqual({
      assets: { "a.js": { __pulumiAsset: true, sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", bytes: 3 } },
    });
  });

  test("JSON: a secret input is shown as [secret], as pulumi preview shows it; the others as they are", () => {
    const key = { ...resource("aws:apigateway/apiKey:ApiKey", "usage-key-legacy", api.urn, { name: "legacy", value: "k-1234567890abcdefghij" }), secretInputs: ["value"] };
    expect(jsonReport("edge", [key], []).resources[0]?.inputs).toEqual({ name: "legacy", value: "[secret]" });
  });

  test("JSON: resources with parent and provider references, the violations and the config's warnings", () => {
    expect(jsonReport("prod", [api, stage], [violation], ["gateway.x: surprising"])).toEqual({
      stack: "prod",
      resources: [
        { type: "gateway:rest-api:RestApi", name: "api", parent: null, provider: null, inputs: {} },
        { type: "aws:apigateway/stage:Stage", name: "api-prod", parent: "gateway:rest-api:RestApi::api", provider: null, inputs: { stageName: "prod" } },
      ],
      violations: [violation],
      warnings: ["gateway.x: surprising"],
    });
    expect(jsonReport("dev", [], []).warnings).toEqual([]);
  });

  test("text: the resource tree, then violations by level, then the verdict", () => {
    expect(textReport("prod", [api, stage], [violation, { ...violation, enforcementLevel: "advisory", resource: null, message: "meh" }]).split("\n")).toEqual([
      'Offline preview of stack "prod": 2 resources',
      "",
      "  gateway:rest-api:RestApi  api",
      "    aws:apigateway/stage:Stage  api-prod",
      "",
      "mandatory violations: 1",
      "  [p] aws:apigateway/stage:Stage::api-prod",
      "      bad",
      "",
      "advisory violations: 1",
      "  [p] (stack)",
      "      meh",
      "",
      "FAILED: 1 mandatory violation(s)",
    ]);
    expect(textReport("dev", [], []).split("\n").slice(-1)).toEqual(["PASSED: no mandatory violations"]);
  });

  test("text: the config's warnings, when there are any, before the violations", () => {
    expect(textReport("dev", [], [], ["gateway.a: one", "gateway.b: two"]).split("\n")).toEqual([
      'Offline preview of stack "dev": 0 resources',
      "",
      "",
      "warnings: 2",
      "  gateway.a: one",
      "  gateway.b: two",
      "",
      "mandatory violations: 0",
      "",
      "advisory violations: 0",
      "",
      "PASSED: no mandatory violations",
    ]);
  });
});
