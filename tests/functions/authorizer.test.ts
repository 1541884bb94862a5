import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent, Context } from "aws-lambda";
import { apiGatewayEvent, lambdaContext } from "../helpers/api-gateway-event";
import { setEnv } from "../helpers/dynamodb-local";
import { hmacTokenWithPublicKey, jwks, makeKeyPair, serveJwks, signToken, unsignedToken, type JwksServer, type SigningKey } from "../helpers/jwt";
import { captureLogs, LOGGER_ENV, type LogCapture, type LogLine } from "./log-capture";

type TokenHandler = (event: APIGatewayTokenAuthorizerEvent, context?: Context) => Promise<APIGatewayAuthorizerResult>;
type RequestHandler = (event: APIGatewayRequestAuthorizerEvent, context?: Context) => Promise<APIGatewayAuthorizerResult>;

const AUDIENCE = "orders-api";
const METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/GET/items/42";
const STAGE_RESOURCE = "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/*/*";
const CONNECT_ARN = "arn:aws:execute-api:eu-west-1:123456789012:ws12345678/prod/$connect";
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const primary = makeKeyPair("key-1");
/** Same kid as `primary`, another key: what a forger holding a leaked kid would sign with. */
const impostor = makeKeyPair("key-1");
const stranger = makeKeyPair("key-9");
const rotated = makeKeyPair("key-2");

let server: JwksServer;
/** The issuer is the JWKS server's origin, so its default JWKS URI (`<issuer>/.well-known/jwks.json`) is really fetched. */
let issuer: string;
let logs: LogCapture;
const restores: Array<() => void> = [];
/** Every token a test made; none may appear in what the authorizer logged. */
const issued: string[] = [];

beforeAll(async () => {
  server = await serveJwks(jwks(primary));
  issuer = server.origin;
});

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  server.setJwks(jwks(primary));
  server.setStatus(200);
  logs = captureLogs();
});

afterEach(() => {
  logs.stop();
  for (const token of issued.splice(0)) {
    expect(logs.text()).not.toContain(token);
    for (const part of token.split(".").slice(1)) if (part.length > 0) expect(logs.text()).not.toContain(part);
  }
  restores
    .splice(0)
    .reverse()
    .forEach((restore) => restore());
});

const now = (): number => Math.floor(Date.now() / 1000);

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: issuer, aud: AUDIENCE, sub: "user-123", scope: "items:read items:write profile", iat: now(), exp: now() + 600, ...overrides };
}

function token(overrides: Record<string, unknown> = {}, key: SigningKey = primary, header: Record<string, unknown> = {}): string {
  return track(signToken(key, claims(overrides), header));
}

function track(jwt: string): string {
  issued.push(jwt);
  return jwt;
}

/**
 * A new container: the environment is set for the rest of the test (the authorizer reads it on its
 * first invocation) and both handlers come from a fresh module registry, with their own settings,
 * verifier and JWKS cache.
 */
function container(env: Record<string, string | undefined> = {}): { token: TokenHandler; request: RequestHandler } {
  restores.push(
    setEnv({
      ...LOGGER_ENV,
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: `${AUDIENCE},admin-api`,
      JWT_JWKS_URI: undefined,
      JWT_PUBLIC_JWKS: undefined,
      JWT_REQUIRED_SCOPES: undefined,
      ...env,
    }),
  );
  let handlers: { token: TokenHandler; request: RequestHandler } | undefined;
  jest.isolateModules(() => {
    handlers = {
      token: (require("../../functions/authorizer/token") as typeof import("../../functions/authorizer/token")).handler,
      request: (require("../../functions/authorizer/request") as typeof import("../../functions/authorizer/request")).handler,
    };
  });
  return handlers!;
}

const context = (awsRequestId = "authz-1") => lambdaContext({ functionName: "gateway-authorizer", functionVersion: "5", awsRequestId });

const tokenEvent = (authorizationToken: string, methodArn = METHOD_ARN): APIGatewayTokenAuthorizerEvent => ({
  type: "TOKEN",
  authorizationToken,
  methodArn,
});

function requestEvent(options: {
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  methodArn?: string;
}): APIGatewayRequestAuthorizerEvent {
  const proxy = apiGatewayEvent({ method: "GET", resource: "/items/{id}", pathParameters: { id: "42" }, stage: "prod", ...options });
  return {
    type: "REQUEST",
    methodArn: options.methodArn ?? METHOD_ARN,
    resource: proxy.resource,
    path: proxy.path,
    httpMethod: proxy.httpMethod,
    headers: proxy.headers,
    multiValueHeaders: proxy.multiValueHeaders,
    pathParameters: proxy.pathParameters,
    queryStringParameters: proxy.queryStringParameters,
    multiValueQueryStringParameters: proxy.multiValueQueryStringParameters,
    stageVariables: null,
    requestContext: { ...proxy.requestContext, authorizer: undefined },
  };
}

function allowed(principalId: string, resource: string, context: Record<string, string | number | boolean>): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: resource }] },
    context,
  };
}

/** The error the handler rejected with; fails unless it is exactly `Error("Unauthorized")`. */
async function unauthorized(answer: Promise<unknown>): Promise<void> {
  const error = await answer.then(
    (result) => {
      throw new Error(`expected Unauthorized, got ${JSON.stringify(result)}`);
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toBe("Unauthorized");
  expect((error as Error).name).toBe("Error");
  expect(Object.keys(error as Error)).toEqual([]);
}

/** The one decision line of the invocation. */
function decisionLine(): LogLine {
  const lines = logs.lines();
  expect(lines).toHaveLength(1);
  expect(lines[0]!.message).toBe("authorizer decision");
  return lines[0]!;
}

describe("TOKEN authorizer: a valid token", () => {
  it("is allowed on the whole stage, with the claims as context, and one INFO line", async () => {
    const { token: handler } = container();
    const exp = now() + 600;
    const jwt = token({ exp });

    const result = await handler(tokenEvent(`Bearer ${jwt}`), context("authz-allow"));

    expect(result).toEqual(allowed("user-123", STAGE_RESOURCE, { sub: "user-123", issuer, scope: "items:read items:write profile", expiresAt: exp }));
    expect(logs.lines()).toEqual([
      {
        level: "INFO",
        message: "authorizer decision",
        timestamp: expect.stringMatching(ISO_TIMESTAMP),
        service: "microservice-gateway",
        cold_start: true,
        function_arn: "arn:aws:lambda:us-east-1:123456789012:function:gateway-authorizer",
        function_memory_size: "256",
        function_name: "gateway-authorizer",
        function_request_id: "authz-allow",
        function_version: "5",
        sampling_rate: 0,
        authorizerType: "TOKEN",
        decision: "allow",
        reason: "authorized",
        principal: "user-123",
        durationMs: expect.any(Number),
      },
    ]);
  });

  it("covers every method and path of the stage, since API Gateway reuses a cached answer for all of them", async () => {
    const { token: handler } = container();
    const jwt = token();
    for (const methodArn of [
      "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/GET/",
      "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/DELETE/items/42",
      "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/POST/orders/7/lines",
    ]) {
      const result = await handler(tokenEvent(`Bearer ${jwt}`, methodArn));
      expect(result.policyDocument.Statement).toEqual([{ Action: "execute-api:Invoke", Effect: "Allow", Resource: STAGE_RESOURCE }]);
    }
    const other = await handler(tokenEvent(`Bearer ${jwt}`, "arn:aws-cn:execute-api:cn-north-1:210987654321:zz99yy88xx/dev_2/PUT/a"));
    expect(other.policyDocument.Statement).toEqual([
      { Action: "execute-api:Invoke", Effect: "Allow", Resource: "arn:aws-cn:execute-api:cn-north-1:210987654321:zz99yy88xx/dev_2/*/*" },
    ]);
  });

  it("accepts the scheme in any case, any listed audience, an aud array and no scope claim (scope: empty string)", async () => {
    const { token: handler } = container();
    const exp = now() + 60;
    const jwt = token({ aud: ["someone-else", "admin-api"], scope: undefined, exp });
    expect(await handler(tokenEvent(`bearer  ${jwt} `))).toEqual(allowed("user-123", STAGE_RESOURCE, { sub: "user-123", issuer, scope: "", expiresAt: exp }));
  });

  it("is allowed within the clock tolerance of 5 s, refused beyond it", async () => {
    const { token: handler } = container();
    await expect(handler(tokenEvent(`Bearer ${token({ exp: now() - 2, nbf: now() + 2 })}`))).resolves.toMatchObject({ principalId: "user-123" });
    await unauthorized(handler(tokenEvent(`Bearer ${token({ exp: now() - 30 })}`)));
  });
});

describe('TOKEN authorizer: 401 (throws exactly "Unauthorized") for a missing, malformed or invalid token', () => {
  const cases: Array<[string, () => string, string, string | undefined]> = [
    ["expired", () => `Bearer ${token({ exp: now() - 60 })}`, "expired", "user-123"],
    ["not yet valid (nbf in the future)", () => `Bearer ${token({ nbf: now() + 300 })}`, "not-yet-valid", "user-123"],
    [
      "a tampered payload (sub changed, signature kept)",
      () => {
        const [header, , signature] = token().split(".");
        return `Bearer ${track(`${header}.${Buffer.from(JSON.stringify(claims({ sub: "admin" }))).toString("base64url")}.${signature}`)}`;
      },
      "bad-signature",
      undefined,
    ],
    ["signed by another key with the same kid", () => `Bearer ${token({}, impostor)}`, "bad-signature", undefined],
    ["a kid the JWKS does not have", () => `Bearer ${token({}, stranger)}`, "unknown-kid", undefined],
    ["no kid", () => `Bearer ${token({}, primary, { kid: undefined })}`, "unknown-kid", undefined],
    ["another issuer", () => `Bearer ${token({ iss: "https://evil.example.com" })}`, "wrong-issuer", "user-123"],
    ["another audience", () => `Bearer ${token({ aud: "billing-api" })}`, "wrong-audience", "user-123"],
    ["no aud claim (e.g. a Cognito access token)", () => `Bearer ${token({ aud: undefined, client_id: AUDIENCE })}`, "wrong-audience", "user-123"],
    ["no exp claim", () => `Bearer ${token({ exp: undefined })}`, "missing-claim", "user-123"],
    ["no sub claim", () => `Bearer ${token({ sub: undefined })}`, "missing-claim", undefined],
    ["an empty header", () => "", "missing-token", undefined],
    ["the scheme alone", () => "Bearer", "missing-token", undefined],
    ["the Basic scheme", () => "Basic dXNlcjpwYXNzd29yZA==", "wrong-scheme", undefined],
    ["a token with no scheme", () => token(), "wrong-scheme", undefined],
    ["garbage", () => "Bearer not-a-jwt", "malformed-token", undefined],
    ["three parts that are not JSON", () => "Bearer aaaa.bbbb.cccc", "malformed-token", undefined],
    ["two tokens", () => `Bearer ${token()} ${token()}`, "malformed-token", undefined],
    ["characters no token has", () => "Bearer abc<def>", "malformed-token", undefined],
    ["alg none without a signature", () => `Bearer ${track(unsignedToken("key-1", claims()))}`, "malformed-token", undefined],
    ["alg none with a signature", () => `Bearer ${track(unsignedToken("key-1", claims(), "c2lnbmF0dXJl"))}`, "bad-algorithm", undefined],
    ["HS256 keyed with the public key", () => `Bearer ${track(hmacTokenWithPublicKey(primary, claims()))}`, "bad-algorithm", undefined],
  ];

  it.each(cases)("%s", async (_name, authorizationToken, reason, principal) => {
    const { token: handler } = container();
    await unauthorized(handler(tokenEvent(authorizationToken()), context()));
    const line = decisionLine();
    expect(line).toMatchObject({ level: "WARN", decision: "unauthorized", reason, authorizerType: "TOKEN", function_request_id: "authz-1" });
    expect(line.principal).toBe(principal);
    expect(line).not.toHaveProperty("error");
  });
});

describe("required scopes: a valid token without them gets an explicit Deny (403)", () => {
  it("denies the whole stage, with no context, naming the missing scopes in the log", async () => {
    const { token: handler } = container({ JWT_REQUIRED_SCOPES: "items:read, items:write admin" });
    const result = await handler(tokenEvent(`Bearer ${token({ scope: "items:read profile" })}`));
    expect(result).toEqual({
      principalId: "user-123",
      policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Deny", Resource: STAGE_RESOURCE }] },
    });
    expect(decisionLine()).toMatchObject({
      level: "WARN",
      decision: "deny",
      reason: "missing-scope",
      principal: "user-123",
      missingScopes: ["items:write", "admin"],
    });
  });

  it("denies a token with no scope claim", async () => {
    const { token: handler } = container({ JWT_REQUIRED_SCOPES: "items:read" });
    const result = await handler(tokenEvent(`Bearer ${token({ scope: undefined })}`));
    expect(result.policyDocument.Statement).toEqual([{ Action: "execute-api:Invoke", Effect: "Deny", Resource: STAGE_RESOURCE }]);
  });

  it("allows a token holding all of them (scope names match exactly, not as prefixes)", async () => {
    const { token: handler } = container({ JWT_REQUIRED_SCOPES: "items:read items:write" });
    const allow = await handler(tokenEvent(`Bearer ${token({ scope: "profile items:write items:read" })}`));
    expect(allow.policyDocument.Statement[0]).toMatchObject({ Effect: "Allow" });
    const deny = await handler(tokenEvent(`Bearer ${token({ scope: "items:reader items:write" })}`));
    expect(deny.policyDocument.Statement[0]).toMatchObject({ Effect: "Deny" });
  });

  it("still answers 401, not 403, when the token is invalid as well", async () => {
    const { token: handler } = container({ JWT_REQUIRED_SCOPES: "admin" });
    await unauthorized(handler(tokenEvent(`Bearer ${token({ exp: now() - 60, scope: "" })}`)));
    expect(decisionLine()).toMatchObject({ reason: "expired" });
  });
});

describe("REQUEST authorizer", () => {
  it("reads the Authorization header whatever its case, with the request's ids in the log line", async () => {
    const { request: handler } = container();
    const exp = now() + 600;
    const jwt = token({ exp });
    const event = requestEvent({ headers: { authorization: `Bearer ${jwt}` } });
    expect(await handler(event, context("authz-req"))).toEqual(
      allowed("user-123", STAGE_RESOURCE, { sub: "user-123", issuer, scope: "items:read items:write profile", expiresAt: exp }),
    );
    expect(decisionLine()).toMatchObject({
      level: "INFO",
      authorizerType: "REQUEST",
      decision: "allow",
      apiGatewayRequestId: event.requestContext.requestId,
      stage: "prod",
      function_request_id: "authz-req",
    });
    await expect(handler(requestEvent({ headers: { AUTHORIZATION: `Bearer ${jwt}` } }))).resolves.toMatchObject({ principalId: "user-123" });
  });

  it("reads the token query parameter when there is no header: a WebSocket $connect is allowed on its stage", async () => {
    const { request: handler } = container();
    const exp = now() + 600;
    const result = await handler(requestEvent({ query: { token: token({ exp }) }, methodArn: CONNECT_ARN }));
    expect(result).toEqual(
      allowed("user-123", "arn:aws:execute-api:eu-west-1:123456789012:ws12345678/prod/*", {
        sub: "user-123",
        issuer,
        scope: "items:read items:write profile",
        expiresAt: exp,
      }),
    );
  });

  const refused: Array<[string, () => Parameters<typeof requestEvent>[0], string]> = [
    ["no header and no query parameter", () => ({}), "missing-token"],
    ["an empty query parameter", () => ({ query: { token: "" } }), "missing-token"],
    [
      "a Basic header, even with a good token in the query",
      () => ({ headers: { Authorization: "Basic dXNlcjpwYXNz" }, query: { token: token() } }),
      "wrong-scheme",
    ],
    ["a query token with a scheme", () => ({ query: { token: `Bearer ${token()}` } }), "malformed-token"],
    ["the query parameter twice", () => ({ query: { token: [token(), token()] } }), "duplicate-token"],
    [
      "the header twice, in different cases",
      () => ({ headers: { Authorization: `Bearer ${token()}`, authorization: `Bearer ${token()}` } }),
      "duplicate-token",
    ],
    ["an expired query token", () => ({ query: { token: token({ exp: now() - 60 }) }, methodArn: CONNECT_ARN }), "expired"],
  ];

  it.each(refused)("refuses %s (401)", async (_name, options, reason) => {
    const { request: handler } = container();
    await unauthorized(handler(requestEvent(options())));
    expect(decisionLine()).toMatchObject({ level: "WARN", decision: "unauthorized", reason, authorizerType: "REQUEST" });
  });
});

describe("a malformed methodArn: refused (401) whatever the token, logged at ERROR", () => {
  it.each([
    ["empty", ""],
    ["no method", "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod"],
    ["no path separator after the method", "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/GET"],
    ["an unknown method", "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/FETCH/items"],
    ["a wildcard method", "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/*/items"],
    ["another service", "arn:aws:lambda:eu-west-1:123456789012:abc123def4/prod/GET/items"],
    ["a short account id", "arn:aws:execute-api:eu-west-1:12345:abc123def4/prod/GET/items"],
    ["a wildcard stage", "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/*/GET/items"],
    ["whitespace in the path", "arn:aws:execute-api:eu-west-1:123456789012:abc123def4/prod/GET/items /x"],
    ["a WebSocket route other than $connect", "arn:aws:execute-api:eu-west-1:123456789012:ws12345678/prod/$default"],
    ["an unknown partition", "arn:evil:execute-api:eu-west-1:123456789012:abc123def4/prod/GET/items"],
  ])("%s", async (_name, methodArn) => {
    const before = server.requests().length;
    const { token: handler } = container();
    await unauthorized(handler(tokenEvent(`Bearer ${token()}`, methodArn)));
    expect(decisionLine()).toMatchObject({ level: "ERROR", decision: "unauthorized", reason: "malformed-method-arn" });
    // Refused before the token is looked at: the JWKS is not even fetched.
    expect(server.requests()).toHaveLength(before);
  });

  it("a missing methodArn or a missing event", async () => {
    const { token: handler, request } = container();
    await unauthorized(handler({ type: "TOKEN", authorizationToken: `Bearer ${token()}` } as APIGatewayTokenAuthorizerEvent));
    await unauthorized(request(undefined as unknown as APIGatewayRequestAuthorizerEvent));
    expect(logs.lines().map((line) => line.reason)).toEqual(["malformed-method-arn", "malformed-method-arn"]);
  });
});

describe("the JWKS URI", () => {
  beforeEach(() => {
    // Each test below counts the fetches of its own container.
    serverRequestsBefore = server.requests().length;
  });
  let serverRequestsBefore = 0;
  const fetched = () => server.requests().slice(serverRequestsBefore);

  it("defaults to <issuer>/.well-known/jwks.json, fetched once per container", async () => {
    const { token: handler, request } = container();
    await handler(tokenEvent(`Bearer ${token()}`));
    await handler(tokenEvent(`Bearer ${token({ sub: "user-456" })}`));
    await request(requestEvent({ headers: { Authorization: `Bearer ${token()}` } }));
    expect(fetched()).toEqual(["/.well-known/jwks.json"]);

    // A new container fetches again.
    await container().token(tokenEvent(`Bearer ${token()}`));
    expect(fetched()).toEqual(["/.well-known/jwks.json", "/.well-known/jwks.json"]);
  });

  it("is JWT_JWKS_URI when set", async () => {
    const { token: handler } = container({ JWT_JWKS_URI: `${issuer}/oauth2/v1/keys` });
    await expect(handler(tokenEvent(`Bearer ${token()}`))).resolves.toMatchObject({ principalId: "user-123" });
    expect(fetched()).toEqual(["/oauth2/v1/keys"]);
  });

  it("is fetched again for an unknown kid, so a rotated key is accepted once the issuer publishes it", async () => {
    const { token: handler } = container();
    await handler(tokenEvent(`Bearer ${token()}`));
    server.setJwks(jwks(primary, rotated));
    await expect(handler(tokenEvent(`Bearer ${token({}, rotated)}`))).resolves.toMatchObject({ principalId: "user-123" });
    expect(fetched()).toHaveLength(2);
  });

  it("refuses every token when it cannot be fetched, logged at ERROR as jwks-unavailable", async () => {
    server.setStatus(503);
    const { token: handler } = container();
    await unauthorized(handler(tokenEvent(`Bearer ${token()}`)));
    const line = decisionLine();
    expect(line).toMatchObject({ level: "ERROR", decision: "unauthorized", reason: "jwks-unavailable" });
    expect((line.error as { message: string }).message).toContain("Status code is 503");
  });
});

describe("an inline JWKS (JWT_PUBLIC_JWKS)", () => {
  it("verifies without any request to the issuer, even for an unknown kid", async () => {
    const before = server.requests().length;
    const { token: handler, request } = container({ JWT_PUBLIC_JWKS: JSON.stringify(jwks(primary)) });
    const exp = now() + 600;
    expect(await handler(tokenEvent(`Bearer ${token({ exp })}`))).toEqual(
      allowed("user-123", STAGE_RESOURCE, { sub: "user-123", issuer, scope: "items:read items:write profile", expiresAt: exp }),
    );
    await expect(request(requestEvent({ query: { token: token() } }))).resolves.toMatchObject({ principalId: "user-123" });
    await unauthorized(handler(tokenEvent(`Bearer ${token({}, stranger)}`)));
    await unauthorized(handler(tokenEvent(`Bearer ${token({}, impostor)}`)));
    await unauthorized(handler(tokenEvent(`Bearer ${token({ exp: now() - 60 })}`)));
    expect(logs.lines().map((line) => line.reason)).toEqual(["authorized", "authorized", "unknown-kid", "bad-signature", "expired"]);
    expect(server.requests()).toHaveLength(before);
  });

  it("works with an issuer that is not a URL (nothing is derived from it)", async () => {
    const { token: handler } = container({ JWT_ISSUER: "urn:example:issuer", JWT_PUBLIC_JWKS: JSON.stringify(jwks(primary)) });
    await expect(handler(tokenEvent(`Bearer ${token({ iss: "urn:example:issuer" })}`))).resolves.toMatchObject({
      context: { issuer: "urn:example:issuer" },
    });
  });
});

describe("settings", () => {
  it("are read once per container: a later change of the environment is not seen", async () => {
    const { token: handler } = container();
    await handler(tokenEvent(`Bearer ${token()}`));
    restores.push(setEnv({ JWT_AUDIENCE: "billing-api", JWT_REQUIRED_SCOPES: "admin" }));
    await expect(handler(tokenEvent(`Bearer ${token()}`))).resolves.toMatchObject({ policyDocument: { Statement: [{ Effect: "Allow" }] } });
  });

  it.each([
    ["JWT_ISSUER unset", { JWT_ISSUER: undefined }, "missing required environment variable JWT_ISSUER"],
    ["JWT_AUDIENCE unset", { JWT_AUDIENCE: undefined }, "missing required environment variable JWT_AUDIENCE"],
    ["JWT_AUDIENCE only commas", { JWT_AUDIENCE: " , ," }, "JWT_AUDIENCE must name at least one audience"],
    ["both key sources", { JWT_JWKS_URI: "https://keys.example.com/jwks.json", JWT_PUBLIC_JWKS: "{}" }, "set JWT_JWKS_URI or JWT_PUBLIC_JWKS, not both"],
    ["a JWKS URI over http", { JWT_JWKS_URI: "http://keys.example.com/jwks.json" }, "JWT_JWKS_URI must be an https URL"],
    [
      "an issuer that is no https URL and no key source",
      { JWT_ISSUER: "issuer.example.com" },
      "JWT_ISSUER must be an https URL when JWT_JWKS_URI and JWT_PUBLIC_JWKS are unset (the JWKS is fetched from <issuer>/.well-known/jwks.json)",
    ],
    ["an inline JWKS that is not JSON", { JWT_PUBLIC_JWKS: "{keys:" }, "JWT_PUBLIC_JWKS is not valid JSON"],
    ["an inline JWKS without keys", { JWT_PUBLIC_JWKS: '{"keys":[]}' }, "JWT_PUBLIC_JWKS has no keys"],
    ["an inline JWKS that is no JWKS", { JWT_PUBLIC_JWKS: '{"kty":"RSA"}' }, "JWT_PUBLIC_JWKS is not a JWKS (JWKS does not include keys)"],
  ])("%s: every request is refused (401), logged at ERROR as misconfigured", async (_name, env, message) => {
    const { token: handler } = container(env);
    await unauthorized(handler(tokenEvent(`Bearer ${token()}`)));
    expect(decisionLine()).toMatchObject({ level: "ERROR", decision: "unauthorized", reason: "misconfigured", error: { name: "Error", message } });
  });
});

describe("logging", () => {
  it("never writes the token, the Authorization header or the query token, whatever the outcome", async () => {
    const { token: handler, request } = container({ JWT_REQUIRED_SCOPES: "items:read" });
    const good = token();
    await handler(tokenEvent(`Bearer ${good}`));
    await request(requestEvent({ headers: { Authorization: `Bearer ${good}` } }));
    await request(requestEvent({ query: { token: good }, methodArn: CONNECT_ARN }));
    await handler(tokenEvent(`Bearer ${token({ scope: "profile" })}`));
    await unauthorized(handler(tokenEvent(`Bearer ${token({ exp: now() - 60 })}`)));
    await unauthorized(handler(tokenEvent(`Bearer ${track(unsignedToken("key-1", claims(), "c2ln"))}`)));
    await unauthorized(handler(tokenEvent("Bearer secret-opaque-value")));
    await unauthorized(handler(tokenEvent(`Bearer ${good}`, "not-an-arn")));
    expect(logs.lines().map((line) => [line.decision, line.reason])).toEqual([
      ["allow", "authorized"],
      ["allow", "authorized"],
      ["allow", "authorized"],
      ["deny", "missing-scope"],
      ["unauthorized", "expired"],
      ["unauthorized", "bad-algorithm"],
      ["unauthorized", "malformed-token"],
      ["unauthorized", "malformed-method-arn"],
    ]);
    expect(logs.text()).not.toContain("secret-opaque-value");
    expect(logs.text()).not.toMatch(/Bearer/i);
    // The afterEach hook checks every token this test made, and each of its parts.
  });

  it("reports a cold start only on the container's first invocation, and keeps no keys from one invocation to the next", async () => {
    const { token: handler, request } = container();
    await request(requestEvent({ headers: { Authorization: `Bearer ${token()}` } }), context("first"));
    await handler(tokenEvent(`Bearer ${token()}`), context("second"));
    const [first, second] = logs.lines();
    expect([first!.cold_start, second!.cold_start]).toEqual([true, false]);
    expect(first).toHaveProperty("apiGatewayRequestId");
    expect(second).not.toHaveProperty("apiGatewayRequestId");
    expect(second).not.toHaveProperty("stage");
  });
});
