import { HTTP_ACCESS_LOG_FIELDS, HTTP_ACCESS_LOG_FORMAT, httpAccessLogGroupName } from "../../components/http-api/access-log-format";
import { checkHttpApiArgs, domainMappingProblems, httpApiArgsProblems, throttlingProblems } from "../../components/http-api/check-args";
import { corsConfiguration, corsProblems } from "../../components/http-api/cors";
import type { HttpApiArgs } from "../../components/http-api/http-api";
import { jwtAuthorizerConfig, jwtProblems, routeAuthorization } from "../../components/http-api/jwt-authorizer";
import { routeKey, routeProblems, routeResourceName } from "../../components/http-api/route-keys";
import { grantName, lambdaArnProblem, lambdaGrants, lambdaKey, listenerArnProblem, targetProblems } from "../../components/http-api/targets";
import type { HttpApiRoute, HttpApiTarget } from "../../components/http-api/types";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:shop-dev-items";
const LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/orders/0a1b2c3d4e5f6789/1a2b3c4d5e6f7a8b";
const lambda = (extra: Partial<Extract<HttpApiTarget, { kind: "lambda" }>> = {}): HttpApiTarget => ({
  kind: "lambda",
  functionName: "shop-dev-items",
  functionArn: FN,
  ...extra,
});
const route = (method: HttpApiRoute["method"], path: string, extra: Partial<HttpApiRoute> = {}): HttpApiRoute => ({
  method,
  path,
  target: lambda(),
  authorization: "none",
  ...extra,
});

describe("route keys", () => {
  test("METHOD /path, and $default for the catch-all", () => {
    expect(routeKey(route("GET", "/items/{id}"))).toBe("GET /items/{id}");
    expect(routeKey(route("ANY", "/{proxy+}"))).toBe("ANY /{proxy+}");
    expect(routeKey(route("ANY", "$default"))).toBe("$default");
    expect(routeResourceName(route("DELETE", "/items/{id}"))).toBe("DELETE-/items/{id}");
    expect(routeResourceName(route("ANY", "$default"))).toBe("$default");
  });

  test("valid routes have no problems", () => {
    const routes = [
      route("GET", "/"),
      route("GET", "/items/{id}", { authorization: "jwt", scopes: ["items/read"] }),
      route("DELETE", "/items/{id}", { authorization: "iam" }),
      route("ANY", "/items/{id}"),
      route("ANY", "/{proxy+}"),
      route("ANY", "$default"),
    ];
    expect(routeProblems(routes, { hasJwt: true })).toEqual([]);
  });

  test("a jwt route needs the API's JWT authorizer", () => {
    expect(routeProblems([route("GET", "/x", { authorization: "jwt" })], { hasJwt: false })).toEqual([
      'routes[0].authorization: "jwt" needs the API\'s JWT authorizer (the jwt argument, with issuer and audiences)',
    ]);
  });

  test("duplicate route keys, and keys matching the same requests", () => {
    expect(routeProblems([route("GET", "/items/{id}"), route("POST", "/items/{id}"), route("GET", "/items/{id}")], { hasJwt: false })).toEqual([
      'routes[2]: route key "GET /items/{id}" is already routes[0]\'s',
    ]);
    expect(routeProblems([route("GET", "/items/{id}"), route("GET", "/items/{name}")], { hasJwt: false })).toEqual([
      'routes[1]: route key "GET /items/{name}" matches the same requests as routes[0]\'s "GET /items/{id}"',
    ]);
    expect(routeProblems([route("ANY", "$default"), route("ANY", "$default")], { hasJwt: false })).toEqual([
      'routes[1]: route key "$default" is already routes[0]\'s',
    ]);
  });

  test("methods, paths, authorizations and scopes", () => {
    const bad = [
      route("FETCH" as never, "/a"),
      route("GET", "$default"),
      route("GET", "items"),
      route("GET", "/{proxy+}/x"),
      route("GET", "/b", { authorization: "cognito" as never }),
      route("GET", "/c", { authorization: "iam", scopes: ["items/read"] }),
      route("GET", "/d", { authorization: "jwt", scopes: ["items read"] }),
    ];
    expect(routeProblems(bad, { hasJwt: true })).toEqual([
      'routes[0].method: "FETCH" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY',
      'routes[1].method: "GET" is not allowed with path "$default" (only ANY)',
      'routes[2].path: "items" must start with "/"',
      'routes[3].path: "/{proxy+}/x": the greedy parameter "{proxy+}" must be the last segment',
      'routes[4].authorization: "cognito" is not one of none, jwt, iam',
      'routes[5].scopes: only "jwt" routes take scopes (this one is "iam")',
      'routes[6].scopes[0]: "items read" is not a scope (printable characters, no spaces, quotes or backslashes)',
    ]);
    expect(routeProblems([], { hasJwt: false })).toEqual(["routes: at least one route is required"]);
  });
});

describe("CORS", () => {
  test("the Api's corsConfiguration carries only what is set", () => {
    expect(corsConfiguration({ allowOrigins: ["*"] })).toEqual({ allowOrigins: ["*"] });
    expect(
      corsConfiguration({
        allowOrigins: ["https://app.example.com"],
        allowMethods: ["GET"],
        allowHeaders: ["authorization"],
        exposeHeaders: ["x-request-id"],
        maxAgeSeconds: 0,
        allowCredentials: false,
      }),
    ).toEqual({
      allowOrigins: ["https://app.example.com"],
      allowMethods: ["GET"],
      allowHeaders: ["authorization"],
      exposeHeaders: ["x-request-id"],
      maxAge: 0,
      allowCredentials: false,
    });
  });

  test("valid origins", () => {
    for (const origin of ["*", "https://app.example.com", "http://localhost:3000", "https://a-b.c.example.co.uk:8443", "http://127.0.0.1:8080"]) {
      expect([origin, corsProblems({ allowOrigins: [origin] })]).toEqual([origin, []]);
    }
  });

  test("credentials with the * origin are refused", () => {
    expect(corsProblems({ allowOrigins: ["*"], allowCredentials: true })).toEqual([
      'cors.allowCredentials: true is not allowed with the "*" origin (browsers and API Gateway refuse credentials for any origin); list the origins',
    ]);
    expect(corsProblems({ allowOrigins: ["https://app.example.com"], allowCredentials: true })).toEqual([]);
  });

  test("an origin is a scheme, a lowercase host and an optional port", () => {
    const bad = [
      "app.example.com",
      "https://app.example.com/",
      "https://app.example.com/path",
      "ftp://example.com",
      "https://App.example.com",
      "https://*.example.com",
    ];
    expect(corsProblems({ allowOrigins: bad })).toEqual(
      bad.map(
        (origin, i) =>
          `cors.allowOrigins[${i}]: ${JSON.stringify(origin)} is not "*" or an origin (http:// or https://, a lowercase host, an optional port, no path), e.g. https://app.example.com or http://localhost:3000`,
      ),
    );
  });

  test("methods, headers, max age, and * alone", () => {
    expect(
      corsProblems({
        allowOrigins: ["*", "https://a.example.com"],
        allowMethods: ["GET", "ANY"],
        allowHeaders: ["x y"],
        exposeHeaders: ["ok", "bad:"],
        maxAgeSeconds: 86401,
      }),
    ).toEqual([
      'cors.allowOrigins: "*" must be the only origin when given',
      'cors.allowMethods[1]: "ANY" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, *',
      'cors.allowHeaders[0]: "x y" is not a header name or "*"',
      'cors.exposeHeaders[1]: "bad:" is not a header name or "*"',
      "cors.maxAgeSeconds: 86401 is not an integer from 0 to 86400",
    ]);
    expect(corsProblems({ allowOrigins: [] })).toEqual(['cors.allowOrigins: at least one origin is required ("*" or origins like https://app.example.com)']);
  });
});

describe("JWT authorizer", () => {
  const issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";

  test("the authorizer's configuration, reading the Authorization header by default", () => {
    expect(jwtAuthorizerConfig({ issuer, audiences: ["client"] })).toEqual({
      authorizerType: "JWT",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer, audiences: ["client"] },
    });
    expect(jwtAuthorizerConfig({ issuer, audiences: ["client"], identitySource: "$request.querystring.token" }).identitySources).toEqual([
      "$request.querystring.token",
    ]);
  });

  test("issuer, audiences and identity source are checked when known", () => {
    expect(jwtProblems({ issuer, audiences: ["client"] })).toEqual([]);
    expect(jwtProblems({ issuer: "cognito", audiences: [], identitySource: "Authorization" })).toEqual([
      'jwt.issuer: "cognito" is not an https:// URL (the tokens\' iss claim)',
      "jwt.audiences: at least one audience is required (the aud or client_id the tokens carry)",
      'jwt.identitySource: "Authorization" is not $request.header.<name> or $request.querystring.<name>',
    ]);
  });

  test("a route's authorization type, authorizer and scopes", () => {
    expect(routeAuthorization("jwt", ["a/read"])).toEqual({ authorizationType: "JWT", usesAuthorizer: true, authorizationScopes: ["a/read"] });
    expect(routeAuthorization("jwt")).toEqual({ authorizationType: "JWT", usesAuthorizer: true });
    expect(routeAuthorization("iam")).toEqual({ authorizationType: "AWS_IAM", usesAuthorizer: false });
    expect(routeAuthorization("none")).toEqual({ authorizationType: "NONE", usesAuthorizer: false });
  });
});

describe("targets and invoke permissions", () => {
  test("one permission per function key and qualifier, however many routes", () => {
    const routes = [
      route("GET", "/a", { target: lambda({ functionArn: `${FN}:PROD`, qualifier: "PROD" }) }),
      route("GET", "/b", { target: lambda({ functionArn: `${FN}:PROD`, qualifier: "PROD" }) }),
      route("GET", "/c"),
      route("GET", "/d", { target: { kind: "http", url: "https://example.com" } }),
      route("GET", "/e", { target: lambda({ functionName: FN, key: "items" }) }),
    ];
    expect(lambdaGrants(routes)).toEqual([
      { key: "shop-dev-items", qualifier: "PROD", functionName: "shop-dev-items" },
      { key: "shop-dev-items", qualifier: undefined, functionName: "shop-dev-items" },
      { key: "items", qualifier: undefined, functionName: FN },
    ]);
    expect(grantName({ key: "items", qualifier: "PROD" })).toBe("items:PROD");
    expect(grantName({ key: "items", qualifier: undefined })).toBe("items");
  });

  test("a function's key: given, its name, or the name in its ARN", () => {
    expect(lambdaKey({ kind: "lambda", functionName: "f", functionArn: FN, key: "k" })).toBe("k");
    expect(lambdaKey({ kind: "lambda", functionName: "f", functionArn: FN })).toBe("f");
    expect(lambdaKey({ kind: "lambda", functionName: FN, functionArn: FN })).toBe("shop-dev-items");
  });

  test("the invoked ARN must name the qualifier the permission is on", () => {
    expect(lambdaArnProblem(FN, undefined)).toBeUndefined();
    expect(lambdaArnProblem(`${FN}:PROD`, "PROD")).toBeUndefined();
    expect(lambdaArnProblem(`${FN}:$LATEST`, "$LATEST")).toBeUndefined();
    expect(lambdaArnProblem(`${FN}:PROD`, undefined)).toBe(
      `"${FN}:PROD" invokes qualifier "PROD" but the target's qualifier is not set (the invoke permission must be on the qualifier invoked)`,
    );
    expect(lambdaArnProblem(FN, "PROD")).toBe(`"${FN}" is unqualified but the target's qualifier is "PROD"`);
    const invokeArn = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`;
    expect(lambdaArnProblem(invokeArn, undefined)).toBe(
      `"${invokeArn}" is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>])`,
    );
  });

  test("private targets address a load balancer listener", () => {
    expect(listenerArnProblem(LISTENER)).toBeUndefined();
    expect(listenerArnProblem(LISTENER.replace(":listener/", ":loadbalancer/").replace(/\/[^/]+$/, ""))).toMatch(
      /is not the ARN of an Application or Network Load Balancer listener$/,
    );
  });

  test("target problems name the route and field", () => {
    const routes: HttpApiRoute[] = [
      route("GET", "/a", { target: { kind: "lambda", functionName: { apply: () => "" } as never, functionArn: FN } }),
      route("GET", "/b", { target: lambda({ qualifier: "no way" }) }),
      route("GET", "/c", { target: lambda({ key: "shop-dev-items", functionName: "other" }) }),
      route("GET", "/d", { target: lambda({ functionArn: `${FN}:PROD` }) }),
      route("GET", "/e", { target: { kind: "http", url: "status.example.com" } }),
      route("GET", "/f", { target: { kind: "private", listenerArn: LISTENER } }),
      route("GET", "/g", { target: { kind: "private", listenerArn: "lb", vpcLinkId: "abc" } }),
    ];
    expect(targetProblems(routes, { hasVpcLink: false })).toEqual([
      "routes[0].target.key: is required when functionName is not a plain string (it names the function's invoke permission)",
      'routes[1].target.qualifier: "no way" is not an alias name, a version number or $LATEST',
      `routes[1].target.functionArn: "${FN}" is unqualified but the target's qualifier is "no way"`,
      'routes[2].target.key: "shop-dev-items" names function "shop-dev-items" in routes[1] and "other" here',
      `routes[3].target.functionArn: "${FN}:PROD" invokes qualifier "PROD" but the target's qualifier is not set (the invoke permission must be on the qualifier invoked)`,
      'routes[4].target.url: "status.example.com" is not an http:// or https:// URL',
      "routes[5].target.vpcLinkId: is required unless the API creates its VPC link (the vpcLink argument)",
      'routes[6].target.listenerArn: "lb" is not the ARN of an Application or Network Load Balancer listener',
    ]);
    expect(targetProblems([route("GET", "/f", { target: { kind: "private", listenerArn: LISTENER } })], { hasVpcLink: true })).toEqual([]);
  });
});

describe("the access log format", () => {
  test("one JSON object of HTTP API $context variables", () => {
    expect(JSON.parse(HTTP_ACCESS_LOG_FORMAT)).toEqual(HTTP_ACCESS_LOG_FIELDS);
    expect(HTTP_ACCESS_LOG_FIELDS).toEqual({
      requestId: "$context.requestId",
      extendedRequestId: "$context.extendedRequestId",
      requestTime: "$context.requestTimeEpoch",
      sourceIp: "$context.identity.sourceIp",
      userAgent: "$context.identity.userAgent",
      userArn: "$context.identity.userArn",
      jwtSubject: "$context.authorizer.claims.sub",
      domainName: "$context.domainName",
      httpMethod: "$context.httpMethod",
      routeKey: "$context.routeKey",
      path: "$context.path",
      protocol: "$context.protocol",
      stage: "$context.stage",
      status: "$context.status",
      responseLength: "$context.responseLength",
      responseLatency: "$context.responseLatency",
      integrationStatus: "$context.integration.status",
      integrationLatency: "$context.integration.latency",
      integrationRequestId: "$context.integration.requestId",
      integrationError: "$context.integration.error",
      integrationErrorMessage: "$context.integrationErrorMessage",
      authorizerError: "$context.authorizer.error",
      errorMessage: "$context.error.message",
      errorType: "$context.error.responseType",
    });
  });

  test("nothing REST-only: no X-Ray, API key or resource path", () => {
    for (const variable of ["$context.xrayTraceId", "$context.identity.apiKeyId", "$context.resourcePath"]) {
      expect(Object.values(HTTP_ACCESS_LOG_FIELDS)).not.toContain(variable);
    }
  });

  test("the log group is named after the API", () => {
    expect(httpAccessLogGroupName("shop-dev-http")).toBe("/aws/apigateway/shop-dev-http/http/access");
  });
});

describe("argument checks", () => {
  const valid: HttpApiArgs = { name: "shop-dev-http", routes: [route("GET", "/items")] };

  test("valid arguments pass", () => {
    expect(httpApiArgsProblems(valid)).toEqual([]);
    expect(() => checkHttpApiArgs(valid)).not.toThrow();
  });

  test("every problem is listed, one per line", () => {
    const args: HttpApiArgs = {
      name: "shop dev",
      routes: [route("GET", "/items", { authorization: "jwt" }), route("GET", "/items")],
      cors: { allowOrigins: ["*"], allowCredentials: true },
      throttling: { rateLimit: -1, burstLimit: 1.5 },
      logRetentionDays: 10,
      disableExecuteApiEndpoint: true,
    };
    const problems = [
      'name: "shop dev" is not 1 to 128 letters, digits, . _ or - (it also names the access log group)',
      'routes[0].authorization: "jwt" needs the API\'s JWT authorizer (the jwt argument, with issuer and audiences)',
      'routes[1]: route key "GET /items" is already routes[0]\'s',
      'cors.allowCredentials: true is not allowed with the "*" origin (browsers and API Gateway refuse credentials for any origin); list the origins',
      "throttling.rateLimit: -1 is not a number of requests per second >= 0",
      "throttling.burstLimit: 1.5 is not an integer >= 0",
      "logRetentionDays: 10 is not one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      "disableExecuteApiEndpoint: true leaves the API unreachable without domainMappings",
    ];
    expect(httpApiArgsProblems(args)).toEqual(problems);
    expect(() => checkHttpApiArgs(args)).toThrow(new Error(problems.join("\n")));
    expect(throttlingProblems({ rateLimit: 10.5, burstLimit: 20 })).toEqual([]);
  });

  test("domain mappings: single-level keys, a key for an output domain, no duplicates", () => {
    expect(
      domainMappingProblems([
        { domainName: "api.example.com", apiMappingKey: "v2" },
        { domainName: "api.example.com", apiMappingKey: "" },
        { domainName: "api.example.com", apiMappingKey: "v2" },
        { domainName: "api.example.com", apiMappingKey: "v2/orders" },
        { domainName: { apply: () => "" } as never, apiMappingKey: "v3" },
      ]),
    ).toEqual([
      'domainMappings[2]: maps the API on api.example.com under "v2" like domainMappings[0]',
      'domainMappings[3].apiMappingKey: "v2/orders" is not "" or one path segment of letters, digits, . _ ~ or - (HTTP APIs take single-level mappings)',
      "domainMappings[4].key: is required when domainName is not a plain string (it names the mapping)",
    ]);
  });
});
