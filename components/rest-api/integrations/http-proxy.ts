import { need, nonEmpty, pathParameterMappings, withoutUndefined, type IntegrationModule } from "./shared";

/** HTTP_PROXY to a public URL: the request passed through, the backend's answer passed back. */
export interface HttpProxyDescription {
  readonly type: "http_proxy";
  readonly uri: string;
  readonly httpMethod: string;
  readonly requestParameters: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

/** With `vpcLink`, the object is a private integration: the backend module describes it (`vpc_link`). */
export const httpProxyIntegration: IntegrationModule<"http_proxy", HttpProxyDescription> = {
  object: (route, i, backend) =>
    withoutUndefined({
      type: "http_proxy",
      httpMethod: i.httpMethod,
      uri: i.url,
      passthroughBehavior: "when_no_match",
      timeoutInMillis: route.timeoutMs,
      requestParameters: nonEmpty(pathParameterMappings(route, i.url, i.requestParameters)),
      ...(i.vpcLink ? { connectionType: "VPC_LINK" as const, connectionId: need(route, backend.vpcLinkId, "VPC link") } : {}),
    }),
  templateFiles: () => [],
  describe: (i) =>
    i.type === "http_proxy" && i.connectionType !== "VPC_LINK"
      ? { type: "http_proxy", uri: i.uri, httpMethod: i.httpMethod, requestParameters: i.requestParameters, timeoutMs: i.timeoutMs }
      : undefined,
};
