import {
  nonEmpty,
  ownTemplates,
  pathParameterMappings,
  responses,
  template,
  templated,
  withoutUndefined,
  type IntegrationModule,
  type Templated,
} from "./shared";

/** HTTP with mapping templates both ways, to a public URL (it may name stage variables). */
export type HttpDescription = {
  readonly type: "http";
  readonly uri: string;
  readonly httpMethod: string;
  /** `integration.request.<where>.<name>` → `'static'` or `method.request.<where>.<name>`. */
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
} & Templated;

export const httpIntegration: IntegrationModule<"http", HttpDescription> = {
  object: (route, i, _backend, templates) =>
    withoutUndefined({
      type: "http",
      httpMethod: i.httpMethod,
      uri: i.url,
      passthroughBehavior: "when_no_templates",
      timeoutInMillis: route.timeoutMs,
      requestParameters: nonEmpty(pathParameterMappings(route, i.url, i.requestParameters)),
      requestTemplates: template(templates, i.requestTemplate),
      responses: responses(templates, 200, i.responseTemplate, i.responses),
    }),
  templateFiles: (i) => ownTemplates(i),
  describe: (i) =>
    i.type === "http" && i.connectionType !== "VPC_LINK"
      ? { type: "http", uri: i.uri, httpMethod: i.httpMethod, requestParameters: i.requestParameters, timeoutMs: i.timeoutMs, ...templated(i) }
      : undefined,
};
