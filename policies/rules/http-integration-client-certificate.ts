import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isObject, operationsOf, readBody } from "../lib/api-openapi";
import { dependsThrough, ofType, TYPES } from "../lib/stack";
import { cannotCheckUntilKnown, read, UNKNOWN } from "../lib/unknown";

const HTTP_TYPES = new Set(["HTTP", "HTTP_PROXY"]);
const isHttp = (type: unknown): boolean => typeof type === "string" && HTTP_TYPES.has(type.toUpperCase());

/** The API a stage (or an Integration) belongs to: through the property dependency of restApi, or an equal id. */
function belongsTo(resource: PolicyResource, api: PolicyResource, key: string): boolean {
  return dependsThrough(resource, key, api);
}

/** "GET /items" labels of the HTTP integrations of an API: in its body, and Integration resources targeting it. */
function httpIntegrations(api: PolicyResource, integrations: readonly PolicyResource[], unknown: string[]): string[] {
  const found: string[] = [];
  const body = read(() => api.props.body);
  if (body === UNKNOWN) unknown.push(`RestApi "${api.name}" body`);
  else {
    const reading = readBody(body);
    if (reading.kind === "document") {
      for (const op of operationsOf(reading.document)) {
        const integration = op.value["x-amazon-apigateway-integration"];
        if (isObject(integration) && isHttp(integration.type)) found.push(`${op.method} ${op.path}`);
      }
    }
  }
  for (const integration of integrations) {
    if (!belongsTo(integration, api, "restApi")) continue;
    const type = read(() => integration.props.type);
    if (type === UNKNOWN) unknown.push(`Integration "${integration.name}" type`);
    else if (isHttp(type)) found.push(`Integration "${integration.name}"`);
  }
  return found;
}

/**
 * API Gateway can present a client certificate to HTTP backends so that they "accept only requests
 * that originate from Amazon API Gateway, even if the backend is publicly accessible" ("Generate and
 * configure an SSL certificate for backend authentication", API Gateway developer guide). The
 * certificate is set per stage (clientCertificateId). Advisory, as checkov CKV2_AWS_51; only stages of
 * APIs with HTTP or HTTP_PROXY integrations (in the body or as Integration resources) are judged.
 */
export const httpIntegrationClientCertificate: StackValidationPolicy = {
  name: "http-integration-client-certificate",
  description: "Every REST stage of an API with HTTP or HTTP_PROXY integrations presents a client certificate to its backends (clientCertificateId).",
  enforcementLevel: "advisory",
  severity: "low",
  validateStack: (args, report) => {
    const unknown: string[] = [];
    const integrations = ofType(args.resources, TYPES.integration);
    const stages = ofType(args.resources, TYPES.stage);
    for (const api of ofType(args.resources, TYPES.restApi)) {
      const mine = stages.filter((s) => belongsTo(s, api, "restApi"));
      if (mine.length === 0) continue;
      const http = httpIntegrations(api, integrations, unknown);
      if (http.length === 0) continue;
      for (const stage of mine) {
        const certificate = read(() => stage.props.clientCertificateId);
        if (certificate === UNKNOWN || (typeof certificate === "string" && certificate !== "")) continue;
        const name = read(() => stage.props.stageName);
        report(
          `REST stage "${typeof name === "string" ? name : stage.name}" calls HTTP backends (${http.slice(0, 3).join(", ")}${http.length > 3 ? `, and ${http.length - 3} more` : ""}) without a client certificate, so they cannot tell its requests from anyone else's (clientCertificateId is unset). Create an aws.apigateway.ClientCertificate, set the stage's clientCertificateId to its id, and have the backends verify it.`,
          stage.urn,
        );
      }
    }
    if (unknown.length > 0) {
      throw cannotCheckUntilKnown(
        `cannot check which stages call HTTP backends until ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} known (unknown during preview).`,
        unknown,
      );
    }
  },
};
