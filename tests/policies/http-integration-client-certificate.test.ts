import { httpIntegrationClientCertificate as rule } from "../../policies/rules/http-integration-client-certificate";
import { check, fake, messages } from "../helpers/policy-harness";

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const body = (type: string) =>
  JSON.stringify({
    openapi: "3.0.1",
    info: { title: "x", version: "1" },
    paths: { "/legacy": { get: { security: [], "x-amazon-apigateway-integration": { type, uri: "https://legacy.example.com", httpMethod: "GET" } } } },
  });
const api = (inputs: Record<string, unknown>) => fake("aws:apigateway/restApi:RestApi", "shop", { name: "shop", ...inputs });
const stage = (a: ReturnType<typeof api>, inputs: Record<string, unknown> = {}) =>
  fake("aws:apigateway/stage:Stage", "shop-prod", { restApi: "a1b2c3d4e5", stageName: "prod", deployment: "d1", ...inputs }, { from: { restApi: [a] } });

// "Generate and configure an SSL certificate for backend authentication" (API Gateway developer guide): the stage's
// client certificate lets an HTTP backend accept only requests from API Gateway. checkov CKV2_AWS_51.
describe("http-integration-client-certificate", () => {
  test("passes: a stage with a client certificate; an API without HTTP integrations", async () => {
    const http = api({ body: body("http_proxy") });
    const mock = api({ body: body("mock") });
    expect(await check(rule, [http, stage(http, { clientCertificateId: "cc1" })])).toEqual([]);
    expect(await check(rule, [mock, stage(mock)])).toEqual([]);
  });

  test("fails (advisory): an HTTP_PROXY integration in the body, no client certificate", async () => {
    const http = api({ body: body("http_proxy") });
    expect(await check(rule, [http, stage(http)])).toEqual([
      {
        policy: "http-integration-client-certificate",
        enforcementLevel: "advisory",
        resource: "aws:apigateway/stage:Stage::shop-prod",
        message:
          "REST stage \"prod\" calls HTTP backends (GET /legacy) without a client certificate, so they cannot tell its requests from anyone else's (clientCertificateId is unset). Create an aws.apigateway.ClientCertificate, set the stage's clientCertificateId to its id, and have the backends verify it.",
      },
    ]);
  });

  test("fails (advisory): an HTTP Integration resource of a classic API", async () => {
    const classic = api({});
    const integration = fake(
      "aws:apigateway/integration:Integration",
      "legacy",
      { restApi: "a1b2c3d4e5", type: "HTTP", uri: "https://x" },
      { from: { restApi: [classic] } },
    );
    expect((await messages(rule, [classic, integration, stage(classic)]))[0]).toContain('calls HTTP backends (Integration "legacy")');
  });

  test("a body unknown during preview gives an advisory", async () => {
    const pending = api({ body: UNKNOWN_STRING });
    expect(await messages(rule, [pending, stage(pending)])).toEqual([
      `can't run during preview: cannot check which stages call HTTP backends until RestApi "shop" body is known (unknown during preview).`,
    ]);
  });
});
