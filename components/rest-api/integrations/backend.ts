import { need, nonEmpty, pathParameterMappings, withoutUndefined, type IntegrationModule } from "./shared";

/**
 * A private integration: HTTP_PROXY through a VPC link to an internal load balancer (a `backend`
 * route, or an `http_proxy` route with `vpcLink`). Out of the twin's reach.
 */
export interface VpcLinkDescription {
  readonly type: "vpc_link";
  readonly integrationType: string;
  readonly uri: string;
}

export const backendIntegration: IntegrationModule<"backend", VpcLinkDescription> = {
  object: (route, i, backend) => {
    const uri = `${need(route, backend.uri, "load balancer URL")}${i.path}`;
    return withoutUndefined({
      type: "http_proxy",
      httpMethod: i.httpMethod,
      uri,
      passthroughBehavior: "when_no_match",
      timeoutInMillis: route.timeoutMs,
      requestParameters: nonEmpty(pathParameterMappings(route, uri, i.requestParameters)),
      connectionType: "VPC_LINK" as const,
      connectionId: need(route, backend.vpcLinkId, "VPC link"),
    });
  },
  templateFiles: () => [],
  describe: (i) => (i.connectionType === "VPC_LINK" ? { type: "vpc_link", integrationType: i.type, uri: i.uri } : undefined),
};
