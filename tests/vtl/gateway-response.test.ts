import { renderGatewayResponse } from "../../vtl";

describe("renderGatewayResponse: simple substitution, no VTL (as AWS documents for gateway responses)", () => {
  const request = {
    context: {
      requestId: "r-1",
      stage: "dev",
      identity: { sourceIp: "192.0.2.1" },
      error: { message: "Forbidden", responseType: "ACCESS_DENIED", validationErrorString: '[missing (["name"])]' },
    },
    stageVariables: { team: "orders" },
  };

  test("$context and $stageVariables references are replaced, absent ones by nothing", () => {
    expect(
      renderGatewayResponse(
        "$context.requestId $context.identity.sourceIp $context.error.messageString $stageVariables.team [$context.nope] [$stageVariables.nope]",
        request,
      ),
    ).toBe('r-1 192.0.2.1 "Forbidden" orders [] []');
  });

  test("directives and $util calls are not evaluated: they are sent as written", () => {
    expect(renderGatewayResponse("#if($context.stage == 'dev')x#end", request)).toBe("#if(dev == 'dev')x#end");
    expect(renderGatewayResponse('"$util.escapeJavaScript($context.error.validationErrorString)"', request)).toBe(
      '"$util.escapeJavaScript([missing (["name"])])"',
    );
  });
});
