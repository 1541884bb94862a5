import { rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * The MOCK integration's status: it reads the integration request's body (the request template's
 * output, or the request's body passed through without one) as JSON with an integer `statusCode`.
 * Sources:
 * - [mock-doc] AWS, "Set up mock integrations in API Gateway": the request template returns
 *   `{"statusCode": 200}` (or 500) to choose the integration response;
 * - [no-template] a MOCK without a request template on AWS: CDK users report the root method of
 *   `addProxy` (CDK's default MOCK integration, no template) breaking `/` with "Unable to parse
 *   statusCode" (the comment in the SSR stack of a public open-next CDK construct); AWS's execution log
 *   is "Execution failed due to configuration error: Unable to parse statusCode. It should be an integer
 *   that is defined in the request template." (quoted by LocalStack's mock integration), answered
 *   500 `{"message": "Internal server error"}`;
 * - [not-integer] "Execution failed due to configuration error: statusCode should be an integer which
 *   defined in request template", reported from AWS for a MOCK whose template names no integer statusCode
 *   (Stack Overflow question quoted by openillumi.com, "statusCode should be an integer");
 * - [ls-overrides] LocalStack's test_apigateway_integrations.snapshot.json,
 *   test_integration_mock_with_request_overrides_in_response_template (validated against AWS): a mock's
 *   response template reads `$context.requestOverride.path.*` set by its request template ("path was path
 *   one", "path was path two", "this is the else clause").
 */

const mockRoute = (requestTemplates: Record<string, string> | undefined) => ({
  get: {
    security: [],
    "x-amazon-apigateway-integration": {
      type: "mock",
      passthroughBehavior: "when_no_match",
      ...(requestTemplates ? { requestTemplates } : {}),
      responses: {
        default: { statusCode: "200", responseTemplates: { "application/json": '{"answer": "default"}' } },
        "404": { statusCode: "404", responseTemplates: { "application/json": '{"answer": "not found"}' } },
      },
    },
  },
});

const document = {
  openapi: "3.0.1",
  paths: {
    "/chosen": mockRoute({ "application/json": "{\"statusCode\": $input.params('status')}" }),
    "/no-status": mockRoute({ "application/json": '{"message": "hello"}' }),
    "/string-status": mockRoute({ "application/json": '{"statusCode": "200"}' }),
    "/not-json": mockRoute({ "application/json": "<html>hello</html>" }),
    "/no-template": mockRoute(undefined),
    "/overrides/{path}": {
      get: {
        security: [],
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: {
            "application/json": "#set($context.requestOverride.path.path = $input.params('path'))\n{\"statusCode\": 200}",
          },
          responses: {
            default: {
              statusCode: "200",
              responseTemplates: {
                "application/json":
                  '#set($path = $context.requestOverride.path.path)#if($path == "path1")path was path one#elseif($path == "path2")path was path two#{else}this is the else clause#end',
              },
            },
          },
        },
      },
    },
  },
};

describe("a MOCK integration's statusCode", () => {
  let rest: RestHarness;
  beforeAll(async () => {
    rest = await serveRest(restApiFrom(document), scriptedInvoker({}));
  });
  afterAll(() => rest.close());

  const get = async (path: string) => {
    const res = await rawRequest(`${rest.url}${path}`);
    return { status: res.status, errorType: res.headers["x-amzn-errortype"], body: res.text };
  };
  // x-amzn-ErrorType of a configuration error: recorded from AWS in LocalStack's test_apigateway_integrations.snapshot.json
  // (TestApiGatewayHeaderRemapping::test_apigateway_header_remapping_aws[AWS]: 500, InternalServerErrorException).
  const CONFIGURATION_ERROR = { status: 500, errorType: "InternalServerErrorException", body: '{"message": "Internal server error"}' };

  test("the template's integer statusCode picks the integration response [mock-doc]", async () => {
    expect(await get("/chosen?status=404")).toEqual({ status: 404, errorType: undefined, body: '{"answer": "not found"}' });
    expect(await get("/chosen?status=200")).toEqual({ status: 200, errorType: undefined, body: '{"answer": "default"}' });
  });

  test("a template output without an integer statusCode is a 500 [not-integer]", async () => {
    expect(await get("/no-status")).toEqual(CONFIGURATION_ERROR);
    expect(await get("/string-status")).toEqual(CONFIGURATION_ERROR);
    expect(await get("/not-json")).toEqual(CONFIGURATION_ERROR);
  });

  test("the response template reads what the request template set in $context.requestOverride [ls-overrides]", async () => {
    expect((await get("/overrides/path1")).body).toBe("path was path one");
    expect((await get("/overrides/path2")).body).toBe("path was path two");
    expect((await get("/overrides/other")).body).toBe("this is the else clause");
  });

  test("no request template: the empty body has no statusCode, a 500 [no-template]", async () => {
    expect(await get("/no-template")).toEqual(CONFIGURATION_ERROR);
  });
});
