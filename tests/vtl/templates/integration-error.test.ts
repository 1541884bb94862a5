import { loadTemplate, render } from "../../../vtl";
import type { TemplateRequest } from "../../../vtl";

/** As the component deploys it: the status the integration response answers, set in front. */
const asDeployed = (status: number | undefined, request: TemplateRequest): string =>
  render(`${status === undefined ? "" : `#set($statusCode = ${status})\n`}${loadTemplate("integration-error")}`, request);

describe("integration-error.vtl (an integration response's error body)", () => {
  test.each([
    [400, "bad_request", "The request was refused by the backend service"],
    [403, "forbidden", "The backend service refused access"],
    [404, "not_found", "No such resource"],
    [409, "conflict", "The request conflicts with the resource's state"],
    [429, "too_many_requests", "The backend service is throttling requests"],
    [418, "client_error", "The backend service refused the request"],
    [502, "bad_gateway", "The backend service failed"],
    [503, "service_unavailable", "The backend service is unavailable"],
    [504, "gateway_timeout", "The backend service did not answer in time"],
    [500, "server_error", "The backend service failed"],
    [undefined, "server_error", "The backend service failed"],
  ])("status %s answers %s", (status, error, message) => {
    const output = asDeployed(status, { body: "<Error><Code>AccessDenied</Code></Error>", context: { requestId: "r-1" } });
    expect(output).toBe(`{"error": "${error}", "message": "${message}", "requestId": "r-1"}\n`);
  });

  test("the backend's body is never echoed, and a request id with quotes stays valid JSON", () => {
    const output = asDeployed(404, { body: '{"message": "bucket secret-bucket, key private/x"}', context: { requestId: 'a"b\\c' } });
    expect(JSON.parse(output)).toEqual({ error: "not_found", message: "No such resource", requestId: 'a"b\\c' });
    expect(output).not.toContain("secret-bucket");
  });

  test("without a request id (absent $context values render empty) it is still JSON", () => {
    expect(JSON.parse(asDeployed(502, {}))).toEqual({ error: "bad_gateway", message: "The backend service failed", requestId: "" });
  });
});
