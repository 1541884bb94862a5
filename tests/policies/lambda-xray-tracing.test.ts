import { lambdaXrayTracing as rule } from "../../policies/rules/lambda-xray-tracing";
import { check, fake, messages } from "../helpers/policy-harness";

const FIX =
  'Set tracingConfig: { mode: "Active" }, and allow its role xray:PutTraceSegments and xray:PutTelemetryRecords (e.g. the AWSXRayDaemonWriteAccess managed policy).';
const fn = (inputs: Record<string, unknown> = {}) =>
  fake("aws:lambda/function:Function", "items-handler", {
    name: "shop-prod-items",
    runtime: "nodejs22.x",
    handler: "index.handler",
    role: "arn:aws:iam::123456789012:role/items",
    tracingConfig: { mode: "Active" },
    ...inputs,
  });

describe("lambda-xray-tracing", () => {
  test('passes: tracingConfig.mode "Active"', async () => {
    expect(await check(rule, [fn()])).toEqual([]);
  });

  test("fails: no tracingConfig (Lambda's default, PassThrough); advisory by default", async () => {
    expect(await check(rule, [fn({ tracingConfig: undefined })])).toEqual([
      {
        policy: "lambda-xray-tracing",
        enforcementLevel: "advisory",
        resource: "aws:lambda/function:Function::items-handler",
        message: `Lambda function "shop-prod-items" does not trace its invocations with AWS X-Ray (tracingConfig.mode is unset). ${FIX}`,
      },
    ]);
  });

  test('fails: mode "PassThrough"; a function without a name is shown by its Pulumi name', async () => {
    expect(await messages(rule, [fn({ name: undefined, tracingConfig: { mode: "PassThrough" } })])).toEqual([
      `Lambda function "items-handler" does not trace its invocations with AWS X-Ray (tracingConfig.mode is "PassThrough"). ${FIX}`,
    ]);
  });

  test("the prod pack config makes it mandatory", async () => {
    const violations = await check(rule, [fn({ tracingConfig: undefined })], { "lambda-xray-tracing": { enforcementLevel: "mandatory" } });
    expect(violations.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });
});
