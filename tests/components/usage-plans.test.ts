import * as pulumi from "@pulumi/pulumi";
import { usagePlanMethodPath, usagePlanThrottles } from "../../components/access/usage-plan-settings";
import { missingImportedKeyValues } from "../../config/load";
import { installMocks, outputOf } from "../helpers/mocks";
import { baseGateway, parseForStack } from "../helpers/stack-config";

describe("usage plan settings", () => {
  test("methods as usage plans name them", () => {
    expect(usagePlanMethodPath("GET", "/items/{id}")).toBe("/items/{id}/GET");
    expect(usagePlanMethodPath("POST", "/")).toBe("/POST");
    expect(usagePlanMethodPath("ANY", "/proxy/{proxy+}")).toBe("/proxy/{proxy+}/*");
  });

  test("per-method throttles, sorted by route", () => {
    expect(
      usagePlanThrottles({
        name: "p",
        description: "",
        stages: ["dev"],
        throttle: undefined,
        quota: undefined,
        methodThrottles: { "POST /items": { rateLimit: 2, burstLimit: 4 }, "GET /items": { rateLimit: 1, burstLimit: 3 } },
        apiKeys: [],
      }),
    ).toEqual([
      { path: "/items/GET", rateLimit: 1, burstLimit: 3 },
      { path: "/items/POST", rateLimit: 2, burstLimit: 4 },
    ]);
  });
});

describe("imported API keys", () => {
  const withKeys = () => {
    const raw = baseGateway() as Record<string, unknown>;
    raw.usagePlans = { partners: { stages: ["dev"], apiKeys: ["legacy", "fresh"] } };
    raw.apiKeys = { legacy: { imported: true }, fresh: {} };
    return parseForStack("dev", raw);
  };

  test("an imported key without a secret value is named, with the command that sets it", () => {
    expect(missingImportedKeyValues("microservice-gateway", withKeys(), {})).toEqual([
      "microservice-gateway:apiKeyValues.legacy: missing; gateway.apiKeys.legacy is imported (pulumi config set --secret --path 'apiKeyValues.legacy' <value>)",
    ]);
    expect(missingImportedKeyValues("microservice-gateway", withKeys(), { "microservice-gateway:apiKeyValues": '{"legacy":"k-123"}' })).toEqual([]);
    expect(missingImportedKeyValues("microservice-gateway", withKeys(), { "microservice-gateway:apiKeyValues": "not json" })).toEqual([
      "microservice-gateway:apiKeyValues: must be an object of key name to value",
    ]);
  });

  test("the imported key takes its value from the secret; the generated one has none; values leave only as a secret", async () => {
    const rec = await installMocks({ stack: "dev" });
    const { createApp } = await import("../../app");
    const outputs = createApp(withKeys(), { apiKeyValues: pulumi.secret<Record<string, string>>({ legacy: "k-123" }) });
    await rec.settled();
    expect(rec.get("aws:apigateway/apiKey:ApiKey", "usage-key-legacy").inputs).toMatchObject({ name: "microservice-gateway-dev-legacy", value: "k-123" });
    expect(rec.get("aws:apigateway/apiKey:ApiKey", "usage-key-fresh").inputs.value).toBeUndefined();
    expect(await pulumi.isSecret(outputs.apiKeys)).toBe(true);
    expect(await outputOf(outputs.apiKeys)).toMatchObject({ legacy: "k-123" });
  });
});
