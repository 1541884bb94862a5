import { requestValidatorValidatesBody as rule } from "../../policies/rules/request-validator-validates-body";
import { check, fake } from "../helpers/policy-harness";

const validator = (name: string, inputs: Record<string, unknown>) =>
  fake("aws:apigateway/requestValidator:RequestValidator", name, { restApi: "a1b2c3d4e5", name, ...inputs });
const method = (httpMethod: string, v: ReturnType<typeof validator>) =>
  fake(
    "aws:apigateway/method:Method",
    `items-${httpMethod.toLowerCase()}`,
    { restApi: "a1b2c3d4e5", resourceId: "r1", httpMethod, authorization: "AWS_IAM", requestValidatorId: "v1" },
    { from: { requestValidatorId: [v] } },
  );

// "Enable basic request validation" (API Gateway developer guide): a validator checks the body only with
// validateRequestBody, the parameters only with validateRequestParameters.
describe("request-validator-validates-body", () => {
  const params = validator("params-only", { validateRequestParameters: true });
  const body = validator("body", { validateRequestBody: true, validateRequestParameters: true });

  test("passes: a POST with a body validator; a GET with a parameters-only validator", async () => {
    expect(await check(rule, [body, params, method("POST", body), method("GET", params)])).toEqual([]);
  });

  test("fails (advisory): a POST whose validator checks parameters only", async () => {
    expect(await check(rule, [params, method("POST", params)])).toEqual([
      {
        policy: "request-validator-validates-body",
        enforcementLevel: "advisory",
        resource: "aws:apigateway/method:Method::items-post",
        message:
          'Method "items-post" accepts unvalidated request bodies on POST: its request validator "params-only" checks parameters only (validateRequestBody is unset). Use a RequestValidator with validateRequestBody: true, and give the method a requestModels entry for its content type.',
      },
    ]);
  });
});
