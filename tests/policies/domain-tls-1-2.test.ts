import { domainTls12 as rule, TLS_1_2_POLICIES } from "../../policies/rules/domain-tls-1-2";
import { check, fake, messages } from "../helpers/policy-harness";

const REST_FIX =
  'Set securityPolicy: "TLS_1_2", or an enhanced policy such as "SecurityPolicy_TLS13_1_2_2021_06" (regional) or "SecurityPolicy_TLS12_PFS_2025_EDGE" (edge) with endpointAccessMode.';
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
const restDomain = (inputs: Record<string, unknown>) =>
  fake("aws:apigateway/domainName:DomainName", "api-domain", {
    domainName: "api.example.com",
    regionalCertificateArn: CERT,
    endpointConfiguration: { types: "REGIONAL" },
    securityPolicy: "TLS_1_2",
    ...inputs,
  });
const v2Domain = (config: Record<string, unknown>) =>
  fake("aws:apigatewayv2/domainName:DomainName", "ws-domain", {
    domainName: "ws.example.com",
    domainNameConfiguration: { certificateArn: CERT, endpointType: "REGIONAL", ...config },
  });

describe("domain-tls-1-2", () => {
  test("passes: TLS_1_2 on a REST domain and on a v2 domain", async () => {
    expect(await check(rule, [restDomain({}), v2Domain({ securityPolicy: "TLS_1_2" })])).toEqual([]);
  });

  test("passes: every enhanced security policy, all TLS 1.2 or newer", async () => {
    const enhanced = TLS_1_2_POLICIES.filter((p) => p.startsWith("SecurityPolicy_"));
    expect(enhanced).toHaveLength(10);
    expect(
      await check(
        rule,
        enhanced.map((p) => restDomain({ securityPolicy: p, endpointAccessMode: "STRICT" })),
      ),
    ).toEqual([]);
  });

  test("fails: a REST domain on TLS_1_0", async () => {
    expect(await check(rule, [restDomain({ securityPolicy: "TLS_1_0" })])).toEqual([
      {
        policy: "domain-tls-1-2",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/domainName:DomainName::api-domain",
        message: `DomainName "api-domain" does not pin a TLS 1.2+ security policy (securityPolicy is "TLS_1_0"). ${REST_FIX}`,
      },
    ]);
  });

  test("fails: a REST domain without a security policy", async () => {
    expect(await messages(rule, [restDomain({ securityPolicy: undefined })])).toEqual([
      `DomainName "api-domain" does not pin a TLS 1.2+ security policy (securityPolicy is unset). ${REST_FIX}`,
    ]);
  });

  test("fails: a v2 domain whose security policy is not TLS_1_2", async () => {
    expect(await messages(rule, [v2Domain({ securityPolicy: "TLS_1_0" }), v2Domain({})])).toEqual([
      'DomainName "ws-domain" (API Gateway v2) does not pin TLS 1.2 (domainNameConfiguration.securityPolicy is "TLS_1_0"). Set domainNameConfiguration.securityPolicy: "TLS_1_2", the only policy HTTP and WebSocket domains support.',
      'DomainName "ws-domain" (API Gateway v2) does not pin TLS 1.2 (domainNameConfiguration.securityPolicy is unset). Set domainNameConfiguration.securityPolicy: "TLS_1_2", the only policy HTTP and WebSocket domains support.',
    ]);
  });
});
