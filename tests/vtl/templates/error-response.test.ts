import { loadTemplate, renderGatewayResponse, renderTemplate } from "../../../vtl";
import type { TemplateRequest } from "../../../vtl";

/** Renders the template as API Gateway does for a gateway response: by simple substitution. */
const asGatewayResponse = (request: TemplateRequest): string => renderGatewayResponse(loadTemplate("error-response"), request);

describe("error-response.vtl (a gateway-response body)", () => {
  test("answers {error, message, requestId} from $context.error and the request id", () => {
    const request: TemplateRequest = { context: { requestId: "r-1", error: { responseType: "THROTTLED", message: "Too Many Requests" } } };
    const output = asGatewayResponse(request);
    expect(output).toBe('{"error": "THROTTLED", "message": "Too Many Requests", "requestId": "r-1"}\n');
    expect(JSON.parse(output)).toEqual({ error: "THROTTLED", message: "Too Many Requests", requestId: "r-1" });
  });

  test("it uses no VTL, so substitution and VTL give the same output", () => {
    const request: TemplateRequest = { context: { requestId: "r-2", error: { responseType: "ACCESS_DENIED", message: "Forbidden" } } };
    expect(renderTemplate("error-response", request)).toBe(asGatewayResponse(request));
    expect(loadTemplate("error-response")).not.toMatch(/#|\$util|\$input/);
  });

  test("an empty message (the least API Gateway sends) is still valid JSON", () => {
    const output = asGatewayResponse({ context: { error: {} } });
    expect(output).toBe('{"error": "", "message": "", "requestId": ""}\n');
    expect(JSON.parse(output)).toEqual({ error: "", message: "", requestId: "" });
  });

  test("without any error context (never the case for a gateway response) the message slot is empty and the body is not JSON", () => {
    const output = asGatewayResponse({});
    expect(output).toBe('{"error": "", "message": , "requestId": ""}\n');
    expect(() => JSON.parse(output)).toThrow(SyntaxError);
  });

  test("a message with quotes, backslashes, newlines, <&>, unicode, % + stays valid JSON (messageString is quoted for JSON)", () => {
    const message = `Invalid "key" \\ in <b>&amp;\n50% + \u00e9`;
    const output = asGatewayResponse({ context: { requestId: "r-3", error: { responseType: "BAD_REQUEST_BODY", message } } });
    expect(output).toBe('{"error": "BAD_REQUEST_BODY", "message": "Invalid \\"key\\" \\\\ in <b>&amp;\\n50% + \u00e9", "requestId": "r-3"}\n');
    expect(JSON.parse(output).message).toBe(message);
  });
});
