import { render, renderWithOverrides, VtlError } from "../../vtl";
import type { TemplateContext, TemplateRequest } from "../../vtl";

const context: TemplateContext = {
  requestId: "abcdefg-000-000-0000-abcdefg",
  apiId: "abcd1234",
  stage: "prod",
  resourcePath: "/",
  resourceId: "efg567",
  httpMethod: "GET",
  path: "/prod/",
  accountId: "111122223333",
  requestTimeEpoch: 1700000000000,
  identity: {
    sourceIp: "192.0.2.1",
    userAgent: "curl/7.84.0",
    accountId: "111122223333",
    apiKey: "MyTestKey",
    caller: "ABCD-0000-12345",
    user: "ABCD-0000-12345",
    userArn: "arn:aws:sts::111122223333:assumed-role/Admin/carlos-salazar",
  },
  authorizer: { principalId: "user-1", key: "value", numKey: 1, boolKey: true, claims: { email: "a@example.com" } },
};

describe("$context", () => {
  test("AWS's example 1 (pass $context variables to the integration) renders every variable", () => {
    const template = `{
    "stage" : "$context.stage",
    "request_id" : "$context.requestId",
    "api_id" : "$context.apiId",
    "resource_path" : "$context.resourcePath",
    "resource_id" : "$context.resourceId",
    "http_method" : "$context.httpMethod",
    "source_ip" : "$context.identity.sourceIp",
    "user-agent" : "$context.identity.userAgent",
    "account_id" : "$context.identity.accountId",
    "api_key" : "$context.identity.apiKey",
    "caller" : "$context.identity.caller",
    "user" : "$context.identity.user",
    "user_arn" : "$context.identity.userArn"
}`;
    expect(JSON.parse(render(template, { context }))).toEqual({
      stage: "prod",
      request_id: "abcdefg-000-000-0000-abcdefg",
      api_id: "abcd1234",
      resource_path: "/",
      resource_id: "efg567",
      http_method: "GET",
      source_ip: "192.0.2.1",
      "user-agent": "curl/7.84.0",
      account_id: "111122223333",
      api_key: "MyTestKey",
      caller: "ABCD-0000-12345",
      user: "ABCD-0000-12345",
      user_arn: "arn:aws:sts::111122223333:assumed-role/Admin/carlos-salazar",
    });
  });

  test("absent variables render as an empty string", () => {
    expect(render('{"api_key": "$context.identity.apiKey", "stage": "$context.stage"}', {})).toBe('{"api_key": "", "stage": ""}');
  });

  test('authorizer context values are stringified (numKey 1 reads "1"), claims are a map', () => {
    expect(
      render(
        "$context.authorizer.principalId|$context.authorizer.key|$context.authorizer.numKey|$context.authorizer.boolKey|$context.authorizer.claims.email",
        { context },
      ),
    ).toBe("user-1|value|1|true|a@example.com");
    expect(render('#if($context.authorizer.numKey == "1")string#end', { context })).toBe("string");
  });

  test("$context.error.messageString is the message quoted for JSON", () => {
    const request: TemplateRequest = { context: { error: { message: 'Missing "token" \\ here', responseType: "UNAUTHORIZED" } } };
    expect(render("$context.error.message|$context.error.messageString|$context.error.responseType", request)).toBe(
      'Missing "token" \\ here|"Missing \\"token\\" \\\\ here"|UNAUTHORIZED',
    );
    expect(render("$context.error.messageString", { context: { error: {} } })).toBe('""');
  });

  test("numbers print as numbers", () => {
    expect(render("$context.requestTimeEpoch", { context })).toBe("1700000000000");
  });
});

describe("$stageVariables", () => {
  test("the three forms AWS documents read the same variable", () => {
    expect(
      render("$stageVariables.lambdaAlias|$stageVariables['lambdaAlias']|${stageVariables['lambdaAlias']}", { stageVariables: { lambdaAlias: "PROD" } }),
    ).toBe("PROD|PROD|PROD");
  });

  test("an undefined stage variable renders as nothing; keySet lists them", () => {
    expect(render("[$stageVariables.nope]$stageVariables.keySet()", { stageVariables: { a: "1", b: "2" } })).toBe("[][a, b]");
  });
});

describe("$context.responseOverride and $context.requestOverride", () => {
  test("AWS's tutorial: a response template overrides the status when the body holds an error", () => {
    const template = `#set($inputRoot = $input.path('$'))
$input.json("$")
#if($inputRoot.toString().contains("error"))
#set($context.responseOverride.status = 400)
#end
`;
    const body = JSON.stringify({ errors: [{ key: "GetPetRequest.petId", message: "The value is out of range." }] });
    expect(renderWithOverrides(template, { body })).toEqual({
      output: '{"errors":[{"key":"GetPetRequest.petId","message":"The value is out of range."}]}\n',
      overrides: { request: { header: {}, path: {}, querystring: {} }, response: { status: 400, header: {} } },
    });
    expect(renderWithOverrides(template, { body: '{"id": 1}' }).overrides.response).toEqual({ header: {} });
  });

  test("AWS's tutorial: a request template builds a header from two others and replaces one", () => {
    const template = `#set($header1Override = "foo")
#set($header3Value = "$input.params('header1')$input.params('header2')")
$input.json("$")
#set($context.requestOverride.header.header3 = $header3Value)
#set($context.requestOverride.header.header1 = $header1Override)
`;
    const result = renderWithOverrides(template, { headers: { header1: "header1Val", header2: "header2Val" }, body: '{"a": 1}' });
    expect(result.output).toBe('{"a":1}\n');
    expect(result.overrides.request).toEqual({ header: { header3: "header1Valheader2Val", header1: "foo" }, path: {}, querystring: {} });
  });

  test("path and query-string overrides, response headers, list values, a status given as text", () => {
    const template = [
      "#set($context.requestOverride.path.proxy = 'items/7')",
      "#set($context.requestOverride.querystring.limit = 10)",
      '#set($context.requestOverride.header.multivalue = ["1header", "2header"])',
      "#set($context.responseOverride.header.Cache-Control = 'no-store')",
      "#set($context.responseOverride.status = '201')",
    ].join("\n");
    expect(renderWithOverrides(template, {}).overrides).toEqual({
      request: { header: { multivalue: ["1header", "2header"] }, path: { proxy: "items/7" }, querystring: { limit: "10" } },
      response: { status: 201, header: { "Cache-Control": "no-store" } },
    });
  });

  test("a template can read back what it set", () => {
    expect(render("#set($context.responseOverride.status = 404)status=$context.responseOverride.status", {})).toBe("status=404");
  });

  test('setting the same override twice fails, as AWS documents ("Overrides are final", a 5XX)', () => {
    const template = "#set($context.responseOverride.status = 400)\n#set($context.responseOverride.status = 500)";
    expect(() => render(template, {}, { templateName: "twice.vtl" })).toThrow(
      'VTL render error in template "twice.vtl" at line 2: $context.responseOverride.status is set twice; AWS: "Overrides are final. An override may only be applied to each parameter once" (API Gateway answers 5XX)',
    );
    expect(() => render("#set($context.requestOverride.header.a = 1)#set($context.requestOverride.header.a = 2)", {})).toThrow(
      "$context.requestOverride.header.a is set twice",
    );
  });

  test("a status that is not an HTTP status code fails", () => {
    expect(() => render("#set($context.responseOverride.status = 'teapot')", {})).toThrow(VtlError);
    expect(() => render("#set($context.responseOverride.status = 99)", {})).toThrow(
      '$context.responseOverride.status must be an HTTP status code (100-599), got "99"',
    );
  });

  test("render returns the output only; renderWithOverrides adds the overrides", () => {
    const template = "#set($context.responseOverride.header.X-Id = $context.requestId)ok";
    expect(render(template, { context: { requestId: "r-1" } })).toBe("ok");
    expect(renderWithOverrides(template, { context: { requestId: "r-1" } }).overrides.response.header).toEqual({ "X-Id": "r-1" });
  });
});
