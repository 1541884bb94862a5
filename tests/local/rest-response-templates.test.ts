import { rawRequest, restApiFrom, scriptedInvoker, serveRest, type RestHarness } from "./rest-harness";

/**
 * Which of an integration response's templates maps the answer, by the request's Accept header. Source:
 * AWS, "Amazon API Gateway API request and response data mapping reference", Select a VTL mapping
 * template: "For a response payload, API Gateway uses the incoming request's Accept header value as the
 * key to select the mapping template"; "When the Accept header is not specified in the request, API
 * Gateway assumes that its default value is application/json ... If no template is defined for
 * application/json, API Gateway selects the first existing template and uses it as the default ...
 * Similarly, API Gateway uses the first existing template when the specified Accept header value does not
 * match any existing template key"; "Only the MIME type is used from the Accept and Content-Type headers
 * when selecting a mapping template"; and its example: with only an application/xml response template, a
 * request without `Accept: application/xml` is mapped by it too.
 */

const mockRoute = (responseTemplates: Record<string, string>) => ({
  get: {
    security: [],
    "x-amazon-apigateway-integration": {
      type: "mock",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      responses: { default: { statusCode: "200", responseTemplates } },
    },
  },
});

const JSON_BODY = '{"via": "json"}';
const XML_BODY = "<via>xml</via>";
const HTML_BODY = "<p>html</p>";

const document = {
  openapi: "3.0.1",
  paths: {
    "/both": mockRoute({ "application/xml": XML_BODY, "application/json": JSON_BODY }),
    "/no-json": mockRoute({ "application/xml": XML_BODY, "text/html": HTML_BODY }),
    "/xml-only": mockRoute({ "application/xml": XML_BODY }),
  },
};

describe("response templates chosen by the request's Accept header", () => {
  let rest: RestHarness;
  beforeAll(async () => {
    rest = await serveRest(restApiFrom(document), scriptedInvoker({}));
  });
  afterAll(() => rest.close());

  const get = async (path: string, accept: string | undefined) => {
    const res = await rawRequest(`${rest.url}${path}`, { headers: accept === undefined ? {} : { accept } });
    return { status: res.status, body: res.text };
  };

  test.each<[string, string | undefined, string]>([
    // The template keyed by the Accept's media type.
    ["/both", "application/xml", XML_BODY],
    ["/both", "application/json", JSON_BODY],
    ["/no-json", "text/html", HTML_BODY],
    // Only the MIME type counts.
    ["/both", "application/xml; charset=UTF-8", XML_BODY],
    // No Accept: application/json's template, else the first.
    ["/both", undefined, JSON_BODY],
    ["/no-json", undefined, XML_BODY],
    ["/xml-only", undefined, XML_BODY],
    // An Accept no template is keyed by: the first template.
    ["/both", "text/plain", XML_BODY],
    ["/both", "*/*", XML_BODY],
    ["/no-json", "application/json", XML_BODY],
  ])("GET %s with Accept %s", async (path, accept, body) => {
    expect(await get(path, accept)).toEqual({ status: 200, body });
  });
});
