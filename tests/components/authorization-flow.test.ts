import { authorizeInvoke, resourcePolicyVerdict, type InvokeRequest, type PolicyVerdict } from "../../components/access/authorization-flow";

// Source: AWS, "How API Gateway resource policies affect authorization workflow" (API Gateway Developer
// Guide), its flowcharts and "Policy evaluation outcome tables" A (same account) and B (cross account).
const OWN = "111111111111";
const OTHER = "222222222222";
const API = `arn:aws:execute-api:us-east-1:${OWN}:abc123`;
const methodArn = `${API}/prod/POST/orders`;
const caller = (accountId: string) => ({ arn: `arn:aws:sts::${accountId}:assumed-role/app/session`, accountId });
const INVOKE = "execute-api:Invoke";
const ALLOW_ORDERS = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: "execute-api:/prod/POST/orders" }] };
const DENY_ORDERS = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: INVOKE, Resource: "execute-api:/*" }] };
const SILENT = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: INVOKE, Resource: "execute-api:/prod/GET/hello" }] };
const POLICY_FOR: Record<PolicyVerdict, unknown> = { Allow: ALLOW_ORDERS, Deny: DENY_ORDERS, Neither: SILENT };

const outcome = (d: { allowed: boolean; denial?: string }) => (d.allowed ? "Allow" : d.denial === "explicit" ? "Explicit Deny" : "Implicit Deny");
const VERDICTS: PolicyVerdict[] = ["Allow", "Neither", "Deny"];

describe("IAM authorization and a resource policy (tables A and B)", () => {
  const TABLE_A: Record<string, string> = {
    "Allow/Allow": "Allow",
    "Allow/Neither": "Allow",
    "Allow/Deny": "Explicit Deny",
    "Neither/Allow": "Allow",
    "Neither/Neither": "Implicit Deny",
    "Neither/Deny": "Explicit Deny",
    "Deny/Allow": "Explicit Deny",
    "Deny/Neither": "Explicit Deny",
    "Deny/Deny": "Explicit Deny",
  };
  const TABLE_B: Record<string, string> = {
    "Allow/Allow": "Allow",
    "Allow/Neither": "Implicit Deny",
    "Allow/Deny": "Explicit Deny",
    "Neither/Allow": "Implicit Deny",
    "Neither/Neither": "Implicit Deny",
    "Neither/Deny": "Explicit Deny",
    "Deny/Allow": "Explicit Deny",
    "Deny/Neither": "Explicit Deny",
    "Deny/Deny": "Explicit Deny",
  };
  const rows = (account: string) =>
    Object.fromEntries(
      VERDICTS.flatMap((identity) =>
        VERDICTS.map((resource) => [
          `${identity}/${resource}`,
          outcome(
            authorizeInvoke({
              authorization: "iam",
              apiAccountId: OWN,
              resourcePolicy: POLICY_FOR[resource],
              callerVerdict: identity,
              request: { methodArn, principal: caller(account) },
            }),
          ),
        ]),
      ),
    );

  test("table A: account A calls an API owned by account A", () => {
    expect(rows(OWN)).toEqual(TABLE_A);
  });

  test("table B: account B calls an API owned by account A", () => {
    expect(rows(OTHER)).toEqual(TABLE_B);
  });

  test("with no resource policy, the caller's own policy decides in its account; another account cannot get in", () => {
    const decide = (account: string, identity: PolicyVerdict) =>
      outcome(
        authorizeInvoke({
          authorization: "iam",
          apiAccountId: OWN,
          resourcePolicy: undefined,
          callerVerdict: identity,
          request: { methodArn, principal: caller(account) },
        }),
      );
    expect([decide(OWN, "Allow"), decide(OWN, "Neither"), decide(OTHER, "Allow")]).toEqual(["Allow", "Implicit Deny", "Implicit Deny"]);
  });

  test("an unsigned call to an IAM method is never allowed", () => {
    expect(
      outcome(authorizeInvoke({ authorization: "iam", apiAccountId: OWN, resourcePolicy: ALLOW_ORDERS, callerVerdict: "Neither", request: { methodArn } })),
    ).toBe("Implicit Deny");
  });
});

describe("methods without IAM authorization", () => {
  const decide = (authorization: "none" | "cognito", policy: unknown) =>
    outcome(authorizeInvoke({ authorization, apiAccountId: OWN, resourcePolicy: policy, callerVerdict: "Neither", request: { methodArn } }));

  test("resource policy only: an explicit Allow is needed; implicit and explicit denials deny", () => {
    expect(VERDICTS.map((v) => decide("none", POLICY_FOR[v]))).toEqual(["Allow", "Implicit Deny", "Explicit Deny"]);
  });

  test("Amazon Cognito: the resource policy is evaluated independently and an explicit allow is required", () => {
    expect(VERDICTS.map((v) => decide("cognito", POLICY_FOR[v]))).toEqual(["Allow", "Implicit Deny", "Explicit Deny"]);
  });

  test("a Lambda authorizer's policy is table A's first column", () => {
    const lambda = (authorizer: PolicyVerdict, resource: PolicyVerdict) =>
      outcome(
        authorizeInvoke({
          authorization: "lambda",
          apiAccountId: OWN,
          resourcePolicy: POLICY_FOR[resource],
          callerVerdict: authorizer,
          request: { methodArn },
        }),
      );
    expect([lambda("Allow", "Neither"), lambda("Neither", "Neither"), lambda("Allow", "Deny"), lambda("Deny", "Allow")]).toEqual([
      "Allow",
      "Implicit Deny",
      "Explicit Deny",
      "Explicit Deny",
    ]);
  });

  test("no resource policy: the method's own authorization decides", () => {
    expect(decide("none", undefined)).toBe("Allow");
  });
});

describe("a resource policy's verdict on one request", () => {
  const request = (extra: Partial<InvokeRequest>): InvokeRequest => ({ methodArn, ...extra });
  const statement = (extra: Record<string, unknown>) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Deny", Principal: "*", Action: INVOKE, Resource: "execute-api:/*", ...extra }],
  });

  test("execute-api:/ resources expand to the API's own ARN; * matches across /", () => {
    const allow = (resource: string) =>
      resourcePolicyVerdict({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:*", Resource: resource }] }, request({}));
    expect([
      allow("execute-api:/*"),
      allow("execute-api:/prod/*"),
      allow("execute-api:/dev/*"),
      allow(`${API}/*/POST/orders`),
      allow("arn:aws:execute-api:us-east-1:111111111111:other/*"),
    ]).toEqual(["Allow", "Allow", "Neither", "Allow", "Neither"]);
  });

  test("source IP conditions (IPv4 and IPv6 CIDR blocks); a negated operator holds when the key is absent", () => {
    const deny = statement({ Condition: { IpAddress: { "aws:SourceIp": ["192.0.2.0/24", "2001:db8::/32"] } } });
    expect([
      resourcePolicyVerdict(deny, request({ sourceIp: "192.0.2.77" })),
      resourcePolicyVerdict(deny, request({ sourceIp: "198.51.100.1" })),
      resourcePolicyVerdict(deny, request({ sourceIp: "2001:db8::5" })),
      resourcePolicyVerdict(deny, request({})),
    ]).toEqual(["Deny", "Neither", "Deny", "Neither"]);
    const outside = statement({ Condition: { NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24"] } } });
    expect([resourcePolicyVerdict(outside, request({ sourceIp: "192.0.2.1" })), resourcePolicyVerdict(outside, request({}))]).toEqual(["Neither", "Deny"]);
  });

  test("the foreign-account deny: Null makes it apply to signed calls only", () => {
    const deny = statement({ Condition: { StringNotEquals: { "aws:PrincipalAccount": [OWN] }, Null: { "aws:PrincipalAccount": "false" } } });
    expect([
      resourcePolicyVerdict(deny, request({ principal: caller(OTHER) })),
      resourcePolicyVerdict(deny, request({ principal: caller(OWN) })),
      resourcePolicyVerdict(deny, request({})),
    ]).toEqual(["Deny", "Neither", "Neither"]);
  });

  test("principals: an account (root ARN or id) covers its principals; an anonymous caller matches only *", () => {
    const allowFor = (AWS: unknown) => ({ Statement: [{ Effect: "Allow", Principal: { AWS }, Action: INVOKE, Resource: "execute-api:/*" }] });
    expect([
      resourcePolicyVerdict(allowFor(`arn:aws:iam::${OTHER}:root`), request({ principal: caller(OTHER) })),
      resourcePolicyVerdict(allowFor(OTHER), request({ principal: caller(OTHER) })),
      resourcePolicyVerdict(allowFor([`arn:aws:iam::${OTHER}:root`]), request({ principal: caller(OWN) })),
      resourcePolicyVerdict(allowFor(caller(OWN).arn), request({ principal: caller(OWN) })),
      resourcePolicyVerdict(allowFor(`arn:aws:iam::${OTHER}:root`), request({})),
    ]).toEqual(["Allow", "Allow", "Neither", "Allow", "Neither"]);
  });

  test("what the model does not know is an error, never a silent verdict", () => {
    expect(() => resourcePolicyVerdict(statement({ Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } } }), request({}))).toThrow(
      "resourcePolicyVerdict: condition operator DateGreaterThan is not modelled",
    );
    expect(() => resourcePolicyVerdict(statement({ Condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } } }), request({}))).toThrow(
      "resourcePolicyVerdict: condition key aws:SourceVpc is not modelled",
    );
    expect(() =>
      resourcePolicyVerdict({ Statement: [{ Effect: "Allow", Principal: { Service: "x" }, Action: INVOKE, Resource: "execute-api:/*" }] }, request({})),
    ).toThrow('resourcePolicyVerdict: Principal {"Service":"x"} is not "*" or {"AWS": …}');
  });
});
