import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../config";
import { apiKeyValueOf, OFFLINE_STAND_IN, plainTextApiKeyValues } from "../../config/api-key-values";
import { AWS_REGIONS, regionProblem } from "../../config/aws-regions";
import { loadStackConfig, loadStackSecrets, readStackConfig } from "../../load-config";
import { installMocks, outputOf } from "../helpers/mocks";
import { baseGateway, PROJECT } from "../helpers/stack-config";

/** The program's loader, run as `pulumi up` would run it: config from the engine (here, the mocks). */
async function load(config: Record<string, unknown>, secretKeys: string[] = []): Promise<readonly string[]> {
  await installMocks({ project: PROJECT, stack: "dev", config, secretKeys });
  try {
    readStackConfig();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected the config to be rejected");
}

const GATEWAY = `${PROJECT}:gateway`;
const VALUES = `${PROJECT}:apiKeyValues`;
const message = (name: string) =>
  `${PROJECT}:apiKeyValues.${name}: is plain text in the stack's configuration; an API key value must be a secret (pulumi config set --secret --path 'apiKeyValues.${name}' <value>)`;
const withImportedKey = () => ({ ...baseGateway(), apiKeys: { legacy: { imported: true } } });

// Source: "AWS Regions" and "AWS Region billing codes" (AWS Regions and Availability Zones guide).
describe("aws:region must be an AWS Region", () => {
  test("an unknown region is refused, naming the allowed ones", async () => {
    expect(await load({ "aws:region": "us-east-7", [GATEWAY]: baseGateway() })).toEqual([
      `aws:region: "us-east-7" is not an AWS Region; one of ${AWS_REGIONS.join(", ")}`,
    ]);
  });

  test("commercial, China and GovCloud Regions pass", () => {
    for (const region of ["us-east-1", "eu-central-2", "il-central-1", "mx-central-1", "ap-southeast-7", "cn-northwest-1", "us-gov-west-1"]) {
      expect(regionProblem(region)).toBeUndefined();
    }
    expect(regionProblem(undefined)).toBeUndefined();
    expect(regionProblem("US-EAST-1")).toBe(`aws:region: "US-EAST-1" is not an AWS Region; one of ${AWS_REGIONS.join(", ")}`);
  });
});

describe("imported API key values must be Pulumi secrets", () => {
  test("a value the CLI does not mark secret is plain text", async () => {
    expect(await load({ [GATEWAY]: withImportedKey(), [VALUES]: { legacy: "k-123" } })).toEqual([message("legacy")]);
  });

  test("a secret value passes, decrypted (as the CLI hands it over) or still encrypted (as the preview reads it)", async () => {
    await installMocks({ project: PROJECT, stack: "dev", config: { [GATEWAY]: withImportedKey(), [VALUES]: { legacy: "k-123" } }, secretKeys: [VALUES] });
    expect(readStackConfig().config.apiKeys.legacy).toMatchObject({ imported: true });
    expect(plainTextApiKeyValues(PROJECT, "apiKeyValues", JSON.stringify({ legacy: { secure: "v1:abc" } }), true)).toEqual([]);
  });

  test("the program gets the values as a secret; one still encrypted (offline: nothing decrypts it) becomes a stable 32-character stand-in", async () => {
    await installMocks({
      project: PROJECT,
      stack: "dev",
      config: { [GATEWAY]: withImportedKey(), [VALUES]: { legacy: { secure: "v1:abc" }, other: "k-1234567890abcdefghij" } },
      secretKeys: [VALUES],
    });
    const values = loadStackSecrets().apiKeyValues as pulumi.Output<Record<string, string>>;
    expect(await pulumi.isSecret(values)).toBe(true);
    const standIn = apiKeyValueOf({ secure: "v1:abc" });
    expect(await outputOf(values)).toEqual({ legacy: standIn, other: "k-1234567890abcdefghij" });
    expect(standIn).toMatch(OFFLINE_STAND_IN);
    expect(standIn).toBe(apiKeyValueOf({ secure: "v1:abc" }));
    expect(standIn).not.toBe(apiKeyValueOf({ secure: "v1:abd" }));
    expect(standIn).toHaveLength(32);
  });

  test("a plain value beside an encrypted one is plain text, though the key is secret", () => {
    expect(plainTextApiKeyValues(PROJECT, "apiKeyValues", JSON.stringify({ legacy: { secure: "v1:abc" }, other: "k-9" }), true)).toEqual([message("other")]);
  });
});

describe("the gateway value", () => {
  test("a plain string is named, not a JSON parse error", async () => {
    expect(await load({ [GATEWAY]: "hello" })).toEqual([`${GATEWAY}: "hello" is not an object (the stack configuration object)`]);
  });

  test("a list is named by the schema", async () => {
    expect(await load({ [GATEWAY]: [1, 2] })).toEqual(["gateway: [1,2] is not an object"]);
  });

  test("every problem of the stack at once: region, plain-text key, the gateway's own", async () => {
    expect(await load({ "aws:region": "mars-1", [GATEWAY]: { ...withImportedKey(), owner: "" }, [VALUES]: { legacy: "k" } })).toEqual([
      `aws:region: "mars-1" is not an AWS Region; one of ${AWS_REGIONS.join(", ")}`,
      message("legacy"),
      "gateway.owner: must not be empty",
    ]);
  });
});

describe("warnings", () => {
  test("readStackConfig returns them; loadStackConfig logs each with pulumi.log.warn", async () => {
    const gateway = {
      ...baseGateway(),
      stages: { ...(baseGateway().stages as object), dev: { variables: { lambdaAlias: "DEV" }, throttling: { rateLimit: 300 } } },
    };
    await installMocks({ project: PROJECT, stack: "dev", config: { [GATEWAY]: gateway } });
    const expected =
      "gateway.stages.dev.throttling: burstLimit 200 is below rateLimit 300; the burst is the size of API Gateway's token bucket, so at most 200 requests pass at once and 300 per second is reached only by evenly spaced requests (set burstLimit to at least 300)";
    expect(readStackConfig().warnings).toEqual([expected]);
    const warn = jest.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
    try {
      expect(loadStackConfig().stages.dev!.throttling).toEqual({ rateLimit: 300, burstLimit: 200 });
      expect(warn.mock.calls).toEqual([[expected]]);
    } finally {
      warn.mockRestore();
    }
  });
});
