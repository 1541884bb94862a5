import { privateApiPolicy } from "../../components/network/private-api-policy";
import { isCidrBlock, mergePolicies, resourcePolicyProblems, restApiResourcePolicy } from "../../components/access/resource-policy";

const OWN = "123456789012";
const PARTNER = "210987654321";
const ALLOW_ALL = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };
const denyForeignIam = (accounts: string[]) => ({
  Effect: "Deny",
  Principal: "*",
  Action: "execute-api:Invoke",
  Resource: "execute-api:/*",
  Condition: { StringNotEquals: { "aws:PrincipalAccount": accounts }, Null: { "aws:PrincipalAccount": "false" } },
});
const deny = (Condition: Record<string, unknown>) => ({ Effect: "Deny", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*", Condition });

describe("the REST API's resource policy", () => {
  test("with no settings: everyone may call non-IAM methods; IAM-signed calls only from the own account", () => {
    expect(restApiResourcePolicy({ accountId: OWN })).toEqual({ Version: "2012-10-17", Statement: [ALLOW_ALL, denyForeignIam([OWN])] });
  });

  test("allowed accounts: an Allow for their roots, and they join the own account in the IAM deny's exceptions", () => {
    expect(restApiResourcePolicy({ accountId: OWN, allowAccounts: [PARTNER, OWN] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        ALLOW_ALL,
        { Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${PARTNER}:root`, `arn:aws:iam::${OWN}:root`] }, Action: "execute-api:Invoke", Resource: "execute-api:/*" },
        denyForeignIam([OWN, PARTNER]),
      ],
    });
  });

  test("a source IP allow-list denies every other address; a deny-list denies its own", () => {
    expect(restApiResourcePolicy({ accountId: OWN, allowSourceIps: ["203.0.113.0/24", "2001:db8::/32"], denySourceIps: ["203.0.113.7/32"] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        ALLOW_ALL,
        denyForeignIam([OWN]),
        deny({ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } }),
        deny({ IpAddress: { "aws:SourceIp": ["203.0.113.7/32"] } }),
      ],
    });
  });

  test("VPC endpoints alone: only through them", () => {
    expect(restApiResourcePolicy({ accountId: OWN, allowVpcEndpoints: ["vpce-0123456789abcdef0"] }).Statement).toEqual([
      ALLOW_ALL,
      denyForeignIam([OWN]),
      deny({ StringNotEquals: { "aws:SourceVpce": ["vpce-0123456789abcdef0"] } }),
    ]);
  });

  test("source IPs and VPC endpoints together: one deny, so either network is enough", () => {
    expect(restApiResourcePolicy({ accountId: OWN, allowSourceIps: ["198.51.100.0/24"], allowVpcEndpoints: ["vpce-0123abcd"] }).Statement).toEqual([
      ALLOW_ALL,
      denyForeignIam([OWN]),
      deny({ NotIpAddress: { "aws:SourceIp": ["198.51.100.0/24"] }, StringNotEquals: { "aws:SourceVpce": ["vpce-0123abcd"] } }),
    ]);
  });

  test("only a deny-list", () => {
    expect(restApiResourcePolicy({ accountId: OWN, denySourceIps: ["192.0.2.0/24"] }).Statement).toEqual([
      ALLOW_ALL,
      denyForeignIam([OWN]),
      deny({ IpAddress: { "aws:SourceIp": ["192.0.2.0/24"] } }),
    ]);
  });

  test("invalid input throws listing every problem, the own account first", () => {
    expect(() => restApiResourcePolicy({ accountId: "own", allowSourceIps: [] })).toThrow(
      [
        'restApiResourcePolicy.accountId: "own" is not a 12-digit AWS account id',
        "restApiResourcePolicy.allowSourceIps: is empty; omit it to allow every caller (an empty allow-list would deny them all)",
      ].join("\n"),
    );
  });
});

describe("resource policy settings: problems", () => {
  const path = "gateway.access.resourcePolicy";

  test("valid settings have none", () => {
    expect(
      resourcePolicyProblems(
        { allowAccounts: [PARTNER], allowSourceIps: ["10.0.0.0/8", "0.0.0.0/0", "::/0", "2001:db8::1/128"], denySourceIps: ["10.1.0.0/16"], allowVpcEndpoints: ["vpce-0a1b2c3d", "vpce-0123456789abcdef0"] },
        path,
      ),
    ).toEqual([]);
    expect(resourcePolicyProblems({}, path)).toEqual([]);
  });

  test("each bad entry is named with its index, value and what is allowed", () => {
    expect(
      resourcePolicyProblems(
        {
          allowAccounts: ["12345", PARTNER, PARTNER],
          allowSourceIps: ["10.0.0.0/8", "10.0.0.0/33", "10.0.0.0", "300.0.0.0/8", "2001:db8::/129", "10.0.0.0/08"],
          denySourceIps: ["0.0.0.0/0", "::/0", "host.example.com/32"],
          allowVpcEndpoints: ["vpc-0123abcd", "vpce-0123ABCD", "vpce-0123abcd", "vpce-0123abcd"],
        },
        path,
      ),
    ).toEqual([
      'gateway.access.resourcePolicy.allowAccounts[0]: "12345" is not a 12-digit AWS account id',
      'gateway.access.resourcePolicy.allowAccounts[2]: "210987654321" repeats allowAccounts[1]',
      'gateway.access.resourcePolicy.allowSourceIps[1]: "10.0.0.0/33" is not an IPv4 or IPv6 CIDR block',
      'gateway.access.resourcePolicy.allowSourceIps[2]: "10.0.0.0" is not an IPv4 or IPv6 CIDR block',
      'gateway.access.resourcePolicy.allowSourceIps[3]: "300.0.0.0/8" is not an IPv4 or IPv6 CIDR block',
      'gateway.access.resourcePolicy.allowSourceIps[4]: "2001:db8::/129" is not an IPv4 or IPv6 CIDR block',
      'gateway.access.resourcePolicy.allowSourceIps[5]: "10.0.0.0/08" is not an IPv4 or IPv6 CIDR block',
      'gateway.access.resourcePolicy.denySourceIps[0]: "0.0.0.0/0" would deny every IPv4 caller',
      'gateway.access.resourcePolicy.denySourceIps[1]: "::/0" would deny every IPv6 caller',
      'gateway.access.resourcePolicy.denySourceIps[2]: "host.example.com/32" is not an IPv4 or IPv6 CIDR block',
      'gateway.access.resourcePolicy.allowVpcEndpoints[0]: "vpc-0123abcd" is not a VPC endpoint id (vpce- and 8 or 17 lowercase hex digits)',
      'gateway.access.resourcePolicy.allowVpcEndpoints[1]: "vpce-0123ABCD" is not a VPC endpoint id (vpce- and 8 or 17 lowercase hex digits)',
      'gateway.access.resourcePolicy.allowVpcEndpoints[3]: "vpce-0123abcd" repeats allowVpcEndpoints[2]',
    ]);
  });

  test("empty lists: allow-lists would lock everyone out, the others are pointless", () => {
    expect(resourcePolicyProblems({ allowAccounts: [], allowSourceIps: [], denySourceIps: [], allowVpcEndpoints: [] }, "p")).toEqual([
      "p.allowAccounts: is empty; omit it",
      "p.allowSourceIps: is empty; omit it to allow every caller (an empty allow-list would deny them all)",
      "p.denySourceIps: is empty; omit it",
      "p.allowVpcEndpoints: is empty; omit it to allow every caller (an empty allow-list would deny them all)",
    ]);
  });

  test("CIDR blocks", () => {
    for (const ok of ["0.0.0.0/0", "192.168.1.0/24", "255.255.255.255/32", "::/0", "2001:db8::/48", "::ffff:10.0.0.0/104"]) expect([ok, isCidrBlock(ok)]).toEqual([ok, true]);
    for (const bad of ["", "/24", "10.0.0/24", "10.0.0.0/-1", "10.0.0.0/ 8", "fe80::1%eth0/64", "2001:db8::/1280", "1.2.3.4/32/1"]) expect([bad, isCidrBlock(bad)]).toEqual([bad, false]);
  });
});

describe("merging policies", () => {
  test("a private API's policy and the resource policy: statements concatenated, the shared Allow kept once", () => {
    const merged = mergePolicies(privateApiPolicy("vpce-0123456789abcdef0"), restApiResourcePolicy({ accountId: OWN, denySourceIps: ["10.9.0.0/16"] }));
    expect(merged).toEqual({
      Version: "2012-10-17",
      Statement: [
        ALLOW_ALL,
        deny({ StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }),
        denyForeignIam([OWN]),
        deny({ IpAddress: { "aws:SourceIp": ["10.9.0.0/16"] } }),
      ],
    });
  });

  test("duplicates are found whatever their key order; distinct statements are all kept, in order", () => {
    const a = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Principal: "*", Resource: "execute-api:/*" }] };
    const b = { Version: "2012-10-17", Statement: [ALLOW_ALL, deny({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } })] };
    expect(mergePolicies(a, b).Statement).toEqual([a.Statement[0], deny({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } })]);
    expect(mergePolicies(b).Statement).toEqual(b.Statement);
  });

  test("nothing to merge, or another policy language version, is refused", () => {
    expect(() => mergePolicies()).toThrow("mergePolicies: no documents to merge");
    expect(() => mergePolicies(privateApiPolicy("vpce-0123abcd"), { Version: "2008-10-17", Statement: [] })).toThrow(
      'mergePolicies: document 1 has Version "2008-10-17", not "2012-10-17"',
    );
  });
});
