import { capturedVariants, type CapturedStack } from "../helpers/captured-stack";
import { stableId } from "../../preview/mock-state";
import { stackFileGateway } from "../helpers/stack-config";

describe("custom domains", () => {
  let rec: CapturedStack;
  beforeAll(async () => {
    const raw = stackFileGateway("dev") as Record<string, unknown>;
    raw.domains = [
      { name: "api.example.com", zone: "example.com", endpointType: "REGIONAL", basePaths: { v1: "dev", v2: "test" } },
      { name: "edge.example.com", zone: "example.com", endpointType: "EDGE", basePaths: { "": "dev" } },
    ];
    [rec] = (await capturedVariants("dev", [{ gateway: raw }])) as [CapturedStack];
  }, 120_000);
  const zoneId = `Z${stableId("example.com", 12).toUpperCase()}`;

  test("a regional domain: certificate in the stack's region, validated by DNS in the zone, TLS 1.2", () => {
    const cert = rec.get("aws:acm/certificate:Certificate", "domain-api-example-com-certificate");
    expect(cert.inputs).toMatchObject({ domainName: "api.example.com", validationMethod: "DNS" });
    expect(cert.providerRef).toBeUndefined();
    expect(rec.get("aws:route53/record:Record", "domain-api-example-com-validation").inputs).toEqual({
      zoneId,
      name: `_${stableId("domain-api-example-com-certificate-n", 16)}.api.example.com.`,
      type: "CNAME",
      records: [`_${stableId("domain-api-example-com-certificate-v", 16)}.acm-validations.aws.`],
      ttl: 300,
      allowOverwrite: true,
    });
    const domain = rec.get("aws:apigateway/domainName:DomainName", "domain-api-example-com-domain").inputs;
    expect(domain).toMatchObject({ domainName: "api.example.com", securityPolicy: "TLS_1_2", endpointConfiguration: { types: "REGIONAL" } });
    expect(domain.regionalCertificateArn).toMatch(/^arn:aws:acm:us-east-1:123456789012:certificate\//);
    const validation = rec.get("aws:acm/certificateValidation:CertificateValidation", "domain-api-example-com-certificate-validation");
    expect(validation.inputs).toEqual({
      certificateArn: domain.regionalCertificateArn,
      validationRecordFqdns: [expect.stringMatching(/\.api\.example\.com$/)],
    });
    expect(domain.certificateArn).toBeUndefined();
  });

  test("base paths: /v1 to dev and /v2 to test, so two versions coexist", () => {
    const mapping = (name: string) => rec.get("aws:apigateway/basePathMapping:BasePathMapping", name).inputs;
    expect(mapping("domain-api-example-com-path-v1")).toMatchObject({ stageName: "dev", domainName: "api.example.com", basePath: "v1" });
    expect(mapping("domain-api-example-com-path-v2")).toMatchObject({ stageName: "test", basePath: "v2" });
    expect(mapping("domain-edge-example-com-path-root").basePath).toBeUndefined();
  });

  test("A and AAAA aliases on the regional name and zone of a regional domain", () => {
    for (const type of ["a", "aaaa"]) {
      expect(rec.get("aws:route53/record:Record", `domain-api-example-com-${type}`).inputs).toEqual({
        zoneId,
        name: "api.example.com",
        type: type.toUpperCase(),
        aliases: [
          {
            name: `d-${stableId("domain-api-example-com-domain", 10)}.execute-api.us-east-1.amazonaws.com`,
            zoneId: "Z1UJRXOUMOOFQ8",
            evaluateTargetHealth: false,
          },
        ],
      });
    }
  });

  test("an edge domain: certificate in us-east-1 through the second provider, aliases on CloudFront", () => {
    const cert = rec.get("aws:acm/certificate:Certificate", "domain-edge-example-com-certificate");
    expect(cert.providerRef).toMatch(/::pulumi:providers:aws::us-east-1::/);
    expect(rec.get("pulumi:providers:aws", "us-east-1").inputs.region).toBe("us-east-1");
    expect(rec.get("aws:acm/certificateValidation:CertificateValidation", "domain-edge-example-com-certificate-validation").providerRef).toMatch(/us-east-1/);
    expect(rec.get("aws:apigateway/domainName:DomainName", "domain-edge-example-com-domain").inputs).toMatchObject({
      endpointConfiguration: { types: "EDGE" },
      securityPolicy: "TLS_1_2",
      certificateArn: expect.stringMatching(/^arn:aws:acm:/),
    });
    expect(rec.get("aws:route53/record:Record", "domain-edge-example-com-a").inputs.aliases).toEqual([
      { name: `d${stableId("domain-edge-example-com-domain", 13)}.cloudfront.net`, zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false },
    ]);
  });

  test("the domains' URLs are stack outputs", () => {
    expect(rec.outputs.domainUrls["api.example.com"]).toBe("https://api.example.com/");
  });
});
