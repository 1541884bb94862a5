import {
  AWS_SERVICE_ERRORS,
  INTEGRATION_ERROR_TEMPLATE,
  JSON_TYPE,
  need,
  responses,
  serviceUri,
  template,
  templated,
  type IntegrationModule,
  type Templated,
} from "./shared";

/** Step Functions StartExecution. */
export type StepFunctionsDescription = { readonly type: "stepfunctions" } & Templated;

const SFN_ACCEPTED = `{"executionArn": "$input.path('$.executionArn')", "startDate": "$input.path('$.startDate')"}`;

/** `StartExecution` of the route's state machine (the template reads it from `$stateMachineArn`), answering 202. */
export const stepFunctionsIntegration: IntegrationModule<"stepfunctions", StepFunctionsDescription> = {
  object: (route, i, backend, templates) => {
    const arn = need(route, backend.stateMachineArn, "state machine");
    return {
      type: "aws",
      httpMethod: "POST",
      uri: need(route, backend.uri, "Step Functions URI"),
      credentials: need(route, backend.credentials, "role"),
      passthroughBehavior: "never",
      timeoutInMillis: route.timeoutMs,
      // The template reads the state machine from $stateMachineArn.
      requestTemplates: template(templates, i.requestTemplate, `#set($stateMachineArn = "${arn}")\n`),
      responses: {
        ...responses(templates, 202, undefined, AWS_SERVICE_ERRORS),
        default: { statusCode: "202", responseTemplates: { [JSON_TYPE]: SFN_ACCEPTED } },
      },
    };
  },
  templateFiles: (i) => [i.requestTemplate, INTEGRATION_ERROR_TEMPLATE],
  describe: (i) => {
    const service = serviceUri(i.uri);
    return i.type === "aws" && service?.service === "states" && service.kind === "action" && service.rest === "StartExecution"
      ? { type: "stepfunctions", ...templated(i) }
      : undefined;
  },
};
