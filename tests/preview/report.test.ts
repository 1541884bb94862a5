import { jsonReport, providerRef, summarizeAssets, textReport } from "../../preview/report";
import { COLOURS, paletteFor, PLAIN } from "../../preview/policy-report";
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

const PACK = { name: "microservice-gateway", version: "0.2.0", path: "policies" };

describe("preview report", () => {
  const api = resource("gateway:rest-api:RestApi", "api");
  const stage = resource("aws:apigateway/stage:Stage", "api-prod", api.urn, { stageName: "prod" });
  const violation = { policy: "p", enforcementLevel: "mandatory" as const, resource: "aws:apigateway/stage:Stage::api-prod", message: "bad" };

  test("provider references drop the provider id", () => {
    expect(providerRef("urn:pulumi:dev::proj::pulumi:providers:aws::east::0a1b-id")).toBe("pulumi:providers:aws::east");
    expect(providerRef(undefined)).toBeNull();
  });

  test("asset text becomes its hash and size; Pulumi's markers go", () => {
    const archive = {
      "4dabf18193072939515e22adb298388d": "0def7320c3a5731c473e5ecbe6d01bc7",
      assets: { "a.js": { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", __pulumiAsset: true, text: "abc" } },
    };
    expect(summarizeAssets(archive)).toEqual({
      assets: { "a.js": { __pulumiAsset: true, sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", bytes: 3 } },
    });
  });

  test("JSON: a secret input is shown as [secret], as pulumi preview shows it; the others as they are", () => {
    const key = {
      ...resource("aws:apigateway/apiKey:ApiKey", "usage-key-legacy", api.urn, { name: "legacy", value: "k-1234567890abcdefghij" }),
      secretInputs: ["value"],
    };
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

  test("text: the resource tree, then the pack's findings as the Pulumi CLI prints them, then the verdict", () => {
    expect(
      textReport("prod", [api, stage], [violation, { ...violation, enforcementLevel: "advisory", resource: null, message: "meh" }], [], { pack: PACK }).split(
        "\n",
      ),
    ).toEqual([
      'Offline preview of stack "prod": 2 resources',
      "",
      "  gateway:rest-api:RestApi  api",
      "    aws:apigateway/stage:Stage  api-prod",
      "",
      "Policies:",
      "    ❌ microservice-gateway@v0.2.0 (local: policies)",
      "        - [mandatory]  p  (api-prod: aws:apigateway/stage:Stage)",
      "          bad",
      "        - [advisory]  p  (the stack)",
      "          meh",
      "",
      "FAILED: 1 mandatory violation(s), 1 advisory",
    ]);
    expect(textReport("dev", [], [], [], { pack: PACK }).split("\n").slice(-4)).toEqual([
      "    ✅ microservice-gateway@v0.2.0 (local: policies)",
      "        no violations",
      "",
      "PASSED: no mandatory violations (0 advisory)",
    ]);
  });

  test("text: an advisory rule that fires on many resources is one entry with their count", () => {
    const groups = ["a", "b", "c", "d"].map((n) => ({
      policy: "kms",
      enforcementLevel: "advisory" as const,
      resource: `aws:cloudwatch/logGroup:LogGroup::${n}`,
      message: `LogGroup "${n}" has no key`,
    }));
    expect(textReport("dev", [], groups, [], { pack: PACK }).split("\n").slice(-6)).toEqual([
      "Policies:",
      "    ✅ microservice-gateway@v0.2.0 (local: policies)",
      "        - [advisory]  kms  (4 findings on 4 resources: a, b, c and 1 more)",
      '          LogGroup "a" has no key (the first of 4; --json lists each)',
      "",
      "PASSED: no mandatory violations (4 advisory)",
    ]);
    const one = [1, 2].map((i) => ({ policy: "v", enforcementLevel: "advisory" as const, resource: "aws:apigateway/restApi:RestApi::api", message: `m${i}` }));
    expect(textReport("dev", [], one, [], { pack: PACK }).split("\n")).toContain("        - [advisory]  v  (2 findings on api)");
  });

  test("text: colour only when asked (a terminal), in ANSI codes", () => {
    const text = textReport("dev", [], [violation], [], { pack: PACK, colour: COLOURS });
    expect(text).toContain("\u001b[31m[mandatory]\u001b[0m");
    expect(text.split("\n").slice(-1)).toEqual(["\u001b[31mFAILED: 1 mandatory violation(s), 0 advisory\u001b[0m"]);
    expect(paletteFor({ isTTY: true }, {})).toBe(COLOURS);
    expect(paletteFor({ isTTY: true }, { NO_COLOR: "1" })).toBe(PLAIN);
    expect(paletteFor({ isTTY: false }, {})).toBe(PLAIN);
  });

  test("text: the config's warnings, when there are any, before the violations", () => {
    expect(textReport("dev", [], [], ["gateway.a: one", "gateway.b: two"], { pack: PACK }).split("\n")).toEqual([
      'Offline preview of stack "dev": 0 resources',
      "",
      "",
      "warnings: 2",
      "  gateway.a: one",
      "  gateway.b: two",
      "",
      "Policies:",
      "    ✅ microservice-gateway@v0.2.0 (local: policies)",
      "        no violations",
      "",
      "PASSED: no mandatory violations (0 advisory)",
    ]);
  });
});
