import { JSON_TYPE, responses, templated, withoutUndefined, type IntegrationModule, type Templated } from "./shared";

/** A mock: API Gateway answers itself, the request template's `statusCode` choosing the response. */
export type MockDescription = { readonly type: "mock" } & Templated;

export const mockIntegration: IntegrationModule<"mock", MockDescription> = {
  object: (_route, i, _backend, templates) =>
    withoutUndefined({
      type: "mock",
      passthroughBehavior: "when_no_match",
      requestTemplates: { [JSON_TYPE]: `{"statusCode": ${i.statusCode}}` },
      responses: responses(templates, i.statusCode, i.template, [], i.headers),
    }),
  templateFiles: (i) => (i.template ? [i.template] : []),
  describe: (i) => (i.type === "mock" ? { type: "mock", ...templated(i) } : undefined),
};
