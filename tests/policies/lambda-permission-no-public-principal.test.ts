import { lambdaPermissionNoPublicPrincipal as rule } from "../../policies/rules/lambda-permission-no-public-principal";
import { check, fake, messages } from "../helpers/policy-harness";

const FIX = 'Grant the one service or account that calls it, e.g. principal: "apigateway.amazonaws.com" with a sourceArn.';
const permission = (principal: string) =>
  fake("aws:lambda/permission:Permission", "invoke", {
    action: "lambda:InvokeFunction",
    function: "items",
    principal,
    sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*",
  });

describe("lambda-permission-no-public-principal", () => {
  test("passes: a service or account principal", async () => {
    expect(await check(rule, [permission("apigateway.amazonaws.com"), permission("123456789012")])).toEqual([]);
  });

  test('fails: principal "*"', async () => {
    expect(await check(rule, [permission("*")])).toEqual([
      {
        policy: "lambda-permission-no-public-principal",
        enforcementLevel: "mandatory",
        resource: "aws:lambda/permission:Permission::invoke",
        message: `Permission "invoke" lets anyone invoke the function (principal is "*"). ${FIX}`,
      },
    ]);
  });

  test("fails: a principal pattern with a wildcard", async () => {
    expect(await messages(rule, [permission("*.amazonaws.com")])).toEqual([
      `Permission "invoke" lets anyone invoke the function (principal is "*.amazonaws.com"). ${FIX}`,
    ]);
  });
});
