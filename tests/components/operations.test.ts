import { apiOperations } from "../../components/rest-api/operations";
import type { ImportedOpenApi } from "../../config/openapi-import";
import { routeConfig } from "../helpers/route-config";

describe("the API's methods, for its resource policy", () => {
  test("routes keep their method and path; only iam is IAM-authorized", () => {
    const routes = [routeConfig("GET", "/hello"), routeConfig("ANY", "/s/{proxy+}", { authorization: "iam" })];
    expect(apiOperations(routes, undefined)).toEqual([
      { method: "GET", path: "/hello", iam: false },
      { method: "ANY", path: "/s/{proxy+}", iam: true },
    ]);
  });

  test("an imported operation is IAM-authorized when a security requirement names an awsSigv4 scheme (API Gateway's x-amazon-apigateway-authtype)", () => {
    const imported: ImportedOpenApi = {
      file: "legacy.yaml",
      paths: {
        "/legacy": { get: { security: [{ signed: [] }] }, post: { security: [{ key: [] }] }, "x-amazon-apigateway-any-method": {} },
        "/other": { delete: { security: [{ key: [] }, { signed: [] }] } },
      },
      components: {
        securitySchemes: {
          signed: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
          key: { type: "apiKey", name: "x-api-key", in: "header" },
        },
      },
    };
    expect(apiOperations([], imported)).toEqual([
      { method: "GET", path: "/legacy", iam: true },
      { method: "POST", path: "/legacy", iam: false },
      { method: "ANY", path: "/legacy", iam: false },
      { method: "DELETE", path: "/other", iam: true },
    ]);
  });
});
