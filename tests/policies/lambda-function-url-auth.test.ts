import { lambdaFunctionUrlAuth as rule } from "../../policies/rules/lambda-function-url-auth";
import { check, fake, messages } from "../helpers/policy-harness";

const url = (inputs: Record<string, unknown>) =>
  fake("aws:lambda/functionUrl:FunctionUrl", "items-url", { functionName: "items", authorizationType: "AWS_IAM", ...inputs });

// "Control access to Lambda function URLs" (Lambda developer guide): with AuthType NONE "Lambda doesn't perform any
// authentication before invoking your function"; AWS_IAM authenticates and authorizes the caller.
describe("lambda-function-url-auth", () => {
  test("passes: a function URL with AWS_IAM", async () => {
    expect(await check(rule, [url({})])).toEqual([]);
  });

  test("fails: authorizationType NONE", async () => {
    expect(await check(rule, [url({ authorizationType: "NONE" })])).toEqual([
      {
        policy: "lambda-function-url-auth",
        enforcementLevel: "mandatory",
        resource: "aws:lambda/functionUrl:FunctionUrl::items-url",
        message:
          'FunctionUrl "items-url" of function "items" lets anyone on the internet invoke the function without authentication (authorizationType is "NONE"). Set authorizationType: "AWS_IAM" and grant lambda:InvokeFunctionUrl to the callers, or remove the URL and reach the function through the API.',
      },
    ]);
  });

  test("an unknown function name is left out of the message", async () => {
    expect(await messages(rule, [url({ authorizationType: "NONE", functionName: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })])).toEqual([
      'FunctionUrl "items-url" lets anyone on the internet invoke the function without authentication (authorizationType is "NONE"). Set authorizationType: "AWS_IAM" and grant lambda:InvokeFunctionUrl to the callers, or remove the URL and reach the function through the API.',
    ]);
  });
});
