import {
  cognitoAuthorizerSecurityScheme,
  identitySources,
  lambdaAuthorizerProblems,
  lambdaAuthorizerSecurityScheme,
  type LambdaAuthorizerSchemeInput,
} from "../../components/access/authorizer-schemes";

const POOL = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123xyz";
const FN = "arn:aws:lambda:us-east-1:123456789012:function:authorizer";
const URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`;
const ROLE = "arn:aws:iam::123456789012:role/authorizer-invoke";

describe("a Cognito user pool authorizer's security scheme", () => {
  test("the documented OpenAPI shape", () => {
    expect(cognitoAuthorizerSecurityScheme(POOL)).toEqual({
      type: "apiKey",
      name: "Authorization",
      in: "header",
      "x-amazon-apigateway-authtype": "cognito_user_pools",
      "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [POOL] },
    });
  });

  test("anything but a user pool ARN is refused", () => {
    expect(() => cognitoAuthorizerSecurityScheme("us-east-1_AbC123xyz")).toThrow(
      'cognitoAuthorizerSecurityScheme.poolArn: "us-east-1_AbC123xyz" is not a Cognito user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<region>_<id>)',
    );
  });
});

describe("a Lambda authorizer's security scheme", () => {
  const token: LambdaAuthorizerSchemeInput = {
    kind: "TOKEN",
    authorizerUri: URI,
    identitySource: "method.request.header.Authorization",
    resultTtlSeconds: 300,
  };

  test("TOKEN: the header is the scheme's name and the identity source", () => {
    expect(lambdaAuthorizerSecurityScheme(token)).toEqual({
      type: "apiKey",
      name: "Authorization",
      in: "header",
      "x-amazon-apigateway-authtype": "custom",
      "x-amazon-apigateway-authorizer": {
        type: "token",
        authorizerUri: URI,
        authorizerResultTtlInSeconds: 300,
        identitySource: "method.request.header.Authorization",
      },
    });
  });

  test("TOKEN with a role, a validation expression and another header", () => {
    expect(
      lambdaAuthorizerSecurityScheme({
        ...token,
        identitySource: "method.request.header.X-Auth-Token",
        credentials: ROLE,
        identityValidationExpression: "^Bearer [-0-9a-zA-Z._]+$",
        resultTtlSeconds: 0,
      }),
    ).toEqual({
      type: "apiKey",
      name: "X-Auth-Token",
      in: "header",
      "x-amazon-apigateway-authtype": "custom",
      "x-amazon-apigateway-authorizer": {
        type: "token",
        authorizerUri: URI,
        authorizerCredentials: ROLE,
        authorizerResultTtlInSeconds: 0,
        identitySource: "method.request.header.X-Auth-Token",
        identityValidationExpression: "^Bearer [-0-9a-zA-Z._]+$",
      },
    });
  });

  test("REQUEST: the sources comma-separated, from a string or a list", () => {
    const expected = {
      type: "apiKey",
      name: "Unused",
      in: "header",
      "x-amazon-apigateway-authtype": "custom",
      "x-amazon-apigateway-authorizer": {
        type: "request",
        authorizerUri: URI,
        authorizerResultTtlInSeconds: 60,
        identitySource: "method.request.header.Authorization, method.request.querystring.token",
      },
    };
    const request = { kind: "REQUEST", authorizerUri: URI, resultTtlSeconds: 60 } as const;
    expect(lambdaAuthorizerSecurityScheme({ ...request, identitySource: "method.request.header.Authorization,method.request.querystring.token" })).toEqual(
      expected,
    );
    expect(lambdaAuthorizerSecurityScheme({ ...request, identitySource: ["method.request.header.Authorization", "method.request.querystring.token"] })).toEqual(
      expected,
    );
  });

  test("REQUEST without identity sources is allowed only without caching, and then has no identitySource", () => {
    expect(
      lambdaAuthorizerSecurityScheme({ kind: "REQUEST", authorizerUri: URI, identitySource: "", resultTtlSeconds: 0 })["x-amazon-apigateway-authorizer"],
    ).toEqual({
      type: "request",
      authorizerUri: URI,
      authorizerResultTtlInSeconds: 0,
    });
    expect(() => lambdaAuthorizerSecurityScheme({ kind: "REQUEST", authorizerUri: URI, identitySource: [], resultTtlSeconds: 300 })).toThrow(
      "lambdaAuthorizerSecurityScheme.identitySource: a REQUEST authorizer that caches (resultTtlSeconds 300) needs at least one identity source, its cache key; or set resultTtlSeconds to 0",
    );
  });

  test("identity sources split on commas, trimmed", () => {
    expect(identitySources(" method.request.header.A ,, stageVariables.b ")).toEqual(["method.request.header.A", "stageVariables.b"]);
    expect(identitySources(["context.x ", ""])).toEqual(["context.x"]);
  });

  test("every problem names the field and what is allowed", () => {
    expect(
      lambdaAuthorizerProblems({
        kind: "TOKEN",
        authorizerUri: FN,
        credentials: "authorizer-invoke",
        identitySource: "method.request.header.Authorization, method.request.querystring.token",
        resultTtlSeconds: 3601,
        identityValidationExpression: "",
      }),
    ).toEqual([
      `lambdaAuthorizer.authorizerUri: "${FN}" is not a Lambda invocation URI (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function arn>/invocations)`,
      'lambdaAuthorizer.credentials: "authorizer-invoke" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
      "lambdaAuthorizer.resultTtlSeconds: 3601 is not a whole number of seconds from 0 to 3600",
      'lambdaAuthorizer.identitySource: "method.request.header.Authorization, method.request.querystring.token" is not one header of the form method.request.header.<Name> (a TOKEN authorizer reads exactly one header)',
      "lambdaAuthorizer.identityValidationExpression: must not be empty; omit it to pass every token to the function",
    ]);
    expect(
      lambdaAuthorizerProblems(
        {
          kind: "REQUEST",
          authorizerUri: URI,
          identitySource: "method.request.header.Authorization, Authorization, method.request.path.id, method.request.header.Authorization",
          resultTtlSeconds: -1,
          identityValidationExpression: ".*",
        },
        "gateway.authorizers.custom",
      ),
    ).toEqual([
      "gateway.authorizers.custom.resultTtlSeconds: -1 is not a whole number of seconds from 0 to 3600",
      'gateway.authorizers.custom.identitySource[1]: "Authorization" is not one of method.request.header.<Name>, method.request.querystring.<name>, stageVariables.<name>, context.<name>',
      'gateway.authorizers.custom.identitySource[2]: "method.request.path.id" is not one of method.request.header.<Name>, method.request.querystring.<name>, stageVariables.<name>, context.<name>',
      'gateway.authorizers.custom.identitySource[3]: "method.request.header.Authorization" is listed twice',
      "gateway.authorizers.custom.identityValidationExpression: only a TOKEN authorizer takes one (this one is REQUEST)",
    ]);
    expect(lambdaAuthorizerProblems({ kind: "JWT" as never, authorizerUri: URI, identitySource: "", resultTtlSeconds: 1.5 })).toEqual([
      'lambdaAuthorizer.kind: "JWT" is not one of TOKEN, REQUEST',
      "lambdaAuthorizer.resultTtlSeconds: 1.5 is not a whole number of seconds from 0 to 3600",
    ]);
  });

  test("the scheme throws with every problem", () => {
    expect(() => lambdaAuthorizerSecurityScheme({ ...token, identitySource: "Authorization", resultTtlSeconds: 4000 })).toThrow(
      [
        "lambdaAuthorizerSecurityScheme.resultTtlSeconds: 4000 is not a whole number of seconds from 0 to 3600",
        'lambdaAuthorizerSecurityScheme.identitySource: "Authorization" is not one header of the form method.request.header.<Name> (a TOKEN authorizer reads exactly one header)',
      ].join("\n"),
    );
  });
});
