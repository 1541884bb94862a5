import { policyAllows, stageVariablesFor, substituteStageVariables } from "../../local/rest-api";
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


describe("stage variables, canary split and authorizer policies (pure)", () => {
  const stage = { name: "prod", variables: { lambdaAlias: "PROD", host: "a" }, canary: { percentTraffic: 5, variables: { lambdaAlias: "NEXT" } } };

  test("5 % of draws go to the canary, whose overrides replace the stage's variables", () => {
    expect(stageVariablesFor(stage, 0.049)).toEqual({ variables: { lambdaAlias: "NEXT", host: "a" }, canary: true });
    expect(stageVariablesFor(stage, 0.05)).toEqual({ variables: { lambdaAlias: "PROD", host: "a" }, canary: false });
    expect(stageVariablesFor({ ...stage, canary: undefined }, 0)).toEqual({ variables: stage.variables, canary: false });
  });

  test("${stageVariables.x} is replaced; an unknown one becomes empty", () => {
    expect(substituteStageVariables("fn:${stageVariables.lambdaAlias}/${stageVariables.none}", stage.variables)).toBe("fn:PROD/");
  });

  test("an authorizer policy allows the method when an Allow matches and no Deny does", () => {
    const arn = "arn:aws:execute-api:us-east-1:1:api/dev/GET/items/1";
    const allow = (resource: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: resource }] });
    expect(policyAllows(allow("arn:aws:execute-api:us-east-1:1:api/dev/*/*"), arn)).toBe(true);
    expect(policyAllows(allow("arn:aws:execute-api:us-east-1:1:api/test/*/*"), arn)).toBe(false);
    expect(policyAllows({ Statement: [...allow("*").Statement, { Effect: "Deny", Action: "execute-api:Invoke", Resource: arn }] }, arn)).toBe(false);
    expect(policyAllows(undefined, arn)).toBe(false);
  });
});
