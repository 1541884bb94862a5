import { ApiCallerRole, callerPolicy, callerRouteProblems, callerTrustPolicy, invokeResourceArns } from "../../components/access/caller-role";
import { installMocks, type MockRecorder } from "../helpers/mocks";

const EXEC = "arn:aws:execute-api:us-east-1:123456789012:abc123defg";

describe("invoke resource ARNs", () => {
  test("each stage × route; parameters and ANY become *", () => {
    expect(
      invokeResourceArns(
        EXEC,
        ["dev", "prod"],
        [
          { method: "GET", path: "/items" },
          { method: "get", path: "/items/{id}" },
          { method: "ANY", path: "/proxy/{proxy+}" },
          { method: "POST", path: "/" },
          { method: "DELETE", path: "/users/{userId}/items/{itemId}" },
        ],
      ),
    ).toEqual([
      `${EXEC}/dev/GET/items`,
      `${EXEC}/dev/GET/items/*`,
      `${EXEC}/dev/*/proxy/*`,
      `${EXEC}/dev/POST/`,
      `${EXEC}/dev/DELETE/users/*/items/*`,
      `${EXEC}/prod/GET/items`,
      `${EXEC}/prod/GET/items/*`,
      `${EXEC}/prod/*/proxy/*`,
      `${EXEC}/prod/POST/`,
      `${EXEC}/prod/DELETE/users/*/items/*`,
    ]);
  });

  test("repeats are listed once", () => {
    expect(
      invokeResourceArns(
        EXEC,
        ["dev", "dev"],
        [
          { method: "GET", path: "/a/{x}" },
          { method: "GET", path: "/a/{y}" },
        ],
      ),
    ).toEqual([`${EXEC}/dev/GET/a/*`]);
  });

  test("bad stages and routes are named", () => {
    expect(callerRouteProblems([], [])).toEqual(["stages: must name at least one stage", "routes: must name at least one route"]);
    expect(
      callerRouteProblems(
        ["dev", "pro d"],
        [
          { method: "FETCH", path: "items" },
          { method: "GET", path: "/items/" },
          { method: "GET", path: "/a//b" },
        ],
      ),
    ).toEqual([
      'stages[1]: "pro d" is not a stage name (letters, digits, _ and -) or *',
      'routes[0].method: "FETCH" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY',
      'routes[0].path: "items" is not a resource path (/, or /segments without a trailing or doubled /)',
      'routes[1].path: "/items/" is not a resource path (/, or /segments without a trailing or doubled /)',
      'routes[2].path: "/a//b" is not a resource path (/, or /segments without a trailing or doubled /)',
    ]);
    expect(() => invokeResourceArns(EXEC, ["*"], [{ method: "TRACE", path: "/" }])).toThrow(
      'routes[0].method: "TRACE" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY',
    );
  });
});

describe("the caller's policies", () => {
  test("invoke exactly the given resources", () => {
    expect(callerPolicy([`${EXEC}/dev/GET/items`, `${EXEC}/dev/GET/items/*`])).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${EXEC}/dev/GET/items`, `${EXEC}/dev/GET/items/*`] }],
    });
    expect(() => callerPolicy([])).toThrow("callerPolicy: no resources to allow (a policy with an empty Resource is invalid)");
  });

  test("trust: account ids become roots, role ARNs stay, an external id is required when given", () => {
    expect(callerTrustPolicy(["210987654321", "arn:aws:iam::210987654321:role/ci/deployer", "210987654321"], "partner-42")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: ["arn:aws:iam::210987654321:root", "arn:aws:iam::210987654321:role/ci/deployer"] },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": "partner-42" } },
        },
      ],
    });
    expect(() => callerTrustPolicy(["arn:aws:iam::210987654321:user/bob"])).toThrow(
      'trustedPrincipals: "arn:aws:iam::210987654321:user/bob" is not a 12-digit AWS account id or an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
    );
    expect(() => callerTrustPolicy([])).toThrow("trustedPrincipals: must name at least one account id or role ARN");
  });
});

describe("the ApiCallerRole component", () => {
  let rec: MockRecorder;
  beforeAll(async () => {
    rec = await installMocks({ stack: "dev" });
    new ApiCallerRole("reports-caller", {
      executionArn: EXEC,
      stages: ["dev"],
      routes: [{ method: "GET", path: "/reports/{id}" }],
      tags: { project: "microservice-gateway" },
    });
    new ApiCallerRole("partner-caller", {
      executionArn: EXEC,
      stages: ["prod"],
      routes: [{ method: "POST", path: "/orders" }],
      trustedPrincipals: ["210987654321"],
      externalId: "partner-42",
      description: "The partner's order feed",
      maxSessionDurationSeconds: 7200,
    });
    await rec.settled();
  });

  test("by default the stack's own account may assume the role", () => {
    const role = rec.get("aws:iam/role:Role", "reports-caller-role");
    expect(role.inputs).toMatchObject({
      description: "Invokes 1 route(s) of the API on dev",
      maxSessionDuration: 3600,
      tags: { project: "microservice-gateway" },
    });
    expect(JSON.parse(role.inputs.assumeRolePolicy as string)).toEqual(callerTrustPolicy(["123456789012"]));
    expect(rec.parentOf(role)?.type).toBe("gateway:access:ApiCallerRole");
  });

  test("the inline policy invokes exactly the routes", () => {
    const policy = rec.get("aws:iam/rolePolicy:RolePolicy", "reports-caller-invoke");
    expect(policy.propertyDependencies.role).toEqual([rec.get("aws:iam/role:Role", "reports-caller-role").urn]);
    expect(JSON.parse(policy.inputs.policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: [`${EXEC}/dev/GET/reports/*`] }],
    });
  });

  test("trusted principals and an external id", () => {
    const role = rec.get("aws:iam/role:Role", "partner-caller-role");
    expect(role.inputs).toMatchObject({ description: "The partner's order feed", maxSessionDuration: 7200, tags: {} });
    expect(JSON.parse(role.inputs.assumeRolePolicy as string)).toEqual(callerTrustPolicy(["210987654321"], "partner-42"));
    expect(JSON.parse(rec.get("aws:iam/rolePolicy:RolePolicy", "partner-caller-invoke").inputs.policy as string).Statement[0].Resource).toEqual([
      `${EXEC}/prod/POST/orders`,
    ]);
  });

  test("invalid arguments fail before any AWS resource is registered, naming every problem", async () => {
    expect(
      () =>
        new ApiCallerRole("bad", {
          executionArn: EXEC,
          stages: ["dev"],
          routes: [{ method: "FETCH", path: "/x" }],
          trustedPrincipals: ["12345"],
          maxSessionDurationSeconds: 60,
        }),
    ).toThrow(
      [
        'bad: routes[0].method: "FETCH" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY',
        "bad: maxSessionDurationSeconds: 60 is not a whole number of seconds from 3600 to 43200",
        'bad: trustedPrincipals: "12345" is not a 12-digit AWS account id or an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
      ].join("\n"),
    );
    await rec.settled();
    expect(rec.resources.filter((r) => r.custom && r.name.startsWith("bad"))).toEqual([]);
  });
});
