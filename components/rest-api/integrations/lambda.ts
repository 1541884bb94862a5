import {
  need,
  ownTemplates,
  responses,
  serviceUri,
  template,
  templated,
  withoutUndefined,
  type IntegrationModule,
  type ReadIntegration,
  type Templated,
} from "./shared";

/** AWS_PROXY to a function; the URI may name its alias through a stage variable. */
export interface LambdaProxyDescription {
  readonly type: "lambda_proxy";
  readonly uri: string;
  readonly timeoutMs: number;
}

/** AWS to a function: the request template makes the event, the responses map its result or error. */
export type LambdaDescription = { readonly type: "lambda"; readonly uri: string; readonly timeoutMs: number } & Templated;

const invokesFunction = (i: ReadIntegration) => {
  const service = serviceUri(i.uri);
  return service?.service === "lambda" && service.kind === "path";
};

export const lambdaProxyIntegration: IntegrationModule<"lambda_proxy", LambdaProxyDescription> = {
  object: (route, _i, backend) => ({
    type: "aws_proxy",
    httpMethod: "POST",
    uri: need(route, backend.uri, "function URI"),
    passthroughBehavior: "when_no_match",
    timeoutInMillis: route.timeoutMs,
  }),
  templateFiles: () => [],
  describe: (i) => (i.type === "aws_proxy" && invokesFunction(i) ? { type: "lambda_proxy", uri: i.uri, timeoutMs: i.timeoutMs } : undefined),
};

export const lambdaIntegration: IntegrationModule<"lambda", LambdaDescription> = {
  object: (route, i, backend, templates) =>
    withoutUndefined({
      type: "aws",
      httpMethod: "POST",
      uri: need(route, backend.uri, "function URI"),
      passthroughBehavior: "when_no_templates",
      timeoutInMillis: route.timeoutMs,
      requestTemplates: template(templates, i.requestTemplate),
      responses: responses(templates, 200, i.responseTemplate, i.responses),
    }),
  templateFiles: (i) => ownTemplates(i),
  describe: (i) => (i.type === "aws" && invokesFunction(i) ? { type: "lambda", uri: i.uri, timeoutMs: i.timeoutMs, ...templated(i) } : undefined),
};

/** `arn:...:function:<name>[:<qualifier>]/invocations` (after stage variables are substituted). */
export function functionTarget(uri: string): { readonly functionName: string; readonly qualifier: string | undefined } | undefined {
  const m = /:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?(?:\/invocations)?$/.exec(uri);
  return m ? { functionName: m[1] as string, qualifier: m[2] } : undefined;
}
