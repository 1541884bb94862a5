import { GATEWAY_RESPONSES } from "../../components/rest-api/gateway-responses";
import { buildOpenApiDocument, documentationParts, openApiMethodKey, operationId } from "../../components/rest-api/openapi";
import type { ApiConfig } from "../../config";
import { routeConfig } from "../helpers/route-config";

const api: ApiConfig = {
  name: "shop-dev",
  description: "The shop",
  version: "2.1.0",
  endpointType: "REGIONAL",
  longIntegrationTimeouts: false,
  privateAccess: undefined,
  imported: undefined,
};
const uris = (...list: string[]) => list.map((uri) => ({ uri }));
const route = routeConfig;
const integration = (uri: string) => ({
  type: "aws_proxy",
  httpMethod: "POST",
  uri,
  passthroughBehavior: "when_no_match",
  timeoutInMillis: 29000,
});

describe("OpenAPI document", () => {
  test("routes become paths with Lambda proxy integrations and path parameters", () => {
    const doc = buildOpenApiDocument(
      api,
      [route("GET", "/items/{id}", { summary: "Get an item", description: "By id" }), route("POST", "/items")],
      uris("uri-get", "uri-post"),
    );
    expect(doc).toEqual({
      openapi: "3.0.1",
      info: { title: "shop-dev", version: "2.1.0", description: "The shop" },
      paths: {
        "/items": {
          post: {
            operationId: "postItems",
            security: [],
            responses: { default: { description: "The integration's response" } },
            "x-amazon-apigateway-integration": integration("uri-post"),
          },
        },
        "/items/{id}": {
          get: {
            operationId: "getItemsId",
            summary: "Get an item",
            description: "By id",
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            security: [],
            responses: { default: { description: "The integration's response" } },
            // A cached GET answer always depends on its path parameters.
            "x-amazon-apigateway-integration": { ...integration("uri-get"), cacheKeyParameters: ["method.request.path.id"] },
          },
        },
      },
      "x-amazon-apigateway-gateway-responses": GATEWAY_RESPONSES,
      "x-amazon-apigateway-documentation": {
        version: "2.1.0",
        documentationParts: [
          { location: { type: "API" }, properties: { description: "The shop" } },
          { location: { type: "METHOD", path: "/items/{id}", method: "GET" }, properties: { summary: "Get an item", description: "By id" } },
        ],
      },
    });
  });

  test("public routes declare `security: []`; IAM routes require the SigV4 scheme, declared once", () => {
    const doc = buildOpenApiDocument(api, [route("GET", "/a"), route("POST", "/a", { authorization: "iam" })], uris("1", "2"));
    expect(doc.paths["/a"]!.get!.security).toEqual([]);
    expect(doc.paths["/a"]!.post!.security).toEqual([{ sigv4: [] }]);
    expect(doc.components).toEqual({
      securitySchemes: { sigv4: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" } },
    });
    expect(buildOpenApiDocument(api, [route("GET", "/a")], uris("1")).components).toBeUndefined();
  });

  test("request validation: a body model, required parameters, the validator that checks them", () => {
    const create = route("POST", "/items", { validation: { body: "ItemCreate", mediaTypes: ["application/json"], queryStrings: [], headers: [] } });
    const patch = route("PATCH", "/items/{id}", {
      validation: { body: "ItemPatch", mediaTypes: ["application/json", "application/merge-patch+json"], queryStrings: ["dryRun"], headers: [] },
    });
    const list = route("GET", "/items", { validation: { body: undefined, mediaTypes: ["application/json"], queryStrings: [], headers: ["X-Tenant"] } });
    const doc = buildOpenApiDocument(api, [create, patch, list], uris("1", "2", "3")) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc["x-amazon-apigateway-request-validators"]).toEqual({
      all: { validateRequestBody: true, validateRequestParameters: true },
      "params-only": { validateRequestBody: false, validateRequestParameters: true },
      "body-only": { validateRequestBody: true, validateRequestParameters: false },
    });
    expect(doc.paths["/items"].post.requestBody).toEqual({
      content: { "application/json": { schema: { $ref: "#/components/schemas/ItemCreate" } } },
      required: true,
    });
    expect(doc.paths["/items"].post["x-amazon-apigateway-request-validator"]).toBe("body-only");
    expect(doc.paths["/items/{id}"].patch["x-amazon-apigateway-request-validator"]).toBe("all");
    expect(Object.keys(doc.paths["/items/{id}"].patch.requestBody.content)).toEqual(["application/json", "application/merge-patch+json"]);
    expect(doc.paths["/items/{id}"].patch.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" } },
      { name: "dryRun", in: "query", required: true, schema: { type: "string" } },
    ]);
    expect(doc.paths["/items"].get["x-amazon-apigateway-request-validator"]).toBe("params-only");
    expect(Object.keys(doc.components.schemas)).toEqual(["ItemCreate", "ItemPatch"]);
  });

  test("ANY is API Gateway's any-method extension; a greedy parameter is named without '+'", () => {
    const doc = buildOpenApiDocument(api, [route("ANY", "/proxy/{proxy+}")], uris("u"));
    const op = doc.paths["/proxy/{proxy+}"]!["x-amazon-apigateway-any-method"]!;
    expect(op.parameters).toEqual([{ name: "proxy", in: "path", required: true, schema: { type: "string" } }]);
    expect(op.operationId).toBe("anyProxyProxy");
  });

  test("the order routes are written in does not change the document", () => {
    const a = [route("GET", "/b"), route("POST", "/a"), route("GET", "/a")];
    const b = [a[2]!, a[0]!, a[1]!];
    const docA = buildOpenApiDocument(api, a, uris("1", "2", "3"));
    const docB = buildOpenApiDocument(api, b, uris("3", "1", "2"));
    expect(JSON.stringify(docA)).toBe(JSON.stringify(docB));
    expect(Object.keys(docA.paths)).toEqual(["/a", "/b"]);
    expect(Object.keys(docA.paths["/a"]!)).toEqual(["get", "post"]);
  });

  test("documentation parts: the API's description, then each documented method, in a stable order", () => {
    const routes = [route("POST", "/items", { summary: "Create" }), route("ANY", "/proxy", { description: "Everything else" }), route("GET", "/items")];
    expect(documentationParts(api, routes)).toEqual([
      { location: { type: "API" }, properties: { description: "The shop" } },
      { location: { type: "METHOD", path: "/items", method: "POST" }, properties: { summary: "Create" } },
      { location: { type: "METHOD", path: "/proxy", method: "*" }, properties: { description: "Everything else" } },
    ]);
    const doc = buildOpenApiDocument(api, routes, uris("1", "2", "3"));
    expect(doc["x-amazon-apigateway-documentation"]).toEqual({ version: "2.1.0", documentationParts: documentationParts(api, routes) });
  });

  test("an empty description is left out of info", () => {
    expect(buildOpenApiDocument({ ...api, description: "" }, [], []).info).toEqual({ title: "shop-dev", version: "2.1.0" });
  });

  test("a URI per route is required", () => {
    expect(() => buildOpenApiDocument(api, [route("GET", "/a")], [])).toThrow("expected 1 integration backends, got 0");
  });

  test("method keys and operation ids", () => {
    expect(openApiMethodKey("DELETE")).toBe("delete");
    expect(openApiMethodKey("ANY")).toBe("x-amazon-apigateway-any-method");
    expect(operationId("GET", "/")).toBe("getRoot");
    expect(operationId("PATCH", "/v1/order-lines/{lineId}")).toBe("patchV1OrderLinesLineId");
  });
});

test("the body models the config accepts are exactly the models there are", async () => {
  const { REQUEST_MODELS } = await import("../../config");
  const { REQUEST_MODEL_NAMES } = await import("../../components/rest-api/models");
  expect([...REQUEST_MODELS].sort()).toEqual([...REQUEST_MODEL_NAMES].sort());
});
