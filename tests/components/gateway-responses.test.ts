import { GATEWAY_RESPONSES } from "../../components/rest-api/gateway-responses";
import { renderGatewayResponse } from "../../vtl";

describe("gateway responses", () => {
  test("every one answers JSON: error code, the quoted message, the request id", () => {
    for (const [type, response] of Object.entries(GATEWAY_RESPONSES)) {
      const rendered = renderGatewayResponse(response.responseTemplates["application/json"]!, {
        context: { requestId: "req-1", error: { message: 'Invalid "x"', messageString: '"Invalid \\"x\\""' } },
      } as Parameters<typeof renderGatewayResponse>[1]);
      expect([type, JSON.parse(rendered)]).toEqual([type, { error: expect.stringMatching(/^[a-z_]+$/), message: 'Invalid "x"', requestId: "req-1" }]);
      expect(response.responseParameters).toEqual({ "gatewayresponse.header.Content-Type": "'application/json'" });
    }
  });

  // AWS, "Gateway response types for API Gateway": each type's default status code.
  test("every type AWS documents, at AWS's default status (INTEGRATION_FAILURE at 502 by choice); the fallbacks set none", () => {
    const statuses = Object.fromEntries(Object.entries(GATEWAY_RESPONSES).map(([type, r]) => [type, r.statusCode ?? null]));
    expect(statuses).toEqual({
      ACCESS_DENIED: "403",
      API_CONFIGURATION_ERROR: "500",
      AUTHORIZER_CONFIGURATION_ERROR: "500",
      AUTHORIZER_FAILURE: "500",
      BAD_REQUEST_BODY: "400",
      BAD_REQUEST_PARAMETERS: "400",
      DEFAULT_4XX: null,
      DEFAULT_5XX: null,
      EXPIRED_TOKEN: "403",
      INTEGRATION_FAILURE: "502",
      INTEGRATION_TIMEOUT: "504",
      INVALID_API_KEY: "403",
      INVALID_SIGNATURE: "403",
      MISSING_AUTHENTICATION_TOKEN: "403",
      QUOTA_EXCEEDED: "429",
      REQUEST_TOO_LARGE: "413",
      RESOURCE_NOT_FOUND: "404",
      THROTTLED: "429",
      UNAUTHORIZED: "401",
      UNSUPPORTED_MEDIA_TYPE: "415",
      WAF_FILTERED: "403",
    });
  });

  test("codes follow what happened: an unsigned call to an IAM route is not told not_found, a 401 is not bad_request", () => {
    const code = (type: keyof typeof GATEWAY_RESPONSES) =>
      JSON.parse(
        renderGatewayResponse(GATEWAY_RESPONSES[type].responseTemplates["application/json"]!, { context: { requestId: "r", error: { message: "m" } } }),
      ).error;
    expect([code("MISSING_AUTHENTICATION_TOKEN"), code("UNAUTHORIZED"), code("DEFAULT_4XX"), code("DEFAULT_5XX")]).toEqual([
      "missing_authentication_token",
      "unauthorized",
      "client_error",
      "server_error",
    ]);
  });
});
