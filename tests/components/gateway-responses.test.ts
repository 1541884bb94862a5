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

  test("throttling and quotas answer 429, validation 400, timeouts 504", () => {
    expect(GATEWAY_RESPONSES.THROTTLED!.statusCode).toBe("429");
    expect(GATEWAY_RESPONSES.QUOTA_EXCEEDED!.statusCode).toBe("429");
    expect(GATEWAY_RESPONSES.BAD_REQUEST_BODY!.statusCode).toBe("400");
    expect(GATEWAY_RESPONSES.INTEGRATION_TIMEOUT!.statusCode).toBe("504");
  });
});
