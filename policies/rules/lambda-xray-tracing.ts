import type { ResourceValidationPolicy } from "@pulumi/policy";
import { read, UNKNOWN } from "../lib/logging-common";
import { shown, TYPES } from "../lib/stack";

/**
 * "Active" makes Lambda sample and trace invocations itself; "PassThrough" (the default) only
 * continues traces an upstream service sampled, so direct and asynchronous invocations go untraced.
 * Advisory by default; the prod pack config makes it mandatory. Peers: trivy AVD-AWS-0066, cdk-nag
 * Serverless-LambdaTracing, Pulumi aws-lambda-function-enable-tracing-config and
 * aws-lambda-function-configure-tracing-config; checkov CKV_AWS_50 also accepts PassThrough.
 */
export const lambdaXrayTracing: ResourceValidationPolicy = {
  name: "lambda-xray-tracing",
  description: 'Every Lambda function traces its invocations with AWS X-Ray (tracingConfig.mode "Active").',
  enforcementLevel: "advisory",
  severity: "low",
  validateResource: (args, report) => {
    if (args.type !== TYPES.lambdaFunction) return;
    const mode = read(() => (args.props.tracingConfig as { mode?: unknown } | undefined)?.mode);
    if (mode === UNKNOWN || mode === "Active") return;
    const name = read(() => args.props.name);
    report(
      `Lambda function "${typeof name === "string" && name !== "" ? name : args.name}" does not trace its invocations with AWS X-Ray (tracingConfig.mode is ${shown(mode)}). Set tracingConfig: { mode: "Active" }, and allow its role xray:PutTraceSegments and xray:PutTelemetryRecords (e.g. the AWSXRayDaemonWriteAccess managed policy).`,
    );
  },
};
