import { lambdaPermissionSourceArn as rule } from "../../policies/rules/lambda-permission-source-arn";
import { check, fake, messages } from "../helpers/policy-harness";

const FIX =
  "Set sourceArn to the API's execution ARN with a stage/method/path pattern (arn:aws:execute-api:<region>:<account>:<api-id>/*, e.g. `${api.executionArn}/*`).";
const permission = (inputs: Record<string, unknown>) =>
  fake("aws:lambda/permission:Permission", "api-invoke-items", {
    action: "lambda:InvokeFunction",
    function: "items",
    principal: "apigateway.amazonaws.com",
    sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*",
    ...inputs,
  });

describe("lambda-permission-source-arn", () => {
  test("passes: scoped to one API's execution ARN (any stage, or one method; any region wildcard)", async () => {
    expect(
      await check(rule, [
        permission({}),
        permission({ sourceArn: "arn:aws:execute-api:*:123456789012:a1b2c3d4e5/prod/GET/items" }),
        permission({ sourceArn: "arn:aws-cn:execute-api:cn-north-1:123456789012:a1b2c3d4e5/*/*" }),
      ]),
    ).toEqual([]);
  });

  test("passes: other principals are not this rule's business", async () => {
    expect(await check(rule, [permission({ principal: "events.amazonaws.com", sourceArn: undefined })])).toEqual([]);
  });

  test("fails: no source ARN", async () => {
    expect(await check(rule, [permission({ sourceArn: undefined })])).toEqual([
      {
        policy: "lambda-permission-source-arn",
        enforcementLevel: "mandatory",
        resource: "aws:lambda/permission:Permission::api-invoke-items",
        message: `Permission "api-invoke-items" lets every API Gateway API in every account invoke the function (sourceArn is unset). ${FIX}`,
      },
    ]);
  });

  test("fails: a source ARN that is not an execute-api ARN", async () => {
    expect(await messages(rule, [permission({ sourceArn: "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5" })])).toEqual([
      `Permission "api-invoke-items" for apigateway.amazonaws.com is not scoped to an API (sourceArn is "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5", not an execute-api ARN). ${FIX}`,
    ]);
  });

  test("fails: an execute-api ARN whose API id is a wildcard", async () => {
    expect(
      await messages(rule, [
        permission({ sourceArn: "arn:aws:execute-api:us-east-1:123456789012:*/*" }),
        permission({ sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1b2*/prod/*" }),
      ]),
    ).toEqual([
      `Permission "api-invoke-items" lets every API matching the ARN invoke the function (sourceArn is "arn:aws:execute-api:us-east-1:123456789012:*/*", whose API id is a wildcard). ${FIX}`,
      `Permission "api-invoke-items" lets every API matching the ARN invoke the function (sourceArn is "arn:aws:execute-api:us-east-1:123456789012:a1b2*/prod/*", whose API id is a wildcard). ${FIX}`,
    ]);
  });
});
