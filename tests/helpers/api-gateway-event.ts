import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";

export interface EventOptions {
  method: string;
  /** The API Gateway resource template, e.g. `/items/{id}`. */
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** Raw body as API Gateway passes it (already base64 when `isBase64Encoded`). */
  body?: string | null;
  /** Convenience: JSON-encodes the value and adds `Content-Type: application/json` unless a content type is given. */
  json?: unknown;
  isBase64Encoded?: boolean;
  stage?: string;
  /** The stage's variables, as API Gateway passes them (null when the stage has none). */
  stageVariables?: Record<string, string> | null;
}

let requestCounter = 0;

/** Builds a REST API (v1) Lambda-proxy event the way API Gateway sends it. */
export function apiGatewayEvent(options: EventOptions): APIGatewayProxyEvent {
  const stage = options.stage ?? "dev";
  const path = options.resource.replace(/\{(\w+)\+?\}/g, (_, name: string) => encodeURIComponent(options.pathParameters?.[name] ?? ""));
  const headers: Record<string, string> = {
    Accept: "*/*",
    Host: "abc123def4.execute-api.us-east-1.amazonaws.com",
    "User-Agent": "jest",
    "X-Amzn-Trace-Id": "Root=1-00000000-000000000000000000000000",
    "X-Forwarded-For": "203.0.113.10",
    "X-Forwarded-Port": "443",
    "X-Forwarded-Proto": "https",
    ...options.headers,
  };
  let body = options.body ?? null;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) {
      headers["Content-Type"] = "application/json";
    }
  }

  const query = options.query;
  const queryStringParameters =
    query === undefined ? null : Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v]));
  const multiValueQueryStringParameters =
    query === undefined ? null : Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const requestId = `req-${++requestCounter}`;

  return {
    resource: options.resource,
    path,
    httpMethod: options.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: options.pathParameters ?? null,
    stageVariables: options.stageVariables ?? null,
    body,
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123def4",
      authorizer: undefined,
      domainName: "abc123def4.execute-api.us-east-1.amazonaws.com",
      domainPrefix: "abc123def4",
      extendedRequestId: `ext-${requestId}`,
      httpMethod: options.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: "203.0.113.10",
        user: null,
        userAgent: "jest",
        userArn: null,
      },
      path: `/${stage}${path}`,
      protocol: "HTTP/1.1",
      requestId,
      requestTime: "25/Nov/2025:12:00:00 +0000",
      requestTimeEpoch: 1764072000000,
      resourceId: "abc123",
      resourcePath: options.resource,
      stage,
    },
  };
}

/** A Lambda context; `qualifier` is appended to the ARN as API Gateway would when invoking an alias or version. */
export function lambdaContext(options: { functionName?: string; functionVersion?: string; qualifier?: string; awsRequestId?: string } = {}): Context {
  const functionName = options.functionName ?? "hello";
  const arn = `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: options.functionVersion ?? "$LATEST",
    invokedFunctionArn: options.qualifier === undefined ? arn : `${arn}:${options.qualifier}`,
    memoryLimitInMB: "256",
    awsRequestId: options.awsRequestId ?? "lambda-request-1",
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "2025/11/25/[$LATEST]0123456789abcdef",
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The parsed JSON body of a handler result. */
export function bodyOf(result: APIGatewayProxyResult): unknown {
  return JSON.parse(result.body);
}
