import type { ResourceValidationPolicy } from "@pulumi/policy";
import { shown, TYPES } from "../lib/stack";
import { Pending, read } from "../lib/unknown";

/**
 * A Lambda function URL is an HTTPS endpoint straight to the function, beside any API Gateway in
 * front of it. With AuthType NONE "Lambda doesn't perform any authentication before invoking your
 * function" ("Control access to Lambda function URLs", Lambda developer guide): whoever has the URL
 * calls the function, with none of the API's authorization, throttling or logging. Peers: checkov
 * CKV_AWS_258, cdk-nag LambdaFunctionUrlAuth.
 */
export const lambdaFunctionUrlAuth: ResourceValidationPolicy = {
  name: "lambda-function-url-auth",
  description: 'Every Lambda function URL requires IAM authentication (authorizationType "AWS_IAM", not "NONE").',
  enforcementLevel: "mandatory",
  severity: "high",
  validateResource: (args, report) => {
    if (args.type !== TYPES.lambdaFunctionUrl) return;
    const pending = new Pending();
    const type = pending.read("authorizationType", () => args.props.authorizationType);
    if (type === "NONE") {
      const fn = read(() => args.props.functionName);
      report(
        `FunctionUrl "${args.name}"${typeof fn === "string" ? ` of function "${fn}"` : ""} lets anyone on the internet invoke the function without authentication (authorizationType is ${shown(type)}). Set authorizationType: "AWS_IAM" and grant lambda:InvokeFunctionUrl to the callers, or remove the URL and reach the function through the API.`,
      );
    }
    pending.settle(`FunctionUrl "${args.name}"`, "its authentication");
  },
};
