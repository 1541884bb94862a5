import { ConfigError, parseStackConfig } from "../../config";
import { FILES_ON_DISK } from "../../config/parse";
import { baseGateway, PROJECT } from "../helpers/stack-config";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function problemsOf(mutate: (raw: Raw) => void): readonly string[] {
  const raw = baseGateway() as Raw;
  mutate(raw);
  try {
    parseStackConfig({ project: PROJECT, stack: "dev" }, raw, FILES_ON_DISK);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

// AWS, "$context Variables for data models, authorizers, mapping templates, and CloudWatch access
// logging": $context.error.message "can only be used for simple variable substitution in a
// GatewayResponse body-mapping template ... and in access logging".
describe("an integration response's template may not read $context.error", () => {
  const http = (responses: unknown[], responseTemplate?: string) => ({
    method: "POST",
    path: "/legacy",
    authorization: "none",
    integration: { type: "http", url: "https://legacy.example.com/x", ...(responseTemplate ? { responseTemplate } : {}), responses },
  });

  test("the gateway-response template in a mapped error response, a response template or a mock is refused, naming the field", () => {
    expect(
      problemsOf((r) => {
        r.routes.push(http([{ selectionPattern: "5\\d{2}", statusCode: 502, template: "error-response.vtl" }], "error-response.vtl"));
        r.routes.push({ method: "GET", path: "/m", authorization: "none", integration: { type: "mock", template: "error-response.vtl" } });
      }),
    ).toEqual([
      'gateway.routes[2].integration.responseTemplate: "error-response.vtl" reads $context.error, which API Gateway sets only in gateway responses; an integration response renders it empty (use integration-error.vtl)',
      'gateway.routes[2].integration.responses[0].template: "error-response.vtl" reads $context.error, which API Gateway sets only in gateway responses; an integration response renders it empty (use integration-error.vtl)',
      'gateway.routes[3].integration.template: "error-response.vtl" reads $context.error, which API Gateway sets only in gateway responses; an integration response renders it empty (use integration-error.vtl)',
    ]);
  });

  test("integration-error.vtl and the other shipped response templates are accepted", () => {
    expect(
      problemsOf((r) => {
        r.routes.push(http([{ selectionPattern: "5\\d{2}", statusCode: 502, template: "integration-error.vtl" }], "soap-to-json-response.vtl"));
        r.routes.push({ method: "GET", path: "/m", authorization: "none", integration: { type: "mock", template: "mock-response.vtl" } });
      }),
    ).toEqual([]);
  });
});
