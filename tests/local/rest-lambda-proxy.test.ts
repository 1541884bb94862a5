import { lambdaUri, proxyOperation, rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * The Lambda proxy integration of a REST API, checked against behaviour recorded from AWS:
 * - [ls-format] LocalStack's AWS-validated test_aws_proxy_response_payload_format_validation and
 *   test_lambda_aws_proxy_response_format (tests/aws/services/apigateway/test_apigateway_lambda.py):
 *   a numeric string statusCode, a missing statusCode (200), an unknown key (502 "Internal server
 *   error"), a statusCode that is no number, multiValueHeaders values that are no lists, a bare string;
 * - [aws-proxy] AWS, "Lambda proxy integrations in API Gateway" (output format): headers and
 *   multiValueHeaders merged, the multi values winning for a name in both;
 * - [aws-binary] AWS, "Binary media types for REST APIs": "API Gateway uses the first Accept header from
 *   clients to determine if a response should return binary media";
 * - [ls-event] LocalStack's test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration
 *   (recorded against AWS, 02-08-2024): the v1 event's fields, nulls and values.
 */

describe("a Lambda proxy function's response, as API Gateway reads it", () => {
  let rest: RestHarness;
  let respond: (event: unknown) => unknown = () => ({ statusCode: 200 });
  const invoker = scriptedInvoker({ fn: (event) => respond(event) });
  beforeAll(async () => {
    rest = await serveRest(restApiFrom({ paths: { "/r": { get: proxyOperation("fn") } } }, { binaryMediaTypes: ["image/png"] }), invoker);
  });
  afterAll(() => rest.close());

  const call = async (result: unknown, headers: Record<string, string> = {}) => {
    respond = () => result;
    const res = await rawRequest(`${rest.url}/r`, { headers });
    return { status: res.status, headers: res.headers, text: res.text, body: res.body };
  };
  // `{"message": ...}` with a space, as AWS answers the execution's errors (local/gateway-errors.ts, defaultResponseTemplate).
  const INTERNAL = { status: 502, errorType: "InternalServerErrorException", text: '{"message": "Internal server error"}' };
  const failure = async (result: unknown) => {
    const res = await call(result);
    return { status: res.status, errorType: res.headers["x-amzn-errortype"], text: res.text };
  };

  test("a numeric string statusCode is that status; a missing one is 200 [ls-format]", async () => {
    expect((await call({ statusCode: "201" })).status).toBe(201);
    const onlyHeaders = await call({ headers: { "test-header": "value" } });
    expect([onlyHeaders.status, onlyHeaders.headers["test-header"], onlyHeaders.text]).toEqual([200, "value", ""]);
  });

  test("keys API Gateway does not accept, a statusCode that is no number, a bare string, a multi-value header that is no list: 502 Internal server error [ls-format]", async () => {
    expect(await failure({ statusCode: 200, wrongValue: "value" })).toEqual(INTERNAL);
    expect(await failure({ statusCode: "test" })).toEqual(INTERNAL);
    expect(await failure("justAString")).toEqual(INTERNAL);
    expect(await failure({ statusCode: 200, multiValueHeaders: { "test-multi-invalid": "value1" } })).toEqual(INTERNAL);
    expect(await failure({ statusCode: 200, cookies: ["a=1"] })).toEqual(INTERNAL);
  });

  test("header values are strings (a boolean as true); Content-Type is application/json when the function sets none [ls-format]", async () => {
    const res = await call({ statusCode: 200, headers: { "test-header": "value", "header-bool": true }, body: "x" });
    expect([res.headers["test-header"], res.headers["header-bool"], res.headers["content-type"]]).toEqual(["value", "true", "application/json"]);
    expect((await call({ statusCode: 200, headers: { "Content-Type": "text/plain" }, body: "x" })).headers["content-type"]).toBe("text/plain");
  });

  test("headers and multiValueHeaders merge; a name in both keeps only the multi values, whatever its case [aws-proxy]", async () => {
    expect((await call({ statusCode: 200, multiValueHeaders: { "test-multi": ["value1", "value2"] } })).headers["test-multi"]).toBe("value1, value2");
    expect(
      (await call({ statusCode: 200, multiValueHeaders: { "test-multi": ["value-multi"] }, headers: { "test-multi": "value-solo" } })).headers["test-multi"],
    ).toBe("value-multi");
    expect(
      (await call({ statusCode: 200, multiValueHeaders: { "tesT-Multi": ["value-multi"] }, headers: { "test-multi": "value-solo" } })).headers["test-multi"],
    ).toBe("value-multi");
    const cookies = await call({ statusCode: 200, multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"] } });
    expect(cookies.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
  });

  test("a base64 body is decoded only when the first Accept type is one of the API's binary media types [aws-binary]", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const result = { statusCode: 200, headers: { "Content-Type": "image/png" }, body: png.toString("base64"), isBase64Encoded: true };
    expect((await call(result, { Accept: "image/png" })).body).toEqual(png);
    expect((await call(result, { Accept: "text/html, image/png" })).text).toBe(png.toString("base64"));
    expect((await call(result)).text).toBe(png.toString("base64"));
  });

  test("a status Node cannot send (99, 1000), a header value with CR or LF, a header name with a space: 502, an access-log line saying why, and the next request is served", async () => {
    rest.logs.length = 0;
    for (const bad of [
      { statusCode: 99 },
      { statusCode: 1000 },
      { statusCode: 200, headers: { "x-evil": "a\r\nInjected: yes" } },
      { statusCode: 200, headers: { "bad name": "v" } },
    ]) {
      expect(await failure(bad)).toEqual(INTERNAL);
    }
    expect(rest.logs.map((l) => [l.status, l.errorType, l.errorMessage])).toEqual([
      ["502", "INTEGRATION_FAILURE", "Malformed Lambda proxy response: statusCode 99 is not an HTTP status"],
      ["502", "INTEGRATION_FAILURE", "Malformed Lambda proxy response: statusCode 1000 is not an HTTP status"],
      [
        "502",
        "INTEGRATION_FAILURE",
        'Malformed Lambda proxy response: header "x-evil" has a value with a character HTTP forbids (CR, LF or NUL): "a\\r\\nInjected: yes"',
      ],
      ["502", "INTEGRATION_FAILURE", 'Malformed Lambda proxy response: header name "bad name" is not a valid HTTP token'],
    ]);
    expect((await call({ statusCode: 200, body: "still serving" })).text).toBe("still serving");
  });
});

describe("the v1 event a Lambda proxy function receives", () => {
  let rest: RestHarness;
  const STARTED = Date.UTC(2024, 7, 2, 23, 34, 43, 123);
  const invoker = scriptedInvoker({
    fn: () => ({ statusCode: 200, body: "{}" }),
    auth: (e: { methodArn: string }) => ({
      principalId: "user-7",
      context: { num: 1, flag: true, s: "x" },
      policyDocument: { Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: e.methodArn }] },
    }),
  });
  beforeAll(async () => {
    const document = {
      paths: {
        "/{proxy+}": { "x-amazon-apigateway-any-method": proxyOperation("fn") },
        "/hardcoded": { "x-amazon-apigateway-any-method": proxyOperation("fn") },
        "/authorized": { get: { ...proxyOperation("fn"), security: [{ req: [] }] } },
      },
      components: {
        securitySchemes: {
          req: {
            type: "apiKey",
            name: "Unused",
            in: "header",
            "x-amazon-apigateway-authtype": "custom",
            "x-amazon-apigateway-authorizer": {
              type: "request",
              authorizerUri: lambdaUri("auth"),
              authorizerResultTtlInSeconds: 0,
              identitySource: "method.request.header.X-User",
            },
          },
        },
      },
    };
    rest = await serveRest(
      restApiFrom(document, { stage: { name: "stage", deploymentId: "dep123" }, binaryMediaTypes: ["application/octet-stream"] }),
      invoker,
      { now: () => STARTED },
    );
  });
  afterAll(() => rest.close());

  const eventOf = async (path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) => {
    const before = invoker.calls.length;
    const res = await rawRequest(`${rest.url.replace(/\/stage$/, "")}${path}`, {
      headers: { "User-Agent": "python-requests/testing", ...init.headers },
      ...(init.method ? { method: init.method } : {}),
      ...(init.body ? { body: init.body } : {}),
    });
    expect(res.status).toBe(200);
    return invoker.calls.slice(before).find((c) => c.name === "fn")?.event as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  test("every field, with AWS's values and nulls [ls-event: invocation-payload-without-trailing-slash]", async () => {
    const event = await eventOf("/stage/proxy-value", { headers: { "tEsT-HEADeR": "aValUE", authorization: "random-value" } });
    const port = new URL(rest.url).port;
    const trace = expect.stringMatching(new RegExp(`^Root=1-${Math.floor(STARTED / 1000).toString(16)}-[0-9a-f]{24}$`));
    expect(event).toEqual({
      body: null,
      headers: {
        "User-Agent": "python-requests/testing",
        "tEsT-HEADeR": "aValUE",
        Authorization: "random-value",
        Host: `127.0.0.1:${port}`,
        // The client's Connection header is dropped, as the snapshot records (python-requests sends keep-alive).
        "X-Forwarded-For": "127.0.0.1",
        "X-Forwarded-Port": port,
        "X-Forwarded-Proto": "http",
        "X-Amzn-Trace-Id": trace,
      },
      httpMethod: "GET",
      isBase64Encoded: false,
      multiValueHeaders: {
        "User-Agent": ["python-requests/testing"],
        "tEsT-HEADeR": ["aValUE"],
        Authorization: ["random-value"],
        Host: [`127.0.0.1:${port}`],
        "X-Forwarded-For": ["127.0.0.1"],
        "X-Forwarded-Port": [port],
        "X-Forwarded-Proto": ["http"],
        "X-Amzn-Trace-Id": [trace],
      },
      multiValueQueryStringParameters: null,
      path: "/proxy-value",
      pathParameters: { proxy: "proxy-value" },
      queryStringParameters: null,
      requestContext: {
        accountId: "123456789012",
        apiId: "twinrest01",
        deploymentId: "dep123",
        domainName: `127.0.0.1:${port}`,
        domainPrefix: "127",
        extendedRequestId: expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/),
        httpMethod: "GET",
        identity: {
          accessKey: null,
          accountId: null,
          caller: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp: "127.0.0.1",
          user: null,
          userAgent: "python-requests/testing",
          userArn: null,
        },
        path: "/stage/proxy-value",
        protocol: "HTTP/1.1",
        requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        requestTime: "02/Aug/2024:23:34:43 +0000",
        requestTimeEpoch: STARTED,
        resourceId: expect.stringMatching(/^[a-z0-9]{6}$/),
        resourcePath: "/{proxy+}",
        stage: "stage",
      },
      resource: "/{proxy+}",
      stageVariables: null,
    });
  });

  test("paths: a trailing slash, a `//` inside, slashes before and after the stage, percent-encoding kept [ls-event]", async () => {
    const pick = (e: Record<string, any>) => [e.path, e.pathParameters, e.requestContext.path, e.resource]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(pick(await eventOf("/stage/proxy-value/"))).toEqual(["/proxy-value/", { proxy: "proxy-value" }, "/stage/proxy-value/", "/{proxy+}"]);
    expect(pick(await eventOf("/stage/proxy-value//double-slash"))).toEqual([
      "/proxy-value//double-slash",
      { proxy: "proxy-value//double-slash" },
      "/stage/proxy-value//double-slash",
      "/{proxy+}",
    ]);
    expect(pick(await eventOf("//stage/proxy-value"))).toEqual(["/proxy-value", { proxy: "proxy-value" }, "/stage/proxy-value", "/{proxy+}"]);
    expect(pick(await eventOf("/stage//proxy-value"))).toEqual(["/proxy-value", { proxy: "proxy-value" }, "/stage//proxy-value", "/{proxy+}"]);
    expect(pick(await eventOf("/stage//hardcoded"))).toEqual(["/hardcoded", null, "/stage//hardcoded", "/hardcoded"]);
    const encoded = "proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com";
    expect(pick(await eventOf(`/stage/${encoded}`))).toEqual([`/${encoded}`, { proxy: encoded }, `/stage/${encoded}`, "/{proxy+}"]);
  });

  test("malformed percent-encoding is only text: the request reaches its route [ls-event: the path is never decoded]", async () => {
    const event = await eventOf("/stage/items/%E0%A4%A");
    expect([event.path, event.pathParameters]).toEqual(["/items/%E0%A4%A", { proxy: "items/%E0%A4%A" }]);
  });

  test("query strings are form-decoded; repeated ones listed, the last in queryStringParameters [ls-event: invocation-payload-with-params-encoding(-multi)]", async () => {
    const query =
      "dateTimeOffset=2023-06-12T18:05:10.123456+00:00&email=test%2Balias@gmail.com&plus=test+alias@gmail.com&url=https://www.google.com/&whitespace=foo%20bar&zhash=abort/&category=electronics&category=books";
    const event = await eventOf(`/stage/proxy-value/api?${query}`);
    expect([event.queryStringParameters, event.multiValueQueryStringParameters]).toEqual([
      {
        dateTimeOffset: "2023-06-12T18:05:10.123456 00:00",
        email: "test+alias@gmail.com",
        plus: "test alias@gmail.com",
        url: "https://www.google.com/",
        whitespace: "foo bar",
        zhash: "abort/",
        category: "books",
      },
      {
        dateTimeOffset: ["2023-06-12T18:05:10.123456 00:00"],
        email: ["test+alias@gmail.com"],
        plus: ["test alias@gmail.com"],
        url: ["https://www.google.com/"],
        whitespace: ["foo bar"],
        zhash: ["abort/"],
        category: ["electronics", "books"],
      },
    ]);
  });

  test("the Authorization header arrives as Authorization whatever the client's case [ls-event: invocation-payload-with-params-encoding-multi]", async () => {
    const event = await eventOf("/stage/proxy-value", { headers: { aUThorization: "Bearer token123;API key456" } });
    expect([event.headers.Authorization, event.multiValueHeaders.Authorization]).toEqual(["Bearer token123;API key456", ["Bearer token123;API key456"]]);
  });

  test("a body of one of the API's binary media types arrives base64-encoded; text as it is [aws-binary]", async () => {
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x41]);
    const binary = await eventOf("/stage/upload", { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: bytes });
    expect([binary.body, binary.isBase64Encoded]).toEqual([bytes.toString("base64"), true]);
    const text = await eventOf("/stage/upload", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"message":"hello world"}' });
    expect([text.body, text.isBase64Encoded]).toEqual(['{"message":"hello world"}', false]);
  });

  test("a Lambda authorizer's context reaches the function as strings, with principalId and integrationLatency [AWS: 'Use API Gateway Lambda authorizers', the output's context values]", async () => {
    const event = await eventOf("/stage/authorized", { headers: { "X-User": "u" } });
    expect(event.requestContext.authorizer).toEqual({ num: "1", flag: "true", s: "x", principalId: "user-7", integrationLatency: expect.any(Number) });
  });
});
