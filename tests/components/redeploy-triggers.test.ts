import { currentDeployment } from "../helpers/deployments";
import { apiSettingsHash } from "../../components/rest-api/document-hash";
import { capturedVariants, type CapturedStack } from "../helpers/captured-stack";
import { stackFileGateway } from "../helpers/stack-config";

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

const triggers = (rec: CapturedStack) => currentDeployment(rec).inputs.triggers as Record<string, string>;

const devRaw = (): Raw => {
  const raw = structuredClone(stackFileGateway("dev")) as Raw;
  raw.resourcePolicy = { denySourceIps: ["192.0.2.0/24"] };
  return raw;
};

describe("a redeploy for every change a stage serves, and none for a no-op (the dev stack under mocks)", () => {
  let baseline: Record<string, string>;
  let unchanged: Record<string, string>;
  let policyChanged: Record<string, string>;
  let mediaTypesChanged: Record<string, string>;
  beforeAll(async () => {
    const policy = devRaw();
    policy.resourcePolicy = { denySourceIps: ["192.0.2.0/24", "198.51.100.0/24"] };
    const mediaTypes = devRaw();
    mediaTypes.binaryMediaTypes = ["image/png"];
    // One child process for the four; the unchanged config is evaluated a second time, not read from the first.
    const captures = await capturedVariants("dev", [{ gateway: devRaw() }, { gateway: devRaw(), evaluation: 2 }, { gateway: policy }, { gateway: mediaTypes }]);
    [baseline, unchanged, policyChanged, mediaTypesChanged] = captures.map(triggers) as [typeof baseline, typeof baseline, typeof baseline, typeof baseline];
  }, 120_000);

  test("an unchanged config: the same triggers", () => {
    expect(unchanged).toEqual(baseline);
  });

  test("a resource policy edit (denySourceIps) replaces the deployment; the document is unchanged", () => {
    expect([policyChanged.documentHash === baseline.documentHash, policyChanged.apiSettingsHash === baseline.apiSettingsHash]).toEqual([true, false]);
  });

  test("a binary media type edit replaces the deployment", () => {
    expect(mediaTypesChanged.apiSettingsHash).not.toBe(baseline.apiSettingsHash);
  });
});
