import { cognitoClaims } from "../../local/rest/authorize";
import { createTokenIssuer } from "../../local/tokens";
import { lambdaUri, proxyOperation, rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * REST authorizers as API Gateway runs them, by category. Sources, per case:
 * - [cognito-scopes] AWS, "Integrate a REST API with an Amazon Cognito user pool": "if the OAuth Scopes
 *   option isn't specified, API Gateway treats the supplied token as an identity token ... Otherwise, API
 *   Gateway treats the supplied token as an access token and verifies the access scopes"; the same in an
 *   AWS answer on re:Post ("need access token as header in cognito": "If there are no scopes defined the
 *   API Gateway Cognito Authorizer will require the ID Token"); observed on a deployed API in
 *   awslabs/nx-plugin-for-aws pull request #828 (a method without authorizationScopes "accepts the id_token
 *   and rejects the access_token", both sent as `Bearer <token>`); AWS Knowledge Center, "Troubleshoot 401 from a Cognito-authorized REST
 *   API" ("If you didn't configure any scopes on the API Gateway method, then make sure that you use a valid
 *   ID token. If you configure additional scopes on the method, then make sure that you use a valid access
 *   token"); a method whose scopes the access token lacks answered 401 (aws-amplify/amplify-flutter issue
 *   #1539: "not adding all four gave 401 errors");
 * - [cognito-claims] an event recorded from AWS behind a Cognito authorizer (eeg3/workspaces-portal,
 *   lambda/workspaces-control/sample_events/se-wc-rebuild.js): every claim of
 *   `requestContext.authorizer.claims` is a string, `email_verified` "true", `auth_time` "1513492092",
 *   `exp` and `iat` written as dates ("Sun Dec 17 07:28:12 UTC 2017"); `cognito:groups` read as one
 *   comma-separated string (aws/chalice issue #783: `claims.get('cognito:groups', '').split(',')`; the
 *   claims a `Map<String, String>` in bbilger/jrestless issue #10);
 * - [cognito-expired] recorded from AWS behind a Cognito authorizer: aws-amplify/amplify-js issue #6060,
 *   `401,{"message":"The incoming token has expired"}` (and issue #10147, the same text in a log);
 * - [kc-logs] AWS Knowledge Center, "How can I use Amazon API Gateway logs for troubleshooting?": "After the
 *   Lambda authorizer logs, API Gateway verifies the usage plan for the API request" (the step whose log
 *   says whether the API key is authorized for the method);
 * - [sigv4-parse] an Authorization header that is no SigV4 signature, on an unknown route or an IAM
 *   method: 403, `x-amzn-ErrorType: IncompleteSignatureException` ("AWS API Gateway Errors Mapping Guide",
 *   FinchPowers, an unknown route called with `Authorization: Bearer <token>`; the answer is the Missing
 *   Authentication Token gateway response's, amazon-archives/aws-cognito-angular-quickstart issue #50). A
 *   JWT alone: `{"message":"Authorization header requires 'Credential' parameter. Authorization header
 *   requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization
 *   header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=<token>"}`
 *   (aws/chalice issue #828, nordcloud/cognitocurl issue #15, bankofmaldives/bml-connect issue #4). A
 *   scheme and a value: "'<value>' not a valid key=value pair (missing equal-sign) in Authorization header:
 *   '<header>'." until AWS began hashing it (serverless/serverless issue #3205, 2017); answers recorded in
 *   2025-2026 read "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256
 *   and encoded with Base64): '<hash>'." (one, `{"message":"...: 'ou+P2pI0l1aih+LHseZdzDv0Qh1V68y/KzyHX43jNNs='."}`,
 *   another for the header `x-api-key CTkrL5f5IxvMpX722zXivqnd1KU5VyoNBOFQFUUnf-E` beginning
 *   'MZ1DdfK/poPwXem5nlPM': the SHA-256 of the whole header value; both quoted in public projects' notes
 *   found with the code search);
 * - [authorizer-input] AWS, "Input to an Amazon API Gateway Lambda authorizer": the REQUEST event of
 *   `GET /request` (a resource without path parameters) carries `"pathParameters": {}`.
 */

const issuer = createTokenIssuer("us-east-1");
const otherPool = createTokenIssuer("us-east-1", "us-east-1_other");

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString("utf8")) as Record<string, unknown>;

const cognito = {
  type: "apiKey",
  name: "Authorization",
  in: "header",
  "x-amazon-apigateway-authtype": "cognito_user_pools",
  "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_localtwin"] },
};

const requestAuthorizer = {
  type: "apiKey",
  name: "x-user",
  in: "header",
  "x-amazon-apigateway-authtype": "custom",
  "x-amazon-apigateway-authorizer": {
    type: "request",
    authorizerUri: lambdaUri("auth"),
    authorizerResultTtlInSeconds: 0,
    identitySource: "method.request.header.x-user",
  },
};

const document = {
  openapi: "3.0.1",
  paths: {
    "/profile": { get: { ...proxyOperation("echo"), security: [{ pool: [] }] } },
    "/orders": { get: { ...proxyOperation("echo"), security: [{ pool: ["gateway/orders.read"] }] } },
    "/request": { get: { ...proxyOperation("echo"), security: [{ custom: [] }] } },
    "/signed": { get: { ...proxyOperation("echo"), security: [{ sigv4: [] }] } },
    "/keyed": { get: { ...proxyOperation("echo"), security: [{ api_key: [], custom: [] }] } },
  },
  components: {
    securitySchemes: {
      pool: cognito,
      custom: requestAuthorizer,
      sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
      api_key: { type: "apiKey", name: "x-api-key", in: "header" },
    },
  },
};

describe("REST authorizers, as API Gateway answers", () => {
  let rest: RestHarness;
  const invoker = scriptedInvoker({
    echo: (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer ?? null) }),
    auth: (event) => {
      if (event.headers["x-user"] === "nobody") throw new Error("Unauthorized");
      return {
        principalId: "user-1",
        policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: event.methodArn }] },
      };
    },
  });
  beforeAll(async () => {
    rest = await serveRest(restApiFrom(document), invoker, { tokens: issuer });
  });
  afterAll(() => rest.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await rawRequest(`${rest.url}${path}`, { headers });
    return { status: res.status, errorType: res.headers["x-amzn-errortype"], body: res.text };
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const UNAUTHORIZED = { status: 401, errorType: "UnauthorizedException", body: '{"message":"Unauthorized"}' };

  test("a Cognito method without scopes takes ID tokens only; one with scopes, access tokens with one of them [cognito-scopes]", async () => {
    expect((await get("/profile", bearer(issuer.idToken("ada")))).status).toBe(200);
    expect(await get("/profile", bearer(issuer.accessToken("ada", ["gateway/orders.read"])))).toEqual(UNAUTHORIZED);
    expect((await get("/orders", bearer(issuer.accessToken("ada", ["gateway/orders.read"])))).status).toBe(200);
    expect(await get("/orders", bearer(issuer.accessToken("ada", ["gateway/orders.write"])))).toEqual(UNAUTHORIZED);
    expect(await get("/orders", bearer(issuer.idToken("ada")))).toEqual(UNAUTHORIZED);
  });

  test("a missing or malformed Cognito token, or one of another pool: 401 Unauthorized [cognito-scopes]", async () => {
    expect(await get("/profile")).toEqual(UNAUTHORIZED);
    expect(await get("/profile", bearer("not-a-token"))).toEqual(UNAUTHORIZED);
    expect(await get("/profile", bearer(otherPool.idToken("ada")))).toEqual(UNAUTHORIZED);
    expect(await get("/profile", bearer(otherPool.idToken("ada", -60)))).toEqual(UNAUTHORIZED);
  });

  test("an expired token of the pool: 401 UnauthorizedException, 'The incoming token has expired' [cognito-expired]", async () => {
    const expired = { status: 401, errorType: "UnauthorizedException", body: '{"message":"The incoming token has expired"}' };
    expect(await get("/profile", bearer(issuer.idToken("ada", -60)))).toEqual(expired);
    expect(await get("/orders", bearer(issuer.accessToken("ada", ["gateway/orders.read"], -60)))).toEqual(expired);
  });

  test("the Cognito claims reach the integration as strings, exp and iat as dates [cognito-claims]", async () => {
    const token = issuer.idToken("ada");
    const claims = claimsOf(token);
    const date = (seconds: unknown) => {
      const d = new Date(Number(seconds) * 1000);
      const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
      const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
      return `${day} ${month} ${d.toISOString().slice(8, 10)} ${d.toISOString().slice(11, 19)} UTC ${d.getUTCFullYear()}`;
    };
    const seen = JSON.parse((await get("/profile", bearer(token))).body) as { claims: Record<string, unknown> };
    expect(seen).toEqual({ claims: { ...claims, exp: date(claims.exp), iat: date(claims.iat) } });
    expect(seen.claims.exp).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d UTC \d{4}$/);
  });

  test("claims of every type become strings as in the recorded event: a boolean, a number, the epoch dates [cognito-claims]", () => {
    const recorded = { email_verified: true, auth_time: 1513492092, exp: 1513495692, iat: 1513492092, token_use: "id" };
    expect(cognitoClaims(recorded)).toEqual({
      email_verified: "true",
      auth_time: "1513492092",
      exp: "Sun Dec 17 07:28:12 UTC 2017",
      iat: "Sun Dec 17 06:28:12 UTC 2017",
      token_use: "id",
    });
    expect(cognitoClaims({ exp: 1709251200 }).exp).toBe("Fri Mar 01 00:00:00 UTC 2024");
    expect(cognitoClaims({ "cognito:groups": ["admins", "editors"] })).toEqual({ "cognito:groups": "admins,editors" });
  });

  test("the REQUEST authorizer's event: pathParameters {} on a resource without any [authorizer-input]", async () => {
    expect((await get("/request", { "x-user": "u1" })).status).toBe(200);
    const event = invoker.calls.filter((c) => c.name === "auth").at(-1)?.event as Record<string, unknown>;
    expect(event).toMatchObject({
      type: "REQUEST",
      methodArn: "arn:aws:execute-api:us-east-1:123456789012:twinrest01/dev/GET/request",
      resource: "/request",
      path: "/request",
      httpMethod: "GET",
    });
    expect(event.pathParameters).toEqual({});
  });

  test("the authorizer runs before the API key is checked: its 401 comes first, an admitted caller without a key gets 403 [kc-logs]", async () => {
    const authCalls = () => invoker.calls.filter((c) => c.name === "auth").length;
    expect(await get("/keyed")).toEqual(UNAUTHORIZED);
    const before = authCalls();
    expect(await get("/keyed", { "x-user": "nobody" })).toEqual(UNAUTHORIZED);
    expect(await get("/keyed", { "x-user": "u1" })).toEqual({ status: 403, errorType: "ForbiddenException", body: '{"message":"Forbidden"}' });
    expect(authCalls()).toBe(before + 2);
  });

  test("an Authorization header that is no signature, on an unknown route or an IAM method: 403 IncompleteSignatureException [sigv4-parse]", async () => {
    const jwt = issuer.idToken("ada");
    const requires =
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
    const incomplete = (message: string) => ({ status: 403, errorType: "IncompleteSignatureException", body: JSON.stringify({ message }) });
    expect(await get("/nothing-here", { Authorization: jwt })).toEqual(incomplete(`${requires} Authorization=${jwt}`));
    expect(await get("/signed", { Authorization: jwt })).toEqual(incomplete(`${requires} Authorization=${jwt}`));
    const recorded = "x-api-key CTkrL5f5IxvMpX722zXivqnd1KU5VyoNBOFQFUUnf-E";
    const hashed = (await get("/nothing-here", { Authorization: recorded })).body;
    expect(hashed).toBe(
      '{"message":"Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): \'MZ1DdfK/poPwXem5nlPMS3OWGzSFtqzqMw4zpXXhXtM=\'."}',
    );
    expect(await get("/signed", { Authorization: "Bearer abc" })).toEqual(
      incomplete(
        "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): 'w1Xc6WwWEogNEZQP/dkBTThsJT4MNlKmzQanIm970rY='.",
      ),
    );
    const missing = { status: 403, errorType: "MissingAuthenticationTokenException", body: '{"message":"Missing Authentication Token"}' };
    expect(await get("/nothing-here")).toEqual(missing);
    expect(await get("/nothing-here", { Authorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/execute-api/aws4_request" })).toEqual(missing);
  });
});
