import { restStageXrayTracing as rule } from "../../policies/rules/rest-stage-xray-tracing";
import { check, fake, messages, restStage } from "../helpers/policy-harness";

const FIX = "Set xrayTracingEnabled: true on the stage; X-Ray samples 1 request a second and 5% of the rest by default.";

describe("rest-stage-xray-tracing", () => {
  test("passes: the harness's REST stage (xrayTracingEnabled true)", async () => {
    const { stage, settings } = restStage();
    expect(await check(rule, [stage, settings])).toEqual([]);
  });

  test("passes: v2 stages are not checked (HTTP and WebSocket APIs have no X-Ray tracing)", async () => {
    expect(await check(rule, [fake("aws:apigatewayv2/stage:Stage", "http-prod", { apiId: "h1", name: "prod" })])).toEqual([]);
  });

  test("fails: xrayTracingEnabled unset; advisory by default", async () => {
    const { stage } = restStage("prod", { xrayTracingEnabled: undefined });
    expect(await check(rule, [stage])).toEqual([
      {
        policy: "rest-stage-xray-tracing",
        enforcementLevel: "advisory",
        resource: "aws:apigateway/stage:Stage::api-prod",
        message: `REST stage "prod" sends no traces to AWS X-Ray (xrayTracingEnabled is unset). ${FIX}`,
      },
    ]);
  });

  test("fails: xrayTracingEnabled false", async () => {
    const { stage } = restStage("prod", { xrayTracingEnabled: false });
    expect(await messages(rule, [stage])).toEqual([`REST stage "prod" sends no traces to AWS X-Ray (xrayTracingEnabled is false). ${FIX}`]);
  });

  test("the prod pack config makes it mandatory", async () => {
    const { stage } = restStage("prod", { xrayTracingEnabled: false });
    expect((await check(rule, [stage], { "rest-stage-xray-tracing": "mandatory" })).map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });
});
