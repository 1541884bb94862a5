import { currentDeployment } from "../helpers/deployments";
import { apiSettingsHash } from "../../components/rest-api/document-hash";
import { installMocks, type MockRecorder } from "../helpers/mocks";
import { parseForStack, stackFileGateway } from "../helpers/stack-config";

// A stage serves its deployment's snapshot. AWS, "Create and attach an API Gateway resource policy to
// an API": a changed resource policy needs a new deployment; aws-cdk-lib re-hashes its Deployment on a
// BinaryMediaTypes change (aws/aws-cdk#35502).
describe("the API settings a deployment snapshots", () => {
  const base = { policy: '{"Version":"2012-10-17","Statement":[]}', binaryMediaTypes: ["image/png", "application/pdf"], endpointType: "REGIONAL" };

  test("each setting changes the hash", () => {
    const hashes = [
      apiSettingsHash(base),
      apiSettingsHash({ ...base, policy: undefined }),
      apiSettingsHash({ ...base, policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny"}]}' }),
      apiSettingsHash({ ...base, binaryMediaTypes: ["image/png"] }),
      apiSettingsHash({ ...base, endpointType: "EDGE" }),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  test("the same settings written differently are no change: policy whitespace and key order, media type order", () => {
    expect(apiSettingsHash({ ...base, policy: '{ "Statement": [], "Version": "2012-10-17" }', binaryMediaTypes: ["application/pdf", "image/png"] })).toBe(
      apiSettingsHash(base),
    );
  });
});

type Raw = Record<string, unknown>;

async function triggers(raw: Raw): Promise<Record<string, string>> {
  const rec: MockRecorder = await installMocks({ stack: "dev", environment: { account: "123456789012", region: "us-east-1" } });
  const { createApp } = await import("../../app");
  createApp(parseForStack("dev", raw));
  await rec.settled();
  return currentDeployment(rec).inputs.triggers as Record<string, string>;
}

const devRaw = (): Raw => {
  const raw = structuredClone(stackFileGateway("dev")) as Raw;
  raw.resourcePolicy = { denySourceIps: ["192.0.2.0/24"] };
  return raw;
};

describe("a redeploy for every change a stage serves, and none for a no-op (the dev stack under mocks)", () => {
  let baseline: Record<string, string>;
  beforeAll(async () => {
    baseline = await triggers(devRaw());
  });

  test("an unchanged config: the same triggers", async () => {
    expect(await triggers(devRaw())).toEqual(baseline);
  });

  test("a resource policy edit (denySourceIps) replaces the deployment; the document is unchanged", async () => {
    const raw = devRaw();
    raw.resourcePolicy = { denySourceIps: ["192.0.2.0/24", "198.51.100.0/24"] };
    const changed = await triggers(raw);
    expect([changed.documentHash === baseline.documentHash, changed.apiSettingsHash === baseline.apiSettingsHash]).toEqual([true, false]);
  });

  test("a binary media type edit replaces the deployment", async () => {
    const raw = devRaw();
    raw.binaryMediaTypes = ["image/png"];
    const changed = await triggers(raw);
    expect(changed.apiSettingsHash).not.toBe(baseline.apiSettingsHash);
  });
});
