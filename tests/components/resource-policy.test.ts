import { privateApiPolicy } from "../../components/network/private-api-policy";
import {
  isCidrBlock,
  mergePolicies,
  openGrantProblems,
  openMethodResources,
  resourcePolicyProblems,
  restApiResourcePolicy,
  type ApiOperation,
} from "../../components/access/resource-policy";

const OWN = "123456789012";
const PARTNER = "210987654321";
const INVOKE = "execute-api:Invoke";
const denyForeignIam = (accounts: string[]) => ({
  Effect: "Deny",
  Principal: "*",
  Action: INVOKE,
  Resource: "execute-api:/*",
  Condition: { StringNotEquals: { "aws:PrincipalAccount": accounts }, Null: { "aws:PrincipalAccount": "false" } },
});
const deny = (Condition: Record<string, unknown>) => ({ Effect: "Deny", Principal: "*", Action: INVOKE, Resource: "execute-api:/*", Condition });
const OPERATIONS: ApiOperation[] = [
  { method: "GET", path: "/hello", iam: false },
  { method: "GET", path: "/items/{id}", iam: false },
  { method: "POST", path: "/items", iam: true },
  { method: "DELETE", path: "/items/{id}", iam: true },
  { method: "ANY", path: "/service1/{proxy+}", iam: true },
  { method: "GET", path: "/", iam: false },
  { method: "GET", path: "/docs/{key+}", iam: false },
];
const STAGES = ["prod"];
const OPEN = ["execute-api:/prod/GET/", "execute-api:/prod/GET/docs/*", "execute-api:/prod/GET/hello", "execute-api:/prod/GET/items/*"];
const ALLOW_OPEN = { Effect: "Allow", Principal: "*", Action: INVOKE, Resource: OPEN };
const policy = (settings: Record<string, unknown>) => restApiResourcePolicy({ accountId: OWN, operations: OPERATIONS, stages: STAGES, ...settings });

describe("the REST API's resource policy", () => {
  test("with no settings: everyone may call exactly the methods that are not IAM-authorized; IAM-signed calls only from the own account", () => {
    expect(policy({})).toEqual({ Version: "2012-10-17", Statement: [ALLOW_OPEN, denyForeignIam([OWN])] });
  });

  test("the anonymous Allow never covers an IAM-authorized method (AWS table A: same-account callers get in when the resource policy allows)", () => {
    const allow = policy({}).Statement[0]!;
    expect(allow.Resource).not.toContain("execute-api:/*");
    expect(openMethodResources(OPERATIONS, STAGES)).toEqual(OPEN);
  });

  test("each stage is named: a * stage would match across / (POST /service1/a/GET/hello on any stage)", () => {
    expect(
      openMethodResources(
        [
          { method: "GET", path: "/hello", iam: false },
          { method: "ANY", path: "/service1/{proxy+}", iam: true },
        ],
        ["dev", "prod"],
      ),
    ).toEqual(["execute-api:/dev/GET/hello", "execute-api:/prod/GET/hello"]);
    expect(
      openGrantProblems(
        [
          { method: "GET", path: "/hello", iam: false },
          { method: "ANY", path: "/service1/{proxy+}", iam: true },
        ],
        ["dev", "prod"],
        "p",
      ),
    ).toEqual([]);
  });

  test("an API whose methods all use IAM has no Allow at all", () => {
    expect(restApiResourcePolicy({ accountId: OWN, operations: [{ method: "POST", path: "/orders", iam: true }], stages: STAGES }).Statement).toEqual([
      denyForeignIam([OWN]),
    ]);
  });

  test("allowed accounts: an Allow for their roots (never the own account's), and they join the own account in the IAM deny's exceptions", () => {
    expect(policy({ allowAccounts: [PARTNER, OWN] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        ALLOW_OPEN,
        { Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${PARTNER}:root`] }, Action: INVOKE, Resource: "execute-api:/*" },
        denyForeignIam([OWN, PARTNER]),
      ],
    });
    expect(policy({ allowAccounts: [OWN] }).Statement).toEqual([ALLOW_OPEN, denyForeignIam([OWN])]);
  });

  test("a source IP allow-list denies every other address; a deny-list denies its own", () => {
    expect(policy({ allowSourceIps: ["203.0.113.0/24", "2001:db8::/32"], denySourceIps: ["203.0.113.7/32"] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        ALLOW_OPEN,
        denyForeignIam([OWN]),
        deny({ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } }),
        deny({ IpAddress: { "aws:SourceIp": ["203.0.113.7/32"] } }),
      ],
    });
  });

  test("VPC endpoints alone: only through them", () => {
    expect(policy({ allowVpcEndpoints: ["vpce-0123456789abcdef0"] }).Statement).toEqual([
      ALLOW_OPEN,
      denyForeignIam([OWN]),
      deny({ StringNotEquals: { "aws:SourceVpce": ["vpce-0123456789abcdef0"] } }),
    ]);
  });

  test("source IPs and VPC endpoints together: one deny, so either network is enough", () => {
    expect(policy({ allowSourceIps: ["198.51.100.0/24"], allowVpcEndpoints: ["vpce-0123abcd"] }).Statement).toEqual([
      ALLOW_OPEN,
      denyForeignIam([OWN]),
      deny({ NotIpAddress: { "aws:SourceIp": ["198.51.100.0/24"] }, StringNotEquals: { "aws:SourceVpce": ["vpce-0123abcd"] } }),
    ]);
  });

  test("only a deny-list", () => {
    expect(policy({ denySourceIps: ["192.0.2.0/24"] }).Statement).toEqual([
      ALLOW_OPEN,
      denyForeignIam([OWN]),
      deny({ IpAddress: { "aws:SourceIp": ["192.0.2.0/24"] } }),
    ]);
  });

  test("invalid input throws listing every problem, the own account first", () => {
    expect(() => policy({ accountId: "own", allowSourceIps: [] })).toThrow(
      [
        'restApiResourcePolicy.accountId: "own" is not a 12-digit AWS account id',
        "restApiResourcePolicy.allowSourceIps: is empty; omit it to allow every caller (an empty allow-list would deny them all)",
      ].join("\n"),
    );
  });
});

describe("an open method whose resource would also match an IAM-authorized one", () => {
  const problem = (open: string, resource: string, closed: string) =>
    `p: ${open} is open to every caller through "${resource}", which also matches the IAM-authorized ${closed} ` +
    "(an IAM resource's * matches across /) and would open it to every principal of the account; give one of them another path or the same authorization";

  test("a parameter's * matches deeper paths, and ANY matches every method", () => {
    expect(
      openGrantProblems(
        [
          { method: "GET", path: "/items/{id}", iam: false },
          { method: "GET", path: "/items/{id}/secret", iam: true },
          { method: "ANY", path: "/files/{key+}", iam: false },
          { method: "DELETE", path: "/files/private/{key}", iam: true },
          { method: "GET", path: "/a/{id}", iam: false },
          { method: "ANY", path: "/a/{id}/b", iam: true },
        ],
        STAGES,
        "p",
      ),
    ).toEqual([
      problem("GET /items/{id}", "execute-api:/prod/GET/items/*", "GET /items/{id}/secret"),
      problem("ANY /files/{key+}", "execute-api:/prod/DELETE/files/*", "DELETE /files/private/{key}"),
      problem("GET /a/{id}", "execute-api:/prod/GET/a/*", "ANY /a/{id}/b"),
    ]);
  });

  // AWS, "x-amazon-apigateway-any-method object": ANY "will catch any HTTP method that wasn't explicitly
  // declared" on its resource, so a method declared beside it takes that method's requests from it.
  test("an open method beside an IAM-authorized ANY on the same path takes its method's requests: a CORS preflight opens nothing", () => {
    expect(
      openGrantProblems(
        [
          { method: "ANY", path: "/service1/{proxy+}", iam: true },
          { method: "OPTIONS", path: "/service1/{proxy+}", iam: false },
          { method: "GET", path: "/a", iam: false },
          { method: "ANY", path: "/a", iam: true },
        ],
        STAGES,
        "p",
      ),
    ).toEqual([]);
    // Without the declared OPTIONS, the ANY answers OPTIONS requests, and an open OPTIONS elsewhere matching them is refused.
    expect(
      openGrantProblems(
        [
          { method: "ANY", path: "/service1/{proxy+}", iam: true },
          { method: "OPTIONS", path: "/service1", iam: false },
        ],
        STAGES,
        "p",
      ),
    ).toEqual([]);
    expect(
      openGrantProblems(
        [
          { method: "ANY", path: "/s/{id}/x", iam: true },
          { method: "OPTIONS", path: "/s/{id}", iam: false },
        ],
        STAGES,
        "p",
      ),
    ).toEqual([problem("OPTIONS /s/{id}", "execute-api:/prod/OPTIONS/s/*", "ANY /s/{id}/x")]);
  });

  test("ANY is written as each method: a * in the method's place would match GET /items/files/secret", () => {
    const operations: ApiOperation[] = [
      { method: "ANY", path: "/files/{key+}", iam: false },
      { method: "GET", path: "/items/{id}/secret", iam: true },
    ];
    expect(openGrantProblems(operations, STAGES, "p")).toEqual([]);
    expect(openMethodResources(operations, STAGES)).toEqual(
      ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"].map((m) => `execute-api:/prod/${m}/files/*`),
    );
  });

  test("different methods, different literal paths, and a shorter IAM path are not covered", () => {
    expect(
      openGrantProblems(
        [
          ...OPERATIONS,
          { method: "GET", path: "/a/{x}/b", iam: false },
          { method: "GET", path: "/a/{y}", iam: true },
          { method: "GET", path: "/docsx", iam: true },
        ],
        STAGES,
        "p",
      ),
    ).toEqual([]);
  });

  test("the policy builder refuses such a pair", () => {
    expect(() =>
      restApiResourcePolicy({
        accountId: OWN,
        operations: [
          { method: "ANY", path: "/{proxy+}", iam: false },
          { method: "POST", path: "/orders", iam: true },
        ],
        stages: STAGES,
      }),
    ).toThrow(problem("ANY /{proxy+}", "execute-api:/prod/POST/*", "POST /orders").replace(/^p:/, "restApiResourcePolicy.operations:"));
  });
});

describe("resource policy settings: problems", () => {
  const path = "gateway.access.resourcePolicy";

  test("valid settings have none", () => {
    expect(
      resourcePolicyProblems(
        {
          allowAccounts: [PARTNER],
          allowSourceIps: ["10.0.0.0/8", "0.0.0.0/0", "::/0", "2001:db8::1/128"],
          denySourceIps: ["10.1.0.0/16"],
          allowVpcEndpoints: ["vpce-0a1b2c3d", "vpce-0123456789abcdef0"],
        },
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
    for (const ok of ["0.0.0.0/0", "192.168.1.0/24", "255.255.255.255/32", "::/0", "2001:db8::/48", "::ffff:10.0.0.0/104"])
      expect([ok, isCidrBlock(ok)]).toEqual([ok, true]);
    for (const bad of ["", "/24", "10.0.0/24", "10.0.0.0/-1", "10.0.0.0/ 8", "fe80::1%eth0/64", "2001:db8::/1280", "1.2.3.4/32/1"])
      expect([bad, isCidrBlock(bad)]).toEqual([bad, false]);
  });
});

describe("merging policies", () => {
  test("a private API's policy and the resource policy: statements concatenated, the shared Allow kept once", () => {
    const merged = mergePolicies(privateApiPolicy("vpce-0123456789abcdef0", OPEN), policy({ denySourceIps: ["10.9.0.0/16"] }));
    expect(merged).toEqual({
      Version: "2012-10-17",
      Statement: [
        ALLOW_OPEN,
        deny({ StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }),
        denyForeignIam([OWN]),
        deny({ IpAddress: { "aws:SourceIp": ["10.9.0.0/16"] } }),
      ],
    });
  });

  test("duplicates are found whatever their key order; distinct statements are all kept, in order", () => {
    const a = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Principal: "*", Resource: "execute-api:/*" }] };
    const b = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: "execute-api:/*" }, deny({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } })],
    };
    expect(mergePolicies(a, b).Statement).toEqual([a.Statement[0], deny({ IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } })]);
    expect(mergePolicies(b).Statement).toEqual(b.Statement);
  });

  test("nothing to merge, or another policy language version, is refused", () => {
    expect(() => mergePolicies()).toThrow("mergePolicies: no documents to merge");
    expect(() => mergePolicies(privateApiPolicy("vpce-0123abcd", OPEN), { Version: "2008-10-17", Statement: [] })).toThrow(
      'mergePolicies: document 1 has Version "2008-10-17", not "2012-10-17"',
    );
  });
});
