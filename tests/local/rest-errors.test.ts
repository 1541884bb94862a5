import { lambdaUri, proxyOperation, rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * API Gateway's own error answers, as a REST API without custom gateway responses sends them: status,
 * `x-amzn-ErrorType` (AWS's exception name) and body. Sources, per case:
 * - [ls-exc] the exception names LocalStack validates against AWS (localstack/localstack,
 *   services/apigateway/next_gen/execute_api/gateway_response.py, the entries without "TODO validate");
 * - [guide] "AWS API Gateway Errors Mapping Guide" (FinchPowers), responses recorded from AWS with httpie;
 * - [loige] "Debugging custom ApiGateway authorizers" (loige.co): an authorizer that fails is HTTP 500
 *   `{"message":null}`, and its execution log ends in AuthorizerConfigurationException;
 * - [gr-types] AWS, "Gateway response types for API Gateway" (default statuses);
 * - [lgtm-413] koki-develop/lgtm-generator issue #10, recorded from AWS: a body over 10 MB is 413
 *   `HTTP content length exceeded 10485760 bytes.` (content-type `text; charset=utf-8`);
 * - [lambda-errors] AWS, "Handle Lambda errors in API Gateway": 504 `Endpoint request timed out`;
 * - [spaced] the execution's errors are `{"message": "..."}` with a space, the others without (the
 *   sources in local/gateway-errors.ts, defaultResponseTemplate: a Content-Length recorded from AWS in
 *   LocalStack's test_apigateway_header_remapping_aws[AWS], answers observed from AWS for a timeout and
 *   a refused body).
 */

const ALLOW = (resource: string) => ({
  principalId: "user-1",
  policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: resource }] },
});
const DENY = (resource: string) => ({
  principalId: "user-1",
  policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Deny", Resource: resource }] },
});

const authorizer = (type: "token" | "request", identitySource: string) => ({
  type: "apiKey",
  name: "Authorization",
  in: "header",
  "x-amazon-apigateway-authtype": "custom",
  "x-amazon-apigateway-authorizer": { type, authorizerUri: lambdaUri("auth"), authorizerResultTtlInSeconds: 0, identitySource },
});

const document = {
  openapi: "3.0.1",
  paths: {
    "/open": { get: proxyOperation("echo") },
    "/keyed": { get: { ...proxyOperation("echo"), security: [{ api_key: [] }] } },
    "/guarded": { get: { ...proxyOperation("echo"), security: [{ custom: [] }] } },
    "/signed": { get: { ...proxyOperation("echo"), security: [{ sigv4: [] }] } },
    "/slow": { get: proxyOperation("slow", { timeoutInMillis: 50 }) },
    "/checked": {
      post: {
        ...proxyOperation("echo"),
        "x-amazon-apigateway-request-validator": "all",
        requestBody: { content: { "application/json": { schema: { type: "object", required: ["name"], properties: { name: { type: "string" } } } } } },
      },
    },
  },
  "x-amazon-apigateway-request-validators": { all: { validateRequestBody: true, validateRequestParameters: true } },
  components: {
    securitySchemes: {
      api_key: { type: "apiKey", name: "x-api-key", in: "header" },
      custom: authorizer("token", "method.request.header.Authorization"),
      sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
    },
  },
};

describe("API Gateway's error answers: status, x-amzn-ErrorType and body", () => {
  let rest: RestHarness;
  let authorizerAnswer: (event: { authorizationToken: string; methodArn: string }) => unknown = () => undefined;
  const invoker = scriptedInvoker({
    echo: () => ({ statusCode: 200, body: "ok" }),
    slow: () => new Promise(() => undefined),
    auth: (event) => authorizerAnswer(event),
  });
  beforeAll(async () => {
    rest = await serveRest(restApiFrom(document, { apiKeys: {} }), invoker);
  });
  afterAll(() => rest.close());

  const answer = async (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const res = await rawRequest(`${rest.url}${path}`, init);
    return { status: res.status, errorType: res.headers["x-amzn-errortype"], body: res.text };
  };

  test("an unknown path, and a stage that does not exist: 403 MissingAuthenticationTokenException [ls-exc, gr-types]", async () => {
    const expected = { status: 403, errorType: "MissingAuthenticationTokenException", body: '{"message":"Missing Authentication Token"}' };
    expect(await answer("/nothing-here")).toEqual(expected);
    expect(
      await rawRequest(`${rest.url.replace(/\/dev$/, "/nostage")}/open`).then((r) => ({
        status: r.status,
        errorType: r.headers["x-amzn-errortype"],
        body: r.text,
      })),
    ).toEqual(expected);
  });

  test("a route that requires an API key, without one: 403 ForbiddenException, Forbidden [ls-exc, guide]", async () => {
    expect(await answer("/keyed")).toEqual({ status: 403, errorType: "ForbiddenException", body: '{"message":"Forbidden"}' });
  });

  test("an IAM route without a signature: 403 MissingAuthenticationTokenException [ls-exc]", async () => {
    expect(await answer("/signed")).toEqual({
      status: 403,
      errorType: "MissingAuthenticationTokenException",
      body: '{"message":"Missing Authentication Token"}',
    });
  });

  test("a Lambda authorizer without its identity source: 401 UnauthorizedException, not invoked [guide]", async () => {
    const before = invoker.calls.filter((c) => c.name === "auth").length;
    expect(await answer("/guarded")).toEqual({ status: 401, errorType: "UnauthorizedException", body: '{"message":"Unauthorized"}' });
    expect(invoker.calls.filter((c) => c.name === "auth").length).toBe(before);
  });

  test("an authorizer that throws Unauthorized: 401 UnauthorizedException [guide]", async () => {
    authorizerAnswer = () => {
      throw new Error("Unauthorized");
    };
    expect(await answer("/guarded", { headers: { Authorization: "t" } })).toEqual({
      status: 401,
      errorType: "UnauthorizedException",
      body: '{"message":"Unauthorized"}',
    });
  });

  test("an explicit Deny: 403 AccessDeniedException, '... with an explicit deny' [guide]", async () => {
    authorizerAnswer = (e) => DENY(e.methodArn);
    expect(await answer("/guarded", { headers: { Authorization: "t" } })).toEqual({
      status: 403,
      errorType: "AccessDeniedException",
      body: '{"message":"User is not authorized to access this resource with an explicit deny"}',
    });
  });

  test("a policy that allows another resource only (an implicit deny): 403 AccessDeniedException, 'User is not authorized to access this resource' [gr-types, guide]", async () => {
    authorizerAnswer = () => ALLOW("arn:aws:execute-api:us-east-1:123456789012:twinrest01/dev/GET/other");
    expect(await answer("/guarded", { headers: { Authorization: "t" } })).toEqual({
      status: 403,
      errorType: "AccessDeniedException",
      body: '{"message":"User is not authorized to access this resource"}',
    });
  });

  test("an authorizer that fails (another error, or an answer that is not a principal with a policy): 500 AuthorizerConfigurationException, message null [loige]", async () => {
    const expected = { status: 500, errorType: "AuthorizerConfigurationException", body: '{"message":null}' };
    authorizerAnswer = () => {
      throw new Error("boom");
    };
    expect(await answer("/guarded", { headers: { Authorization: "t" } })).toEqual(expected);
    authorizerAnswer = () => ({ policyDocument: {} });
    expect(await answer("/guarded", { headers: { Authorization: "t" } })).toEqual(expected);
    authorizerAnswer = (e) => ({ ...ALLOW(e.methodArn), context: { nested: { no: 1 } } });
    expect(await answer("/guarded", { headers: { Authorization: "t" } })).toEqual(expected);
  });

  test("a body its model refuses: 400 BadRequestException, Invalid request body [ls-exc, spaced]", async () => {
    expect(await answer("/checked", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).toEqual({
      status: 400,
      errorType: "BadRequestException",
      body: '{"message": "Invalid request body"}',
    });
  });

  test("an integration that does not answer within its timeout: 504 InternalServerErrorException, Endpoint request timed out [ls-exc, lambda-errors, spaced]", async () => {
    expect(await answer("/slow")).toEqual({ status: 504, errorType: "InternalServerErrorException", body: '{"message": "Endpoint request timed out"}' });
  });

  test("a body over 10 MB, declared: 413 with the front door's text, the connection closed [lgtm-413]", async () => {
    const res = await rawRequest(`${rest.url}/open`, { method: "POST", headers: { "content-length": String(10 * 1024 * 1024 + 1) } }).catch((e: Error) => e);
    if (res instanceof Error) throw res;
    expect([res.status, res.headers["content-type"], res.text]).toEqual([413, "text; charset=utf-8", "HTTP content length exceeded 10485760 bytes."]);
  });
});
