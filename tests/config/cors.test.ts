import { parseStackConfig } from "../../config";
import { ALL_FILES_EXIST as FILES, baseGateway, configProblems, PROJECT } from "../helpers/stack-config";

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The base stack with api.cors for one browser app, a mock route and an HTTP route with templates. */
function withCors(): Raw {
  const raw = baseGateway() as Raw;
  raw.api = { cors: { allowOrigins: ["https://app.example.com"], exposeHeaders: ["ETag"], maxAgeSeconds: 600 } };
  raw.routes.push(
    { method: "GET", path: "/examples/{id}", authorization: "none", integration: { type: "mock" } },
    {
      method: "POST",
      path: "/quotes",
      authorization: "none",
      integration: { type: "http", url: "https://legacy.example.com/q", responseTemplate: "soap-to-json-response.vtl" },
    },
  );
  return raw;
}

const parse = (raw: Raw) => parseStackConfig({ project: PROJECT, stack: "dev" }, raw, FILES);

function problemsOf(mutate: (raw: Raw) => void): readonly string[] {
  const raw = withCors();
  mutate(raw);
  return configProblems(raw);
}

describe("REST API CORS: defaults", () => {
  test("api.cors reaches every public route, with AWS's request headers allowed by default", () => {
    const cfg = parse(withCors());
    const expected = {
      allowOrigins: ["https://app.example.com"],
      allowMethods: undefined,
      // AWS, "Enable CORS on a resource using the API Gateway import API" (and SigV4's session token).
      allowHeaders: ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"],
      exposeHeaders: ["ETag"],
      maxAgeSeconds: 600,
      allowCredentials: false,
    };
    expect(cfg.routes.map((r) => [r.method, r.path, r.cors])).toEqual([
      ["GET", "/hello", expected],
      ["GET", "/items/{id}", expected],
      ["GET", "/examples/{id}", expected],
      ["POST", "/quotes", expected],
    ]);
  });

  test("a route opts out with cors: false, or changes the fields it gives; internal routes have none", () => {
    const raw = withCors();
    raw.routes[0].cors = false;
    raw.routes[1].cors = { allowOrigins: ["https://admin.example.com"], allowCredentials: true, maxAgeSeconds: 0 };
    raw.internalApi = {};
    raw.network = {};
    raw.routes.push({ api: "internal", method: "GET", path: "/inside", authorization: "none", integration: { type: "mock" } });
    const cfg = parse(raw);
    expect(cfg.routes[0]!.cors).toBeUndefined();
    expect(cfg.routes[1]!.cors).toEqual({
      allowOrigins: ["https://admin.example.com"],
      allowMethods: undefined,
      allowHeaders: ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"],
      exposeHeaders: ["ETag"],
      maxAgeSeconds: 0,
      allowCredentials: true,
    });
    expect(cfg.routes[4]!.cors).toBeUndefined();
  });

  test("without api.cors a route can enable CORS by itself; the others have none", () => {
    const raw = baseGateway() as Raw;
    raw.routes[0].cors = { allowOrigins: ["*"], allowMethods: ["GET"] };
    const cfg = parse(raw);
    expect(cfg.routes.map((r) => r.cors?.allowOrigins)).toEqual([["*"], undefined]);
  });
});

describe("REST API CORS: what browsers and API Gateway would refuse, named exactly", () => {
  const cases: [string, (raw: Raw) => void, string[]][] = [
    // Fetch standard, CORS check; MDN, "Access-Control-Allow-Origin": credentials are never shared with "*".
    [
      "credentials with the * origin",
      (r) => (r.api.cors = { allowOrigins: ["*"], allowCredentials: true }),
      [
        'gateway.api.cors.allowCredentials: true is not allowed with the "*" origin: browsers refuse a credentialed answer whose Access-Control-Allow-Origin is "*" (Fetch standard, CORS check); list the origins',
      ],
    ],
    // MDN, "Access-Control-Allow-Methods": with credentials "*" is "the literal method name".
    [
      "credentials with * methods and headers",
      (r) => Object.assign(r.api.cors, { allowCredentials: true, allowMethods: ["*"], allowHeaders: ["*"] }),
      [
        'gateway.api.cors.allowMethods: "*" with allowCredentials true is the literal name "*", not a wildcard, in a credentialed request (Fetch standard; MDN, "Access-Control-Allow-Methods"); list the names',
        'gateway.api.cors.allowHeaders: "*" with allowCredentials true is the literal name "*", not a wildcard, in a credentialed request (Fetch standard; MDN, "Access-Control-Allow-Methods"); list the names',
      ],
    ],
    [
      "a route turning credentials on under the API's * origin",
      (r) => {
        r.api.cors = { allowOrigins: ["*"] };
        r.routes[0].cors = { allowCredentials: true };
      },
      [
        'gateway.routes[0].cors.allowCredentials: true is not allowed with the "*" origin: browsers refuse a credentialed answer whose Access-Control-Allow-Origin is "*" (Fetch standard, CORS check); list the origins',
      ],
    ],
    [
      "origins that are not scheme://host[:port]",
      (r) => (r.api.cors.allowOrigins = ["app.example.com", "https://app.example.com/", "https://App.example.com", "*"]),
      [
        'gateway.api.cors.allowOrigins[0]: "app.example.com" is not "*" or an origin scheme://host[:port] (http or https, a lowercase host, no path), e.g. https://app.example.com or http://localhost:3000',
        'gateway.api.cors.allowOrigins[1]: "https://app.example.com/" is not "*" or an origin scheme://host[:port] (http or https, a lowercase host, no path), e.g. https://app.example.com or http://localhost:3000',
        'gateway.api.cors.allowOrigins[2]: "https://App.example.com" is not "*" or an origin scheme://host[:port] (http or https, a lowercase host, no path), e.g. https://app.example.com or http://localhost:3000',
        'gateway.api.cors.allowOrigins: "*" must be the only origin when given',
      ],
    ],
    [
      "a repeated origin",
      (r) => (r.api.cors.allowOrigins = ["https://app.example.com", "https://app.example.com"]),
      ['gateway.api.cors.allowOrigins[1]: "https://app.example.com" repeats allowOrigins[0]'],
    ],
    ["no origins", (r) => (r.api.cors.allowOrigins = []), ["gateway.api.cors.allowOrigins: has 0 items; at least 1 required"]],
    [
      "unknown methods, and * among others",
      (r) => (r.api.cors.allowMethods = ["GET", "FETCH", "ANY", "*"]),
      [
        'gateway.api.cors.allowMethods[1]: "FETCH" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, *',
        'gateway.api.cors.allowMethods[2]: "ANY" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, *',
        'gateway.api.cors.allowMethods: "*" must be the only method when given',
      ],
    ],
    [
      "a header that is no header name",
      (r) => (r.api.cors.exposeHeaders = ["X Total"]),
      ['gateway.api.cors.exposeHeaders[0]: "X Total" is not a header name or "*"'],
    ],
    // Firefox caps a preflight's cache at 86400 s (MDN, "Access-Control-Max-Age"); the HTTP API allows the same.
    ["a max age over a day", (r) => (r.api.cors.maxAgeSeconds = 86401), ["gateway.api.cors.maxAgeSeconds: 86401 is above the maximum 86400"]],
    ["a negative max age", (r) => (r.api.cors.maxAgeSeconds = -1), ["gateway.api.cors.maxAgeSeconds: -1 is below the minimum 0"]],
    ["a route's cors that is neither false nor an object", (r) => (r.routes[0].cors = true), ["gateway.routes[0].cors: true is not false or an object"]],
    [
      "a misspelt field of a route's cors",
      (r) => (r.routes[0].cors = { allowOrigin: ["https://a.example.com"] }),
      [
        "gateway.routes[0].cors.allowOrigin: unknown key; allowed keys at gateway.routes[0].cors: allowOrigins, allowMethods, allowHeaders, exposeHeaders, maxAgeSeconds, allowCredentials",
      ],
    ],
    [
      "a route's cors without origins when the API has none",
      (r) => {
        delete r.api;
        r.routes[0].cors = { maxAgeSeconds: 60 };
      },
      ["gateway.routes[0].cors.allowOrigins: is required, since gateway.api.cors is not set"],
    ],
    [
      "cors on an internal route",
      (r) => {
        r.internalApi = {};
        r.network = {};
        r.routes.push({
          api: "internal",
          method: "GET",
          path: "/inside",
          authorization: "none",
          integration: { type: "mock" },
          cors: { allowOrigins: ["https://a.example.com"] },
        });
      },
      ["gateway.routes[4].cors: the internal API answers callers inside the VPC and has no CORS; api.cors and routes' cors are the public API's"],
    ],
    [
      "the program's CORS variables set by hand",
      (r) => (r.functions.hello.environment = { CORS_ALLOW_ORIGINS: "*" }),
      [
        "gateway.functions.hello.environment.CORS_ALLOW_ORIGINS: the program sets it from the CORS of the function's routes (api.cors, routes[].cors); remove it",
      ],
    ],
  ];

  test.each(cases)("%s", (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });
});

describe("REST API CORS: what one preflight per path and one function environment cannot answer", () => {
  const cases: [string, (raw: Raw) => void, string[]][] = [
    [
      "two routes of a path asking different preflights",
      (r) => {
        r.routes.push({
          method: "DELETE",
          path: "/items/{id}",
          function: "itemsGet",
          authorization: "iam",
          cors: { allowHeaders: ["Authorization"], maxAgeSeconds: 60 },
        });
      },
      [
        "gateway.routes[4].cors: DELETE /items/{id} shares the CORS preflight of /items/{id} with GET /items/{id} (gateway.routes[1]), so they must agree on allowOrigins, allowMethods, allowHeaders, maxAgeSeconds, allowCredentials (they differ in allowHeaders, maxAgeSeconds)",
      ],
    ],
    [
      "an OPTIONS route on a CORS path",
      (r) => {
        r.routes.push({ method: "OPTIONS", path: "/items/{id}", authorization: "none", integration: { type: "mock" }, cors: false });
      },
      [
        "gateway.routes[4]: OPTIONS /items/{id} is the method API Gateway answers the CORS preflight of /items/{id} with (GET /items/{id}, gateway.routes[1], has CORS); give the path's routes cors: false, or remove this route",
      ],
    ],
    // A Lambda proxy integration passes the function's headers (AWS, "CORS for REST APIs in API Gateway").
    [
      "one function behind routes with different CORS",
      (r) => {
        r.routes.push({
          method: "GET",
          path: "/catalog/{id}",
          function: "itemsGet",
          authorization: "none",
          cors: { allowOrigins: ["https://partner.example.com"] },
        });
      },
      [
        'gateway.routes[4].cors: GET /catalog/{id} and GET /items/{id} (gateway.routes[1]) invoke function "itemsGet", which sends the CORS headers of its Lambda proxy routes itself (AWS: a proxy integration returns the backend\'s headers), from one environment; they must agree on allowOrigins, exposeHeaders, allowCredentials (they differ in allowOrigins)',
      ],
    ],
    [
      "one function behind a CORS route and an opted-out one",
      (r) => {
        r.routes.push({ method: "GET", path: "/catalog/{id}", function: "itemsGet", authorization: "none", cors: false });
      },
      [
        'gateway.routes[4].cors: GET /catalog/{id} and GET /items/{id} (gateway.routes[1]) invoke function "itemsGet", which sends the CORS headers of its Lambda proxy routes itself (AWS: a proxy integration returns the backend\'s headers), from one environment; they must agree on allowOrigins, exposeHeaders, allowCredentials (GET /items/{id} has CORS and the other not)',
      ],
    ],
    // Only a mapping template can choose the header ("Override your API's request and response parameters and status codes").
    [
      "several origins with answers no template can shape",
      (r) => {
        r.api.cors.allowOrigins = ["https://app.example.com", "https://admin.example.com"];
        r.buckets = { docs: {} };
        r.routes.push(
          { method: "GET", path: "/docs/{key+}", authorization: "none", integration: { type: "s3", bucket: "docs" } },
          {
            method: "GET",
            path: "/search",
            authorization: "none",
            integration: { type: "http", url: "https://search.example.com/s", responses: [{ selectionPattern: "5\\d{2}", statusCode: 502 }] },
          },
        );
      },
      [
        'gateway.routes[4].integration.type: an S3 route answers the object as S3 sends it, without a mapping template, and with several CORS origins (https://app.example.com, https://admin.example.com) only a template can answer the caller\'s own Origin (a static Access-Control-Allow-Origin names one); give a template, one origin or "*", or cors: false',
        'gateway.routes[5].integration.responseTemplate: this response has no mapping template, and with several CORS origins (https://app.example.com, https://admin.example.com) only a template can answer the caller\'s own Origin (a static Access-Control-Allow-Origin names one); give a template, one origin or "*", or cors: false',
        'gateway.routes[5].integration.responses[0].template: this response has no mapping template, and with several CORS origins (https://app.example.com, https://admin.example.com) only a template can answer the caller\'s own Origin (a static Access-Control-Allow-Origin names one); give a template, one origin or "*", or cors: false',
      ],
    ],
  ];

  test.each(cases)("%s", (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expected);
  });

  test("several origins are accepted on mock, templated and proxy routes", () => {
    const raw = withCors();
    raw.api.cors.allowOrigins = ["https://app.example.com", "https://admin.example.com"];
    expect(parse(raw).routes.map((r) => r.cors?.allowOrigins.length)).toEqual([2, 2, 2, 2]);
  });

  test("an imported OPTIONS on a CORS path is refused; elsewhere it is the file's", () => {
    const raw = withCors();
    raw.api.openApiFile = "openapi/legacy.yaml";
    const paths = { "/items/{itemId}": { options: {} }, "/legacy": { options: {} } };
    const readOpenApi = () => ({ document: { file: "openapi/legacy.yaml", paths, components: {} } });
    let problems: readonly string[] = [];
    try {
      parseStackConfig({ project: PROJECT, stack: "dev" }, raw, { ...FILES, readOpenApi });
    } catch (err) {
      problems = (err as { problems: readonly string[] }).problems;
    }
    expect(problems).toEqual([
      "gateway.api.openApiFile: OPTIONS /items/{itemId} in openapi/legacy.yaml is the CORS preflight of GET /items/{id}, which the document answers itself; remove it, or give the path's routes cors: false",
    ]);
  });
});
