import { ANY_METHOD_KEY, matchRoute } from "../../local/rest-routes";

const op = (name: string) => ({ operationId: name });
const PATHS = {
  "/items": { get: op("list"), post: op("create") },
  "/items/{id}": { get: op("get"), delete: op("delete") },
  "/items/special": { get: op("special") },
  "/docs/{key+}": { get: op("doc") },
  "/partners/{proxy+}": { [ANY_METHOD_KEY]: op("partners") },
  "/partners/status": { get: op("status") },
  "/": { get: op("root") },
};

describe("REST route matching, as API Gateway picks the most specific resource", () => {
  test.each([
    ["GET", "/items", "/items", "list", {}],
    ["GET", "/items/42", "/items/{id}", "get", { id: "42" }],
    ["GET", "/items/special", "/items/special", "special", {}],
    ["DELETE", "/items/a%20b", "/items/{id}", "delete", { id: "a b" }],
    ["GET", "/docs/guide/intro.html", "/docs/{key+}", "doc", { key: "guide/intro.html" }],
    ["PATCH", "/partners/a/b", "/partners/{proxy+}", "partners", { proxy: "a/b" }],
    ["GET", "/partners/status", "/partners/status", "status", {}],
    ["POST", "/partners/status", "/partners/{proxy+}", "partners", { proxy: "status" }],
    ["GET", "/", "/", "root", {}],
  ])("%s %s → %s", (method, path, resource, operationId, params) => {
    const match = matchRoute(PATHS, method, path);
    expect(match && { resource: match.resource, operationId: match.operation.operationId, params: match.pathParameters }).toEqual({ resource, operationId, params });
  });

  test.each([
    ["PUT", "/items"],
    ["GET", "/items/1/2"],
    ["GET", "/docs"],
    ["GET", "/nothing"],
  ])("%s %s matches nothing", (method, path) => {
    expect(matchRoute(PATHS, method, path)).toBeUndefined();
  });
});
