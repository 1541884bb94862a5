import type { ResourceValidationPolicy } from "@pulumi/policy";
import { read, stageNameOf, UNKNOWN } from "../lib/logging-common";
import { shown, TYPES } from "../lib/stack";

/**
 * With active tracing, API Gateway samples requests into AWS X-Ray, so one trace follows a request
 * through the stage, its authorizer and its integration (and the Lambda functions, see
 * lambda-xray-tracing). HTTP and WebSocket APIs have no X-Ray tracing. Advisory by default; the prod
 * pack config makes it mandatory. Peers: checkov CKV_AWS_73, trivy AVD-AWS-0003, cdk-nag
 * Serverless-APIGWXrayEnabled, AWS Security Hub APIGateway.3.
 */
export const restStageXrayTracing: ResourceValidationPolicy = {
  name: "rest-stage-xray-tracing",
  description: "Every REST stage has AWS X-Ray active tracing enabled (xrayTracingEnabled: true).",
  enforcementLevel: "advisory",
  severity: "low",
  validateResource: (args, report) => {
    if (args.type !== TYPES.stage) return;
    const enabled = read(() => args.props.xrayTracingEnabled);
    if (enabled === UNKNOWN || enabled === true) return;
    report(
      `REST stage "${stageNameOf(args)}" sends no traces to AWS X-Ray (xrayTracingEnabled is ${shown(enabled)}). Set xrayTracingEnabled: true on the stage; X-Ray samples 1 request a second and 5% of the rest by default.`,
    );
  },
};
