import { parseStackConfig } from "../../config";
import { identitySourceExpression } from "../../config/defaults";
import { ALL_FILES_EXIST as FILES, baseGateway, configProblems, PROJECT } from "../helpers/stack-config";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A valid stack with a pool, a Lambda authorizer, a resource policy, a caller role, an HTTP API and a WebSocket API. */
function withAccess(): Raw {
  const raw = baseGateway() as Raw;
  raw.tables.connections = { partitionKey: "connectionId", ttlAttribute: "expiresAt" };
  Object.assign(raw.functions, {
    restAuthorizer: { entry: "authorizer/token" },
    wsConnect: { entry: "websocket/connect", tables: { connections: "readwrite" } },
    wsDisconnect: { entry: "websocket/disconnect", tables: { connections: "readwrite" } },
    wsDefault: { entry: "websocket/default" },
  });
  raw.cognito = { resourceServer: { identifier: "gateway", scopes: { "items.read": "Read items" } } };
  raw.authorizers = { jwt: { function: "restAuthorizer", type: "TOKEN" } };
  raw.routes.push(
    { method: "GET", path: "/me", function: "hello", authorization: "lambda", authorizer: "jwt", aliasVariable: "lambdaAlias" },
    { method: "GET", path: "/catalog/{id}", function: "itemsGet", authorization: "cognito", scopes: ["gateway/items.read"] },
  );
  raw.resourcePolicy = { allowAccounts: ["210987654321"], denySourceIps: ["192.0.2.0/24"] };
  raw.callerRoles = { reader: { routes: ["GET /items/{id}"] } };
  raw.httpApi = {
    routes: [
      { method: "GET", path: "/items/{id}", function: "itemsGet", authorization: "jwt" },
      { method: "GET", path: "/hello", function: "hello", alias: "DEV", authorization: "none" },
    ],
    cors: { allowOrigins: ["https://app.example.com"] },
  };
  raw.websocket = {
    connectionsTable: "connections",
    routes: { $connect: { function: "wsConnect" }, $disconnect: { function: "wsDisconnect" }, $default: { function: "wsDefault", connections: ["POST"] } },
  };
  return raw;
}

function problemsOf(mutate: (raw: Raw) => void): readonly string[] {
  const raw = withAccess();
  mutate(raw);
  return configProblems(raw);
}

describe("access control: bad input named exactly", () => {
  test("the valid base is accepted, with its defaults", () => {
    const cfg = parseStackConfig({ project: PROJECT, stack: "dev" }, withAccess(), FILES);
    expect(cfg.authorizers.jwt).toEqual({
      name: "jwt",
      function: "restAuthorizer",
      type: "TOKEN",
      identitySources: ["method.request.header.Authorization"],
      resultTtlSeconds: 300,
    });
    expect(cfg.routes.find((r) => r.path === "/catalog/{id}")).toMatchObject({
      authorization: "cognito",
      scopes: ["gateway/items.read"],
      authorizer: undefined,
    });
    expect(cfg.callerRoles.reader).toEqual({ name: "reader", routes: [{ method: "GET", path: "/items/{id}" }], trustedPrincipals: undefined });
    expect(cfg.httpApi).toMatchObject({ name: "microservice-gateway-dev-http", jwt: "cognito", throttling: { rateLimit: 100, burstLimit: 200 } });
    expect(cfg.httpApi?.routes[1]).toEqual({
      method: "GET",
      path: "/hello",
      target: { kind: "function", function: "hello", alias: "DEV" },
      authorization: "none",
      scopes: [],
    });
  });

  const cases: [string, (raw: Raw) => void, string[]][] = [
    [
      "a cognito route without the pool",
      (r) => {
        delete r.cognito;
        r.functions.restAuthorizer.environment = { JWT_ISSUER: "https://issuer.example.com", JWT_AUDIENCE: "app" };
        delete r.httpApi;
      },
      ['gateway.routes[3].authorization: "cognito" needs gateway.cognito (the stack\'s user pool)'],
    ],
    [
      "a scope the resource server lacks",
      (r) => (r.routes[3].scopes = ["gateway/items.write"]),
      ['gateway.routes[3].scopes[0]: "gateway/items.write" is not a scope of gateway.cognito.resourceServer (scopes: gateway/items.read)'],
    ],
    ["scopes on a non-cognito route", (r) => (r.routes[1].scopes = ["gateway/items.read"]), ["gateway.routes[1].scopes: only a cognito route has scopes"]],
    [
      "a lambda route without its authorizer",
      (r) => delete r.routes[2].authorizer,
      ["gateway.routes[2].authorizer: is required for a lambda route (one of jwt)"],
    ],
    [
      "an unknown authorizer",
      (r) => (r.routes[2].authorizer = "oidc"),
      ['gateway.routes[2].authorizer: "oidc" is not an authorizer in gateway.authorizers (defined: jwt)'],
    ],
    ["an authorizer on a non-lambda route", (r) => (r.routes[1].authorizer = "jwt"), ["gateway.routes[1].authorizer: only a lambda route names an authorizer"]],
    [
      "a TOKEN authorizer with two identity sources",
      (r) => (r.authorizers.jwt.identitySources = ["header.Authorization", "querystring.token"]),
      ['gateway.authorizers.jwt.identitySources: a TOKEN authorizer reads exactly one header (e.g. ["header.Authorization"])'],
    ],
    [
      "an identity source API Gateway cannot read",
      (r) => Object.assign(r.authorizers.jwt, { type: "REQUEST", identitySources: ["cookie.session"] }),
      ['gateway.authorizers.jwt.identitySources[0]: "cookie.session" must be header.<Name>, querystring.<name>, stageVariables.<name> or context.<name>'],
    ],
    [
      "an authorizer named like another scheme",
      (r) => {
        r.authorizers = { sigv4: r.authorizers.jwt };
        r.routes[2].authorizer = "sigv4";
      },
      ['gateway.authorizers.sigv4: "sigv4" is reserved (sigv4, api_key, cognito name the document\'s other security schemes)'],
    ],
    [
      "an authorizer without a token issuer",
      (r) => {
        delete r.cognito;
        r.routes.splice(3, 1);
        delete r.httpApi;
      },
      [
        'gateway.authorizers.jwt.function: "restAuthorizer" needs a token issuer: set gateway.cognito (its tokens), or JWT_ISSUER and JWT_AUDIENCE in the function\'s environment',
      ],
    ],
    [
      "an internal route with a Lambda authorizer",
      (r) => {
        r.network = {};
        r.internalApi = {};
        r.routes[2].api = "internal";
      },
      ["gateway.routes[2].authorization: the internal API takes none or iam (its callers are inside the VPC, behind its resource policy)"],
    ],
    [
      "a malformed CIDR and account id in the resource policy",
      (r) => (r.resourcePolicy = { allowAccounts: ["12345"], denySourceIps: ["10.0.0.0/33"] }),
      [
        'gateway.resourcePolicy.allowAccounts[0]: "12345" is not a 12-digit AWS account id',
        'gateway.resourcePolicy.denySourceIps[0]: "10.0.0.0/33" is not an IPv4 or IPv6 CIDR block',
      ],
    ],
    [
      "a caller role for a route that does not exist",
      (r) => (r.callerRoles.reader.routes = ["GET /item/{id}"]),
      ['gateway.callerRoles.reader.routes[0]: "GET /item/{id}" is not a route of the public API in gateway.routes (write it as "METHOD /path")'],
    ],
    [
      "a caller role for a public route",
      (r) => (r.callerRoles.reader.routes = ["GET /hello"]),
      ['gateway.callerRoles.reader.routes[0]: "GET /hello" is not an iam route, so a role adds nothing to who may call it'],
    ],
    [
      "a caller role trusting something that is no account or role",
      (r) => (r.callerRoles.reader.trustedPrincipals = ["arn:aws:iam::123456789012:user/bob"]),
      ['gateway.callerRoles.reader.trustedPrincipals[0]: "arn:aws:iam::123456789012:user/bob" is not a 12-digit account id or an IAM role ARN'],
    ],
    [
      "an HTTP route with two targets",
      (r) => (r.httpApi.routes[0].url = "https://example.com"),
      ["gateway.httpApi.routes[0]: give exactly one of function, url or backend"],
    ],
    [
      "an HTTP route to an unknown function, alias and backend",
      (r) => {
        r.httpApi.routes[0].function = "itemGet";
        r.httpApi.routes[1].alias = "LIVE";
        r.httpApi.routes.push({ method: "ANY", path: "/svc/{proxy+}", backend: "svc", authorization: "jwt" });
      },
      [
        'gateway.httpApi.routes[0].function: "itemGet" is not a function in gateway.functions (defined: hello, itemsGet, restAuthorizer, wsConnect, wsDefault, wsDisconnect)',
        'gateway.httpApi.routes[1].alias: "LIVE" is not an alias of function "hello" (aliases: DEV, PROD, TEST)',
        'gateway.httpApi.routes[2].backend: "svc" is not a backend in gateway.backends (defined: none)',
      ],
    ],
    [
      "JWT routes without the pool or an issuer",
      (r) => {
        delete r.cognito;
        r.routes.splice(3, 1);
        r.functions.restAuthorizer.environment = { JWT_ISSUER: "https://issuer.example.com", JWT_AUDIENCE: "app" };
      },
      ['gateway.httpApi.jwt: "cognito" (the default for jwt routes) needs gateway.cognito; or give { issuer, audiences }'],
    ],
    [
      "credentials with any origin",
      (r) => (r.httpApi.cors = { allowOrigins: ["*"], allowCredentials: true }),
      [
        'gateway.httpApi.cors.allowCredentials: true is not allowed with the "*" origin (browsers and API Gateway refuse credentials for any origin); list the origins',
      ],
    ],
    [
      "an HTTP API base path without domains",
      (r) => (r.httpApi.domainBasePath = "http"),
      ["gateway.httpApi.domainBasePath: the stack has no gateway.domains to map the HTTP API on"],
    ],
    [
      "a WebSocket API without $default",
      (r) => delete r.websocket.routes.$default,
      ["gateway.websocket.routes: $default is required (the connection store needs $connect and $disconnect; $default answers unknown actions)"],
    ],
    [
      "@connections on $connect",
      (r) => (r.websocket.routes.$connect.connections = ["POST"]),
      ["gateway.websocket.routes.$connect.connections: $connect cannot use @connections (the connection is not open yet, or no longer)"],
    ],
    [
      "an unknown connection table",
      (r) => (r.websocket.connectionsTable = "conns"),
      ['gateway.websocket.connectionsTable: "conns" is not a table in gateway.tables (defined: connections, items)'],
    ],
    [
      "a bad action name",
      (r) => (r.websocket.routes["send-message"] = { function: "wsDefault" }),
      ['gateway.websocket.routes["send-message"]: route key must be $connect, $disconnect, $default or an action name matching [A-Za-z][A-Za-z0-9_]{0,63}'],
    ],
    [
      "an index on the table's own key",
      (r) => (r.tables.connections.indexes = { byId: { partitionKey: "connectionId" } }),
      ['gateway.tables.connections.indexes.byId.partitionKey: "connectionId" is the table\'s own key; an index needs another attribute'],
    ],
  ];

  test.each(cases)("%s", (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });
});

test("identity sources as API Gateway writes them", () => {
  expect(identitySourceExpression("header.Authorization")).toBe("method.request.header.Authorization");
  expect(identitySourceExpression("querystring.token")).toBe("method.request.querystring.token");
  expect(identitySourceExpression("stageVariables.key")).toBe("stageVariables.key");
  expect(identitySourceExpression("context.sourceIp")).toBe("context.sourceIp");
});
