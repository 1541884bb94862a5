import { configWarnings } from "../../config";
import { restApiResourceCount } from "../../config/warnings";
import { baseGateway, parseForStack, stackFileGateway } from "../helpers/stack-config";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function warningsOf(mutate: (raw: Raw) => void): string[] {
  const raw = baseGateway() as Raw;
  mutate(raw);
  return configWarnings(parseForStack("dev", raw));
}

test("the shipped stacks and the base config have no warnings", () => {
  expect(configWarnings(parseForStack("dev", stackFileGateway("dev")))).toEqual([]);
  expect(configWarnings(parseForStack("prod", stackFileGateway("prod")))).toEqual([]);
  expect(warningsOf(() => {})).toEqual([]);
});

// Source: "Throttle requests to your REST APIs for better throughput in API Gateway" (token bucket;
// the burst is the bucket's size) and "Throttling requests to your HTTP API".
describe("a burst below the rate is accepted by AWS but warned about", () => {
  const tail = (burst: number, rate: number) =>
    `burstLimit ${burst} is below rateLimit ${rate}; the burst is the size of API Gateway's token bucket, so at most ${burst} requests pass at once and ${rate} per second is reached only by evenly spaced requests (set burstLimit to at least ${rate})`;

  test("on a stage, also when the burst is the default 200 under a higher rate", () => {
    expect(warningsOf((r) => (r.stages.dev.throttling = { rateLimit: 500 }))).toEqual([`gateway.stages.dev.throttling: ${tail(200, 500)}`]);
  });

  test("on a route, a usage plan, a plan's method and the HTTP API", () => {
    expect(
      warningsOf((r) => {
        r.routes[1].throttling = { rateLimit: 50, burstLimit: 10 };
        r.usagePlans = {
          partners: { stages: ["dev"], throttle: { rateLimit: 20, burstLimit: 5 }, methodThrottles: { "GET /hello": { rateLimit: 8, burstLimit: 4 } } },
        };
        r.httpApi = { routes: [{ method: "GET", path: "/hello", function: "hello", authorization: "none" }], throttling: { rateLimit: 30, burstLimit: 3 } };
      }),
    ).toEqual([
      `gateway.routes[1].throttling: ${tail(10, 50)}`,
      `gateway.usagePlans.partners.throttle: ${tail(5, 20)}`,
      `gateway.usagePlans.partners.methodThrottles["GET /hello"]: ${tail(4, 8)}`,
      `gateway.httpApi.throttling: ${tail(3, 30)}`,
    ]);
  });

  test("a burst equal to the rate is not warned about", () => {
    expect(warningsOf((r) => (r.stages.dev.throttling = { rateLimit: 50, burstLimit: 50 }))).toEqual([]);
  });
});

// Source: "Quotas for configuring and running a REST API in API Gateway": integration timeout
// 50 ms to 29 s; Lambda's own timeout goes to 900 s.
describe("a function that may run longer than its REST route waits", () => {
  test("the default 29 s route timeout", () => {
    expect(warningsOf((r) => (r.functions.itemsGet.timeoutSeconds = 30))).toEqual([
      "gateway.functions.itemsGet.timeoutSeconds: 30 s is longer than the 29000 ms integration timeout of GET /items/{id} (gateway.routes[1]); API Gateway answers 504 after 29 s while the function may run on, and be billed, for up to 30 s",
    ]);
  });

  test("a route's shorter timeout, through a lambda integration too; 29 s exactly is fine", () => {
    expect(warningsOf((r) => (r.functions.itemsGet.timeoutSeconds = 29))).toEqual([]);
    expect(
      warningsOf((r) => {
        r.functions.itemsGet.timeoutSeconds = 12;
        r.routes[1].timeoutMs = 10000;
        r.routes.push({ method: "POST", path: "/items", authorization: "iam", timeoutMs: 5000, integration: { type: "lambda", function: "itemsGet" } });
      }),
    ).toEqual([
      "gateway.functions.itemsGet.timeoutSeconds: 12 s is longer than the 10000 ms integration timeout of GET /items/{id} (gateway.routes[1]); API Gateway answers 504 after 10 s while the function may run on, and be billed, for up to 12 s",
      "gateway.functions.itemsGet.timeoutSeconds: 12 s is longer than the 5000 ms integration timeout of POST /items (gateway.routes[2]); API Gateway answers 504 after 5 s while the function may run on, and be billed, for up to 12 s",
    ]);
  });
});

// Source: "Quotas for configuring and running a REST API in API Gateway": Resources per API, 300 (can be increased).
describe("more resources than the default quota of 300 per REST API", () => {
  test("resources are distinct paths with their parents and the root", () => {
    expect(restApiResourceCount([])).toBe(1);
    expect(restApiResourceCount(["/"])).toBe(1);
    expect(restApiResourceCount(["/items", "/items/{id}", "/items/{itemId}/tags", "/a/b/c"])).toBe(7);
  });

  test("301 resources warn, 300 do not", () => {
    const routes = (n: number) => Array.from({ length: n }, (_, i) => ({ method: "GET", path: `/r${i}`, function: "itemsGet", authorization: "none" }));
    // The root, /hello, /items, /items/{id}: 4; 296 more make 300.
    expect(warningsOf((r) => r.routes.push(...routes(296)))).toEqual([]);
    expect(warningsOf((r) => r.routes.push(...routes(297)))).toEqual([
      "gateway.routes: the public REST API would have 301 resources (each distinct path, its parent paths and the root /); API Gateway's default quota is 300 resources per REST API, so request an increase (Service Quotas) before deploying",
    ]);
  });
});

// Source: AWS, "Configuring CORS for an HTTP API" ($default and ANY routes catch OPTIONS requests; "To support
// unauthorized OPTIONS requests, add an OPTIONS /{proxy+} route to your API that doesn't require authorization").
describe("an HTTP API with CORS whose ANY route requires authorization", () => {
  const withRoutes = (routes: Raw[], cors = true) =>
    warningsOf((r) => {
      r.httpApi = {
        routes,
        jwt: { issuer: "https://issuer.example.com", audiences: ["app"] },
        ...(cors ? { cors: { allowOrigins: ["https://app.example.com"] } } : {}),
      };
    });
  const anyJwt = { method: "ANY", path: "/svc/{proxy+}", function: "hello", authorization: "jwt" };

  test("is warned about: browsers' preflights would meet the authorizer", () => {
    expect(withRoutes([anyJwt])).toEqual([
      'gateway.httpApi.routes[0]: ANY /svc/{proxy+} requires authorization (jwt) on an HTTP API with CORS: a browser\'s preflight (OPTIONS, sent without credentials) reaches this route and its authorizer refuses it, so browsers refuse the call; add a route { method: OPTIONS, path: "/svc/{proxy+}", authorization: none } with an integration',
    ]);
  });

  test("is not, with an unauthorized OPTIONS route of the same path, without CORS, or for an ANY route without authorization", () => {
    expect(withRoutes([anyJwt, { method: "OPTIONS", path: "/svc/{proxy+}", function: "hello", authorization: "none" }])).toEqual([]);
    expect(withRoutes([anyJwt], false)).toEqual([]);
    expect(withRoutes([{ ...anyJwt, authorization: "none" }])).toEqual([]);
    expect(withRoutes([anyJwt, { method: "OPTIONS", path: "/other/{proxy+}", function: "hello", authorization: "none" }])).toHaveLength(1);
  });
});
