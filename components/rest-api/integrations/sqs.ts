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

/** SQS SendMessage to `<account>/<queue>`. */
export type SqsDescription = { readonly type: "sqs"; readonly queue: string } & Templated;

const SQS_ACCEPTED = `{"messageId": "$input.path('$.SendMessageResponse.SendMessageResult.MessageId')", "requestId": "$context.requestId"}`;

/** `SendMessage` to a queue through the SQS query API: `arn:aws:apigateway:<region>:sqs:path/<account>/<queue>`, answering 202. */
export const sqsIntegration: IntegrationModule<"sqs", SqsDescription> = {
  object: (route, i, backend, templates) => ({
    type: "aws",
    httpMethod: "POST",
    uri: need(route, backend.uri, "queue URI"),
    credentials: need(route, backend.credentials, "role"),
    passthroughBehavior: "never",
    timeoutInMillis: route.timeoutMs,
    requestParameters: { "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'" },
    requestTemplates: template(templates, i.requestTemplate),
    responses: {
      ...responses(templates, 202, undefined, AWS_SERVICE_ERRORS),
      default: { statusCode: "202", responseTemplates: { [JSON_TYPE]: SQS_ACCEPTED } },
    },
  }),
  templateFiles: (i) => [i.requestTemplate, INTEGRATION_ERROR_TEMPLATE],
  describe: (i) => {
    const service = serviceUri(i.uri);
    return i.type === "aws" && service?.service === "sqs" && service.kind === "path" ? { type: "sqs", queue: service.rest, ...templated(i) } : undefined;
  },
};
