import { privateApiResourcePolicy as rule } from "../../policies/rules/private-api-resource-policy";
import { check, fake, messages } from "../helpers/policy-harness";

const NO_POLICY = (name: string) =>
  `Private RestApi "${name}" has no resource policy, and a private API cannot be deployed without one (policy is unset, its body has no x-amazon-apigateway-policy and no RestApiPolicy targets it). Add an aws.apigateway.RestApiPolicy with restApiId set to this API's id that allows execute-api:Invoke from your VPC endpoints (aws:SourceVpce).`;
const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "execute-api:/*",
      Condition: { StringEquals: { "aws:SourceVpce": "vpce-0abc" } },
    },
  ],
});
const BODY = { openapi: "3.0.1", info: { title: "internal", version: "1" }, paths: {} };

const api = (inputs: Record<string, unknown> = {}, name = "internal") =>
  fake("aws:apigateway/restApi:RestApi", name, {
    name,
    endpointConfiguration: { types: "PRIVATE", vpcEndpointIds: ["vpce-0abc"] },
    putRestApiMode: "merge",
    body: JSON.stringify(BODY),
    ...inputs,
  });
const restApiPolicy = (target: ReturnType<typeof fake>) =>
  fake("aws:apigateway/restApiPolicy:RestApiPolicy", `${target.name}-policy`, { restApiId: "p1r2i3v4a5", policy: POLICY }, { from: { restApiId: [target] } });

describe("private-api-resource-policy", () => {
  test("passes: a private API with a RestApiPolicy targeting it", async () => {
    const target = api();
    expect(await check(rule, [target, restApiPolicy(target)])).toEqual([]);
  });

  test("passes: a private API with a policy input", async () => {
    expect(await check(rule, [api({ policy: POLICY })])).toEqual([]);
  });

  test("passes: a private API whose body carries x-amazon-apigateway-policy", async () => {
    expect(await check(rule, [api({ body: JSON.stringify({ ...BODY, "x-amazon-apigateway-policy": JSON.parse(POLICY) }) })])).toEqual([]);
  });

  test("passes: regional and edge APIs need no resource policy", async () => {
    expect(await check(rule, [api({ endpointConfiguration: { types: "REGIONAL" } }, "regional"), api({ endpointConfiguration: undefined }, "edge")])).toEqual(
      [],
    );
  });

  test("fails: a private API with no resource policy at all", async () => {
    expect(await check(rule, [api()])).toEqual([
      {
        policy: "private-api-resource-policy",
        enforcementLevel: "mandatory",
        resource: "aws:apigateway/restApi:RestApi::internal",
        message: NO_POLICY("internal"),
      },
    ]);
  });

  test("fails: a RestApiPolicy that targets another API does not count (types given as a list)", async () => {
    const other = api({}, "other");
    const listed = api({ endpointConfiguration: { types: ["PRIVATE"] } });
    expect(await messages(rule, [listed, other, restApiPolicy(other)])).toEqual([NO_POLICY("internal")]);
  });

  test("fails: an empty policy input does not count", async () => {
    expect(await messages(rule, [api({ policy: "" })])).toEqual([NO_POLICY("internal")]);
  });

  test("passes: x-amazon-apigateway-policy in a YAML body (API Gateway imports JSON or YAML)", async () => {
    expect(await check(rule, [api({ body: "openapi: 3.0.1\nx-amazon-apigateway-policy:\n  Version: '2012-10-17'\n  Statement: []\n" })])).toEqual([]);
  });

  test("fails: a private API with no policy whose body is neither JSON nor YAML", async () => {
    expect(await messages(rule, [api({ body: "paths: [unclosed" })])).toEqual([
      'RestApi "internal" has a body this policy cannot read, so whether it carries x-amazon-apigateway-policy cannot be checked (body is neither a JSON nor a YAML object). Give the body as an OpenAPI 3.0 document in JSON or YAML, or check this by hand and disable the policy for this stack.',
    ]);
  });
});
