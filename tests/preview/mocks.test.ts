import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, providerRegionOf, type MockRecorder } from "../helpers/mocks";

describe("the mocks: providers and secrets", () => {
  test("a provider reference names its region when the program registered that provider with one", () => {
    const regions = new Map([["us-east-1", "us-east-1"]]);
    expect(providerRegionOf("urn:pulumi:edge::p::pulumi:providers:aws::us-east-1::0a1b-id", regions)).toBe("us-east-1");
    expect(providerRegionOf("urn:pulumi:edge::p::pulumi:providers:aws::other::0a1b-id", regions)).toBeUndefined();
    expect(providerRegionOf("urn:pulumi:edge::p::pulumi:providers:random::us-east-1::0a1b-id", regions)).toBeUndefined();
    expect(providerRegionOf(undefined, regions)).toBeUndefined();
  });

  describe("a program in eu-west-1 with a second provider in us-east-1", () => {
    let rec: MockRecorder;
    beforeAll(async () => {
      rec = await installMocks({ stack: "edge", environment: { account: "123456789012", region: "eu-west-1" } });
      const usEast1 = new aws.Provider("us-east-1", { region: "us-east-1" });
      const edge = new aws.acm.Certificate("edge-certificate", { domainName: "edge.example.com", validationMethod: "DNS" }, { provider: usEast1 });
      const regional = new aws.acm.Certificate("regional-certificate", { domainName: "api.example.com", validationMethod: "DNS" });
      new aws.apigateway.DomainName("edge-domain", { domainName: "edge.example.com", certificateArn: edge.arn, endpointConfiguration: { types: "EDGE" } });
      new aws.apigateway.DomainName("regional-domain", {
        domainName: "api.example.com",
        regionalCertificateArn: regional.arn,
        endpointConfiguration: { types: "REGIONAL" },
      });
      new aws.apigateway.ApiKey("key", { name: "legacy", value: pulumi.secret("k-1234567890abcdefghij"), description: "plain" });
      await rec.settled();
    });

    test("a resource created through the provider lives in its region (its ARN says so); the others in the stack's", () => {
      expect(rec.get("aws:apigateway/domainName:DomainName", "edge-domain").inputs.certificateArn).toMatch(/^arn:aws:acm:us-east-1:123456789012:certificate\//);
      expect(rec.get("aws:apigateway/domainName:DomainName", "regional-domain").inputs.regionalCertificateArn).toMatch(
        /^arn:aws:acm:eu-west-1:123456789012:certificate\//,
      );
    });

    test("secret inputs are named; their values are recorded for the tests", () => {
      const key = rec.get("aws:apigateway/apiKey:ApiKey", "key");
      expect(key.secretInputs).toEqual(["value"]);
      expect(key.inputs).toMatchObject({ name: "legacy", value: "k-1234567890abcdefghij", description: "plain" });
      expect(rec.get("aws:acm/certificate:Certificate", "regional-certificate").secretInputs).toEqual([]);
    });
  });
});
